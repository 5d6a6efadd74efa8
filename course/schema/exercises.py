"""exercises/*.yaml: card-sorting exercises (sort duties into categories, then mark today's)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Problem, Slug, Strict, Text, unique_by_id


class Category(Strict):
    id: Slug
    label: Text


class Card(Strict):
    id: Slug
    text: Text
    answer: Slug
    feedback: Text


class SortExercise(Strict):
    """Sort cards into categories, then mark the ones the learner already does today."""

    id: Slug
    lesson: Slug
    kind: Literal["sort"]
    title: Text
    instructions: Text
    categories: list[Category] = Field(min_length=2, max_length=5)
    cards: Annotated[list[Card], Field(min_length=4, max_length=16), unique_by_id("card")]
    inventory_prompt: Text  # the "which of these do you already do?" question
    inventory_category: Slug  # the category whose cards the inventory asks about

    @model_validator(mode="after")
    def _answers_known(self):
        cats = {c.id for c in self.categories}
        for card in self.cards:
            if card.answer not in cats:
                raise ValueError(f"card '{card.id}' answers unknown category '{card.answer}'")
        if self.inventory_category not in cats:
            raise ValueError(f"inventory_category '{self.inventory_category}' is not a category")
        return self

    def check(self, context) -> list[Problem]:
        return context.unknown_lesson("lesson", self.lesson)
