"""Gathering a plan: everything one learner saved across the course, read part by part through the
registry (parts.py), through the kernel's Session or, for a mentor's view, a test or the CLI, a
Store and a learner id. A part the learner has not done yet is listed in Plan.missing with the
lesson that builds it: nothing is ever filled in for them. A store that fails is said in
Plan.notice, never raised.
"""
from __future__ import annotations

import datetime as dt
import logging

from course.capstone.model import Missing, Plan
from course.capstone.parts import PARTS
from course.capstone.reading import Sources
from course.identity import Identity

log = logging.getLogger("course")


class StoreReader:
    """The reads gather() needs, for a learner other than the one signed in to this kernel (a
    mentor's view, a test, the CLI): the same answers as Session.state and Session.history."""

    def __init__(self, store, learner_id: str, name: str, cohort: str | None = None):
        self._store, self.learner_id = store, learner_id
        self.identity = Identity(name, cohort, "store", account_id=learner_id)
        self.store_error = None

    def store(self):
        return self._store

    def state(self, lesson: str | None = None) -> dict:
        return self._store.latest_state(self.learner_id, lesson)

    def history(self, item: str) -> list[dict]:
        return self._store.events_for(self.learner_id, item)


def gather(catalog, session=None, *, store=None, learner_id: str | None = None,
           today: dt.date | None = None) -> Plan:
    """Everything this learner saved, as a Plan. Give the kernel's session, or a store and a learner id."""
    today = today or dt.date.today()
    if session is None:
        if store is None or learner_id is None:
            raise ValueError("gather() needs a session, or a store and a learner id")
        row = store.learner(learner_id)
        session = StoreReader(store, learner_id, row["display_name"] if row else learner_id,
                              row["cohort_id"] if row else None)
    identity = getattr(session, "identity", None)
    found: dict = {}
    notice = None
    if identity:
        try:
            src = Sources(catalog, session, session.state(), today)  # every item's latest event, all lessons
            found = {p.id: value for p in PARTS if (value := p.read(src))}
        except Exception as exc:  # a broken store must not break the page; say so instead
            log.exception("the development plan could not be gathered")
            notice = f"Your saved work could not be read just now ({exc.__class__.__name__}). Try again in a moment."
            found = {}
        notice = notice or getattr(session, "store_error", None)
    missing = tuple(_missing(catalog, p) for p in PARTS if not p.optional and p.id not in found)
    return Plan(learner=identity.name if identity else None, cohort=identity.cohort if identity else None,
                made_on=today, domains={cid: c.name for cid, c in catalog.competencies.items()},
                short={cid: c.short for cid, c in catalog.competencies.items()}, parts=found, missing=missing,
                notice=notice)


def _missing(catalog, part) -> Missing:
    text = catalog.development_plan.part(part.id)
    lesson = catalog.lesson(part.lesson)
    return Missing(part.id, text.title, text.missing, lesson.id, lesson.number, lesson.title, lesson.notebook)
