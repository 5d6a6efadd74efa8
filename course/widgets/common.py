"""Small pieces every widget shares: escaping, status lines and the course's look."""
from __future__ import annotations

import html
import logging
from pathlib import Path

import ipywidgets as w

log = logging.getLogger("course")

CSS_FILE = Path(__file__).resolve().parents[2] / "assets" / "css" / "course.css"


def esc(text) -> str:
    """Escape anything a person or a file wrote before it goes into HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def html_box(value: str = "", *classes: str) -> w.HTML:
    box = w.HTML(value=value)
    for cls in classes:
        box.add_class(cls)
    return box


def card(children, *classes: str) -> w.VBox:
    box = w.VBox(children=list(children))
    box.add_class("course-card")
    for cls in classes:
        box.add_class(cls)
    return box


def actions(*children) -> w.HBox:
    """A row of a button and its status line that wraps on a narrow screen (class course-actions)."""
    row = w.HBox(list(children))
    row.add_class("course-actions")
    return row


def status_html(kind: str, text: str) -> str:
    """A live status line; the symbol and the words carry the meaning, not the colour alone."""
    symbol = {"ok": "✓", "bad": "✗", "info": "ℹ", "warn": "⚠"}.get(kind, "")
    return (f'<div class="course-status course-status-{kind}" role="status">'
            f'<span aria-hidden="true">{symbol}</span> {esc(text)}</div>')


def save_note(status: str) -> str:
    if status == "saved":
        return "Saved to your progress."
    return "Not saved yet: it is kept on this page and saved as soon as you sign in or the store is back."


def theme_css() -> str:
    try:
        return CSS_FILE.read_text(encoding="utf-8")
    except OSError:
        return ""


def rejected(widget: str, value) -> None:
    """A value that no honest page could send (a tampered client): ignore it and log it."""
    log.warning("ignored a value from the browser that %s does not offer: %r", widget, str(value)[:200])


def png_bytes(fig) -> bytes:
    """A finished matplotlib figure as PNG bytes; the figure is closed so kernels do not keep it."""
    import io

    import matplotlib.pyplot as plt

    try:
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)
