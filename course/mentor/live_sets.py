"""Saved prompt sets for live sessions, one per session plan of the facilitator guide, and the open
questions they ask (course/content/live_sets.yaml). A mentor picks "Session plan 3" in the live
console and the plan's prompts are added in order; the guide names the same sets, and a unit test
keeps the two in step."""
from __future__ import annotations

from dataclasses import dataclass

import yaml

OPEN_PREFIX = "open:"
SETS_FILE = "live_sets.yaml"


class LiveSetsError(ValueError):
    """The sets file is not as described at its top; the message says where."""


@dataclass(frozen=True)
class OpenQuestion:
    ref: str  # "open:<id>"
    lesson: str
    question: str


@dataclass(frozen=True)
class PromptSet:
    id: str
    title: str
    plan: int  # the facilitator guide's session plan
    refs: tuple[str, ...]


def _read(catalog) -> dict:
    path = catalog.root / SETS_FILE
    if not path.exists():  # a course without saved sets (the unit tests' fixture) offers none
        return {"open_questions": [], "sets": []}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise LiveSetsError(f"{SETS_FILE}: expected open_questions and sets")
    return raw


def open_prompts(catalog) -> dict[str, OpenQuestion]:
    """The open questions, by ref."""
    def build():
        lessons = {lesson.id for lesson in catalog.course.lessons}
        found = {}
        for i, entry in enumerate(_read(catalog).get("open_questions") or []):
            where = f"{SETS_FILE}: open_questions.{i}"
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip()
                                                      for k in ("id", "lesson", "question")):
                raise LiveSetsError(f"{where}: needs id, lesson and question")
            if entry["lesson"] not in lessons:
                raise LiveSetsError(f"{where}: no lesson '{entry['lesson']}' in course.yaml")
            if len(entry["question"]) > 200:
                raise LiveSetsError(f"{where}: a question of at most 200 characters reads on a projector")
            ref = OPEN_PREFIX + entry["id"]
            found[ref] = OpenQuestion(ref, entry["lesson"], " ".join(entry["question"].split()))
        return found

    return catalog.memo("live-open-questions", build)


def prompt_sets(catalog) -> list[PromptSet]:
    """The saved sets, in the order of the guide's session plans."""
    def build():
        found = []
        for i, entry in enumerate(_read(catalog).get("sets") or []):
            where = f"{SETS_FILE}: sets.{i}"
            refs = entry.get("prompts") if isinstance(entry, dict) else None
            if (not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs)
                    or not isinstance(entry.get("title"), str) or not isinstance(entry.get("plan"), int)):
                raise LiveSetsError(f"{where}: needs id, title, plan (a number) and a list of prompts")
            found.append(PromptSet(str(entry.get("id")), entry["title"], entry["plan"], tuple(refs)))
        return found

    return catalog.memo("live-prompt-sets", build)
