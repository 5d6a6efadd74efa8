"""competencies.yaml: the five HLA domains that score the self-assessment and every scenario choice."""
from __future__ import annotations

from pydantic import Field

from course.schema.base import LookupFile, Slug, Strict, Text


class Competency(Strict):
    id: Slug
    name: Text
    short: Text
    description: Text


class CompetencyFile(LookupFile):
    key, what = "competencies", "competency"
    competencies: list[Competency] = Field(min_length=1)
