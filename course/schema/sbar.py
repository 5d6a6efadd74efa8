"""sbar.yaml: lesson 06's SBAR exercise: the case, the four parts, the checklist, the model answer."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from course.schema.base import Problem, Slug, Strict, Text, first_duplicate

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

    def check(self, context) -> list[Problem]:
        """(place, reason) for every problem the schema alone cannot see."""
        problems = context.unknown_lesson("lesson", self.lesson)
        if tuple(p.id for p in self.parts) != PARTS:
            problems.append(("parts", "list situation, background, assessment and recommendation, once each, "
                                      "in that order"))
        if tuple(m.part for m in self.model_answer) != PARTS:
            problems.append(("model_answer", "give situation, background, assessment and recommendation, "
                                             "once each, in that order"))
        limits = {p.id: p.max_chars for p in self.parts}
        for i, m in enumerate(self.model_answer):
            if m.part in limits and len(m.text) > limits[m.part]:
                problems.append((f"model_answer.{i}.text", f"the model {m.part} has {len(m.text)} characters, more "
                                                          f"than the learner may write ({limits[m.part]})"))
        ids = [c.id for c in self.checklist]
        if len(ids) != len(set(ids)):
            problems.append(("checklist", f"duplicate id '{first_duplicate(ids)}'"))
        for part in PARTS:
            if not any(c.part == part for c in self.checklist):
                problems.append(("checklist", f"no question checks the {part}"))
        return problems
