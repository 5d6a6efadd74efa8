"""Situational leadership (Hersey and Blanchard) as lesson 05's style matcher uses it.

The pure logic (the content model is course/schema/situational.py): check one
person-and-task the learner described, and match their readiness for that task (experience with
it, confidence in it) to a leadership style. No widgets here, so the rule is easy to test.
"""
from __future__ import annotations

from course.schema.situational import Level, Rule, Style, StyleMatcherContent  # noqa: F401 (callers use them from here)

ROLE_MIN, ROLE_MAX = 2, 60
TASK_MIN, TASK_MAX = 3, 140


def _clean_text(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.replace("\x00", "").split())


def is_blank(raw) -> bool:
    """A row the learner left empty: skipped, not an error."""
    if not isinstance(raw, dict):
        return False
    return (not _clean_text(raw.get("role")) and not _clean_text(raw.get("task"))
            and raw.get("experience") is None and raw.get("confidence") is None)


def validate_person(raw, content: StyleMatcherContent) -> tuple[dict | None, str | None]:
    """A clean {role, task, experience, confidence}, or (None, what to fix, in the learner's words)."""
    if not isinstance(raw, dict):
        return None, "it could not be read."
    role, task = _clean_text(raw.get("role")), _clean_text(raw.get("task"))
    if role is None or task is None:
        return None, "it could not be read."
    experience, confidence = raw.get("experience"), raw.get("confidence")
    if len(role) < ROLE_MIN:
        return None, "describe the person by their role (for example “night charge nurse”)."
    if len(role) > ROLE_MAX:
        return None, f"keep the role under {ROLE_MAX} characters (now {len(role)})."
    if len(task) < TASK_MIN:
        return None, "say which task you have in mind: readiness belongs to a task, not to a person."
    if len(task) > TASK_MAX:
        return None, f"keep the task under {TASK_MAX} characters (now {len(task)})."
    if experience is None:
        return None, "choose how much experience they have with this task."
    if not isinstance(experience, str) or experience not in {x.id for x in content.experience}:
        return None, "that experience level is not one the form offers."
    if confidence is None:
        return None, "choose how confident or willing they are about this task."
    if not isinstance(confidence, str) or confidence not in {x.id for x in content.confidence}:
        return None, "that confidence level is not one the form offers."
    return {"role": role, "task": task, "experience": experience, "confidence": confidence}, None
