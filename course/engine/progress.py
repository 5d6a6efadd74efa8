"""What counts as done: a learner's progress through a lesson and the course, from stored state.

A lesson's parts are read from its notebook: every `course.<call>(...)` that saves something the
learner does is a part, in page order, with the section it sits in. PART_CALLS says, once per
call, what kind of part it is and which stored item keys mean it is done; a new lesson's tool
counts as soon as it has an entry there.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from course import keys

SELF_CHECK, EXERCISE, SCENARIO, REFLECTION = "self-check", "exercise", "scenario", "reflection"


@dataclass(frozen=True)
class Part:
    """One thing a learner does in a lesson."""

    kind: str  # SELF_CHECK, EXERCISE (exercises and lesson tools), SCENARIO or REFLECTION
    label: str  # how the course names it to the learner: "the pathway planner"
    keys: tuple[str, ...]  # stored item keys; the part is done when every one is saved
    max_tries: int = 0  # for graded answers: done when right, or after this many tries
    section: str | None = None  # the heading it sits under on the page
    anchor: str | None = None  # that heading's id, for a link straight to it

    def done(self, state: dict[str, dict]) -> bool:
        if not self.max_tries:
            return all(key in state for key in self.keys)
        saved = state.get(self.keys[0])
        return bool(saved and saved["kind"] == "answer"
                    and (saved["correct"] or saved["attempts"] >= self.max_tries))

    def touched_by(self, item: str) -> bool:
        """Whether a stored item belongs to this part (a scenario's steps, an SBAR draft...)."""
        return any(item == key or key.startswith(item + "/") or item.startswith(key + "/") for key in self.keys)


# --- what each notebook call contributes ------------------------------------------------------
# Each entry: (catalog, lesson id, the call's string arguments) -> the parts it adds. The item
# keys come from course/keys.py, as the widgets that save them build them.

def _quiz(catalog, lesson_id, args):
    return [Part(SELF_CHECK, "a self-check", (item_id,), max_tries=catalog.items[item_id].max_tries)
            for item_id in args if item_id in catalog.items]


def _exercise(catalog, lesson_id, args):
    return [Part(EXERCISE, catalog.exercises[e].title, (e,)) for e in args if e in catalog.exercises]


def _scenario(catalog, lesson_id, args):
    return [Part(SCENARIO, f"the scenario “{catalog.scenarios[s].title}”", (keys.scenario_ending(s),))
            for s in args if s in catalog.scenarios]


def _reflection(catalog, lesson_id, args):
    lesson = catalog.lesson(args[0]) if args else None
    return [Part(REFLECTION, "your reflection", (keys.reflection(lesson.id),))] if lesson and lesson.reflection else []


def _tool(label: str, keys_of: Callable) -> Callable:
    """A lesson tool called without arguments, saved under the item keys keys_of(catalog) gives."""
    def parts(catalog, lesson_id, args):
        found = keys_of(catalog)
        return [Part(EXERCISE, label, tuple(found))] if found else []
    return parts


def _sbar_keys(catalog):
    if not catalog.sbar:
        return []
    return [catalog.sbar.id, keys.checklist(catalog.sbar.id), keys.reveal(catalog.sbar.id)]


def _budget_lab(catalog, lesson_id, args):
    if catalog.operations is None:
        return []
    steps = {s.id: s for s in catalog.operations.budget_lab.steps}
    return [Part(EXERCISE, f"budget lab: {steps[s].title}", (keys.budget_lab(catalog.operations.lesson, s),),
                 max_tries=steps[s].max_tries) for s in args if s in steps]


PART_CALLS: dict[str, Callable] = {
    "quiz": _quiz,
    "exercise": _exercise,
    "scenario": _scenario,
    "reflection": _reflection,
    "starting_profile": _tool("your starting profile", lambda c: [keys.PROFILE]),
    "planner": _tool("the pathway planner", lambda c: [keys.PATHWAY] if c.pathways is not None else []),
    "experience_log": _tool("the leadership experience log",
                            lambda c: [keys.experience_log(c.experience_log.lesson)] if c.experience_log else []),
    "self_assessment": _tool("the readiness self-assessment",
                             lambda c: [keys.self_assessment(c.self_assessment.lesson, c.self_assessment.id)]
                             if c.self_assessment else []),
    "certifications": _tool("the certification explorer",
                            lambda c: [keys.certifications(c.certifications.lesson)] if c.certifications else []),
    "style_matcher": _tool("the situational leadership matcher", lambda c: [c.style_matcher.id] if c.style_matcher else []),
    "sbar": _tool("the SBAR exercise", _sbar_keys),
    "budget_lab": _budget_lab,
    "change_plan": _tool("the change plan", lambda c: [keys.change_plan(c.operations.lesson)] if c.operations else []),
    "development_plan": _tool("your development plan",
                              lambda c: [keys.development_plan(c.development_plan.lesson)] if c.development_plan else []),
    "run_chart": _tool("your run chart", lambda c: [keys.run_chart(c.quality.lesson)] if c.quality else []),
    "pdsa_plan": _tool("your PDSA plan", lambda c: [keys.pdsa_plan(c.quality.lesson)] if c.quality else []),
    "staffing_grid": _tool("your staffing grid", lambda c: [keys.staffing_grid(c.staffing.lesson)] if c.staffing else []),
}


def lesson_parts(catalog, lesson_id: str) -> tuple[Part, ...]:
    """The parts of one lesson, in page order, from its notebook's calls (cached per catalog)."""
    from course.catalog import notebook_calls

    def build():
        lesson = catalog.lesson(lesson_id)
        path = catalog.notebook_dir / lesson.notebook
        if not path.exists():  # a lesson still in preparation: what its content files hold so far
            return tuple(_quiz(catalog, lesson_id, catalog.lesson_items(lesson_id))
                         + _exercise(catalog, lesson_id, [e.id for e in catalog.exercises.values()
                                                          if e.lesson == lesson_id])
                         + _scenario(catalog, lesson_id, [s for s, sc in catalog.scenarios.items()
                                                          if sc.lesson == lesson_id]))
        parts = []
        for call in notebook_calls(path):
            make = PART_CALLS.get(call.function)
            for part in make(catalog, lesson_id, call.args) if make else ():
                parts.append(Part(part.kind, part.label, part.keys, part.max_tries, call.section, call.anchor))
        return tuple(parts)

    return catalog.memo(("parts", lesson_id), build)


# --- one lesson ---------------------------------------------------------------------------------

def _count(parts, state, kind):
    chosen = [p for p in parts if p.kind == kind]
    return len(chosen), sum(p.done(state) for p in chosen)


@dataclass(frozen=True)
class LessonProgress:
    lesson: str
    items_total: int
    items_answered: int  # answered right, or out of tries
    items_correct: int
    exercises_total: int  # exercises and lesson tools
    exercises_done: int
    reflection_saved: bool
    has_reflection: bool
    scenarios_total: int = 0
    scenarios_done: int = 0  # played to an ending at least once
    next_part: Part | None = None  # the first part not done yet, in page order

    @property
    def total(self) -> int:
        return self.items_total + self.exercises_total + self.scenarios_total + int(self.has_reflection)

    @property
    def done(self) -> int:
        return (self.items_answered + self.exercises_done + self.scenarios_done
                + int(self.reflection_saved and self.has_reflection))

    @property
    def started(self) -> bool:
        return bool(self.items_answered or self.exercises_done or self.reflection_saved or self.scenarios_done)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def status(self) -> str:
        return "complete" if self.complete else ("in progress" if self.started else "not started")


def lesson_progress(catalog, lesson_id: str, state: dict[str, dict]) -> LessonProgress:
    parts = lesson_parts(catalog, lesson_id)
    items_total, answered = _count(parts, state, SELF_CHECK)
    correct = sum(1 for p in parts if p.kind == SELF_CHECK and (state.get(p.keys[0]) or {}).get("correct"))
    exercises_total, exercises_done = _count(parts, state, EXERCISE)
    scenarios_total, played = _count(parts, state, SCENARIO)
    reflections, reflected = _count(parts, state, REFLECTION)
    return LessonProgress(
        lesson=lesson_id, items_total=items_total, items_answered=answered, items_correct=correct,
        exercises_total=exercises_total, exercises_done=exercises_done,
        scenarios_total=scenarios_total, scenarios_done=played,
        reflection_saved=bool(reflected), has_reflection=bool(reflections),
        next_part=next((p for p in parts if not p.done(state)), None))


# --- the whole course -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Continue:
    """Where "continue where you left off" leads: a lesson, and the part and section in it."""

    lesson: object  # catalog.Lesson
    part: Part | None  # None: start the lesson from the top
    fresh: bool  # nothing done anywhere yet: "Start with lesson 00"


@dataclass(frozen=True)
class CourseProgress:
    lessons: tuple[LessonProgress, ...]  # the published lessons, in order
    next: Continue | None  # None when every part of every lesson is done
    open_before: tuple[LessonProgress, ...] = ()  # unfinished lessons before the one to continue

    def _sum(self, field: str) -> int:
        return sum(getattr(p, field) for p in self.lessons)

    @property
    def total(self) -> int:
        return self._sum("total")

    @property
    def done(self) -> int:
        return self._sum("done")

    @property
    def percent(self) -> int:
        """Whole percent of the course's parts done; 100 only when all are."""
        if not self.total:
            return 0
        share = 100 * self.done / self.total
        return 100 if self.done == self.total else min(99, round(share))

    @property
    def lessons_complete(self) -> int:
        return sum(p.complete for p in self.lessons)

    def summary(self) -> str:
        """The course's progress in one sentence, e.g. "34% of the course: 3 of 9 lessons complete, ..."."""
        counts = [f"{self.lessons_complete} of {len(self.lessons)} lessons complete",
                  f"{self._sum('items_answered')} of {self._sum('items_total')} self-checks"]
        for done, total, name in ((self._sum("exercises_done"), self._sum("exercises_total"), "exercises and tools"),
                                  (self._sum("scenarios_done"), self._sum("scenarios_total"), "scenarios"),
                                  (sum(p.reflection_saved for p in self.lessons if p.has_reflection),
                                   sum(p.has_reflection for p in self.lessons), "reflections")):
            if total:
                counts.append(f"{done} of {total} {name}")
        return f"{self.percent}% of the course: " + ", ".join(counts) + "."


def course_progress(catalog, state: dict[str, dict]) -> CourseProgress:
    """Progress over every published lesson, and where to continue.

    Continue leads to the first unfinished part after the learner's most recent work (in course
    order), so a part skipped earlier does not pull them back; when nothing is left after it, to
    the first unfinished part of the course."""
    published = catalog.published()
    progress = tuple(lesson_progress(catalog, lesson.id, state) for lesson in published)
    if not any(p.started for p in progress):
        first = published[0] if published else None
        return CourseProgress(progress, Continue(first, None, fresh=True) if first else None)
    order = [(i, part) for i, lesson in enumerate(published) for part in lesson_parts(catalog, lesson.id)]
    latest = _latest_item(state)
    after = next((n for n, (_, part) in enumerate(order) if latest and part.touched_by(latest)), -1)
    unfinished = [(i, part) for i, part in order if not part.done(state)]
    if not unfinished:
        return CourseProgress(progress, None)
    later = [(i, part) for n, (i, part) in enumerate(order) if n > after and not part.done(state)]
    index, part = (later or unfinished)[0]
    before = tuple(p for p in progress[:index] if not p.complete)
    return CourseProgress(progress, Continue(published[index], part, fresh=False), before)


def _latest_item(state: dict[str, dict]) -> str | None:
    """The item saved most recently (answers still waiting to be saved count as the newest)."""
    import datetime as dt

    def when(entry):
        at = entry[1].get("at")
        if at is None:
            return (1, dt.datetime.min)
        return (0, at.replace(tzinfo=None) if isinstance(at, dt.datetime) else dt.datetime.min)

    return max(state.items(), key=when)[0] if state else None
