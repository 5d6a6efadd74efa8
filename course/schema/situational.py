"""situational_leadership.yaml: lesson 05's style matcher (Hersey and Blanchard): readiness levels,
styles, and the rule that matches each combination of experience and confidence to a style."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from course.schema.base import Problem, Slug, Strict, Text, first_duplicate


class Level(Strict):
    """One answer the learner can pick for experience or confidence."""

    id: Slug
    label: Text


class Style(Strict):
    id: Slug
    name: Text  # "Telling (S1)"
    summary: Text  # what the leader does in this style
    looks_like: Text  # what it sounds like on a unit
    watch_for: Text  # the usual way it goes wrong


class Rule(Strict):
    """Which style fits one combination of experience and confidence, and why."""

    experience: Slug
    confidence: Slug
    readiness: Text  # "R1: not yet able, and unsure"
    style: Slug
    why: Text


class StyleMatcherContent(Strict):
    id: Slug
    lesson: Slug
    title: Text
    instructions: Text
    privacy_note: Text  # roles, not names
    no_team_hint: Text  # for learners who lead nobody yet
    closing: Text  # shown under every result: readiness is per task and changes
    max_people: Annotated[int, Field(ge=1, le=5)] = 3
    experience: list[Level] = Field(min_length=2, max_length=5)
    confidence: list[Level] = Field(min_length=2, max_length=4)
    styles: list[Style] = Field(min_length=2, max_length=6)
    rules: list[Rule] = Field(min_length=4)

    def style(self, style_id: str) -> Style:
        return next(s for s in self.styles if s.id == style_id)

    def match(self, experience: str, confidence: str) -> tuple[Rule, Style]:
        rule = next(r for r in self.rules if r.experience == experience and r.confidence == confidence)
        return rule, self.style(rule.style)

    def check(self, context) -> list[Problem]:
        """(place, reason) for every problem the schema alone cannot see: ids, and one rule per combination."""
        problems = context.unknown_lesson("lesson", self.lesson)
        for name in ("experience", "confidence", "styles"):
            ids = [x.id for x in getattr(self, name)]
            if len(ids) != len(set(ids)):
                problems.append((name, f"duplicate id '{first_duplicate(ids)}'"))
        exp = [x.id for x in self.experience]
        conf = [x.id for x in self.confidence]
        styles = {s.id for s in self.styles}
        seen = set()
        for i, rule in enumerate(self.rules):
            if rule.experience not in exp:
                problems.append((f"rules.{i}.experience", f"unknown experience level '{rule.experience}'"))
            if rule.confidence not in conf:
                problems.append((f"rules.{i}.confidence", f"unknown confidence level '{rule.confidence}'"))
            if rule.style not in styles:
                problems.append((f"rules.{i}.style", f"unknown style '{rule.style}'"))
            pair = (rule.experience, rule.confidence)
            if pair in seen:
                problems.append((f"rules.{i}", f"a second rule for experience '{pair[0]}' and confidence '{pair[1]}'"))
            seen.add(pair)
        for e in exp:
            for c in conf:
                if (e, c) not in seen:
                    problems.append(("rules", f"no rule for experience '{e}' and confidence '{c}'"))
        used = {r.style for r in self.rules}
        for i, style in enumerate(self.styles):
            if style.id not in used:
                problems.append((f"styles.{i}", f"style '{style.id}' is never matched by a rule"))
        return problems
