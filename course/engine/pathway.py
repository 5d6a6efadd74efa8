"""The pathway planner's logic: from a starting profile and the learner's choices, the ordered
steps to a first clinical management role, with typical durations.

Pure Python, no widgets: content/pathways.yaml holds the steps and routes (validated by the
models in course/schema/pathways.py); every typical length comes from facts.yaml (a fact's `value`, or its `low` and
`high`), so each figure lives once. A step without a sourced length (a license exam, say) is a
milestone: its timing varies and it is drawn as a point, never given an invented length.
Years the learner chooses (practice before applying, time left in a program) are marked as
the learner's own.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from course.engine.profile import DEGREES, FIELDS, Profile
from course.schema.base import Slug
from course.schema.pathways import (KINDS, NO_DEGREE, GraduateOption, Kind, KindStyle,  # noqa: F401 (callers use them from here)
                                    PathwayContent, Planning, Route, StepDef, fact_years)

PACES = {"full-time": "Full-time", "part-time": "Part-time, while working"}
PRACTICE_YEARS = range(1, 11)  # the learner's choice of years in practice before applying
YEARS_LEFT = tuple(x / 2 for x in range(1, 17))  # 0.5 ... 8 years left in a current program


# --- the learner's choices ------------------------------------------------------------------

class Choices(BaseModel):
    """What the learner chose in the planner. Checked against the content by check_choices()."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    route: Slug
    graduate: Slug  # a graduate option id, or "none"
    pace: Literal["full-time", "part-time"]
    practice_years: int = Field(ge=PRACTICE_YEARS.start, le=PRACTICE_YEARS.stop - 1)
    years_left: float = Field(default=2, ge=YEARS_LEFT[0], le=YEARS_LEFT[-1])

    @model_validator(mode="after")
    def _half_years(self):
        if self.years_left * 2 != int(self.years_left * 2):
            raise ValueError("years left must be a whole or half number of years")
        return self


def check_choices(content: PathwayContent, choices: Choices) -> str | None:
    """A message for the learner if the choices do not fit together, else None."""
    routes = {r.id for r in content.routes}
    if choices.route not in routes:
        return "Choose one of the clinical routes offered."
    offered = {g.id for g in content.options_for(choices.route)}
    if choices.graduate != NO_DEGREE and choices.graduate not in offered:
        route = content.route(choices.route)
        return f"That graduate option is not offered for the {route.label.lower()} route; choose another."
    return None


def parse_choices(data) -> Choices | None:
    """Saved choices read back, or None if they no longer fit the model."""
    try:
        return Choices.model_validate(data)
    except (ValidationError, TypeError):
        return None


def default_graduate(content: PathwayContent, profile: Profile, route_id: str) -> str:
    """The graduate option a route starts with: one the learner holds, else the route's own
    (an MSN for nurses), else one offered on every route. A starting point, not advice."""
    route = content.route(route_id)
    offered = content.options_for(route.id)
    held = [g.id for g in offered if g.degree in profile.degrees]
    if held:
        return held[0]
    everywhere = [g.id for g in offered if set(g.routes) == {r.id for r in content.routes}]
    if profile.field in route.fields and offered:
        return offered[0].id
    return (everywhere or [g.id for g in offered] or [NO_DEGREE])[0]


def default_choices(content: PathwayContent, profile: Profile) -> Choices:
    """A starting point the learner is expected to change: nothing here is a recommendation."""
    route = content.route_for_field(profile.field)
    working = profile.stage in ("clinician", "new-manager")
    practice = 3
    if working and profile.clinical_years:  # whole years in the planner's list: 1.5 years so far starts at 2
        practice = min(max(math.ceil(profile.clinical_years), 1), PRACTICE_YEARS.stop - 1)
    return Choices(route=route.id, graduate=default_graduate(content, profile, route.id),
                   pace="part-time" if working else "full-time", practice_years=practice, years_left=2)


# --- the plan -------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanStep:
    id: str
    kind: str
    label: str
    start: float  # years from the plan's origin, at the typical low end of earlier steps
    years: float  # typical length (low end); 0 for a milestone
    years_high: float  # typical length (high end)
    status: str = "planned"  # planned or in-progress
    # typical (from a fact), part-time (a fact's length at half pace), yours (the learner's
    # choice or estimate), suggested (the course's suggestion), until-study-ends (practice that
    # goes on while a part-time degree finishes), varies (a milestone) or goal
    source: str = "typical"
    fact: str | None = None
    note: str | None = None

    @property
    def milestone(self) -> bool:
        return self.years == 0 and self.years_high == 0

    @property
    def end(self) -> float:
        return self.start + self.years

    def length_text(self) -> str:
        """How long, and where that length comes from, in words."""
        if self.source == "goal":
            return "Your goal"
        if self.milestone:
            return "A milestone; its timing varies"
        span = years_range(self.years, self.years_high)
        return {
            "typical": f"Typically {span}",
            "part-time": f"About {span} part-time (the typical full-time length at half pace)",
            "yours": f"{span.capitalize()}, your choice" if self.status != "in-progress"
                     else f"{span.capitalize()} left, your estimate",
            "suggested": f"{span.capitalize()}, a suggestion of this course",
            "until-study-ends": f"{span.capitalize()}: you keep working until your part-time degree is done",
        }.get(self.source, span)


@dataclass(frozen=True)
class DoneStep:
    id: str
    kind: str
    label: str
    why: str  # what in the profile says it is done


@dataclass(frozen=True)
class Plan:
    route: Route
    choices: Choices
    steps: tuple[PlanStep, ...]
    done: tuple[DoneStep, ...]
    total: float  # years to the management application, typical low ends
    total_high: float  # the same with typical high ends
    origin: str  # "from now" or "after high school"
    notes: tuple[str, ...] = field(default=())

    def years_text(self) -> str:
        return years_range(self.total, self.total_high)

    def summary(self) -> dict:
        """What is saved with the plan: enough to show it again without the content."""
        return {
            "route": self.route.id, "origin": self.origin,
            "total_years": [self.total, self.total_high],
            "steps": [{"id": s.id, "kind": s.kind, "label": s.label, "start": s.start, "years": s.years,
                       "years_high": s.years_high, "status": s.status} for s in self.steps],
            "done": [d.id for d in self.done],
        }

    def lines(self) -> list[str]:
        """The plan as plain sentences: the text alternative to the timeline chart."""
        out = []
        for s in self.steps:
            when = f"Year {fmt(s.start)}" if s.milestone else f"Years {fmt(s.start)}–{fmt(s.end)}"
            out.append(f"{when}: {s.label}. {s.length_text()}.")
        return out


def fmt(x: float) -> str:
    return f"{x:g}"


def plural(x: float) -> str:
    return "year" if x == 1 else "years"


def years_range(low: float, high: float) -> str:
    if math.isclose(low, high):
        return f"{fmt(low)} {plural(low)}"
    return f"{fmt(low)}–{fmt(high)} years"


def _step_years(facts: dict, step: StepDef) -> tuple[float, float] | None:
    if step.fact is None:
        return None
    return fact_years(facts[step.fact])


def build_plan(profile: Profile, choices: Choices, content: PathwayContent, facts: dict) -> Plan:
    """The ordered steps from this profile to a first management application.

    Raises ValueError with a message for the learner if the choices do not fit the content.
    """
    problem = check_choices(content, choices)
    if problem:
        raise ValueError(problem)
    return _Builder(profile, choices, content, facts).build()


class _Builder:
    """Lays the steps out twice at once: with every typical length at its low end and at its
    high end, so the plan can say "about 7 to 9 years" without inventing a single number."""

    def __init__(self, profile: Profile, choices: Choices, content: PathwayContent, facts: dict):
        self.profile, self.choices, self.content, self.facts = profile, choices, content, facts
        self.route = content.route(choices.route)
        self.held = set(profile.degrees)
        self.same_field = profile.field in self.route.fields
        # A licensed or practicing clinician of this route's field has its entry steps behind them.
        self.clinician_now = self.same_field and (profile.licensed or profile.stage in ("clinician", "new-manager"))
        self.student = profile.stage if profile.stage in ("undergraduate", "graduate") else None
        self.steps: list[dict] = []
        self.done: list[DoneStep] = []
        self.notes: list[str] = []
        self.t = (0.0, 0.0)  # time reached so far: (low reading, high reading)

    def add(self, step_id, kind, label, length, *, start=None, status="planned", source="typical",
            fact=None, note=None):
        begin = start if start is not None else self.t
        self.steps.append(dict(id=step_id, kind=kind, label=label, start=begin, length=length,
                               status=status, source=source, fact=fact, note=note))
        return (begin[0] + length[0], begin[1] + length[1])

    def years_of(self, step: StepDef) -> tuple[float, float] | None:
        return fact_years(self.facts[step.fact]) if step.fact else None

    def build(self) -> Plan:
        profile, choices, route, planning = self.profile, self.choices, self.route, self.content.planning
        entry = [self.content.step(i) for i in route.entry]
        option = self.content.option(choices.graduate) if choices.graduate != NO_DEGREE else None
        option_step = self.content.step(option.steps[0]) if option else None
        option_done = bool(option and option.degree in self.held)

        # Which step is the learner studying in now? The route's own step at their level if it
        # is theirs (same field, or a step any bachelor's satisfies); else, for a graduate
        # student, the graduate degree they chose; else none the plan knows about.
        current = None
        if self.student and not self.clinician_now:
            for step in entry:
                if step.level == self.student and not self._covered(step) and (
                        self.same_field or "bachelor-other" in step.done_by):
                    current = step.id
                    break
            if current is None and self.student == "graduate" and option and not option_done:
                current = option_step.id
            if current is None:
                self.notes.append(planning.not_on_route_note)

        # 0. A graduate degree in progress comes first: it is happening now.
        if option and current == option_step.id:
            left = (choices.years_left, choices.years_left)
            self.t = self.add(option_step.id, option_step.kind, option_step.label, left, status="in-progress",
                              source="yours", note=planning.studying_note)

        # 1. The clinical route: education, then the license.
        for step in entry:
            covered = self._covered(step)
            if self.clinician_now and not covered:
                why = "you hold a license in this field" if profile.licensed else "you practice in this field"
                self.done.append(DoneStep(step.id, step.kind, step.label, why))
                continue
            if covered:
                self.done.append(DoneStep(step.id, step.kind, step.label, f"you hold: {DEGREES[covered]}"))
                if covered == "bachelor-other" and step.note and not self.clinician_now:
                    self.notes.append(step.note)
                continue
            if step.id == current:
                left = (choices.years_left, choices.years_left)
                self.t = self.add(step.id, step.kind, step.label, left, status="in-progress", source="yours",
                                  note=planning.studying_note)
                continue
            length = self.years_of(step)
            if length is None:  # a milestone: its timing varies, so it gets no invented length
                self.t = self.add(step.id, step.kind, step.label, (0, 0), source="varies", note=step.note)
            else:
                self.t = self.add(step.id, step.kind, step.label, length, fact=step.fact, note=step.note)
        if not self.same_field:
            self.notes.append(planning.other_field_note.format(field=FIELDS[profile.field].lower(),
                                                               route=route.label.lower()))
        if route.note:
            self.notes.append(route.note)

        # 2. Clinical practice: the learner chooses how many years before applying.
        practice_start = self.t
        so_far = profile.clinical_years if self.same_field else 0
        remaining = float(max(0, choices.practice_years - so_far))
        leadership_done = profile.leadership_roles or profile.stage == "new-manager"
        source = "yours"
        if remaining == 0 and not leadership_done and planning.leadership_min_years:
            remaining, source = planning.leadership_min_years, "suggested"  # practice while taking on leadership
        if so_far:
            self.done.append(DoneStep("practice-so-far", "clinical", f"Clinical practice as a {route.clinician}",
                                      f"{fmt(so_far)} {plural(so_far)} so far"))
        practice_end = practice_start
        if remaining:
            label = f"Clinical practice as a {route.clinician}" + (", more years" if so_far else "")
            note = planning.practice_note if source == "yours" else planning.extra_practice_note
            practice_end = self.add("practice", "clinical", label, (remaining, remaining), source=source, note=note)

        # 3. The added graduate degree: part-time alongside practice, or full-time after it.
        study_end = practice_end
        if option and option_done:
            self.done.append(DoneStep(option_step.id, option_step.kind, option_step.label,
                                      f"you hold: {DEGREES[option.degree]}"))
        elif option and current != option_step.id:
            low, high = self.years_of(option_step)
            if choices.pace == "part-time":
                factor = planning.part_time_factor
                study_end = self.add(option_step.id, option_step.kind, option_step.label + ", part-time",
                                     (low * factor, high * factor), start=practice_start, source="part-time",
                                     fact=option_step.fact, note=option_step.note)
                self.notes.append(planning.part_time_note)
            else:
                study_end = self.add(option_step.id, option_step.kind, option_step.label, (low, high),
                                     start=practice_end, fact=option_step.fact, note=option_step.note)
                self.notes.append(planning.full_time_note)
        apply_at = (max(practice_end[0], study_end[0]), max(practice_end[1], study_end[1]))
        if remaining and apply_at != practice_end:
            # Working while studying part-time: practice goes on until the degree is done.
            practice = next(s for s in self.steps if s["id"] == "practice")
            if practice["start"] == practice_start and choices.pace == "part-time":
                practice["length"] = (apply_at[0] - practice_start[0], apply_at[1] - practice_start[1])
                practice["source"] = "until-study-ends"
                practice["note"] = planning.working_while_studying_note
                practice_end = apply_at

        # 4. First leadership steps, in the later part of the practice years.
        if leadership_done:
            why = "you are in a first leadership role" if profile.stage == "new-manager" else \
                "you have held a leadership role"
            self.done.append(DoneStep("first-leadership", "leadership", route.first_leadership, why))
        elif remaining:
            lead = min(remaining, math.ceil(max(planning.leadership_min_years, remaining / 2) * 2) / 2)
            self.add("first-leadership", "leadership", route.first_leadership, (lead, lead),
                     start=(practice_end[0] - lead, practice_end[1] - lead), source="suggested",
                     note=planning.leadership_note)

        # 5. The goal.
        goal = (f"Move into a wider management role ({route.manager_titles})" if profile.stage == "new-manager"
                else f"Apply for a first management role ({route.manager_titles})")
        self.add("apply", "leadership", goal, (0, 0), start=apply_at, source="goal",
                 note=planning.apply_note)

        # Chronological; steps that start together keep the order in which they were added.
        order = sorted(range(len(self.steps)), key=lambda i: (round(self.steps[i]["start"][0], 2), i))
        plan_steps = tuple(
            PlanStep(id=s["id"], kind=s["kind"], label=s["label"], start=round(s["start"][0], 2),
                     years=round(s["length"][0], 2), years_high=round(s["length"][1], 2), status=s["status"],
                     source=s["source"], fact=s["fact"], note=s["note"])
            for s in (self.steps[i] for i in order))
        return Plan(route=route, choices=choices, steps=plan_steps, done=tuple(self.done),
                    total=round(apply_at[0], 2), total_high=round(apply_at[1], 2),
                    origin="after high school" if profile.stage == "high-school" else "from now",
                    notes=tuple(dict.fromkeys(self.notes)))

    def _covered(self, step: StepDef) -> str | None:
        """The first profile degree that puts this step behind the learner, if any."""
        return next((d for d in step.done_by if d in self.held), None)


def option_rows(content: PathwayContent, facts: dict) -> list[dict]:
    """The graduate options as rows for the comparison table (lengths from facts.yaml)."""
    rows = []
    for option in content.graduate_options:
        parts = []
        for step_id in option.steps:
            sd = content.step(step_id)
            low, high = fact_years(facts[sd.fact])
            name = sd.label.split(" (")[0]  # "Medical school (MD or DO)" -> "medical school"
            parts.append(years_range(low, high) + (f" ({name[0].lower()}{name[1:]})" if len(option.steps) > 1 else ""))
        rows.append({"id": option.id, "Option": option.name, "Typical length (US, full-time)": " + ".join(parts),
                     "Leads to a clinical license?": option.licensure,
                     "Management emphasis": option.emphasis, "Typical fit": option.fit})
    return rows
