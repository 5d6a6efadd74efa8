"""facts.yaml: every figure the course shows, with its source and as-of date (each figure lives once)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from course.schema.base import LookupFile, Slug, Strict, Text


class Fact(Strict):
    id: Slug
    label: Text
    display: Text  # the figure as a learner reads it, e.g. "$110,680 a year"
    value: float | None = None  # the number behind it, where quizzes or charts need one
    low: float | None = None  # a range's two ends ("2 to 3 years"), for the pathway planner
    high: float | None = None
    region: Text = "United States"
    source: Text
    url: Annotated[str, Field(pattern=r"^https://")]
    as_of: Text
    check_live: bool = False  # tell the learner to check the live source for a newer edition
    note: str | None = None

    @model_validator(mode="after")
    def _range(self):
        if (self.low is None) != (self.high is None):
            raise ValueError("give both 'low' and 'high', or neither")
        if self.low is not None and self.low > self.high:
            raise ValueError("'low' must not be greater than 'high'")
        return self


class FactFile(LookupFile):
    key, what = "facts", "fact"
    facts: list[Fact] = Field(min_length=1)
