"""Which pieces of a learner's work can carry a feedback thread, and what to call them: each
lesson's reflection, the SBAR draft, the change plan, the experience log, the development plan,
each scenario's ending, and any self-check a learner asked about. Item keys come from the
modules that save the work (one home for each key)."""
from __future__ import annotations

from dataclasses import dataclass

from course import keys
from course.mentor.feedback import MESSAGE_LESSON, MESSAGE_WORK
from course.capstone.plan import goals_item
from course.ui.learner.change_plan import item_id as change_plan_item
from course.ui.learner.experience_log import item_id as experience_log_item
from course.ui.learner.scenario import ending_item


@dataclass(frozen=True)
class Work:
    item: str
    lesson: str
    kind: str  # a schema.rubrics.WORK_KINDS entry, "self-check", or "message" (the course home's)
    title: str


def works(catalog) -> dict[str, Work]:
    """Every piece of work in the course that a mentor may comment on, by item key."""
    def build():
        found = [Work(keys.reflection(lesson.id), lesson.id, "reflection", f"Lesson {lesson.number} reflection")
                 for lesson in catalog.published() if lesson.reflection]
        if catalog.sbar is not None:
            found.append(Work(catalog.sbar.id, catalog.sbar.lesson, "sbar", "SBAR draft"))
        if catalog.operations is not None:
            lesson = catalog.operations.lesson
            found.append(Work(change_plan_item(lesson), lesson, "change-plan", "Change plan"))
        if catalog.experience_log is not None:
            lesson = catalog.experience_log.lesson
            found.append(Work(experience_log_item(lesson), lesson, "experience-log", "Experience log"))
        if catalog.development_plan is not None:
            found.append(Work(goals_item(catalog.development_plan), catalog.development_plan.lesson,
                              "development-plan", "Development plan goals"))
        for sid, scenario in sorted(catalog.scenarios.items()):
            found.append(Work(ending_item(sid), scenario.lesson, "scenario-ending", f"Scenario ending: {scenario.title}"))
        return {work.item: work for work in found}

    return catalog.memo("feedback-works", build)


def work_of(catalog, item: str) -> Work | None:
    """The piece of work an item key names (a self-check included), or None."""
    known = works(catalog).get(item)
    if known is not None:
        return known
    if item == MESSAGE_WORK:
        return Work(item, MESSAGE_LESSON, "message", "Messages on the course home")
    question = catalog.items.get(item)
    if question is not None:
        prompt = question.prompt if len(question.prompt) <= 70 else question.prompt[:69] + "…"
        return Work(item, catalog.item_lesson[item], "self-check", f"Self-check: {prompt}")
    return None


def rubric_for(catalog, work: Work):
    """The rubric for this kind of work, if the course has one."""
    return next((r for r in catalog.rubrics.values() if r.applies_to == work.kind), None)
