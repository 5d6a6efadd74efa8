"""What the rest of the course needs from the capstone without loading it: the keys lesson 10 saves
under, and how text a person typed is cleaned before a plan (or an engine module) shows it.

The capstone itself: parts.py (the registry of the plan's parts), content.py (development_plan.yaml's
schema), gathering.py and reading.py (the learner's saved work, part by part), goals.py,
suggestions.py, summaries.py, markdown.py and html.py (the documents), picture.py (the summary picture).
"""
from __future__ import annotations

import unicodedata

GOALS_SUFFIX = "/development-plan"
KEPT_FEEDBACK_SUFFIX = "/kept-feedback"


def goals_item(content) -> str:
    """The item that holds the learner's goals (`content` is the development plan's content)."""
    return f"{content.lesson}{GOALS_SUFFIX}"


def kept_feedback_item(content) -> str:
    """The item that holds the mentor comments the learner chose to keep in the plan."""
    return f"{content.lesson}{KEPT_FEEDBACK_SUFFIX}"


# --- text from a person -------------------------------------------------------------------------

# Bidirectional embedding, override and isolate controls: they can make text display in an order
# other than the one it was typed in ("RTL override" spoofing). Ordinary right-to-left letters stay.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_text(value, *, single_line: bool = True) -> str:
    """Text a person typed, without null bytes, control characters or bidi overrides.
    Single-line text has its whitespace collapsed; multi-line text keeps its line breaks."""
    if not isinstance(value, str):
        return ""
    value = value.translate(_BIDI_CONTROLS)
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    if single_line:
        return " ".join(value.split())
    lines = [" ".join(line.split()) for line in value.strip().splitlines()]
    return "\n".join(lines)
