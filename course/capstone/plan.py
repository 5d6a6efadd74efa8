"""What the rest of the course needs from the capstone without loading it: the items lesson 10
saves under (their shapes are in course/keys.py).

The capstone itself: parts.py (the registry of the plan's parts; development_plan.yaml's schema is
course/schema/development_plan.py), gathering.py and reading.py (the learner's saved work, part by part), goals.py,
suggestions.py, summaries.py, markdown.py and html.py (the documents), picture.py (the summary picture).
"""
from __future__ import annotations

from course import keys

GOALS_SUFFIX = keys.GOALS
KEPT_FEEDBACK_SUFFIX = "/kept-feedback"


def goals_item(content) -> str:
    """The item that holds the learner's goals (`content` is the development plan's content)."""
    return keys.development_plan(content.lesson)


def kept_feedback_item(content) -> str:
    """The item that holds the mentor comments the learner chose to keep in the plan."""
    return f"{content.lesson}{KEPT_FEEDBACK_SUFFIX}"
