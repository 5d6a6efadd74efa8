"""certifications.yaml: lesson 04's certification explorer: the eligibility rules as data.

A certification has one or more routes; a route is a list of conditions (a degree, a license,
a position, an amount of education or of experience), each of which checks what it names.
Thresholds come from facts.yaml, so each figure lives once. Question ids such as `rn_licence`
keep their first spelling: saved answers refer to them. Evaluating a learner against the rules
is course/engine/certifications.py.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from course.schema.base import Problem, Slug, Strict, Text, unique_by_id
from course.schema.profile import DEGREES

# What the explorer asks beyond the profile. Years, hours and credits are the learner's own estimates.
Measure = Literal["healthcare_years", "management_years", "nurse_manager_hours",
                  "executive_nursing_years", "quality_years", "physician_practice_years",
                  "college_credits", "management_education_hours"]
YesNo = Literal["rn_licence", "physician_licence", "executive_position"]
MEASURE_UNITS = {"healthcare_years": "years", "management_years": "years", "nurse_manager_hours": "hours",
                 "executive_nursing_years": "years", "quality_years": "years",
                 "physician_practice_years": "years", "college_credits": "credits",
                 "management_education_hours": "course hours"}
MEASURE_LIMITS = {"years": 60, "hours": 120_000, "credits": 400, "course hours": 5_000}
LICENCE_QUESTIONS = {"rn": "rn_licence", "physician": "physician_licence"}
HOURS_FACT = "fte-annual-hours"  # to say how long a gap in hours is at full time


class NumberQuestion(Strict):
    id: Measure
    kind: Literal["number"]
    label: Text
    hint: str | None = None


class YesNoQuestion(Strict):
    id: YesNo
    kind: Literal["yes-no"]
    label: Text
    hint: str | None = None


Question = Annotated[Union[NumberQuestion, YesNoQuestion], Field(discriminator="kind")]


class DegreeCondition(Strict):
    kind: Literal["degree"]
    any_of: list[str] = Field(min_length=1)  # degree ids from profile.DEGREES
    label: Text  # "a BSN or a higher nursing degree"

    def problems(self, place: str, facts: dict, asked: set) -> list[Problem]:
        """What this rule names that does not exist: here a degree; below a fact or a question."""
        return [(f"{place}.any_of", f"unknown degree '{d}'") for d in self.any_of if d not in DEGREES]


class LicenceCondition(Strict):
    kind: Literal["licence"]
    licence: Literal["rn", "physician"]
    label: Text

    def problems(self, place: str, facts: dict, asked: set) -> list[Problem]:
        question = LICENCE_QUESTIONS[self.licence]
        return [] if question in asked else [(place, f"no question asks for '{question}'")]


class PositionCondition(Strict):
    kind: Literal["position"]
    position: Literal["executive"]
    label: Text

    def problems(self, place: str, facts: dict, asked: set) -> list[Problem]:
        return [] if "executive_position" in asked else [(place, "no question asks for 'executive_position'")]


class _Threshold(Strict):
    """A condition whose threshold lives in facts.yaml and whose amount a question asks for."""

    def problems(self, place: str, facts: dict, asked: set) -> list[Problem]:
        found = []
        fact = facts.get(self.fact)
        if fact is None:
            found.append((f"{place}.fact", f"unknown fact '{self.fact}'"))
        elif fact.value is None:
            found.append((f"{place}.fact", f"fact '{self.fact}' has no value"))
        if self.measure not in asked:
            found.append((f"{place}.measure", f"no question asks for '{self.measure}'"))
        return found


class ExperienceCondition(_Threshold):
    kind: Literal["experience"]
    measure: Measure
    fact: Slug  # the threshold lives in facts.yaml
    label: Text  # what is counted, e.g. "hours in a nurse manager role"


class EducationCondition(_Threshold):
    """An amount of education short of a degree: college credits, hours of tested courses."""
    kind: Literal["education"]
    measure: Literal["college_credits", "management_education_hours"]
    fact: Slug  # the threshold lives in facts.yaml
    label: Text  # what is counted, e.g. "of college credit"


Condition = Annotated[Union[DegreeCondition, LicenceCondition, PositionCondition, ExperienceCondition,
                            EducationCondition], Field(discriminator="kind")]


class Route(Strict):
    id: Slug
    label: Text
    conditions: list[Condition] = []  # none: open to everyone
    confirm: Text  # the note to confirm this rule with the certifying body


class Certification(Strict):
    id: Slug
    abbreviation: Text
    name: Text
    body: Text
    url: Annotated[str, Field(pattern=r"^https://")]
    purpose: Text
    for_whom: Text
    routes: Annotated[list[Route], Field(min_length=1), unique_by_id("route")]
    also_required: list[Text] = []
    notes: list[Text] = []  # worth knowing, but not a rule the explorer checks (e.g. an early-career pathway)
    recommended: ExperienceCondition | None = None  # advice, not a rule (CPHQ)


class CertificationFile(Strict):
    lesson: Slug
    title: Text
    instructions: Text
    no_profile: Text  # said when the learner has no starting profile (no degrees are assumed)
    questions: list[Question] = Field(min_length=1)
    certifications: list[Certification] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self):
        ids = [c.id for c in self.certifications]
        if len(ids) != len(set(ids)):
            raise ValueError("certification ids must be unique")
        qids = [q.id for q in self.questions]
        if len(qids) != len(set(qids)):
            raise ValueError("question ids must be unique")
        return self

    def check(self, context) -> list[Problem]:
        """(place, reason) for the lesson, and every degree, fact or question a rule names that does not exist."""
        problems = context.unknown_lesson("lesson", self.lesson)
        asked = {q.id for q in self.questions}
        for i, cert in enumerate(self.certifications):
            conditions = [(f"certifications.{i}.routes.{j}.conditions.{k}", cond)
                          for j, route in enumerate(cert.routes) for k, cond in enumerate(route.conditions)]
            if cert.recommended:
                conditions.append((f"certifications.{i}.recommended", cert.recommended))
            for place, cond in conditions:
                problems += cond.problems(place, context.facts, asked)
        return problems
