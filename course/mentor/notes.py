"""A mentor's private 1:1 notes on a learner ("talked about the night-shift charge role; follow up
in two weeks"). Only mentors who may see the learner's cohort read or write them; a learner never
does, whatever their page asks; they are in no export. Deleting the learner deletes them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from course.store.feedback_tables import mentor_notes as notes
from course.store.core import Store
from course.store.stamps import as_utc, now
from course.mentor.feedback import Feedback, FeedbackError, Viewer, clean_body


@dataclass(frozen=True)
class Note:
    id: int
    author_name: str
    body: str
    created_at: datetime


class Notes:
    def __init__(self, store: Store):
        self.store = store
        self.feedback = Feedback(store)

    def _allowed(self, viewer: Viewer | None, learner_id: str) -> bool:
        return viewer is not None and viewer.is_mentor and self.feedback.may_read(viewer, learner_id)

    def add(self, viewer: Viewer | None, learner_id: str, body) -> Note:
        if not self._allowed(viewer, learner_id):
            raise FeedbackError("Only a mentor of this learner's cohort keeps notes on them.")
        text = clean_body(body)
        values = dict(learner_id=learner_id, cohort_id=self.feedback.cohort_of(learner_id), author_id=viewer.id,
                      author_name=viewer.name[:200], body=text, created_at=now())
        with self.store._write() as conn:
            conn.execute(notes.insert().values(**values))
        return self.of(viewer, learner_id)[-1]

    def of(self, viewer: Viewer | None, learner_id: str) -> list[Note]:
        """The notes on one learner, oldest first; nothing for a learner or another cohort's mentor."""
        if not self._allowed(viewer, learner_id):
            return []
        query = sa.select(notes).where(notes.c.learner_id == learner_id).order_by(notes.c.id)
        with self.store.engine.connect() as conn:
            return [Note(r["id"], r["author_name"], r["body"], as_utc(r["created_at"]))
                    for r in conn.execute(query).mappings()]
