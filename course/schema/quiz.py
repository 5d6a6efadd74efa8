"""quizzes/*.yaml: a lesson's self-check items. Each kind (single choice, multiple select, numeric,
ordering) knows its own checks: the content it refers to, and whether a response is right.

A response is what the widget saves: {"choice": id}, {"choices": [ids]}, {"value": number, "text":
what was typed} or {"order": [step ids]}.
"""
from __future__ import annotations

from typing import Annotated, Callable, ClassVar, Literal, Union

from pydantic import Field, model_validator

from course.schema.base import MAX_TRIES, Problem, Slug, Strict, Text, unique_by_id

HINT_MAX = 400


class Option(Strict):
    id: Slug
    text: Text
    correct: bool = False
    feedback: Text  # why this option is right or wrong; shown after answering


class _Item(Strict):
    has_options: ClassVar[bool] = False  # a list of options to choose from (what a live session can ask)

    id: Slug
    prompt: Text
    max_tries: int = Field(default=MAX_TRIES, ge=1, le=5)  # the answer is shown after this many tries
    competency: Slug | None = None
    hint: Annotated[str, Field(min_length=1, max_length=HINT_MAX)] | None = None  # guides, never gives the answer

    def problems(self, place: str, context) -> list[Problem]:
        """What this item refers to that the content does not have."""
        return context.unknown_competency(f"{place}.competency", self.competency) if self.competency else []

    def check(self, response: dict) -> bool:
        """Whether a (validated) response is right."""
        raise NotImplementedError

    def describe(self, response: dict) -> str:
        """The response as one line, in the cmi.interaction style xAPI uses ('a[,]b' for lists)."""
        raise NotImplementedError

    def correct_response(self) -> dict:
        raise NotImplementedError


class _Choice(_Item):
    """An item answered by choosing among its options; the kinds differ in how many may be right."""
    has_options: ClassVar[bool] = True
    correct_count: ClassVar[tuple[Callable[[int], bool], str]]  # (allowed, the rule in words)

    @model_validator(mode="after")
    def _correct_count(self):
        allowed, rule = self.correct_count
        if not allowed(sum(o.correct for o in self.options)):
            raise ValueError(rule)
        return self


class SingleChoice(_Choice):
    correct_count = (lambda n: n == 1, "a single-choice item needs exactly one correct option")
    kind: Literal["single"]
    options: Annotated[list[Option], Field(min_length=2, max_length=8), unique_by_id("option")]

    def check(self, response: dict) -> bool:
        return next(o for o in self.options if o.id == response["choice"]).correct

    def describe(self, response: dict) -> str:
        return str(response.get("choice", ""))

    def correct_response(self) -> dict:
        return {"choice": next(o.id for o in self.options if o.correct)}


class MultipleChoice(_Choice):
    correct_count = (lambda n: n >= 1, "a multiple-select item needs at least one correct option")
    kind: Literal["multiple"]
    options: Annotated[list[Option], Field(min_length=3, max_length=10), unique_by_id("option")]

    def check(self, response: dict) -> bool:
        return set(response["choices"]) == {o.id for o in self.options if o.correct}

    def describe(self, response: dict) -> str:
        return "[,]".join(response.get("choices") or [])

    def correct_response(self) -> dict:
        return {"choices": sorted(o.id for o in self.options if o.correct)}


class NumericFeedback(Strict):
    correct: Text
    too_low: Text
    too_high: Text


class Numeric(_Item):
    kind: Literal["numeric"]
    answer: float | None = None  # the loader fills it in from answer_fact, so checking needs no facts
    answer_fact: Slug | None = None  # take the answer from facts.yaml so a figure lives once
    tolerance: float = Field(default=0, ge=0)
    unit: Text
    feedback: NumericFeedback
    explanation: Text  # how the answer is worked out; shown once answered

    @model_validator(mode="after")
    def _one_answer(self):
        if (self.answer is None) == (self.answer_fact is None):
            raise ValueError("give exactly one of 'answer' or 'answer_fact'")
        return self

    def problems(self, place: str, context) -> list[Problem]:
        found = super().problems(place, context)
        if self.answer_fact:
            found += context.fact_problem(f"{place}.answer_fact", self.answer_fact)
        return found

    def resolved(self, facts: dict) -> Numeric:
        """This item with its answer taken from facts.yaml (checked by problems() first)."""
        if self.answer is not None:
            return self
        return self.model_copy(update={"answer": facts[self.answer_fact].value})

    def check(self, response: dict) -> bool:
        return abs(response["value"] - self.answer) <= self.tolerance

    def describe(self, response: dict) -> str:
        value = response.get("value")
        return "" if value is None else f"{value:g}"

    def correct_response(self) -> dict:
        return {"value": self.answer, "text": f"{self.answer:g}"}


class Step(Strict):
    id: Slug
    text: Text
    why: Text  # why this step sits where it does


class OrderingFeedback(Strict):
    correct: Text
    incorrect: Text


class Ordering(_Item):
    kind: Literal["ordering"]
    steps: Annotated[list[Step], Field(min_length=3, max_length=8), unique_by_id("step")]  # in the correct order
    feedback: OrderingFeedback

    def check(self, response: dict) -> bool:
        return response["order"] == [s.id for s in self.steps]

    def describe(self, response: dict) -> str:
        return "[,]".join(response.get("order") or [])

    def correct_response(self) -> dict:
        return {"order": [s.id for s in self.steps]}


Item = Annotated[Union[SingleChoice, MultipleChoice, Numeric, Ordering], Field(discriminator="kind")]
KINDS = ("single", "multiple", "numeric", "ordering")  # the union's tags, which error places leave out


class QuizFile(Strict):
    lesson: Slug
    items: list[Item] = Field(min_length=1)

    def check(self, context) -> list[Problem]:
        found = context.unknown_lesson("lesson", self.lesson)
        for i, item in enumerate(self.items):
            found += item.problems(f"items.{i}", context)
        return found
