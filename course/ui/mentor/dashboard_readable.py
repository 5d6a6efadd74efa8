"""A learner's saved work in words for the mentor: the readiness self-assessment by competency
name and statement, a sorting exercise as card → category, lessons 08 and 09's tools as their
own words (course/engine/tool_entries.py), anything else as escaped nested lists, never as ids
or raw markup."""
from __future__ import annotations

import json

from course.engine.tool_entries import describe_entry
from course.mentor.analytics import READINESS_PREFIX
from course.ui.common import esc


def readiness_words(catalog, response: dict):
    """{competency name: {statement: "3 of 5"}} from a readiness take, or None if it is not one."""
    assessment = getattr(catalog, "self_assessment", None)
    ratings = response.get("ratings") if isinstance(response, dict) else None
    if assessment is None or not isinstance(ratings, dict):
        return None
    top = max((level.value for level in assessment.scale), default=5)
    words = {}
    for domain in assessment.domains:
        comp = catalog.competencies.get(domain.competency)
        rated = {s.text: f"{ratings[s.id]} of {top}" for s in domain.statements
                 if isinstance(ratings.get(s.id), int) and not isinstance(ratings.get(s.id), bool)}
        if rated:
            words[comp.name if comp else domain.competency] = rated
    return words or None


def readable(catalog, item_id: str, response: dict):
    """The stored response in words where the course knows its shape; else as stored."""
    described = describe_entry(catalog, item_id, response)
    if described is not None:
        return described
    if item_id.startswith(READINESS_PREFIX):
        words = readiness_words(catalog, response)
        if words is not None:
            return words
    base = item_id.removesuffix("-inventory")
    exercise = catalog.exercises.get(base)
    if exercise is None or not isinstance(response, dict):
        return response
    cards = {c.id: c.text for c in exercise.cards}
    labels = {c.id: c.label for c in exercise.categories}
    if isinstance(response.get("sorting"), dict):
        return {f"{exercise.title}": {cards.get(k, k): labels.get(v, v) for k, v in response["sorting"].items()}}
    if isinstance(response.get("already_do"), list):
        return {exercise.inventory_prompt: [cards.get(k, k) for k in response["already_do"]] or ["none"]}
    return response


def response_html(value, depth: int = 0) -> str:
    """A stored response (nested dicts and lists) as escaped lists, never as raw markup."""
    if depth > 4:
        return esc(json.dumps(value, ensure_ascii=False)[:500])
    if isinstance(value, dict):
        items = "".join(f"<li><strong>{esc(k)}</strong>: {response_html(v, depth + 1)}</li>"
                        for k, v in list(value.items())[:50])
        return f'<ul class="course-response">{items}</ul>'
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return esc(", ".join(str(v) for v in value[:100])) or "—"
        return "<ul>" + "".join(f"<li>{response_html(v, depth + 1)}</li>" for v in value[:50]) + "</ul>"
    return esc(value)
