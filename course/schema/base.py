"""What every content model shares: the id and text types, the strict base model, and the context
a content file's cross-file check reads (the files loaded before it).

A check returns (place, reason) pairs; the loader adds the file's name, so every problem a
maintainer sees names the file, the place inside it and the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Callable, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Problem = tuple[str, str]  # (place inside the file, reason)

MAX_TRIES = 3  # the course's one rule: every self-check and budget-lab step allows 3 tries, then shows the answer


class Strict(BaseModel):
    """Unknown keys are errors (a typo never passes silently); loaded content never changes.

    defer_build: a model's validator is built when content is first validated (`course check`),
    not when the module is imported, so a kernel that starts from the content cache never builds it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LookupFile(Strict):
    """A file the others look up by id (competencies.yaml, facts.yaml): one list under the file's own
    key, each id once. A subclass names the key and what one record is called."""

    key: ClassVar[str]  # the list's key in the file, e.g. "facts"
    what: ClassVar[str]  # one record, in a problem's words, e.g. "fact"

    def check(self, _context) -> list[Problem]:
        return repeated_ids(self.key, getattr(self, self.key), self.what)

    def by_id(self) -> dict:
        return {record.id: record for record in getattr(self, self.key)}


def first_duplicate(values):
    seen = set()
    for v in values:
        if v in seen:
            return v
        seen.add(v)
    return None


def unique_ids(items, what: str):
    """The items, or ValueError naming the first id listed twice (for a validator)."""
    repeated = first_duplicate(item.id for item in items)
    if repeated is not None:
        raise ValueError(f"duplicate {what} id '{repeated}'")
    return items


def unique_by_id(what: str) -> AfterValidator:
    """For a list whose items' ids must differ: `steps: Annotated[list[Step], unique_by_id("step")]`."""
    return AfterValidator(lambda items: unique_ids(items, what))


def repeated_ids(place: str, items, what: str) -> list[Problem]:
    """(place, reason) for every item whose id an earlier item already has, e.g. ("facts.3.id", ...)."""
    seen, problems = set(), []
    for i, item in enumerate(items):
        if item.id in seen:
            problems.append((f"{place}.{i}.id", f"duplicate {what} id '{item.id}'"))
        seen.add(item.id)
    return problems


@dataclass(frozen=True)
class Context:
    """What a check may consult beyond its own file. Empty where that file is missing or invalid,
    so a check reports only what it can see (the missing file is reported once, by the loader)."""

    competencies: dict = field(default_factory=dict)  # id -> Competency
    facts: dict = field(default_factory=dict)  # id -> Fact
    lessons: dict = field(default_factory=dict)  # id -> Lesson, in course order
    data_dir: Path | None = None  # the sample data (assets/data)
    lesson_markdown: Callable[[str], list[str] | None] = lambda lesson_id: None  # a lesson's Markdown cells

    def unknown_lesson(self, place: str, lesson_id: str) -> list[Problem]:
        return [(place, f"unknown lesson '{lesson_id}'")] if self.lessons and lesson_id not in self.lessons else []

    def unknown_competency(self, place: str, competency_id: str) -> list[Problem]:
        if self.competencies and competency_id not in self.competencies:
            return [(place, f"unknown competency '{competency_id}'")]
        return []

    def fact_problem(self, place: str, fact_id: str, needs_value: bool = True, fits=None,
                     needs: str = "") -> list[Problem]:
        """(place, reason) when the fact is unknown, has no value where one is needed, or has a value
        that does not fit the rule `fits` (then `needs` says what it needs, e.g. "a positive value")."""
        fact = self.facts.get(fact_id)
        if fact is None:
            return [(place, f"unknown fact '{fact_id}'")]
        if (needs_value or fits) and fact.value is None:
            return [(place, f"fact '{fact_id}' has no value")]
        if fits and not fits(fact.value):
            return [(place, f"fact '{fact_id}' needs {needs}")]
        return []
