"""glossary.yaml: the terms a lesson explains where they first appear, and how a term is recognized
in running text. The pattern is written once, here, in the subset of regular expressions that Python
and JavaScript read the same way, so `course check` and the tests find exactly what the page finds.
"""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator

from course.schema.base import Problem, Slug, Strict

# A term is a whole word: not preceded or followed by a letter or digit ("RN" in "RNs", not in "LEARN").
_BEFORE, _AFTER = "(?<![A-Za-z0-9])", "(?![A-Za-z0-9])"
_SPECIAL = re.compile(r"([\\^$.|?*+()\[\]{}/])")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”]{2}[.!?])\s+(?=[A-Z\"“])")


def term_id(term: str) -> str:
    """The term's id in links and anchors: "O*NET" -> "o-net", "Joint Commission" -> "joint-commission"."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


def _form(text: str) -> str:
    words = [_SPECIAL.sub(r"\\\1", word) for word in text.split()]
    first = words[0]
    if first[:1].islower():  # "variance" also opens a sentence as "Variance"
        first = f"[{first[0].upper()}{first[0]}]{first[1:]}"
    plural = "" if text.endswith(("s", "S")) else "s?"  # a plural counts: "FTEs", "huddles"
    return r"\s+".join([first, *words[1:]]) + plural


def pattern(entry) -> str:
    """The regular expression (Python and JavaScript alike) that finds the term in running text."""
    forms = sorted({entry.term, *entry.forms}, key=len, reverse=True)  # the longest form wins
    return _BEFORE + "(?:" + "|".join(_form(f) for f in forms) + ")" + _AFTER


def first_match(entry, text: str):
    return re.search(pattern(entry), text)


def sentences(text: str) -> int:
    return len([s for s in _SENTENCE_END.split(text.strip()) if s])


def markdown_text(source: str) -> str:
    """A Markdown cell's words as a reader sees them, near enough to look a term up. Headings, code
    and link texts are left out, as the page leaves them out when it marks terms."""
    text = re.sub(r"(?ms)^\s*(```|~~~).*?^\s*\1", " ", source)  # fenced code
    text = re.sub(r"(?m)^#{1,6}[ \t].*$", " ", text)  # headings
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


class GlossaryTerm(Strict):
    term: Annotated[str, Field(min_length=1, max_length=40)]  # as the text writes it: "FTE", "huddle"
    expansion: Annotated[str, Field(min_length=2, max_length=120)] | None = None  # what the letters stand for
    explanation: Annotated[str, Field(min_length=40, max_length=600)]  # 1-3 plain sentences
    us: bool = False  # a US body, law, program or credential: labelled "US" wherever it is shown
    lesson: Slug | None = None  # the lesson that teaches it; its text must use the term
    related: list[Annotated[str, Field(min_length=1)]] = []  # other terms in the glossary
    forms: list[Annotated[str, Field(min_length=1, max_length=60)]] = []  # other spellings in the text

    @field_validator("explanation")
    @classmethod
    def _one_to_three_sentences(cls, text):
        found = sentences(text)
        if not 1 <= found <= 3:
            raise ValueError(f"explain the term in 1 to 3 sentences (found {found})")
        return text


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)

    def check(self, context) -> list[Problem]:
        """Terms unique, related terms and lessons known, and each term used in the text of the
        lesson said to teach it."""
        found: list[Problem] = []
        seen: dict[str, int] = {}
        for i, entry in enumerate(self.terms):
            for form in (entry.term, *entry.forms):
                other = seen.get(term_id(form))
                if other is not None and other != i:  # one entry may spell a form two ways
                    found.append((f"terms.{i}.term", f"duplicate term '{form}' (also terms.{other})"))
                seen.setdefault(term_id(form), i)
        known = {term_id(e.term) for e in self.terms}
        texts: dict[str, str | None] = {}
        for i, entry in enumerate(self.terms):
            for j, related in enumerate(entry.related):
                if term_id(related) not in known:
                    found.append((f"terms.{i}.related.{j}", f"unknown term '{related}'"))
            if entry.lesson is None or not context.lessons:
                continue
            lesson = context.lessons.get(entry.lesson)
            if lesson is None:
                found.append((f"terms.{i}.lesson", f"unknown lesson '{entry.lesson}'"))
                continue
            if lesson.id not in texts:
                cells = context.lesson_markdown(lesson.id)  # None: unpublished, or no notebook yet
                texts[lesson.id] = None if cells is None else "\n".join(markdown_text(c) for c in cells)
            if texts[lesson.id] is not None and not first_match(entry, texts[lesson.id]):
                found.append((f"terms.{i}.lesson", f"'{entry.term}' does not appear in the text of lesson "
                                                   f"{lesson.number} ({lesson.notebook}), which should teach it"))
        return found

    def in_order(self) -> tuple[GlossaryTerm, ...]:
        return tuple(sorted(self.terms, key=lambda e: e.term.casefold()))
