"""What every page needs: the catalog, the kernel's session, the course's look, and content
problems shown as a message in the page instead of a traceback."""
from __future__ import annotations

import functools
import os
from html import escape
from urllib.parse import parse_qs

from course.errors import ContentError, MissingContent


class Message:
    """A readable message in place of a widget when something a learner can meet goes wrong."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self):
        return (f'<div class="course-status course-status-warn" role="status"><span aria-hidden="true">⚠</span> '
                f'{escape(self.text)}</div>')

    def __repr__(self):
        return self.text


def friendly(fn):
    """Show content problems as a message in the page, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ContentError as exc:
            first = exc.problems[0]
            return Message(f"This part of the course could not be shown: its content has a problem "
                           f"({first[0]}: {first[2]}). Maintainers: run `course check`.")
        except KeyError as exc:  # MissingContent, or a lesson the catalog does not know
            return Message(f"This part of the course could not be shown: {exc.args[0]} was not found "
                           f"in the course content. Maintainers: run `course check`.")

    return wrapper


def catalog():
    from course import catalog as loader  # pydantic and the content: on the first call, not at import

    return loader.default()


def tool_content(field: str, what: str):
    """One lesson tool's content, the Catalog field `field` (e.g. "sbar"). Where its file is missing or
    invalid: MissingContent naming `what` and the file, which `friendly` shows as a message."""
    from course import catalog as loader  # already imported by catalog()

    content = getattr(catalog(), field)
    if content is None:
        file = next(f.name for f in loader.CONTENT_FILES if f.field == field)
        raise MissingContent(f"{what} ({file})")
    return content


def session():
    """The kernel's session, with who is signed in (in Voila: once the visit has arrived)."""
    from course import identity
    from course import kernel_errors
    from course import session as sessions

    if identity.in_voila():
        kernel_errors.install()
    current = sessions.current()
    current.detect_identity()
    return current


def theme():
    from IPython.display import HTML, display

    from course.ui.common import theme_css

    display(HTML(f"<style>{theme_css()}</style>"))


def with_feedback(widget, session, lesson: str, work: str, title: str):
    """The work, then its feedback thread (the mentor's words, the learner's replies, "ask my mentor")."""
    import ipywidgets as w

    from course.ui.learner.feedback_thread import WorkFeedback

    return w.VBox([widget, WorkFeedback(session, lesson, work, catalog().rubrics, title)])


def query_value(name: str) -> str | None:
    """One value from the page's link (`?scenario=...`); Voila hands the kernel the query string.
    Call it after session(): a preheated kernel has the query string only once the visit arrived."""
    return (parse_qs(os.environ.get("QUERY_STRING", "")).get(name) or [None])[0]
