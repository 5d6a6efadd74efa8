"""The development plan as one self-contained, printable HTML page, the competency table that is the
summary picture's text alternative, and the lesson's download links.

Built from Jinja2 templates (templates/plan.html, templates/parts/<id>.html) with autoescape: every
value a template writes is escaped, and first loses null bytes, control characters and bidi
overrides (course.text.clean_text), so nothing a learner typed can become markup. Only what the course
builds itself passes as markup: the `lines` filter's line breaks between escaped lines, and the
parts and table rendered here. The page loads nothing: its CSS is inline, its picture a data: URI,
and it has no script.
"""
from __future__ import annotations

import base64

import jinja2
from markupsafe import Markup, escape

from course.capstone.formatting import date_text, rating, signed
from course.capstone.markdown import template_globals
from course.capstone.model import Plan
from course.capstone.parts import SECTIONS, in_section
from course.capstone.picture import summary_picture
from course.text import clean_text
from course.engine.run_rules import fmt

HTML_FILENAME = "my-development-plan.html"
MD_FILENAME = "my-development-plan.md"
KEEP_TOGETHER = {"start", "certifications"}  # short sections a printed page should not split


def _finalize(value):
    """Every value a template writes is cleaned first (autoescape then escapes it)."""
    if isinstance(value, Markup) or value is None or not isinstance(value, str):
        return "" if value is None else value
    return clean_text(value)


def html_lines(text) -> Markup:
    """Multi-line text from a person, escaped, its line breaks kept."""
    return Markup("<br>").join(escape(line) for line in clean_text(text, single_line=False).split("\n"))


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("course.capstone", "templates"), autoescape=True,
                          finalize=_finalize, undefined=jinja2.StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True)
_ENV.filters.update(lines=html_lines, date=date_text, rating=rating, signed=signed, num=fmt,
                    domain_name=lambda d, plan: plan.domains[d])
_ENV.globals.update(template_globals())
_CSS = Markup((jinja2.PackageLoader("course.capstone", "templates").get_source(_ENV, "plan.css")[0]))


def _render(name: str, **context) -> Markup:
    return Markup(_ENV.get_template(name).render(**context))


def summary_table_html(plan: Plan, table_class: str = "plan-table stack", num_class: str = "num") -> str:
    """The picture's competency panel as a table (its text alternative; the pathway list is the other)."""
    return str(_render("competency_table.html", plan=plan, table_class=table_class, num_class=num_class)).strip()


def _missing_line(plan: Plan, part_id: str) -> Markup:
    missing = plan.missing_part(part_id)
    return _render_string('<p class="hint">{{ text }}</p>', text=missing.text()) if missing else Markup("")


def _render_string(source: str, **context) -> Markup:
    return Markup(_ENV.from_string(source).render(**context))


def _sections(plan: Plan) -> list[dict]:
    out = []
    for section in SECTIONS:
        blocks = []
        for part in in_section(section.id):
            if plan.has(part.id):
                blocks.append(_render(f"{part.template}.html", plan=plan, part=plan.parts[part.id]))
            elif plan.missing_part(part.id):
                blocks.append(_missing_line(plan, part.id))
        out.append({"id": section.id, "heading": section.heading, "blocks": blocks,
                    "keep": section.id in KEEP_TOGETHER})
    return out


def to_html(plan: Plan, catalog, picture: tuple[str, str] | None = None) -> str:
    """The plan as one self-contained, printable HTML page. `picture` is summary_picture()'s result
    (drawn here when not given)."""
    png, alt = picture if picture is not None else summary_picture(plan, catalog)
    table = Markup(summary_table_html(plan))
    return _ENV.get_template("plan.html").render(
        plan=plan, catalog=catalog, content=catalog.development_plan, name=plan.learner or "not signed in",
        css=_CSS, sections=_sections(plan), png=png, alt=alt, table=table) + "\n"


def download_links(markdown: str, html_page: str) -> str:
    """Two download links with the documents inline as data: URIs (nothing leaves the kernel)."""
    return str(_render("downloads.html", html_name=HTML_FILENAME, md_name=MD_FILENAME,
                       html_b64=base64.b64encode(html_page.encode("utf-8")).decode("ascii"),
                       md_b64=base64.b64encode(markdown.encode("utf-8")).decode("ascii"))).strip()
