"""The widgets' static HTML, rendered by Jinja2 with autoescape: what a person or a content file
wrote is always shown as text. One Environment; the templates are in course/ui/templates/."""
from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **values) -> str:
    """One template of course/ui/templates/ as HTML, with every value escaped."""
    return ENV.get_template(name).render(**values).strip()
