"""The rubrics a mentor may score a learner's work with: course/content/rubrics/*.yaml.

A rubric names the kind of work it is for, a short scale (2 to 5 levels, each a score and a
label) and its criteria; every criterion has a descriptor for every level of the scale, so a
score always comes with words that say what it means. The SBAR rubric's criteria are the SBAR
exercise's checklist points, each named by its id (checked against sbar.yaml by the loader).
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Slug, Strict, Text

# The pieces of work a feedback thread can be on; a rubric is for one of them.
WORK_KINDS = ("reflection", "sbar", "change-plan", "experience-log", "development-plan", "scenario-ending")
WorkKind = Literal["reflection", "sbar", "change-plan", "experience-log", "development-plan", "scenario-ending"]

class Level(Strict):
    score: int = Field(ge=0, le=10)
    label: Annotated[str, Field(min_length=1, max_length=30)]  # "Not yet", "Partly", "Clearly"


class Criterion(Strict):
    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=120)]
    descriptors: dict[int, Text]  # score -> what work at that level looks like
    checklist: Slug | None = None  # the SBAR checklist point this criterion reads, if any


class Rubric(Strict):
    id: Slug
    title: Text
    applies_to: WorkKind
    scale: list[Level] = Field(min_length=2, max_length=5)
    criteria: list[Criterion] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _consistent(self):
        scores = [level.score for level in self.scale]
        if scores != sorted(set(scores)):
            raise ValueError("the scale's scores must be different and go up (for example 0, 1, 2)")
        seen = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"criterion '{criterion.id}' appears twice")
            seen.add(criterion.id)
            missing = [s for s in scores if s not in criterion.descriptors]
            extra = [s for s in criterion.descriptors if s not in scores]
            if missing:
                raise ValueError(f"criterion '{criterion.id}' has no descriptor for score "
                                 f"{', '.join(map(str, missing))} of the scale")
            if extra:
                raise ValueError(f"criterion '{criterion.id}' describes score {', '.join(map(str, extra))}, "
                                 "which is not on the scale")
        return self

    def label_of(self, score: int) -> str:
        return next((level.label for level in self.scale if level.score == score), str(score))

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def top(self) -> int:
        return self.scale[-1].score


def check_rubrics(rubrics: dict[str, tuple[str, Rubric]], sbar_checklist: list[str] | None) -> list[tuple[str, str, str]]:
    """Cross-file checks: one rubric per kind of work, and the SBAR rubric's criteria are exactly
    the SBAR checklist's points. `rubrics` maps id -> (file, rubric); returns (file, place, reason)."""
    problems = []
    kinds: dict[str, str] = {}
    for rel, rubric in rubrics.values():
        if rubric.applies_to in kinds:
            problems.append((rel, "applies_to", f"a rubric for '{rubric.applies_to}' exists already "
                                                f"({kinds[rubric.applies_to]})"))
        kinds[rubric.applies_to] = rel
        linked = [c.checklist for c in rubric.criteria if c.checklist]
        if rubric.applies_to != "sbar":
            if linked:
                problems.append((rel, "criteria", "only the SBAR rubric names checklist points"))
            continue
        if sbar_checklist is None:
            problems.append((rel, "applies_to", "there is no SBAR exercise (sbar.yaml) for this rubric"))
            continue
        for i, criterion in enumerate(rubric.criteria):
            if criterion.checklist is None:
                problems.append((rel, f"criteria.{i}.checklist", "name the SBAR checklist point this criterion reads"))
            elif criterion.checklist not in sbar_checklist:
                problems.append((rel, f"criteria.{i}.checklist", f"unknown SBAR checklist point '{criterion.checklist}'"))
        absent = [point for point in sbar_checklist if point not in linked]
        if absent:
            problems.append((rel, "criteria", f"the SBAR checklist point(s) {', '.join(absent)} have no criterion"))
    return problems
