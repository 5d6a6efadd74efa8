"""Suggestions for the goals: one competency domain and next action per horizon, drawn from the
learner's weakest domains (or the gaps in their experience log), the review of the plan itself, or
the steps of their saved pathway that fall in the horizon's window. Nothing is invented where the
learner's data gives nothing: that horizon gets None.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from course.capstone.goals import GOAL_MAX
from course.capstone.model import Plan
from course.engine.pathway import fmt


@dataclass(frozen=True)
class Suggestion:
    horizon: str
    domain: str
    action: str
    why: str  # where the suggestion comes from, in words
    goal: str = ""  # a goal in the learner's voice, filled in with the action for them to make their own


@dataclass
class _Candidates:
    items: list = field(default_factory=list)
    used: int = 0

    def next(self):
        if self.used >= len(self.items):
            return None
        self.used += 1
        return self.items[self.used - 1]


def suggestions(plan: Plan, catalog) -> dict[str, Suggestion | None]:
    """One suggested domain and next action per horizon (None where the learner's data gives none)."""
    content = catalog.development_plan
    near = _Candidates(_domain_actions(plan, catalog))
    out: dict[str, Suggestion | None] = {}
    window_start = 0.0
    for horizon in content.horizons:
        if horizon.draws_on == "weakest-domains":
            picked = near.next()
            out[horizon.id] = Suggestion(horizon.id, *picked) if picked else None
        elif horizon.draws_on == "review":
            out[horizon.id] = Suggestion(horizon.id, content.review_domain, content.review_action,
                                         "Reviewing the plan itself: the course suggests a review every "
                                         f"{content.review_days} days.", content.suggested_goals.review)
        else:
            window_end = horizon.days / 365
            out[horizon.id] = _pathway_suggestion(plan, content, horizon.id, window_start, window_end)
            window_start = window_end
    return out


def _domain_actions(plan: Plan, catalog) -> list[tuple[str, str, str, str]]:
    """(domain, action, why, goal) candidates, the weakest domain's first, alternating between domains."""
    goals = catalog.development_plan.suggested_goals
    stage = plan.profile.stage if plan.profile is not None else None
    per_domain: list[tuple[str, list[str], str]] = []
    if plan.self_assessment is not None and catalog.self_assessment is not None:
        weak = list(plan.self_assessment.weakest)
        if not weak:  # an even profile: start from the lowest-rated domains all the same
            rated = [(d, s) for d, s in plan.self_assessment.latest.items() if s is not None]
            weak = [d for d, _ in sorted(rated, key=lambda ds: ds[1])[:2]]
        domains = {d.competency: d for d in catalog.self_assessment.domains}
        for comp in weak:
            if comp not in domains:
                continue
            actions = [a.text for a in domains[comp].actions if not a.stages or stage is None or stage in a.stages]
            score = plan.self_assessment.latest.get(comp)
            why = (f"From your self-assessment: {plan.domains[comp]} is among your lowest-rated domains"
                   + (f" (latest {score:.1f} of 5)." if score is not None else "."))
            per_domain.append((comp, actions, why, goals.weakest_domain.format(domain=plan.domains[comp].lower())))
    elif plan.experience_log and catalog.experience_log is not None:
        logged = {e.domain for e in plan.experience_log}
        ideas = {g.competency: g.ideas for g in catalog.experience_log.ideas}
        for comp in plan.domains:
            if comp not in logged and ideas.get(comp):
                per_domain.append((comp, list(ideas[comp]),
                                   f"Your experience log has no entry in {plan.domains[comp]} yet.",
                                   goals.log_gap.format(domain=plan.domains[comp].lower())))
    out = []
    for round_ in range(max((len(a) for _, a, _, _ in per_domain), default=0)):
        for comp, actions, why, goal in per_domain:
            if round_ < len(actions):
                out.append((comp, actions[round_], why, goal))
    return out


def _pathway_suggestion(plan: Plan, content, horizon_id: str, lo: float, hi: float
                        ) -> Suggestion | None:
    if plan.pathway is None:
        return None
    # The application first, then a degree or license, then leadership steps, then practice: the
    # step that most changes the learner's position in these years.
    priority = {"education": 1, "licensure": 1, "leadership": 2, "clinical": 3}
    steps = sorted(plan.pathway.steps, key=lambda s: (0 if s.id == "apply" else priority.get(s.kind, 4), s.start))
    starting = [s for s in steps if lo <= s.start < hi]
    step = starting[0] if starting else None
    goals = content.suggested_goals
    if step is not None:
        verb = "Reach" if step.id == "apply" else ("Keep going with" if step.status == "in-progress" else "Start")
        action = f"{verb}: {step.label}."
        when = "now" if step.start == 0 else f"about year {fmt(step.start)}"
        why = f"From your saved pathway ({plan.pathway.route}): this step starts {when}, within this horizon."
        template = goals.pathway_ongoing if step.status == "in-progress" else goals.pathway_start
    else:
        ongoing = [s for s in steps if s.start < lo < s.start + max(s.years, s.years_high)]
        if not ongoing:
            return None
        step = ongoing[0]
        action = f"Keep going with: {step.label}."
        why = f"From your saved pathway ({plan.pathway.route}): this step is still under way in these years."
        template = goals.pathway_ongoing
    name = step.label.split(":")[0]  # "RN license: pass the NCLEX-RN exam…" -> "RN license"
    goal = step.label if step.id == "apply" else template.format(step=name)  # the application is the goal itself
    return Suggestion(horizon_id, content.kind_domains.get(step.kind, "professionalism"), action, why,
                      goal[:GOAL_MAX])
