"""Lesson 08's content model (course/content/quality_safety.yaml): the run chart tool's texts and
sample data, and the PDSA plan's fields. the loader validates the file here and checks what a
schema alone cannot: the facts behind the run rules and the sample data file. No widgets here.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Problem, Slug, Strict, Text
from course.schema.series import SeriesError, read_series

CONTENT_FILE = "quality_safety.yaml"
FIELD_IDS = ("aim", "change", "prediction", "measure", "who", "when", "study", "act")  # a PDSA plan's fields
ACT_UNDECIDED = "undecided"
ACT_IDS = (ACT_UNDECIDED, "adopt", "adapt", "abandon")


class FieldText(Strict):
    label: Text
    hint: Text


class BetterOption(Strict):
    id: Literal["lower", "higher"]
    label: Text


class SampleSeries(Strict):
    """The sample unit's data in assets/data/: monthly counts and patient days, shown as a rate."""

    file: Annotated[str, Field(pattern=r"^[a-z0-9-]+\.csv$")]
    count_column: Slug
    unit: Text
    indicator: Text  # e.g. "Falls per 1,000 patient days"
    better: Literal["lower", "higher"]
    note: Text  # that the data is fictional
    button: Text


class RunChartContent(Strict):
    title: Text
    instructions: Text
    min_points: int = Field(ge=2, le=60)
    max_points: int = Field(ge=2, le=60)
    shift_fact: Slug  # the fact with the points in a row that make a shift
    trend_fact: Slug
    indicator: FieldText
    better: FieldText
    start: FieldText
    values: FieldText
    better_options: list[BetterOption] = Field(min_length=2, max_length=2)
    sample: SampleSeries
    draw_button: Text

    @model_validator(mode="after")
    def _consistent(self):
        if self.min_points > self.max_points:
            raise ValueError("'min_points' must not be greater than 'max_points'")
        if sorted(o.id for o in self.better_options) != ["higher", "lower"]:
            raise ValueError("better_options: list 'lower' and 'higher' once each")
        return self


class PdsaField(Strict):
    id: Literal[FIELD_IDS]  # type: ignore[valid-type]
    label: Text
    hint: Text
    required: bool = True
    min_chars: int = Field(default=3, ge=1)
    max_chars: int = Field(default=400, le=2000)

    @model_validator(mode="after")
    def _lengths(self):
        if self.min_chars > self.max_chars:
            raise ValueError("'min_chars' must not be greater than 'max_chars'")
        return self


class ActOption(Strict):
    id: Literal[ACT_IDS]  # type: ignore[valid-type]
    label: Text


class PdsaContent(Strict):
    title: Text
    instructions: Text
    fields: list[PdsaField]
    act_options: list[ActOption]
    aim_needs_number: Text  # said when an aim has no number in it
    act_needs_study: Text  # said when Act is decided before Study is written
    indicator_note: Text  # "Your run chart's indicator: {indicator}" (a {indicator} placeholder)

    @model_validator(mode="after")
    def _every_field_once(self):
        ids = [f.id for f in self.fields]
        if sorted(ids) != sorted(FIELD_IDS):
            raise ValueError(f"fields: list each of {', '.join(FIELD_IDS)} exactly once")
        acts = [o.id for o in self.act_options]
        if sorted(acts) != sorted(ACT_IDS):
            raise ValueError(f"act_options: list each of {', '.join(ACT_IDS)} exactly once")
        if "{indicator}" not in self.indicator_note:
            raise ValueError("indicator_note needs the {indicator} placeholder")
        return self

    def field(self, field_id: str) -> PdsaField:
        return next(f for f in self.fields if f.id == field_id)

    def act_label(self, act_id: str) -> str:
        return next(o.label for o in self.act_options if o.id == act_id)


class QualityContent(Strict):
    lesson: Slug
    run_chart: RunChartContent
    pdsa: PdsaContent

    def check(self, context) -> list[Problem]:
        """(place, reason) for the lesson, the facts behind the run rules and the sample data file."""
        problems = context.unknown_lesson("lesson", self.lesson)
        rc = self.run_chart
        for name in ("shift_fact", "trend_fact"):
            problems += context.fact_problem(f"run_chart.{name}", getattr(rc, name),
                                             fits=lambda value: float(value).is_integer() and value >= 2,
                                             needs="a whole-number value of 2 or more")
        try:
            series = read_series(context.data_dir / rc.sample.file, rc.sample.count_column)
        except SeriesError as exc:
            problems.append(("run_chart.sample.file", str(exc)))
        else:
            if not rc.min_points <= len(series.months) <= rc.max_points:
                problems.append(("run_chart.sample.file", f"the sample has {len(series.months)} months; the tool takes "
                                                          f"{rc.min_points} to {rc.max_points}"))
        return problems
