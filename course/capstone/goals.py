"""The goals a learner sets in lesson 10, checked as they arrive from the page: each horizon's goal,
its competency domain and the next action, and who will help. Pure functions, no widgets.
`content` is the catalog's development plan (course.schema.development_plan.PlanContent), `horizon` one of its horizons.
"""
from __future__ import annotations

from dataclasses import dataclass

from course.text import clean_text

GOAL_MIN, GOAL_MAX = 5, 200
ACTION_MIN, ACTION_MAX = 5, 300
SUPPORTERS_MAX = 300


def validate_goal(entry, horizon, domains) -> tuple[dict | None, list[str]]:
    """One horizon's goal from the page: ({"goal", "domain", "action"}, []) when complete; (None, [])
    when left blank; (None, what each field needs, naming the horizon) when filled in part.
    Raises ValueError for what no honest page sends (not text, or a domain the form does not offer)."""
    if not isinstance(entry, dict):
        raise ValueError("The goals could not be read.")
    goal_raw, action_raw, domain = entry.get("goal", ""), entry.get("action", ""), entry.get("domain")
    if not isinstance(goal_raw, str) or not isinstance(action_raw, str) or \
            (domain is not None and not isinstance(domain, str)):
        raise ValueError("The goals could not be read.")
    goal, action, domain = clean_text(goal_raw), clean_text(action_raw), domain or None
    if not goal and not action and domain is None:
        return None, []  # a horizon left blank
    if domain is not None and domain not in domains:
        raise ValueError("That competency domain is not one the form offers.")
    where, problems = horizon.label, []
    if len(goal) < GOAL_MIN:
        problems.append(f"{where}: write the goal in a few words.")
    elif len(goal) > GOAL_MAX:
        problems.append(f"{where}: keep the goal under {GOAL_MAX} characters (now {len(goal)}).")
    if domain is None:
        problems.append(f"{where}: choose the competency domain it builds.")
    if len(action) < ACTION_MIN:
        problems.append(f"{where}: write the next action you will take.")
    elif len(action) > ACTION_MAX:
        problems.append(f"{where}: keep the next action under {ACTION_MAX} characters (now {len(action)}).")
    return (None, problems) if problems else ({"goal": goal, "domain": domain, "action": action}, [])


def _supporters(raw) -> tuple[str | None, str | None]:
    """(the cleaned "who will help" text, None) or (None, what to fix)."""
    value = raw.get("supporters", "")
    if not isinstance(value, str):
        raise ValueError("The goals could not be read.")
    text = clean_text(value)
    if len(text) > SUPPORTERS_MAX:
        return None, f"Keep “who will help” under {SUPPORTERS_MAX} characters (now {len(text)})."
    return text, None


@dataclass(frozen=True)
class GoalsChecked:
    """The page's goals sorted out horizon by horizon: each complete one can be saved on its own."""
    complete: dict  # horizon id -> {"goal", "domain", "action"}
    incomplete: dict  # horizon id -> what that horizon needs (sentences naming the horizon)
    supporters: str | None  # None when it needs fixing (supporters_problem says why)
    supporters_problem: str | None = None

    @property
    def problems(self) -> list[str]:
        found = [p for hz in self.incomplete.values() for p in hz]
        return found + ([self.supporters_problem] if self.supporters_problem else [])


def check_goals(raw, content, domains) -> GoalsChecked:
    """Every horizon of the page checked on its own. Raises ValueError for a tampered page."""
    if not isinstance(raw, dict) or not isinstance(raw.get("goals", {}), dict):
        raise ValueError("The goals could not be read.")
    goals_in = raw.get("goals", {})
    if any(k not in {h.id for h in content.horizons} for k in goals_in):
        raise ValueError("A goal came for a horizon this plan does not have.")
    complete, incomplete = {}, {}
    for horizon in content.horizons:
        if horizon.id not in goals_in:
            continue
        clean, problems = validate_goal(goals_in[horizon.id], horizon, domains)
        if clean:
            complete[horizon.id] = clean
        elif problems:
            incomplete[horizon.id] = problems
    supporters, problem = _supporters(raw)
    return GoalsChecked(complete, incomplete, supporters, problem)


def validate_goals(raw, content, domains, *, stored: bool = False) -> tuple[dict | None, list[str]]:
    """({"goals": {horizon: {"goal", "domain", "action"}}, "supporters": str}, []) or (None, problems).

    All or nothing: every horizon filled in must be complete, and at least one must be. `stored=True`
    re-reads a saved plan: horizons or domains that no longer fit the content are dropped quietly, so
    old plans still open. (The page saves horizon by horizon with check_goals.)
    """
    if not stored:
        try:
            checked = check_goals(raw, content, domains)
        except ValueError as exc:
            return None, [str(exc)]
        if checked.problems:
            return None, checked.problems
        if not checked.complete:
            return None, ["Set at least one goal first: a goal, its domain and the next action."]
        return {"goals": checked.complete, "supporters": checked.supporters}, []
    if not isinstance(raw, dict) or not isinstance(raw.get("goals", {}), dict):
        return None, []
    clean = {}
    for horizon in content.horizons:
        try:
            goal, _problems = validate_goal(raw["goals"].get(horizon.id), horizon, domains)
        except ValueError:
            continue
        if goal:
            clean[horizon.id] = goal
    supporters = raw.get("supporters", "")
    supporters = clean_text(supporters)[:SUPPORTERS_MAX] if isinstance(supporters, str) else ""
    return ({"goals": clean, "supporters": supporters} if clean or supporters else None), []
