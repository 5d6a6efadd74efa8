"""self_assessment.yaml: lesson 04's readiness self-assessment (statements per domain, a 1-5 scale)."""
from __future__ import annotations

from pydantic import Field, field_validator

from course.schema.base import Problem, Slug, Strict, Text, first_duplicate, unique_ids
from course.schema.profile import STAGES


class ScaleLevel(Strict):
    value: int = Field(ge=1, le=5)
    label: Text


class Statement(Strict):
    id: Slug
    text: Text


class Action(Strict):
    text: Text
    stages: list[str] = []  # the profile stages it suits; empty means everyone


class AssessmentDomain(Strict):
    competency: Slug
    statements: list[Statement] = Field(min_length=4, max_length=8)
    lessons: list[Slug] = Field(min_length=1)  # lessons that build this domain
    actions: list[Action] = Field(min_length=2)  # concrete things to do about it


class SelfAssessment(Strict):
    id: Slug
    lesson: Slug
    title: Text
    instructions: Text
    scale_fact: Slug  # the fact that names the scale's source (ACHE's Novice-Competent-Expert)
    no_profile: Text  # said when the learner has no starting profile (actions are then not filtered)
    scale: list[ScaleLevel]
    domains: list[AssessmentDomain] = Field(min_length=1)

    @field_validator("scale")
    @classmethod
    def _five_levels(cls, scale):
        if [level.value for level in scale] != [1, 2, 3, 4, 5]:
            raise ValueError("the scale must list the values 1, 2, 3, 4, 5 in order")
        return scale

    @field_validator("domains")
    @classmethod
    def _unique_domains(cls, domains):
        comps = [d.competency for d in domains]
        if len(comps) != len(set(comps)):
            raise ValueError(f"domain '{first_duplicate(comps)}' is listed twice")
        unique_ids([s for d in domains for s in d.statements], "statement")
        return domains

    def check(self, context) -> list[Problem]:
        found = context.unknown_lesson("lesson", self.lesson)
        found += context.fact_problem("scale_fact", self.scale_fact, needs_value=False)
        for i, domain in enumerate(self.domains):
            found += context.unknown_competency(f"domains.{i}.competency", domain.competency)
            for j, lesson_id in enumerate(domain.lessons):
                found += context.unknown_lesson(f"domains.{i}.lessons.{j}", lesson_id)
            for j, action in enumerate(domain.actions):
                found += [(f"domains.{i}.actions.{j}.stages", f"unknown profile stage '{stage}'")
                          for stage in action.stages if stage not in STAGES]
        missing = [c for c in context.competencies if c not in {d.competency for d in self.domains}]
        if missing:
            found.append(("domains", f"no statements for competency '{missing[0]}'"))
        return found
