"""Lesson 08's PDSA plan: one Plan-Do-Study-Act cycle for the learner's own unit, checked here.

The field ids and the rules that make a plan a plan live here; labels, hints and lengths come
from course/content/quality_safety.yaml (quality_content.PdsaContent). Beyond lengths, two rules
from the Model for Improvement: an aim says how much and by when (so it holds a number), and the
Act decision (adopt, adapt, abandon) waits for what the Study found. No widgets here.
"""
from __future__ import annotations

import logging
import re

from course import keys
from course.text import clean_text

log = logging.getLogger("course")

FIELD_IDS = ("aim", "change", "prediction", "measure", "who", "when", "study", "act")
SINGLE_LINE = ("who", "when")
ACT_UNDECIDED = "undecided"
ACT_IDS = (ACT_UNDECIDED, "adopt", "adapt", "abandon")
_HAS_NUMBER = re.compile(r"\d")


item_id = keys.pdsa_plan  # the event key this tool saves under


def validate_plan(raw, content, *, stored: bool = False) -> tuple[dict, dict[str, str]]:
    """(the clean plan, {field id: what it needs}). A field with a problem is left out of the plan.

    `stored=True` re-reads a saved plan: fields that no longer fit are dropped without a word.
    """
    if not isinstance(raw, dict):
        return {}, {"form": "The plan could not be read."}
    fields = {f.id: f for f in content.fields}
    clean, problems = {}, {}
    for fid in FIELD_IDS:
        field = fields[fid]
        value = raw.get(fid)
        if fid == "act":
            if value is None:
                value = ACT_UNDECIDED
            if value not in ACT_IDS:
                if not stored:
                    log.warning("ignored a value from the browser that the PDSA plan does not offer: %r",
                                str(value)[:200])
                problems[fid] = f"“{field.label}”: that answer is not one the form offers."
            else:
                clean[fid] = value
            continue
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems[fid] = f"“{field.label}” could not be read."
            continue
        text = clean_text(value, single_line=fid in SINGLE_LINE)
        if not text:
            if field.required:
                problems[fid] = f"Fill in “{field.label}”."
            continue
        if len(text) < field.min_chars:
            problems[fid] = f"Say a little more in “{field.label}” (at least {field.min_chars} characters)."
        elif len(text) > field.max_chars:
            problems[fid] = f"Keep “{field.label}” under {field.max_chars} characters (now {len(text)})."
        elif fid == "aim" and not _HAS_NUMBER.search(text):
            problems[fid] = content.aim_needs_number
        else:
            clean[fid] = text
    if clean.get("act", ACT_UNDECIDED) != ACT_UNDECIDED and not clean.get("study") and "study" not in problems:
        problems["study"] = content.act_needs_study
        clean.pop("act", None)
    return clean, problems


def is_complete(plan: dict, content) -> bool:
    """Every required field is in the plan (as after a save with no problems)."""
    return all(f.id in plan for f in content.fields if f.required)
