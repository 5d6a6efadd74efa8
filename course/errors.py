"""The failures a learner or a maintainer can meet, each with a message fit to show them.

They live here, below every layer, so that a layer can catch a lower layer's failure without
importing that layer's machinery (a widget catches StoreError without loading SQLAlchemy).
"""
from __future__ import annotations


class ContentError(Exception):
    """Invalid content. `problems` lists (file, place, reason) for every problem found."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{f}: {p}: {r}" if p else f"{f}: {r}" for f, p, r in problems))


class MissingContent(KeyError):
    """A notebook asked for content the course does not have (a self-check id, a lesson's tool).
    The argument names what was asked for: "self-check 'role-scope'"."""


class StoreError(Exception):
    """The store cannot be opened or written. The message is fit to show a learner."""
