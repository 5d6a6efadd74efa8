"""The line that tells a learner which starting profile an exercise is using, or how to add one."""
from __future__ import annotations

from course.engine.profile import DEGREES, load_profile
from course.ui.common import esc
from course.ui.learner.header import link

START_HERE = "start-here"


def current_profile(session):
    """The learner's saved profile, or None (not signed in, none saved, or one that no longer fits)."""
    try:
        return load_profile(session)
    except Exception:  # a store problem must not break the exercise; the header reports it
        return None


def lesson00_href(catalog, session) -> str | None:
    try:
        return link(catalog.lesson(START_HERE).notebook, session)
    except KeyError:
        return None


def profile_html(profile, catalog, session, extra: str = "", missing: str = "", degrees: bool = False) -> str:
    """`extra` follows the profile's description; `missing` is what the exercise does without one."""
    if profile is not None:
        held = ""
        if degrees:
            names = [DEGREES[d] for d in profile.degrees]
            held = f' Degrees: {esc("; ".join(names)) if names else "none recorded"}.'
        return (f'<p class="course-hint course-profile"><strong>Your starting profile:</strong> '
                f'{esc(profile.describe())}.{held} {esc(extra)}</p>')
    href = lesson00_href(catalog, session)
    how = (f' <a href="{esc(href)}">Add your starting profile in lesson 00 (Start here)</a>.' if href
           else " Add your starting profile in lesson 00 (Start here).")
    return f'<p class="course-hint course-profile">{esc(missing)}{how}</p>'
