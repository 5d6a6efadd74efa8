"""The capstone's personal development plan: what the learner saved across the course, gathered in
one place, and the goals they set for 30, 60 and 90 days and for 1, 3 and 5 years.

Pure functions, no widgets. gather() reads one learner's saved work (through the kernel's Session,
or a Store and a learner id, as a mentor's view would) and returns a Plan. A part the learner has
not done yet is listed in Plan.missing with the lesson that builds it: nothing is ever filled in
for them. validate_goals() checks goals that arrive from the page; suggestions() proposes a next
action per horizon from the learner's weakest domains and their saved pathway. The texts live in
course/content/development_plan.yaml, validated by PlanContent.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.catalog import Slug, Strict, Text
from course.text import clean_text

log = logging.getLogger("course")

CONTENT_FILE = "development_plan.yaml"
GOALS_SUFFIX = "/development-plan"
GOAL_MIN, GOAL_MAX = 5, 200
ACTION_MIN, ACTION_MAX = 5, 300
SUPPORTERS_MAX = 300
PART_IDS = ("profile", "pathway", "experience-log", "self-assessment", "certifications", "scenarios", "sbar",
            "budget-lab", "change-plan", "run-chart", "pdsa-plan", "staffing-grid", "reflections", "goals")
PartId = Literal["profile", "pathway", "experience-log", "self-assessment", "certifications", "scenarios", "sbar",
                 "budget-lab", "change-plan", "run-chart", "pdsa-plan", "staffing-grid", "reflections", "goals"]
StepKind = Literal["education", "licensure", "clinical", "leadership"]


# --- the content schema (course/content/development_plan.yaml) ------------------------------------

class Horizon(Strict):
    id: Slug
    label: Text  # "In the next 30 days"
    short: Annotated[str, Field(min_length=1, max_length=20)]  # "30 days"
    days: int = Field(ge=1, le=3660)  # how far ahead: orders the horizons and sets pathway windows
    draws_on: Literal["weakest-domains", "review", "pathway"]
    hint: Text


class PartText(Strict):
    id: PartId
    title: Text
    lesson: Slug  # the lesson that builds this part
    missing: Text  # what the plan says when the learner has not done it yet


class SuggestedGoals(Strict):
    """The goal a suggestion fills in, for the learner to make their own. {domain} is a competency
    domain's name (lower case), {step} a pathway step's name."""
    weakest_domain: Text
    log_gap: Text
    review: Text
    pathway_start: Text
    pathway_ongoing: Text


class PlanContent(Strict):
    lesson: Slug
    title: Text
    instructions: Text
    horizons: list[Horizon] = Field(min_length=1, max_length=8)
    kind_domains: dict[StepKind, Slug]
    review_domain: Slug
    review_action: Text
    review_days: int = Field(ge=7, le=366)
    suggested_goals: SuggestedGoals
    no_suggestion_near: Text
    no_suggestion_far: Text
    supporters_label: Text
    supporters_hint: Text
    export_note: Text
    discussion_prompts: list[Text] = Field(default_factory=list, max_length=8)
    parts: list[PartText]

    @model_validator(mode="after")
    def _ordered_and_complete(self):
        ids = [h.id for h in self.horizons]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate horizon id '{next(i for i in ids if ids.count(i) > 1)}'")
        days = [h.days for h in self.horizons]
        if days != sorted(set(days)):
            raise ValueError("horizons must be listed from the nearest to the farthest, each further ahead")
        listed = [p.id for p in self.parts]
        for part_id in PART_IDS:
            if listed.count(part_id) != 1:
                raise ValueError(f"parts: list '{part_id}' exactly once")
        return self

    def part(self, part_id: str) -> PartText:
        return next(p for p in self.parts if p.id == part_id)

    def horizon(self, horizon_id: str) -> Horizon:
        return next(h for h in self.horizons if h.id == horizon_id)


def check_content(content: PlanContent, competencies, lesson_ids: set) -> list[tuple[str, str]]:
    """(place, reason) for every cross-reference the schema cannot see."""
    problems = []
    if lesson_ids and content.lesson not in lesson_ids:
        problems.append(("lesson", f"unknown lesson '{content.lesson}'"))
    for i, part in enumerate(content.parts):
        if lesson_ids and part.lesson not in lesson_ids:
            problems.append((f"parts.{i}.lesson", f"unknown lesson '{part.lesson}'"))
    for kind, comp in content.kind_domains.items():
        if comp not in competencies:
            problems.append((f"kind_domains.{kind}", f"unknown competency '{comp}'"))
    if content.review_domain not in competencies:
        problems.append(("review_domain", f"unknown competency '{content.review_domain}'"))
    return problems


def goals_item(content: PlanContent) -> str:
    return f"{content.lesson}{GOALS_SUFFIX}"


# --- goals ------------------------------------------------------------------------------------------

def validate_goal(entry, horizon: Horizon, domains) -> tuple[dict | None, list[str]]:
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


def check_goals(raw, content: PlanContent, domains) -> GoalsChecked:
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


def validate_goals(raw, content: PlanContent, domains, *, stored: bool = False) -> tuple[dict | None, list[str]]:
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


# --- the gathered plan ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Missing:
    part: str
    title: str
    message: str
    lesson: str
    number: int
    lesson_title: str
    notebook: str

    def text(self) -> str:
        """“You have not taken the self-assessment yet — lesson 04, Moving into management.”"""
        return f"{self.message} — lesson {self.number:02d}, {self.lesson_title}."


@dataclass(frozen=True)
class PathStep:
    id: str
    kind: str
    label: str
    start: float
    years: float
    years_high: float
    status: str  # planned or in-progress

    @property
    def milestone(self) -> bool:
        return self.years == 0 and self.years_high == 0

    @property
    def end(self) -> float:
        return self.start + self.years


@dataclass(frozen=True)
class PathwayPart:
    route: str  # the route's label
    years_text: str  # "3–4 years"
    origin: str  # "from now" or "after high school"
    steps: tuple[PathStep, ...]
    done: tuple[str, ...]  # labels of steps already behind the learner

    def lines(self) -> list[str]:
        from course.engine.pathway import fmt

        out = []
        for s in self.steps:
            when = f"Year {fmt(s.start)}" if s.milestone else f"Years {fmt(s.start)}–{fmt(s.end)}"
            more = f" (up to {fmt(s.start + s.years_high)})" if s.years_high > s.years else ""
            now = " (in progress)" if s.status == "in-progress" else ""
            out.append(f"{when}{more}: {s.label}{now}")
        return out


@dataclass(frozen=True)
class AssessmentPart:
    takes: int
    first: dict  # domain -> mean rating 1..5 (None where unrated)
    latest: dict
    change: dict  # domain -> latest - first (None where either is missing)
    weakest: tuple[str, ...]
    first_at: dt.datetime | None
    latest_at: dt.datetime | None


@dataclass(frozen=True)
class ScenarioRun:
    scenario: str
    title: str
    lesson_number: int
    rating: str | None  # strong, mixed, poor; None while unfinished
    ending: str | None


@dataclass(frozen=True)
class ScenarioPart:
    totals: dict  # domain -> net change from the choices of the latest run of every scenario
    runs: tuple[ScenarioRun, ...]


@dataclass(frozen=True)
class LogEntry:
    what: str
    month: int
    year: int
    domain: str
    note: str


@dataclass(frozen=True)
class ReflectionText:
    lesson: str
    number: int
    title: str
    text: str


@dataclass(frozen=True)
class CertificationRow:
    abbreviation: str
    name: str
    status: str  # in words: "Eligible now", "After more experience", …
    summary: str


@dataclass(frozen=True)
class RunChartPart:
    """Lesson 08's run chart, re-read with the run rules: its indicator and what the rules found."""

    indicator: str
    first: str  # "Jul 2023"
    last: str
    points: int
    median: float
    findings: tuple[str, ...]  # the rules in words
    summary: str
    signals: str  # "a shift and too few runs", or "" when the rules find none
    sample: bool  # drawn from the sample unit's fictional data


@dataclass(frozen=True)
class StaffingPart:
    """Lesson 09's staffing grid at the learner's average census."""

    unit: str
    staff_per_shift: int
    ftes: float  # with paid time off where the learner gave it
    steps: tuple[str, ...]  # the arithmetic in words


@dataclass(frozen=True)
class Goal:
    horizon: str
    label: str
    short: str
    goal: str
    domain: str
    action: str


@dataclass(frozen=True)
class GoalsPart:
    goals: tuple[Goal, ...]
    supporters: str
    saved_at: dt.datetime | None
    review_by: dt.date


@dataclass(frozen=True)
class Plan:
    learner: str | None
    cohort: str | None
    made_on: dt.date
    domains: dict  # competency id -> name, in course order
    short: dict  # competency id -> short name
    profile: object = None  # profile.Profile
    pathway: PathwayPart | None = None
    assessment: AssessmentPart | None = None
    scenarios: ScenarioPart | None = None
    experience: tuple[LogEntry, ...] = ()
    certifications: tuple[CertificationRow, ...] = ()
    sbar: tuple[tuple[str, str], ...] = ()  # (part label, text)
    sbar_case: str = ""
    budget_lab: tuple[int, int, int] | None = None  # (right, answered, steps)
    change_plan: tuple[tuple[str, str], ...] = ()  # (field label, text)
    change_policy: str = ""
    run_chart: RunChartPart | None = None
    pdsa_plan: tuple[tuple[str, str], ...] = ()  # (field label, text)
    staffing_grid: StaffingPart | None = None
    reflections: tuple[ReflectionText, ...] = ()
    goals: GoalsPart | None = None
    missing: tuple[Missing, ...] = ()
    notice: str | None = None  # a store problem, said in the page and the export

    def has(self, part_id: str) -> bool:
        return all(m.part != part_id for m in self.missing)

    def missing_part(self, part_id: str) -> Missing | None:
        return next((m for m in self.missing if m.part == part_id), None)


class StoreReader:
    """The reads gather() needs, for a learner other than the one signed in to this kernel (a
    mentor's view, a test, the CLI): the same answers as Session.state and Session.history."""

    def __init__(self, store, learner_id: str, name: str, cohort: str | None = None):
        from course.identity import Identity

        self._store, self.learner_id = store, learner_id
        self.identity = Identity(name, cohort, "store", account_id=learner_id)
        self.store_error = None

    def store(self):
        return self._store

    def state(self, lesson: str | None = None) -> dict:
        return self._store.latest_state(self.learner_id, lesson)

    def history(self, item: str) -> list[dict]:
        return self._store.events_for(self.learner_id, item)


def gather(catalog, session=None, *, store=None, learner_id: str | None = None,
           today: dt.date | None = None) -> Plan:
    """Everything this learner saved, as a Plan. Give the kernel's session, or a store and a learner id."""
    content: PlanContent = catalog.development_plan
    today = today or dt.date.today()
    if session is None:
        if store is None or learner_id is None:
            raise ValueError("gather() needs a session, or a store and a learner id")
        row = store.learner(learner_id)
        session = StoreReader(store, learner_id, row["display_name"] if row else learner_id,
                              row["cohort_id"] if row else None)
    domains = {cid: c.name for cid, c in catalog.competencies.items()}
    short = {cid: c.short for cid, c in catalog.competencies.items()}
    identity = getattr(session, "identity", None)
    found: dict = {}
    notice = None
    if identity:
        try:
            found = _read_all(catalog, content, session, today)
        except Exception as exc:  # a broken store must not break the page; say so instead
            log.exception("the development plan could not be gathered")
            notice = f"Your saved work could not be read just now ({exc.__class__.__name__}). Try again in a moment."
            found = {}
        notice = notice or getattr(session, "store_error", None)
    missing = tuple(_missing(catalog, content, p) for p in content.parts if not _present(p.id, found))
    return Plan(learner=identity.name if identity else None, cohort=identity.cohort if identity else None,
                made_on=today, domains=domains, short=short, missing=missing, notice=notice, **found)


def _present(part_id: str, found: dict) -> bool:
    key = {"experience-log": "experience", "self-assessment": "assessment", "budget-lab": "budget_lab",
           "change-plan": "change_plan", "run-chart": "run_chart", "pdsa-plan": "pdsa_plan",
           "staffing-grid": "staffing_grid"}.get(part_id, part_id)
    return bool(found.get(key))


def _missing(catalog, content: PlanContent, part: PartText) -> Missing:
    lesson = catalog.lesson(part.lesson)
    return Missing(part.id, part.title, part.missing, lesson.id, lesson.number, lesson.title, lesson.notebook)


def _read_all(catalog, content: PlanContent, session, today: dt.date) -> dict:
    from course.engine.profile import load_profile

    state = session.state()  # every item's latest event, this learner, all lessons
    profile = load_profile(session)
    found = {"profile": profile}
    found["pathway"] = _pathway(catalog, state)
    found["assessment"] = _assessment(catalog, session)
    found["scenarios"] = _scenarios(catalog, session, state)
    found["experience"] = _experience(catalog, session)
    found["certifications"] = _certifications(catalog, state, profile)
    found.update(_sbar(catalog, state))
    found["budget_lab"] = _budget_lab(catalog, state)
    found.update(_change_plan(catalog, state))
    found["run_chart"] = _run_chart(catalog, state)
    found["pdsa_plan"] = _pdsa_plan(catalog, state)
    found["staffing_grid"] = _staffing_grid(catalog, state)
    found["reflections"] = _reflections(catalog, state)
    found["goals"] = _goals(catalog, content, state, today)
    return found


def _stamp(value) -> dt.datetime | None:
    from course.store.stamps import as_utc

    return as_utc(value) if isinstance(value, dt.datetime) else None


def _pathway(catalog, state) -> PathwayPart | None:
    from course.engine.pathway import years_range
    from course.ui.learner.planner import ITEM

    saved = state.get(ITEM)
    response = saved.get("response") if saved else None
    summary = response.get("plan") if isinstance(response, dict) else None
    if not isinstance(summary, dict) or not isinstance(summary.get("steps"), list):
        return None
    content = catalog.pathways
    route_id = summary.get("route")
    route = next((r for r in content.routes if r.id == route_id), None) if content else None
    steps = []
    for raw in summary["steps"]:
        try:
            steps.append(PathStep(id=str(raw["id"]), kind=str(raw["kind"]), label=str(raw["label"]),
                                  start=float(raw["start"]), years=float(raw["years"]),
                                  years_high=float(raw["years_high"]), status=str(raw.get("status", "planned"))))
        except (KeyError, TypeError, ValueError):
            continue  # one damaged step never hides the rest
    if not steps:
        return None
    try:
        low, high = (float(x) for x in summary.get("total_years", [])[:2])
        years_text = years_range(low, high)
    except (TypeError, ValueError):
        years_text = ""
    labels = {s.id: s.label for s in content.steps} if content else {}
    done = tuple(labels.get(d, "") for d in summary.get("done", []) if isinstance(d, str) and labels.get(d))
    return PathwayPart(route=route.label if route else str(route_id or "your route"), years_text=years_text,
                       origin=str(summary.get("origin", "from now")), steps=tuple(steps), done=done)


def _assessment(catalog, session) -> AssessmentPart | None:
    from course.ui.learner.self_assessment import change, load_takes, weakest_domains

    assessment = catalog.self_assessment
    if assessment is None:
        return None
    takes = load_takes(session, assessment)
    if not takes:
        return None
    first, latest = takes[0], takes[-1]
    return AssessmentPart(takes=len(takes), first=first["scores"], latest=latest["scores"],
                          change=change(first["scores"], latest["scores"]),
                          weakest=tuple(weakest_domains(latest["scores"])),
                          first_at=_stamp(first["at"]), latest_at=_stamp(latest["at"]))


def _scenarios(catalog, session, state) -> ScenarioPart | None:
    """The scenario competency profile, from the mentor analytics' own computation for one learner."""
    from course.ui.learner.scenario import ending_item

    lessons = {lesson.id: lesson.number for lesson in catalog.course.lessons}
    runs = []
    for sid, sc in sorted(catalog.scenarios.items(), key=lambda kv: (lessons.get(kv[1].lesson, 99), kv[1].title)):
        ended = state.get(ending_item(sid))
        response = ended.get("response") if ended else None
        if not isinstance(response, dict):
            continue
        node = next((n for n in sc.nodes if n.id == response.get("ending") and n.ending), None)
        runs.append(ScenarioRun(sid, sc.title, lessons.get(sc.lesson, 0),
                                response.get("rating") if response.get("rating") in ("strong", "mixed", "poor")
                                else None, node.ending.title if node else None))
    totals = _scenario_totals(catalog, session)
    if totals is None and not runs:
        return None
    return ScenarioPart(totals=totals or {c: 0.0 for c in catalog.competencies}, runs=tuple(runs))


def _scenario_totals(catalog, session) -> dict | None:
    from course.mentor.analytics import load_cohort, scenario_competencies

    store = session.store()
    if store is None:
        return None
    learner_id = getattr(session, "learner_id", None) or session.identity.key
    row = store.learner(learner_id)
    if row is None:
        return None
    frame = scenario_competencies(load_cohort(store, row["cohort_id"], learner_id), catalog)
    if learner_id not in frame.index:
        return None
    return {c: float(frame.at[learner_id, c]) for c in catalog.competencies}


def _experience(catalog, session) -> tuple[LogEntry, ...]:
    from course.ui.learner.experience_log import load_entries

    if catalog.experience_log is None:
        return ()
    entries = load_entries(session, catalog.experience_log.lesson, set(catalog.competencies))
    ordered = sorted(entries.values(), key=lambda e: (e["year"], e["month"]), reverse=True)
    return tuple(LogEntry(e["what"], e["month"], e["year"], e["domain"], e["note"]) for e in ordered)


def _certifications(catalog, state, profile) -> tuple[CertificationRow, ...]:
    from course.engine.certifications import STATUS_TEXT, evaluate_all, situation_from, validate_answers
    from course.ui.learner.certifications import item_id

    content = catalog.certifications
    if content is None:
        return ()
    saved = state.get(item_id(content))
    response = saved.get("response") if saved else None
    if not isinstance(response, dict):
        return ()
    answers, problem = validate_answers(response.get("answers"), content)
    if problem:
        return ()
    verdicts = evaluate_all(content, situation_from(profile, answers), catalog.facts)
    return tuple(CertificationRow(v.certification.abbreviation, v.certification.name, STATUS_TEXT[v.status],
                                  v.summary) for v in verdicts)


def _sbar(catalog, state) -> dict:
    content = catalog.sbar
    if content is None:
        return {}
    saved = state.get(content.id)
    response = saved.get("response") if saved else None
    draft = response.get("draft") if isinstance(response, dict) else None
    if not isinstance(draft, dict):
        return {}
    parts = tuple((p.label, draft[p.id]) for p in content.parts if isinstance(draft.get(p.id), str) and draft[p.id])
    return {"sbar": parts, "sbar_case": content.case_title} if parts else {}


def _budget_lab(catalog, state) -> tuple[int, int, int] | None:
    from course.ui.learner.budget_lab import item_id

    ops = catalog.operations
    if ops is None:
        return None
    answered = right = 0
    for step in ops.budget_lab.steps:
        saved = state.get(item_id(ops.lesson, step.id))
        if saved and saved.get("kind") == "answer":
            answered += 1
            right += bool(saved.get("correct"))
    return (right, answered, len(ops.budget_lab.steps)) if answered else None


def _change_plan(catalog, state) -> dict:
    from course.ui.learner.change_plan import item_id, validate_plan

    ops = catalog.operations
    if ops is None:
        return {}
    saved = state.get(item_id(ops.lesson))
    response = saved.get("response") if saved else None
    if not isinstance(response, dict):
        return {}
    plan, _problems = validate_plan(response.get("plan"), ops.change_plan, stored=True)
    fields = tuple((f.label, plan[f.id]) for f in ops.change_plan.fields if f.id in plan)
    return {"change_plan": fields, "change_policy": ops.change_plan.policy.title} if fields else {}


def _response(state, item: str) -> dict | None:
    saved = state.get(item)
    response = saved.get("response") if saved else None
    return response if isinstance(response, dict) else None


def _run_chart(catalog, state) -> RunChartPart | None:
    from course.engine import run_chart_entry
    from course.engine.run_rules import analyse, describe, signal_words, summary

    content = catalog.quality
    if content is None:
        return None
    response = _response(state, run_chart_entry.item_id(content.lesson))
    entry = run_chart_entry.from_saved(response.get("chart"), content) if response else None
    if entry is None:
        return None
    rc = content.run_chart
    analysis = analyse(entry["values"], shift_points=int(catalog.facts[rc.shift_fact].value),
                       trend_points=int(catalog.facts[rc.trend_fact].value))
    labels = run_chart_entry.month_labels(entry["start"], len(entry["values"]))
    findings = tuple(text for rule, text in describe(analysis, labels, entry["better"]) if rule != "median")
    return RunChartPart(indicator=entry["indicator"], first=labels[0], last=labels[-1], points=len(labels),
                        median=analysis.median, findings=findings, summary=summary(analysis),
                        signals=signal_words(analysis), sample=response.get("source") == "sample")


def _pdsa_plan(catalog, state) -> tuple[tuple[str, str], ...]:
    from course.engine import pdsa

    content = catalog.quality
    if content is None:
        return ()
    response = _response(state, pdsa.item_id(content.lesson))
    if response is None:
        return ()
    plan, _problems = pdsa.validate_plan(response.get("plan"), content.pdsa, stored=True)
    if not pdsa.is_complete(plan, content.pdsa):
        return ()
    out = []
    for field in content.pdsa.fields:
        if field.id == "act":
            out.append((field.label, content.pdsa.act_label(plan.get("act", pdsa.ACT_UNDECIDED))))
        elif field.id in plan:
            out.append((field.label, plan[field.id]))
    return tuple(out)


def _staffing_grid(catalog, state) -> StaffingPart | None:
    from course.engine import staffing

    content = catalog.staffing
    if content is None:
        return None
    response = _response(state, staffing.item_id(content.lesson))
    fte_hours = catalog.facts[content.staffing_grid.fte_fact].value
    inputs = staffing.from_saved(response.get("inputs"), fte_hours) if response else None
    if inputs is None:
        return None
    at = staffing.row(inputs.average_census, inputs, fte_hours)
    return StaffingPart(unit=inputs.unit, staff_per_shift=at.staff,
                        ftes=at.ftes_with_pto if inputs.pto_hours else at.ftes,
                        steps=tuple(staffing.explain(inputs, fte_hours)))


def _reflections(catalog, state) -> tuple[ReflectionText, ...]:
    out = []
    for lesson in catalog.course.lessons:
        saved = state.get(f"{lesson.id}/reflection")
        response = saved.get("response") if saved else None
        text = response.get("text") if isinstance(response, dict) else None
        if isinstance(text, str) and text.strip():
            out.append(ReflectionText(lesson.id, lesson.number, lesson.title, text))
    return tuple(out)


def _goals(catalog, content: PlanContent, state, today: dt.date) -> GoalsPart | None:
    saved = state.get(goals_item(content))
    if not saved:
        return None
    clean, _ = validate_goals(saved.get("response"), content, set(catalog.competencies), stored=True)
    if not clean or not clean["goals"]:
        return None
    goals = tuple(Goal(h.id, h.label, h.short, clean["goals"][h.id]["goal"], clean["goals"][h.id]["domain"],
                       clean["goals"][h.id]["action"]) for h in content.horizons if h.id in clean["goals"])
    saved_at = _stamp(saved.get("at"))
    start = saved_at.date() if saved_at else today
    return GoalsPart(goals=goals, supporters=clean["supporters"], saved_at=saved_at,
                     review_by=start + dt.timedelta(days=content.review_days))


# --- suggestions ----------------------------------------------------------------------------------

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
    content: PlanContent = catalog.development_plan
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
    if plan.assessment is not None and catalog.self_assessment is not None:
        weak = list(plan.assessment.weakest)
        if not weak:  # an even profile: start from the lowest-rated domains all the same
            rated = [(d, s) for d, s in plan.assessment.latest.items() if s is not None]
            weak = [d for d, _ in sorted(rated, key=lambda ds: ds[1])[:2]]
        domains = {d.competency: d for d in catalog.self_assessment.domains}
        for comp in weak:
            if comp not in domains:
                continue
            actions = [a.text for a in domains[comp].actions if not a.stages or stage is None or stage in a.stages]
            score = plan.assessment.latest.get(comp)
            why = (f"From your self-assessment: {plan.domains[comp]} is among your lowest-rated domains"
                   + (f" (latest {score:.1f} of 5)." if score is not None else "."))
            per_domain.append((comp, actions, why, goals.weakest_domain.format(domain=plan.domains[comp].lower())))
    elif plan.experience and catalog.experience_log is not None:
        logged = {e.domain for e in plan.experience}
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


def _pathway_suggestion(plan: Plan, content: PlanContent, horizon_id: str, lo: float, hi: float
                        ) -> Suggestion | None:
    from course.engine.pathway import fmt

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
