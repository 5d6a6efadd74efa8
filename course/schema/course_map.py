"""course.yaml: the course's title and its lessons in order, with the course map picture's parts."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import Slug, Strict, Text, unique_ids


class Lesson(Strict):
    id: Slug
    number: int = Field(ge=0, le=99)
    title: Text
    notebook: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+\.ipynb$")]
    minutes: int = Field(ge=5, le=600)
    questions: list[Text] = Field(min_length=1)
    objectives: list[Text] = Field(min_length=2, max_length=5)
    status: Literal["published", "planned"] = "published"
    reflection: str | None = None  # the reflection prompt, shown by course.reflection()


class MapStop(Strict):
    lesson: Slug
    label: Annotated[str, Field(min_length=1, max_length=40)]  # the stop's short name on the picture


class MapPart(Strict):
    title: Annotated[str, Field(min_length=1, max_length=40)]  # "Getting there"
    stops: list[MapStop] = Field(min_length=1)


class CourseMap(Strict):
    title: Text
    subtitle: Text
    lessons: list[Lesson] = Field(min_length=1)
    map: list[MapPart] = []  # the course map picture (lesson 00): parts of the path, in order

    @model_validator(mode="after")
    def _ordered_and_unique(self):
        numbers = [lesson.number for lesson in self.lessons]
        if numbers != sorted(set(numbers)):
            raise ValueError("lesson numbers must be unique and in ascending order")
        unique_ids(self.lessons, "lesson")
        ids = [lesson.id for lesson in self.lessons]
        if self.map:
            on_map = [stop.lesson for part in self.map for stop in part.stops]
            unknown = [i for i in on_map if i not in ids]
            if unknown:
                raise ValueError(f"map: unknown lesson '{unknown[0]}'")
            if on_map != ids:
                raise ValueError("map: list every lesson once, in the order of 'lessons'")
        return self
