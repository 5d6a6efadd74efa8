"""Lesson 06's SBAR exercise: the draft checks (the content model is course/schema/sbar.py).

The learner reads a situation, drafts Situation, Background, Assessment and Recommendation, ticks
a checklist against their own draft, and only then sees the model answer. No widgets here.
"""
from __future__ import annotations

from course.schema.sbar import PARTS, CheckItem, ModelPart, Part, SbarContent  # noqa: F401 (callers use them from here)


def clean(value) -> str | None:
    """Text as the learner meant it: no NUL bytes, no trailing blank lines; None if not text."""
    if not isinstance(value, str):
        return None
    return value.replace("\x00", "").strip()


def validate_draft(raw, content: SbarContent) -> tuple[dict | None, list[str]]:
    """A clean {situation, background, assessment, recommendation}, or (None, what to fix)."""
    if not isinstance(raw, dict):
        return None, ["The draft could not be read."]
    draft, problems = {}, []
    for part in content.parts:
        text = clean(raw.get(part.id))
        name = part.label
        if text is None:
            problems.append(f"{name}: the text could not be read.")
        elif len(text) < content.min_chars:
            problems.append(f"{name}: write at least a sentence ({content.min_chars} characters or more).")
        elif len(text) > part.max_chars:
            problems.append(f"{name}: keep it under {part.max_chars} characters (now {len(text)}); "
                            "a listener remembers a short message.")
        else:
            draft[part.id] = text
    return (None, problems) if problems else (draft, [])
