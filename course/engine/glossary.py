"""The glossary's logic, without widgets: how a term is recognized in a lesson's text, and the data
a lesson page uses to explain each term where it first appears. (Not `course/glossary.py`: a
submodule of that name would replace the `course.glossary()` page function once imported.)

The terms live in course/content/glossary.yaml (schema: catalog.GlossaryTerm). A lesson page
carries them as JSON (`page_script`); the page template's script finds each term's first
occurrence in the lesson's text with `pattern(term)` and turns it into a button that opens the
explanation. The pattern is written once, here, in the subset of regular expressions that Python
and JavaScript read the same way, so `course check` and the tests find exactly what the page finds.
"""
from __future__ import annotations

import json
import re

# A term is a whole word: not preceded or followed by a letter or digit ("RN" in "RNs", not in "LEARN").
_BEFORE, _AFTER = "(?<![A-Za-z0-9])", "(?![A-Za-z0-9])"
_SPECIAL = re.compile(r"([\\^$.|?*+()\[\]{}/])")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”]{2}[.!?])\s+(?=[A-Z\"“])")
SCRIPT_ID = "course-glossary-data"


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


def page_data(catalog, lesson_id: str | None) -> list[dict]:
    """Every term as the lesson page needs it; "lesson" names where it is taught when that is elsewhere."""
    data = []
    for entry in catalog.glossary:
        taught = None
        if entry.lesson and entry.lesson != lesson_id:
            lesson = catalog.lesson(entry.lesson)
            taught = f"Taught in lesson {lesson.number}, {lesson.title}."
        data.append({"id": term_id(entry.term), "term": entry.term, "expansion": entry.expansion,
                     "explanation": " ".join(entry.explanation.split()), "us": entry.us,
                     "taught": taught, "pattern": pattern(entry)})
    return data


def page_script(catalog, lesson_id: str | None) -> str:
    """The glossary as inert JSON inside the page (nothing in it can close the script element)."""
    payload = json.dumps(page_data(catalog, lesson_id), ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{SCRIPT_ID}">{payload}</script>'
