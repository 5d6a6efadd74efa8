"""Lesson 09's content model (course/content/people_staffing.yaml): the staffing grid's texts.
the loader validates the file here and checks the facts it names. No widgets here.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from course.schema.base import Problem, Slug, Strict, Text

CONTENT_FILE = "people_staffing.yaml"
METHODS = ("ratio", "hppd")  # how the grid counts nurses: patients per nurse, or hours per patient day
FIELDS = ("unit", "beds", "average_census", "lowest_census", "method", "patients_per_nurse", "hppd",
          "shift_hours", "others_per_shift", "pto_hours")  # the grid's inputs


class FieldText(Strict):
    label: Text
    hint: Text


class MethodOption(Strict):
    id: Literal[METHODS]  # type: ignore[valid-type]
    label: Text


class StaffingGridContent(Strict):
    title: Text
    instructions: Text
    fte_fact: Slug  # the paid hours of 1.0 FTE (lesson 07's fact)
    ratio_fact: Slug  # a state ratio to set the learner's figure against (labelled US, with its date)
    fields: dict[Literal[FIELDS], FieldText]  # type: ignore[valid-type]
    method_options: list[MethodOption] = Field(min_length=2, max_length=2)
    button: Text
    law_note: Text  # the note under the result: ratios and staffing laws differ by state; no legal advice

    @field_validator("fields")
    @classmethod
    def _every_field(cls, fields):
        missing = [f for f in FIELDS if f not in fields]
        if missing:
            raise ValueError(f"fields: '{missing[0]}' is missing")
        return fields

    @field_validator("method_options")
    @classmethod
    def _both_methods(cls, options):
        if sorted(o.id for o in options) != sorted(METHODS):
            raise ValueError("method_options: list 'ratio' and 'hppd' once each")
        return options


class StaffingContent(Strict):
    lesson: Slug
    staffing_grid: StaffingGridContent

    def check(self, context) -> list[Problem]:
        problems = context.unknown_lesson("lesson", self.lesson)
        for name in ("fte_fact", "ratio_fact"):
            problems += context.fact_problem(f"staffing_grid.{name}", getattr(self.staffing_grid, name),
                                             fits=lambda value: value > 0, needs="a positive value")
        return problems
