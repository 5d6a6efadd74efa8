"""Who a mentor can write to at once, from one read of a cohort: everyone, everyone who has not
completed a lesson or saved its reflection, everyone behind the schedule, and everyone the
overview lists as maybe needing help. Each audience is a label with its count and the learners."""
from __future__ import annotations

from dataclasses import dataclass

from course.mentor import analytics

from course.mentor import help_flags
from course.mentor.schedule import due_for


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    learner_ids: tuple[str, ...]


def audiences(catalog, data, dates: dict, on) -> list[Audience]:
    """The groups with at least one learner in them, in the order a mentor thinks of them."""
    if data is None or not len(data.learners):
        return []
    everyone = tuple(data.learners["learner_id"])
    found = [Audience("all", "Everyone in this cohort", everyone)]
    _share, status = analytics.lesson_matrix(data, catalog)
    events = data.events
    late = []
    for lid in status.index:
        complete = {lesson for lesson in status.columns if status.at[lid, lesson] == "complete"}
        if any(d.overdue for d in due_for(catalog, dates, complete, on)):
            late.append(lid)
    if late:
        found.append(Audience("behind", "Everyone behind the schedule", tuple(late)))
    helped = help_flags.needs_help(data, catalog)
    if len(helped):
        found.append(Audience("help", "Everyone the overview says may need help", tuple(helped["learner_id"])))
    for lesson in analytics.course_lessons(catalog):
        if lesson.id in status.columns:
            missing = tuple(lid for lid in status.index if status.at[lid, lesson.id] != "complete")
            if missing:
                found.append(Audience(f"incomplete:{lesson.id}", f"Everyone who has not completed lesson {lesson.number}",
                                      missing))
        if lesson.reflection:
            saved = set(events.loc[events["item"] == f"{lesson.id}/reflection", "learner_id"]) if len(events) else set()
            missing = tuple(lid for lid in everyone if lid not in saved)
            if missing:
                found.append(Audience(f"no-reflection:{lesson.id}",
                                      f"Everyone who has not saved the lesson {lesson.number} reflection", missing))
    return found
