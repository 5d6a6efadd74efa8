"""The glossary's logic, without widgets: the data a lesson page uses to explain each term where
it first appears. (Not `course/glossary.py`: a submodule of that name would replace the
`course.glossary()` page function once imported.)

The terms live in course/content/glossary.yaml; course/schema/glossary.py holds their model and
how a term is recognized in running text (`pattern`), once, in the subset of regular expressions
that Python and JavaScript read the same way. A lesson page carries the terms as JSON
(`page_script`); the page template's script finds each term's first occurrence in the lesson's
text with that pattern and turns it into a button that opens the explanation.
"""
from __future__ import annotations

import json

from course.schema.glossary import first_match, markdown_text, pattern, sentences, term_id  # noqa: F401 (used by callers)

SCRIPT_ID = "course-glossary-data"


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
