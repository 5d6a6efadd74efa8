"""The development plan as Markdown: a document to edit or paste elsewhere.

Nothing a learner typed can become markup. Every value a template writes passes through md(): it
loses null bytes, control characters and bidi overrides (course.text.clean_text), `<`, `>` and `&` become
entities, and the characters that make Markdown syntax are backslash-escaped (CommonMark), so
`<img src=x onerror=…>`, `[x](javascript:…)`, a bare `https://…` or a line that starts with `#`
render as the text they are. Only the template's own text, numbers and the `paragraphs` filter's
output (escaped line by line) pass as they are. The templates are templates/parts/<id>.md.
"""
from __future__ import annotations

import jinja2

from course.capstone.formatting import MONTHS, RATING_WORDS, date_text, plural, rating, signed
from course.capstone.model import Plan
from course.capstone.parts import SECTIONS, in_section
from course.text import clean_text
from course.engine.profile import DEGREES
from course.engine.run_rules import fmt
from course.numbers import format_number

_MD_ALWAYS = set("\\`*_[]()!|~$^{}")  # inline syntax: emphasis, code, links, images, tables, math
_MD_LINE_START = set("#+-=>:")  # syntax only at the start of a line: headings, lists, quotes, rules


class MarkdownText(str):
    """Markdown that is already safe: written by the course, or escaped here."""


def md(text, *, single_line: bool = True) -> str:
    """Text from a person, safe inside Markdown: it renders as exactly the text it is."""
    out_lines = []
    for line in clean_text(text, single_line=single_line).split("\n"):
        chars = []
        for i, ch in enumerate(line):
            if ch == "&":
                chars.append("&amp;")
            elif ch == "<":
                chars.append("&lt;")
            elif ch == ">":
                chars.append("&gt;")
            elif ch in _MD_ALWAYS or (i == 0 and ch in _MD_LINE_START):
                chars.append("\\" + ch)
            elif ch in ".)" and line[:i].isdigit():  # "1." or "1)" would start a numbered list
                chars.append("\\" + ch)
            elif ch == "/" and line[i - 1:i] in (":", "/"):  # "http://…" would become a link by itself
                chars.append("\\" + ch)
            else:
                chars.append(ch)
        out_lines.append("".join(chars))
    return "\n".join(out_lines)


def md_paragraphs(text) -> str:
    """Multi-line text from a person as Markdown paragraphs, line breaks kept (a backslash at the
    end of a line is a CommonMark hard break; the text's own backslashes are escaped)."""
    blocks, current = [], []
    for line in md(text, single_line=False).split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append("\\\n".join(current))
            current = []
    if current:
        blocks.append("\\\n".join(current))
    return "\n\n".join(blocks)


def _finalize(value):
    """Every value a template writes: escaped, unless the course wrote it (a number, MarkdownText)."""
    if isinstance(value, MarkdownText) or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return md("" if value is None else str(value))


def profile_lines(p) -> list[str]:
    """The starting profile in sentences (plain text), for both documents."""
    lines = [p.describe() + ".",
             "Degrees: " + ("; ".join(DEGREES[d] for d in p.degrees) or "none yet") + ".",
             f"Clinical license: {'yes' if p.licensed else 'not yet'}. "
             f"Leadership roles so far: {'yes' if p.leadership_roles else 'not yet'}.",
             f"Time for my development: about {format_number(p.hours_per_week)} hours a week."]
    if p.goals:
        lines.append(f"In my own words, when I started: {p.goals}")
    return lines


def template_globals() -> dict:
    """What the part templates of both formats may call."""
    return {"profile_lines": profile_lines, "plural": plural, "month": lambda m: MONTHS[m - 1],
            "rating_words": RATING_WORDS}


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("course.capstone", "templates"), autoescape=False,
                          finalize=_finalize, undefined=jinja2.StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True, keep_trailing_newline=False)
_ENV.filters.update(paragraphs=lambda text: MarkdownText(md_paragraphs(text)), date=date_text,
                    rating=lambda v: MarkdownText(rating(v)), signed=signed, num=fmt,
                    domain_name=lambda d, plan: plan.domains[d])
_ENV.globals.update(template_globals())


def _render(name: str, **context) -> str:
    return _ENV.get_template(name).render(**context).strip()


def to_markdown(plan: Plan, catalog) -> str:
    content = catalog.development_plan
    out = [f"# My development plan: {md(plan.learner or 'not signed in')}", ""]
    meta = [f"Made on {date_text(plan.made_on)} in the course *{md(catalog.course.title)}*."]
    if plan.cohort:
        meta.append(f"Cohort: {md(plan.cohort)}.")
    if plan.goals:
        meta.append(f"Review this plan by {date_text(plan.goals.review_by)}.")
    out += [" ".join(meta), ""]
    if plan.notice:
        out += [f"**Note:** {md(plan.notice)}", ""]
    for section in SECTIONS:
        blocks = []
        if section.id == "competencies":
            blocks.append(_render("sections/competencies.md", plan=plan))
        for part in in_section(section.id):
            if plan.has(part.id):
                blocks.append(_render(f"{part.template}.md", plan=plan, part=plan.parts[part.id]))
            elif plan.missing_part(part.id):
                blocks.append(md(plan.missing_part(part.id).text()))
        blocks = [b for b in blocks if b]
        if blocks:
            out += [f"## {section.heading}", ""] + [x for b in blocks for x in (b, "")]
    if plan.missing:
        out += ["## Still to do", ""] + [f"- {md(m.text())}" for m in plan.missing] + [""]
    if content.discussion_prompts:
        out += ["## For the conversation with my mentor", ""]
        out += [f"- {md(q)}" for q in content.discussion_prompts] + [""]
    out += ["---", "", md(content.export_note), ""]
    return "\n".join(out)
