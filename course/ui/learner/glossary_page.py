"""The glossary page: every term in alphabetical order, each with an anchor, what it stands for,
the explanation, the lesson that teaches it and related terms."""
from __future__ import annotations

import ipywidgets as w

from course.engine.glossary import term_id
from course.ui.common import esc, html_box
from course.ui.learner.header import GLOSSARY, page_nav_html, link


def glossary_html(catalog, session) -> str:
    by_letter: dict[str, list] = {}
    for entry in catalog.glossary:  # already in alphabetical order
        by_letter.setdefault(entry.term[0].upper(), []).append(entry)
    letters = " ".join(f'<a href="#letter-{esc(letter.lower())}">{esc(letter)}</a>' for letter in by_letter)
    sections = []
    for letter, entries in by_letter.items():
        items = "".join(_entry_html(catalog, session, entry) for entry in entries)
        sections.append(f'<h2 class="course-h2 course-glossary-letter" id="letter-{esc(letter.lower())}">'
                        f'{esc(letter)}</h2><dl class="course-glossary-list">{items}</dl>')
    return (f'<p class="course-hint">{len(catalog.glossary)} terms. In every lesson, the first time a term '
            f'appears it is underlined with dots: select it to read its explanation there.</p>'
            f'<nav class="course-glossary-letters" aria-label="Glossary by first letter">{letters}</nav>'
            + "".join(sections) + page_nav_html(session, "Course pages, end of the glossary", GLOSSARY))


def _entry_html(catalog, session, entry) -> str:
    us = ' <span class="course-badge course-badge-us">US</span>' if entry.us else ""
    expansion = f'<p class="course-glossary-expansion">{esc(entry.expansion)}</p>' if entry.expansion else ""
    more = []
    if entry.lesson:
        lesson = catalog.lesson(entry.lesson)
        title = f"lesson {lesson.number}, {esc(lesson.title)}"
        where = f'<a href="{esc(link(lesson.notebook, session))}">{title}</a>' if lesson.status == "published" else title
        more.append(f"Taught in {where}.")
    if entry.related:
        names = {term_id(e.term): e.term for e in catalog.glossary}
        related = ", ".join(f'<a href="#term-{esc(term_id(r))}">{esc(names[term_id(r)])}</a>' for r in entry.related)
        more.append(f"See also {related}.")
    footer = f'<p class="course-hint">{" ".join(more)}</p>' if more else ""
    return (f'<div class="course-glossary-entry" id="term-{esc(term_id(entry.term))}">'
            f'<dt><dfn>{esc(entry.term)}</dfn>{us}</dt>'
            f'<dd>{expansion}<p>{esc(" ".join(entry.explanation.split()))}</p>{footer}</dd></div>')


class GlossaryPage(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.add_class("course-glossary")
        self.html = html_box()
        self.children = [self.html]
        session.on_change(self.render)  # the lesson links carry the learner once signed in
        self.render()

    def render(self) -> None:
        self.html.value = glossary_html(self.catalog, self.session)
