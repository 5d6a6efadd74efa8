"""Situational leadership (Hersey and Blanchard) as lesson 05's style matcher uses it.

The content model for course/content/situational_leadership.yaml, and the pure logic: check one
person-and-task the learner described, and match their readiness for that task (experience with
it, confidence in it) to a leadership style. No widgets here, so the rule is easy to test.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from course.catalog import Slug, Strict, Text, _first_duplicate

ROLE_MIN, ROLE_MAX = 2, 60
TASK_MIN, TASK_MAX = 3, 140


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


def check_content(content: StyleMatcherContent) -> list[tuple[str, str]]:
    """(place, reason) for every problem the schema alone cannot see: ids, and one rule per combination."""
    problems = []
    for name in ("experience", "confidence", "styles"):
        ids = [x.id for x in getattr(content, name)]
        if len(ids) != len(set(ids)):
            problems.append((name, f"duplicate id '{_first_duplicate(ids)}'"))
    exp = [x.id for x in content.experience]
    conf = [x.id for x in content.confidence]
    styles = {s.id for s in content.styles}
    seen = set()
    for i, rule in enumerate(content.rules):
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
    used = {r.style for r in content.rules}
    for i, style in enumerate(content.styles):
        if style.id not in used:
            problems.append((f"styles.{i}", f"style '{style.id}' is never matched by a rule"))
    return problems


def _clean_text(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.replace("\x00", "").split())


def is_blank(raw) -> bool:
    """A row the learner left empty: skipped, not an error."""
    if not isinstance(raw, dict):
        return False
    return (not _clean_text(raw.get("role")) and not _clean_text(raw.get("task"))
            and raw.get("experience") is None and raw.get("confidence") is None)


def validate_person(raw, content: StyleMatcherContent) -> tuple[dict | None, str | None]:
    """A clean {role, task, experience, confidence}, or (None, what to fix, in the learner's words)."""
    if not isinstance(raw, dict):
        return None, "it could not be read."
    role, task = _clean_text(raw.get("role")), _clean_text(raw.get("task"))
    if role is None or task is None:
        return None, "it could not be read."
    experience, confidence = raw.get("experience"), raw.get("confidence")
    if len(role) < ROLE_MIN:
        return None, "describe the person by their role (for example “night charge nurse”)."
    if len(role) > ROLE_MAX:
        return None, f"keep the role under {ROLE_MAX} characters (now {len(role)})."
    if len(task) < TASK_MIN:
        return None, "say which task you have in mind: readiness belongs to a task, not to a person."
    if len(task) > TASK_MAX:
        return None, f"keep the task under {TASK_MAX} characters (now {len(task)})."
    if experience is None:
        return None, "choose how much experience they have with this task."
    if not isinstance(experience, str) or experience not in {x.id for x in content.experience}:
        return None, "that experience level is not one the form offers."
    if confidence is None:
        return None, "choose how confident or willing they are about this task."
    if not isinstance(confidence, str) or confidence not in {x.id for x in content.confidence}:
        return None, "that confidence level is not one the form offers."
    return {"role": role, "task": task, "experience": experience, "confidence": confidence}, None
