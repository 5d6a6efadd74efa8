"""competencies.yaml: the five HLA domains that score the self-assessment and every scenario choice."""
from __future__ import annotations

from pydantic import Field

from course.schema.base import Problem, Slug, Strict, Text, repeated_ids


class Competency(Strict):
    id: Slug
    name: Text
    short: Text
    description: Text


class CompetencyFile(Strict):
    competencies: list[Competency] = Field(min_length=1)

    def check(self, _context) -> list[Problem]:
        return repeated_ids("competencies", self.competencies, "competency")

    def by_id(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}
