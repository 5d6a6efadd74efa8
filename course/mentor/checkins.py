"""Shared check-ins on the development plan's near goals (30, 60 and 90 days): a status (not
started, on track, done, changed) and a line of comment, from the learner or their mentor. The
learner and the mentors of their cohort read and write them (the rule of course/mentor/feedback.py)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from course.store.feedback_tables import goal_checkins as checkins
from course.store.core import Store
from course.store.stamps import as_utc, new_key, now
from course.mentor.feedback import Feedback, FeedbackError, Viewer

STATUSES = ("not started", "on track", "done", "changed")
COMMENT_MAX = 300  # a line, not a letter
NEAR_DAYS = 90  # horizons this close get check-ins


@dataclass(frozen=True)
class CheckIn:
    horizon: str
    status: str
    comment: str
    author_name: str
    author_role: str
    created_at: datetime


def near_horizons(plan_content) -> list:
    return [h for h in plan_content.horizons if h.days <= NEAR_DAYS]


def clean_comment(raw) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise FeedbackError("The comment could not be read.")
    text = " ".join(unicodedata.normalize("NFC", raw).split())  # one line: breaks and tabs become spaces
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    if len(text) > COMMENT_MAX:
        raise FeedbackError(f"Keep the comment to one line of at most {COMMENT_MAX} characters "
                            f"(it has {len(text)}); what you wrote is kept in the box.")
    return text


class CheckIns:
    def __init__(self, store: Store):
        self.store = store
        self.feedback = Feedback(store)

    def add(self, viewer: Viewer | None, learner_id: str, lesson: str, horizon: str, status, comment,
            horizons: set[str]) -> CheckIn:
        if not self.feedback.may_read(viewer, learner_id):
            raise FeedbackError("This plan is not yours to check in on.")
        if horizon not in horizons:
            raise FeedbackError("Check-ins are for the 30, 60 and 90-day goals.")
        if status not in STATUSES:
            raise FeedbackError(f"Choose a status: {', '.join(STATUSES)}.")
        text = clean_comment(comment)
        values = dict(idempotency_key=new_key(), learner_id=learner_id, cohort_id=self.feedback.cohort_of(learner_id),
                      lesson=lesson[:60], horizon=horizon, status=status, comment=text, author_id=viewer.id,
                      author_name=viewer.name[:200], author_role="mentor" if viewer.is_mentor else "learner",
                      created_at=now())
        with self.store._write() as conn:
            conn.execute(checkins.insert().values(**values))
        return CheckIn(horizon, status, text, values["author_name"], values["author_role"], values["created_at"])

    def of(self, viewer: Viewer | None, learner_id: str) -> dict[str, list[CheckIn]]:
        """horizon -> its check-ins, oldest first; nothing for anyone who may not read them."""
        if not self.feedback.may_read(viewer, learner_id):
            return {}
        query = sa.select(checkins).where(checkins.c.learner_id == learner_id).order_by(checkins.c.id)
        found: dict[str, list[CheckIn]] = {}
        with self.store.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                found.setdefault(r["horizon"], []).append(CheckIn(
                    r["horizon"], r["status"], r["comment"], r["author_name"], r["author_role"],
                    as_utc(r["created_at"])))
        return found
