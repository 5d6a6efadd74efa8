"""Text a person typed, made safe to keep and show: no control characters, no direction tricks.

Below every layer: the engine cleans what a learner types into a tool, the capstone what goes into
the plan, the name rules (course/names.py) share the list of direction controls.
"""
from __future__ import annotations

import html
import unicodedata

# Bidirectional embedding, override and isolate controls: they can make text display in an order
# other than the one it was typed in ("RTL override" spoofing). Ordinary right-to-left letters stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_DROP_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def clean_text(value, *, single_line: bool = True) -> str:
    """Text a person typed, without null bytes, control characters or bidi overrides.
    Single-line text has its whitespace collapsed; multi-line text keeps its line breaks."""
    if not isinstance(value, str):
        return ""
    value = value.translate(_DROP_BIDI)
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    if single_line:
        return " ".join(value.split())
    lines = [" ".join(line.split()) for line in value.strip().splitlines()]
    return "\n".join(lines)


def esc(text) -> str:
    """Escape anything a person or a file wrote before it goes into HTML."""
    return html.escape("" if text is None else str(text), quote=True)
