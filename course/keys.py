"""Every event's item key: how it is built, and how it is read back.

An event's `item` says what the learner worked on: a self-check's own id ("role-scope"), a
lesson's tool ("quality-safety/run-chart"), a scenario ("scenario:staffing-shortage"). Widgets
write these keys, progress and analytics read them, exports name activities after them, so each
shape is written here once. A stored key never changes shape: learners' saved work is filed under it.
"""
from __future__ import annotations

# --- suffixes: events of their own next to the item they belong to -----------------------------
HINT = "/hint"  # a self-check's hint shown on request: never counts as a try
DRAFT = "/draft"  # what a refused save held, so it survives a reload; the saved state stays the saved one
CHECKLIST = "/checklist"  # the SBAR self-check of a draft
REVEAL = "/reveal"  # the SBAR model answer, once revealed
INVENTORY = "/inventory"  # a sort exercise's "what I do today" inventory
ENDING = "/ending"  # how a learner's run of a scenario ended

SCENARIO_PREFIX = "scenario:"


def hint(item: str) -> str:
    return item + HINT


def hint_of(item: str) -> str:
    """The self-check a hint event belongs to."""
    return item.removesuffix(HINT)


def draft(item: str) -> str:
    return item + DRAFT


def checklist(item: str) -> str:
    return item + CHECKLIST


def reveal(item: str) -> str:
    return item + REVEAL


def inventory(exercise_id: str) -> str:
    return exercise_id + INVENTORY


# --- scenarios -------------------------------------------------------------------------------

def scenario(scenario_id: str) -> str:
    """A scenario's steps (one event per choice)."""
    return f"{SCENARIO_PREFIX}{scenario_id}"


def scenario_ending(scenario_id: str) -> str:
    """How a scenario ended: the event that makes it done."""
    return f"{SCENARIO_PREFIX}{scenario_id}{ENDING}"


def scenario_of(item: str) -> str | None:
    """The scenario an item belongs to (its steps or its ending), or None for any other item."""
    if not item.startswith(SCENARIO_PREFIX):
        return None
    return item[len(SCENARIO_PREFIX):].removesuffix(ENDING)


# --- a lesson's own items ------------------------------------------------------------------------

def reflection(lesson: str) -> str:
    return f"{lesson}/reflection"


def is_reflection(item: str) -> bool:
    return item.endswith("/reflection")


def in_lesson(item: str, lesson: str) -> bool:
    """Whether a lesson-tool key is one of this lesson's (self-checks carry no lesson in their key)."""
    return item.startswith(lesson + "/")


PROFILE_LESSON = "start-here"
PROFILE = f"{PROFILE_LESSON}/profile"  # lesson 00's starting profile
PATHWAY = "education/pathway"  # lesson 02's pathway planner


def _lesson_tool(name: str):
    """The key builder of a tool a lesson holds once: the lesson's id, then the tool's name."""

    def key(lesson: str) -> str:
        return f"{lesson}/{name}"

    key.__name__ = name.replace("-", "_")
    key.__doc__ = f"A lesson's {name.replace('-', ' ')} ('<lesson>/{name}')."
    return key


experience_log = _lesson_tool("experience-log")
certifications = _lesson_tool("certifications")
change_plan = _lesson_tool("change-plan")
run_chart = _lesson_tool("run-chart")
pdsa_plan = _lesson_tool("pdsa-plan")
staffing_grid = _lesson_tool("staffing-grid")


def self_assessment(lesson: str, assessment_id: str) -> str:
    return f"{lesson}/{assessment_id}"


def budget_lab(lesson: str, step_id: str) -> str:
    return f"{lesson}/budget-lab/{step_id}"


GOALS = "/development-plan"


def development_plan(lesson: str) -> str:
    """The capstone's goals (one event holds every horizon)."""
    return f"{lesson}{GOALS}"


def development_goal(lesson: str, horizon: str) -> str:
    """One horizon's goal, as exports name it."""
    return f"{development_plan(lesson)}/{horizon}"
