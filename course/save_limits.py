"""How much, and how often, one page may save: the one rule every learner text goes through.

Each widget checks its own fields first (with the field's name in the message); this is the
backstop a forged client cannot step around, because every event passes through Session.record.
A page is one kernel, so the rate is per page: a person pressing Save as fast as they can stays well
inside it, a script pressing it 10,000 times does not.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from course import settings

TEXT_MAX_CHARS = 5000  # any one text a learner sends: a reflection, a field of a plan, a comment
RESPONSE_MAX_CHARS = 40_000  # all the texts of one save together (a plan has many fields)
# A draft keeps what was typed even when it is over a field's limit (so it can be shortened after a
# reload), up to four times the limit; beyond that no person typed it.
DRAFT_TEXT_MAX_CHARS = 4 * TEXT_MAX_CHARS
SAVES_BURST = 30  # saves a page may make at once before the rate applies
REFUSED = frozenset({"too-fast", "too-long"})  # what Session.record answers when it stores nothing


def texts_in(value) -> list[str]:
    """Every string inside a response (dict keys included), however deeply nested."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def too_long(response, kind: str = "") -> bool:
    texts = texts_in(response)
    limit = DRAFT_TEXT_MAX_CHARS if kind == "draft" else TEXT_MAX_CHARS
    return any(len(text) > limit for text in texts) or sum(map(len, texts)) > RESPONSE_MAX_CHARS


class SaveRate:
    """A token bucket: SAVES_BURST at once, then COURSE_SAVES_PER_SECOND."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._tokens = float(SAVES_BURST)
        self._at = clock()

    def allow(self) -> bool:
        now = self._clock()
        rate = settings.integer(settings.SAVES_PER_SECOND)
        self._tokens = min(float(SAVES_BURST), self._tokens + (now - self._at) * rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True
