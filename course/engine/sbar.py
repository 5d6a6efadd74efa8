"""Lesson 06's SBAR exercise: the content model for course/content/sbar.yaml and the draft checks.

The learner reads a situation, drafts Situation, Background, Assessment and Recommendation, ticks
a checklist against their own draft, and only then sees the model answer. No widgets here.
(Named sbar_draft, not sbar: `course.sbar()` is the call notebooks make, and a module of that name
would replace it in the package namespace once imported.)
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from course.catalog import Slug, Strict, Text, _first_duplicate

PARTS = ("situation", "background", "assessment", "recommendation")
PartId = Literal["situation", "background", "assessment", "recommendation"]
CheckPart = Literal["situation", "background", "assessment", "recommendation", "whole"]  # one Literal: plain error places


class Part(Strict):
    id: PartId
    label: Text  # "S: Situation"
    hint: Text  # what goes here, shown with the field
    max_chars: Annotated[int, Field(ge=80, le=2000)]


class CheckItem(Strict):
    id: Slug
    part: CheckPart  # the part of the draft it checks, or the whole draft
    question: Text  # what the learner asks of their own draft
    guidance: Text  # why it matters and how to fix it


class ModelPart(Strict):
    part: PartId
    text: Text
    why: Text  # why the model answer says it this way


class SbarContent(Strict):
    id: Slug
    lesson: Slug
    title: Text
    instructions: Text
    case_title: Text
    case: list[Text] = Field(min_length=1, max_length=10)  # the situation, paragraph by paragraph
    listener: Text  # who the learner will speak to, and how long they have
    min_chars: Annotated[int, Field(ge=1, le=50)] = 10
    parts: list[Part]
    checklist: list[CheckItem] = Field(min_length=4, max_length=12)
    model_answer: list[ModelPart]

    def part(self, part_id: str) -> Part:
        return next(p for p in self.parts if p.id == part_id)


def check_content(content: SbarContent) -> list[tuple[str, str]]:
    """(place, reason) for every problem the schema alone cannot see."""
    problems = []
    if tuple(p.id for p in content.parts) != PARTS:
        problems.append(("parts", "list situation, background, assessment and recommendation, once each, "
                                  "in that order"))
    if tuple(m.part for m in content.model_answer) != PARTS:
        problems.append(("model_answer", "give situation, background, assessment and recommendation, "
                                         "once each, in that order"))
    limits = {p.id: p.max_chars for p in content.parts}
    for i, m in enumerate(content.model_answer):
        if m.part in limits and len(m.text) > limits[m.part]:
            problems.append((f"model_answer.{i}.text", f"the model {m.part} has {len(m.text)} characters, more "
                                                      f"than the learner may write ({limits[m.part]})"))
    ids = [c.id for c in content.checklist]
    if len(ids) != len(set(ids)):
        problems.append(("checklist", f"duplicate id '{_first_duplicate(ids)}'"))
    for part in PARTS:
        if not any(c.part == part for c in content.checklist):
            problems.append(("checklist", f"no question checks the {part}"))
    return problems


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
