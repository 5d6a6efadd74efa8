"""Lesson 07's change plan as data: every value from the page checked (type, length, options offered)
and cleaned before it is saved or read back (the widget is course/ui/learner/change_plan.py)."""
from __future__ import annotations

from course.kernel_errors import rejected


def _clean(value: str, single_line: bool) -> str:
    value = value.replace("\x00", "")
    if single_line:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.strip().splitlines()]
    return "\n".join(lines)

def validate_plan(raw, plan_content, *, stored: bool = False) -> tuple[dict, list[str]]:
    """(the clean plan, problems for the learner). A field with a problem is left out of the plan.

    `stored=True` re-reads a saved plan: fields that no longer fit the content are dropped quietly.
    """
    if not isinstance(raw, dict):
        return {}, ["The plan could not be read."]
    clean, problems = {}, []
    for field in plan_content.fields:
        value = raw.get(field.id)
        if field.kind == "choice":
            if value is None:
                problems.append(f"Choose an answer for “{field.label}”.")
            elif not isinstance(value, str) or value not in field.options:
                if not stored:
                    rejected("change plan", value)
                problems.append(f"“{field.label}”: that answer is not one the form offers.")
            else:
                clean[field.id] = value
            continue
        if not isinstance(value, str):
            problems.append(f"Fill in “{field.label}”." if value is None else f"“{field.label}” could not be read.")
            continue
        text = _clean(value, field.kind == "line")
        if not text:
            problems.append(f"Fill in “{field.label}”.")
        elif len(text) < field.min_chars:
            problems.append(f"Say a little more in “{field.label}” (at least {field.min_chars} characters).")
        elif len(text) > field.max_chars:
            problems.append(f"Keep “{field.label}” under {field.max_chars} characters (now {len(text)}).")
        else:
            clean[field.id] = text
    return clean, problems
