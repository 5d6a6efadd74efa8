"""Reading the lesson notebooks: the `course.*` calls their code makes, with the section each sits
in, and their Markdown headings as the page shows them. The loader checks the calls against the
content; progress and `course check` count them. No widgets and no pydantic here.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

CALL = re.compile(r"course\.(\w+)\(([^)]*)\)")
_STRING = re.compile(r"""["']([^"']+)["']""")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) and images: the text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),  # code spans
    (re.compile(r"(?<!\\)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1"), r"\2"),  # emphasis
]


@dataclass(frozen=True)
class NotebookCall:
    """One `course.<function>("id", ...)` call in a notebook, and the section it sits in."""

    function: str
    args: tuple[str, ...]  # its string arguments, e.g. the self-check ids
    section: str | None  # the nearest heading above it (level 2 or 3), as the page shows it
    anchor: str | None  # that heading's id on the rendered page


def notebook_cells(nb_path: Path) -> list[dict]:
    return json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])


def markdown_cells(nb_path: Path) -> list[str]:
    return ["".join(c.get("source", "")) for c in notebook_cells(nb_path) if c.get("cell_type") == "markdown"]


def notebook_references(nb_path: Path):
    """(function, id) for every `course.<function>("id", ...)` call in the notebook's code."""
    for call in notebook_calls(nb_path):
        for ref in call.args:
            yield call.function, ref


def notebook_calls(nb_path: Path) -> list[NotebookCall]:
    """Every course.* call in the notebook's code, in page order, with its section."""
    calls, section = [], None
    for cell in notebook_cells(nb_path):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            for level, text in markdown_headings(source):
                if level in (2, 3):
                    section = heading_text(text)
        elif cell.get("cell_type") == "code":
            for fn, args in CALL.findall(source):
                calls.append(NotebookCall(function=fn, args=tuple(_STRING.findall(args)), section=section,
                                          anchor=heading_anchor(section) if section else None))
    return calls


def markdown_headings(source: str) -> list[tuple[int, str]]:
    """(level, raw text) of the ATX headings (`## Title`) in Markdown, skipping fenced code."""
    found, fenced = [], False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced or line.startswith("    ") else _HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def heading_text(markdown: str) -> str:
    """A heading's Markdown as the reader sees it: `What O\\*NET says` -> `What O*NET says`."""
    text = markdown
    for pattern, replacement in _INLINE:
        for _ in range(3):  # nested emphasis
            text = pattern.sub(replacement, text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)  # backslash escapes
    return html.unescape(text).strip()


def heading_anchor(text: str) -> str:
    """The id the page gives a heading, as nbconvert makes it: the text with spaces as hyphens and
    what a URL fragment cannot hold percent-encoded. A test compares the two for every heading."""
    return quote(text.replace(" ", "-"), safe="?/:@!$&'()*+,;=")
