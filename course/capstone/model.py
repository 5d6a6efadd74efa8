"""What a gathered plan holds: the Plan, and one small frozen record per kind of saved work.

A Plan keeps each part under its registry id (course/capstone/parts.py) in `parts`; `plan.sbar` or
`plan.self_assessment` reads the part of that id (dashes as underscores), None when the learner has
not saved it. No logic here beyond describing the records in words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from course.engine.pathway import PlanStep, fmt


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


PathStep = PlanStep  # a saved pathway step reads back as the planner made it


@dataclass(frozen=True)
class PathwayPart:
    route: str  # the route's label
    years_text: str  # "3–4 years"
    origin: str  # "from now" or "after high school"
    steps: tuple[PathStep, ...]
    done: tuple[str, ...]  # labels of steps already behind the learner

    def lines(self) -> list[str]:
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
class FieldsPart:
    """Saved text, field by field, under a title: the SBAR draft (its case), the change plan (its policy)."""
    title: str
    fields: tuple[tuple[str, str], ...]  # (field label, text)


@dataclass(frozen=True)
class BudgetLabPart:
    right: int
    answered: int
    steps: int


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
class KeptComment:
    """A mentor's comment the learner chose to keep in the plan, as it read when they kept it."""
    id: int
    work: str  # what it is on, in words: "SBAR draft", "Lesson 1 reflection"
    author: str
    day: dt.date
    body: str


@dataclass(frozen=True)
class Plan:
    learner: str | None
    cohort: str | None
    made_on: dt.date
    domains: dict  # competency id -> name, in course order
    short: dict  # competency id -> short name
    parts: dict = field(default_factory=dict)  # part id -> what the learner saved (only parts they have)
    missing: tuple[Missing, ...] = ()
    notice: str | None = None  # a store problem, said in the page and the export

    def __getattr__(self, name: str):
        """plan.self_assessment is the "self-assessment" part, or None when the learner has not saved it."""
        if name.startswith("_"):
            raise AttributeError(name)
        return self.parts.get(name.replace("_", "-"))

    def has(self, part_id: str) -> bool:
        return bool(self.parts.get(part_id))

    def missing_part(self, part_id: str) -> Missing | None:
        return next((m for m in self.missing if m.part == part_id), None)
