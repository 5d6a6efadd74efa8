"""development_plan.yaml: the capstone's development plan texts: horizons, the parts a plan gathers
from the lessons (their words), and the goals suggestions fill in. Gathering a learner's plan is course/capstone/.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Problem, Slug, Strict, Text, unique_by_id

CONTENT_FILE = "development_plan.yaml"
StepKind = Literal["education", "licensure", "clinical", "leadership"]


class Horizon(Strict):
    id: Slug
    label: Text  # "In the next 30 days"
    short: Annotated[str, Field(min_length=1, max_length=20)]  # "30 days"
    days: int = Field(ge=1, le=3660)  # how far ahead: orders the horizons and sets pathway windows
    draws_on: Literal["weakest-domains", "review", "pathway"]
    hint: Text


class PartText(Strict):
    """The words for one part of the plan. The parts themselves (and the lesson that builds each) are
    named once, in course/capstone/parts.py; tests/unit/test_plan.py checks the two agree."""
    id: Slug
    title: Text
    missing: Text  # what the plan says when the learner has not done it yet


class SuggestedGoals(Strict):
    """The goal a suggestion fills in, for the learner to make their own. {domain} is a competency
    domain's name (lower case), {step} a pathway step's name."""
    weakest_domain: Text
    log_gap: Text
    review: Text
    pathway_start: Text
    pathway_ongoing: Text


class PlanContent(Strict):
    lesson: Slug
    title: Text
    instructions: Text
    horizons: Annotated[list[Horizon], Field(min_length=1, max_length=8), unique_by_id("horizon")]
    kind_domains: dict[StepKind, Slug]
    review_domain: Slug
    review_action: Text
    review_days: int = Field(ge=7, le=366)
    suggested_goals: SuggestedGoals
    no_suggestion_near: Text
    no_suggestion_far: Text
    supporters_label: Text
    supporters_hint: Text
    export_note: Text
    discussion_prompts: list[Text] = Field(default_factory=list, max_length=8)
    parts: list[PartText]

    @model_validator(mode="after")
    def _ordered_and_unique(self):
        days = [h.days for h in self.horizons]
        if days != sorted(set(days)):
            raise ValueError("horizons must be listed from the nearest to the farthest, each further ahead")
        listed = [p.id for p in self.parts]
        for part_id in listed:
            if listed.count(part_id) != 1:
                raise ValueError(f"parts: list '{part_id}' exactly once")
        return self

    def part(self, part_id: str) -> PartText:
        return next(p for p in self.parts if p.id == part_id)

    def horizon(self, horizon_id: str) -> Horizon:
        return next(h for h in self.horizons if h.id == horizon_id)

    def check(self, context) -> list[Problem]:
        """(place, reason) for every cross-reference the schema cannot see."""
        problems = context.unknown_lesson("lesson", self.lesson)
        competencies = context.competencies
        for kind, comp in self.kind_domains.items():
            if comp not in competencies:
                problems.append((f"kind_domains.{kind}", f"unknown competency '{comp}'"))
        if self.review_domain not in competencies:
            problems.append(("review_domain", f"unknown competency '{self.review_domain}'"))
        return problems
