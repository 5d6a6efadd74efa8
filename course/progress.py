"""What counts as done: a learner's progress through a lesson and the course, from stored state."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LessonProgress:
    lesson: str
    items_total: int
    items_answered: int  # answered right, or out of tries
    items_correct: int
    exercises_total: int
    exercises_done: int
    reflection_saved: bool
    has_reflection: bool
    scenarios_total: int = 0
    scenarios_done: int = 0  # played to an ending at least once

    @property
    def started(self) -> bool:
        return bool(self.items_answered or self.exercises_done or self.reflection_saved or self.scenarios_done)

    @property
    def complete(self) -> bool:
        return (self.items_answered == self.items_total and self.exercises_done == self.exercises_total
                and self.scenarios_done == self.scenarios_total
                and (self.reflection_saved or not self.has_reflection))

    @property
    def status(self) -> str:
        return "complete" if self.complete else ("in progress" if self.started else "not started")


def lesson_progress(catalog, lesson_id: str, state: dict[str, dict]) -> LessonProgress:
    lesson, item_ids, exercise_ids, scenario_ids = catalog.parts(lesson_id)
    answered = correct = 0
    for item_id in item_ids:
        saved = state.get(item_id)
        if not saved or saved["kind"] != "answer":
            continue
        if saved["correct"]:
            answered += 1
            correct += 1
        elif saved["attempts"] >= catalog.items[item_id].max_tries:
            answered += 1
    done = sum(1 for eid in exercise_ids if eid in state)
    played = sum(1 for sid in scenario_ids if f"scenario:{sid}/ending" in state)
    return LessonProgress(
        scenarios_total=len(scenario_ids), scenarios_done=played,
        lesson=lesson_id, items_total=len(item_ids), items_answered=answered, items_correct=correct,
        exercises_total=len(exercise_ids), exercises_done=done,
        reflection_saved=f"{lesson_id}/reflection" in state, has_reflection=bool(lesson.reflection))
