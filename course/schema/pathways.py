"""pathways.yaml: lesson 02's pathway planner: the steps and routes to a first clinical management
role. Every typical length comes from facts.yaml (a fact's `value`, or its `low` and `high`), so each
figure lives once; a step without a sourced length is a milestone. Building a learner's plan is
course/engine/pathway.py.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Problem, Slug, Strict, Text, unique_by_id
from course.schema.profile import DEGREES, FIELDS

CONTENT_FILE = "pathways.yaml"
Kind = Literal["education", "licensure", "clinical", "leadership"]
KINDS: tuple[str, ...] = ("education", "licensure", "clinical", "leadership")
NO_DEGREE = "none"  # the graduate option id that means "no graduate degree"


class KindStyle(Strict):
    label: Text  # the legend's words: the colour never carries the meaning alone
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class StepDef(Strict):
    id: Slug
    kind: Kind
    label: Text
    level: Literal["undergraduate", "graduate", "none"] = "none"  # which students are in it now
    fact: Slug | None = None  # where the typical length comes from; none = a milestone
    done_by: list[str] = []  # profile degrees that mean this step is behind the learner
    note: str | None = None  # shown with the step


class Route(Strict):
    id: Slug
    label: Text  # "Nursing (registered nurse)"
    clinician: Text  # "registered nurse"
    fields: list[str] = Field(min_length=1)  # profile fields whose clinicians are on this route
    entry: list[Slug] = Field(min_length=2)  # the steps to a licensed clinician, in order
    first_leadership: Text  # "Charge nurse, preceptor or unit committee roles"
    manager_titles: Text  # "nurse manager or clinical manager"
    note: str | None = None


class GraduateOption(Strict):
    id: Slug
    name: Text
    degree: str  # the profile degree id
    steps: list[Slug] = Field(min_length=1)  # the steps whose typical lengths make up its time
    routes: list[Slug] = []  # routes where the planner offers it as the added graduate degree
    licensure: Text  # does it lead to a clinical license?
    emphasis: Text  # how much of it is about management
    fit: Text  # whom it typically suits


class Planning(Strict):
    part_time_factor: float = Field(ge=1, le=4)  # how much longer part-time study is drawn
    part_time_note: Text
    leadership_min_years: float = Field(ge=0, le=5)  # the course's suggestion, not a statistic
    leadership_note: Text
    practice_note: Text  # under the practice years the learner chose
    extra_practice_note: Text  # under a year added for leadership when the chosen years are done
    studying_note: Text  # under the program a student is in now
    not_on_route_note: Text  # when the degree a student is in now is not on the chosen route
    other_field_note: Text  # when the route is not the profile's field; {field} and {route} are filled in
    full_time_note: Text  # when the added degree is studied full-time, after the practice years
    working_while_studying_note: Text  # under practice that goes on until a part-time degree is done
    apply_note: Text  # under the goal
    default_route: Slug  # for profile fields no route lists ("other or not sure")


class PathwayContent(Strict):
    kinds: dict[Kind, KindStyle]
    planning: Planning
    steps: Annotated[list[StepDef], Field(min_length=1), unique_by_id("step")]
    routes: Annotated[list[Route], Field(min_length=1), unique_by_id("route")]
    graduate_options: Annotated[list[GraduateOption], Field(min_length=1), unique_by_id("graduate option")]
    caveat: Text  # shown with every plan: typical, US-centered, check programs

    @model_validator(mode="after")
    def _every_kind_styled(self):
        missing = [k for k in KINDS if k not in self.kinds]
        if missing:
            raise ValueError(f"kinds: no style for '{missing[0]}'")
        return self

    def step(self, step_id: str) -> StepDef:
        return next(s for s in self.steps if s.id == step_id)

    def route(self, route_id: str) -> Route:
        return next(r for r in self.routes if r.id == route_id)

    def option(self, option_id: str) -> GraduateOption:
        return next(g for g in self.graduate_options if g.id == option_id)

    def route_for_field(self, field_id: str) -> Route:
        for route in self.routes:
            if field_id in route.fields:
                return route
        return self.route(self.planning.default_route)

    def options_for(self, route_id: str) -> list[GraduateOption]:
        return [g for g in self.graduate_options if route_id in g.routes]

    def check(self, context) -> list[Problem]:
        """Cross-references the schema cannot see: (place, reason) for each problem."""
        problems, facts = [], context.facts
        step_ids = {s.id for s in self.steps}
        route_ids = {r.id for r in self.routes}
        for i, step in enumerate(self.steps):
            if step.fact is not None:
                fact = facts.get(step.fact)
                if fact is None:
                    problems.append((f"steps.{i}.fact", f"unknown fact '{step.fact}'"))
                elif fact_years(fact) is None:
                    problems.append((f"steps.{i}.fact", f"fact '{step.fact}' has no value or low/high years"))
            for j, degree in enumerate(step.done_by):
                if degree not in DEGREES:
                    problems.append((f"steps.{i}.done_by.{j}", f"unknown profile degree '{degree}'"))
        seen_fields = {}
        for i, route in enumerate(self.routes):
            for j, field_id in enumerate(route.fields):
                if field_id not in FIELDS:
                    problems.append((f"routes.{i}.fields.{j}", f"unknown profile field '{field_id}'"))
                elif field_id in seen_fields:
                    problems.append((f"routes.{i}.fields.{j}",
                                     f"field '{field_id}' is already on route '{seen_fields[field_id]}'"))
                seen_fields[field_id] = route.id
            for j, step_id in enumerate(route.entry):
                if step_id not in step_ids:
                    problems.append((f"routes.{i}.entry.{j}", f"unknown step '{step_id}'"))
                elif self.step(step_id).kind not in ("education", "licensure"):
                    problems.append((f"routes.{i}.entry.{j}", f"step '{step_id}' is not education or licensure"))
            if route.entry and route.entry[-1] in step_ids and self.step(route.entry[-1]).kind != "licensure":
                problems.append((f"routes.{i}.entry", "a clinical route must end with a licensure step"))
        try:
            self.planning.other_field_note.format(field="nursing", route="medicine")
        except (KeyError, IndexError, ValueError) as exc:
            problems.append(("planning.other_field_note",
                             f"only {{field}} and {{route}} can be filled in ({exc.__class__.__name__}: {exc})"))
        if self.planning.default_route not in route_ids:
            problems.append(("planning.default_route", f"unknown route '{self.planning.default_route}'"))
        for i, option in enumerate(self.graduate_options):
            if option.id == NO_DEGREE:
                problems.append((f"graduate_options.{i}.id", f"'{NO_DEGREE}' is reserved for 'no graduate degree'"))
            if option.degree not in DEGREES:
                problems.append((f"graduate_options.{i}.degree", f"unknown profile degree '{option.degree}'"))
            for j, step_id in enumerate(option.steps):
                if step_id not in step_ids:
                    problems.append((f"graduate_options.{i}.steps.{j}", f"unknown step '{step_id}'"))
                elif self.step(step_id).fact is None:
                    problems.append((f"graduate_options.{i}.steps.{j}", f"step '{step_id}' has no typical length"))
            for j, route_id in enumerate(option.routes):
                if route_id not in route_ids:
                    problems.append((f"graduate_options.{i}.routes.{j}", f"unknown route '{route_id}'"))
            if option.routes and len(option.steps) != 1:
                problems.append((f"graduate_options.{i}.steps", "an option the planner adds must be exactly one step"))
        return problems


def fact_years(fact) -> tuple[float, float] | None:
    """A fact's typical length as (low, high), or None if it gives no number."""
    low, high = getattr(fact, "low", None), getattr(fact, "high", None)
    if low is not None and high is not None:
        return float(low), float(high)
    if fact.value is not None:
        return float(fact.value), float(fact.value)
    return None
