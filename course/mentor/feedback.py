"""Feedback threads on a learner's work, and "ask my mentor" requests: the rules and the store.

A thread is every message on one piece of one learner's work (a reflection, the SBAR draft, a
scenario ending, a self-check...), keyed by the work's item key. Mentors comment (optionally with
rubric scores), the learner replies or asks; a request stays open until a mentor writes in its
thread. Who may read or write is decided here, from the signed-in account, never from what a page
sends: the learner, and the mentors of the learner's cohort (an admin, or a hub or passcode
mentor, sees every cohort). Text is stored as typed (NUL removed, length capped) and escaped
wherever it is shown.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from course import settings
from course.store.feedback_tables import feedback_messages as messages
from course.schema.rubrics import Rubric
from course.store.core import Store
from course.store.stamps import as_utc, new_key, now
from course.store.tables import learners

BODY_MAX = 2000  # characters in one message
WORK_KEY_MAX = 120
KINDS = {"mentor": ("comment",), "learner": ("reply", "request")}
# A mentor's message to a learner (or to a group, each their own copy) is a thread on the course home.
MESSAGE_LESSON, MESSAGE_WORK = "course-home", "course-home/message"


class FeedbackError(ValueError):
    """A message cannot be saved or a thread not read; the message says why, in plain words."""


@dataclass(frozen=True)
class Viewer:
    """Who is reading or writing, as the server vouches for it."""
    id: str
    name: str
    role: str  # learner or mentor (an admin is a mentor of every cohort)
    cohorts: frozenset | None = None  # a mentor's cohorts; None: every cohort

    @property
    def is_mentor(self) -> bool:
        return self.role == "mentor"


@dataclass(frozen=True)
class Message:
    id: int
    learner_id: str
    lesson: str
    work: str
    author_name: str
    author_role: str
    kind: str
    body: str
    rubric: str | None
    scores: dict
    created_at: datetime
    read_at: datetime | None
    closed_at: datetime | None

    @property
    def open_request(self) -> bool:
        return self.kind == "request" and self.closed_at is None


def learner_viewer(identity) -> Viewer | None:
    """The signed-in learner (any identity the session has)."""
    if identity is None:
        return None
    return Viewer(identity.key, identity.name, "learner")


def mentor_viewer(identity, store: Store, granted: bool) -> Viewer | None:
    """The mentor using the dashboard: an account's cohorts come from the accounts tables; a hub
    mentor, or one let in by the passcode (`granted`), sees every cohort. None for anyone else."""
    if identity is not None and identity.source == "account":
        # imported here: only a mentor's page needs the accounts (and their password hashing),
        # and every learner's kernel imports this module for the mentor thread
        from course.accounts.service import Accounts

        account = Accounts(store).get(identity.account_id)
        if account is None or not account.is_mentor:
            return None
        allowed = Accounts(store).cohorts_of(account)
        return Viewer(account.id, account.display_name, "mentor", None if allowed is None else frozenset(allowed))
    hub_mentors = {n.strip().casefold() for n in (settings.MENTOR_USERS.get() or "").split(",") if n.strip()}
    if identity is not None and identity.source == "hub" and identity.name.casefold() in hub_mentors:
        return Viewer(identity.key, identity.name, "mentor")
    if granted:
        name = identity.name if identity is not None else "Your mentor"
        return Viewer(identity.key if identity is not None else "mentor", name, "mentor")
    return None


def clean_body(raw) -> str:
    """The text of a message as typed: NFC, NUL and other control characters (but line breaks and
    tabs) removed, trimmed; refused when empty or too long."""
    if not isinstance(raw, str):
        raise FeedbackError("Write your message first.")
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()
    if not text:
        raise FeedbackError("Write your message first.")
    if len(text) > BODY_MAX:
        raise FeedbackError(f"Please keep a message under {BODY_MAX:,} characters (it has {len(text):,}); "
                            "what you wrote is kept in the box.")
    return text


def check_scores(rubric: Rubric | None, raw) -> dict:
    """Scores for some or all of a rubric's criteria, each on its scale; {} without a rubric."""
    if rubric is None:
        if raw:
            raise FeedbackError("Scores need a rubric.")
        return {}
    if not isinstance(raw, dict):
        raise FeedbackError("The rubric scores could not be read.")
    scores = {}
    allowed = {level.score for level in rubric.scale}
    for criterion_id, score in raw.items():
        if rubric.criterion(criterion_id) is None:
            raise FeedbackError(f"The rubric has no criterion '{str(criterion_id)[:60]}'.")
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, int) or score not in allowed:
            raise FeedbackError(f"A score for '{criterion_id}' must be one of {sorted(allowed)}.")
        scores[criterion_id] = score
    return scores


def _row_to_message(row) -> Message:
    return Message(id=row["id"], learner_id=row["learner_id"], lesson=row["lesson"], work=row["work"],
                   author_name=row["author_name"], author_role=row["author_role"], kind=row["kind"],
                   body=row["body"], rubric=row["rubric"], scores=json.loads(row["scores"]) if row["scores"] else {},
                   created_at=as_utc(row["created_at"]), read_at=as_utc(row["read_at"]),
                   closed_at=as_utc(row["closed_at"]))


class Feedback:
    def __init__(self, store: Store):
        self.store = store

    # --- who may see what --------------------------------------------------------------------

    def cohort_of(self, learner_id: str) -> str | None:
        row = self.store.learner(learner_id)
        return row["cohort_id"] if row else None

    def may_read(self, viewer: Viewer | None, learner_id: str) -> bool:
        if viewer is None or not isinstance(learner_id, str):
            return False
        if not viewer.is_mentor:
            return viewer.id == learner_id
        if self.store.learner(learner_id) is None:
            return False
        return viewer.cohorts is None or self.cohort_of(learner_id) in viewer.cohorts

    def _visible(self, viewer: Viewer):
        """A WHERE clause: the messages this viewer may read."""
        if not viewer.is_mentor:
            return messages.c.learner_id == viewer.id
        if viewer.cohorts is None:
            return sa.true()
        theirs = sa.select(learners.c.id).where(learners.c.cohort_id.in_(sorted(viewer.cohorts)))
        return messages.c.learner_id.in_(theirs)

    # --- threads -----------------------------------------------------------------------------

    def thread(self, viewer: Viewer | None, learner_id: str, work: str) -> list[Message]:
        """The thread on one piece of work, oldest first; nothing for anyone who may not read it."""
        if not self.may_read(viewer, learner_id):
            return []
        query = (sa.select(messages).where(messages.c.learner_id == learner_id, messages.c.work == work)
                 .order_by(messages.c.id))
        with self.store.engine.connect() as conn:
            return [_row_to_message(r) for r in conn.execute(query).mappings()]

    def learner_messages(self, viewer: Viewer | None, learner_id: str) -> list[Message]:
        """Every thread on one learner's work at once, oldest first; nothing for anyone who may not read it."""
        if not self.may_read(viewer, learner_id):
            return []
        query = sa.select(messages).where(messages.c.learner_id == learner_id).order_by(messages.c.id)
        with self.store.engine.connect() as conn:
            return [_row_to_message(r) for r in conn.execute(query).mappings()]

    def post(self, viewer: Viewer | None, learner_id: str, lesson: str, work: str, body, *,
             kind: str | None = None, rubric: Rubric | None = None, scores=None, key: str | None = None) -> Message:
        """Add a message to a thread. A mentor's message answers (closes) the thread's open requests."""
        if not self.may_read(viewer, learner_id):
            raise FeedbackError("This thread is not yours to write in.")
        role = "mentor" if viewer.is_mentor else "learner"
        kind = kind or KINDS[role][0]
        if kind not in KINDS[role]:
            raise FeedbackError("That kind of message is not one you can send.")
        if not isinstance(work, str) or not work or len(work) > WORK_KEY_MAX or not isinstance(lesson, str):
            raise FeedbackError("This piece of work cannot take comments.")
        if rubric is not None and role != "mentor":
            raise FeedbackError("Only a mentor scores a rubric.")
        text = clean_body(body)
        clean_scores = check_scores(rubric, scores)
        stamp = now()
        values = dict(idempotency_key=key or new_key(), learner_id=learner_id, cohort_id=self.cohort_of(learner_id),
                      lesson=lesson[:60], work=work, author_id=viewer.id, author_name=viewer.name[:200],
                      author_role=role, kind=kind, body=text, rubric=rubric.id if rubric and clean_scores else None,
                      scores=json.dumps(clean_scores) if clean_scores else None, created_at=stamp)
        with self.store._write() as conn:
            self.store._insert_ignoring_duplicate(conn, messages, values)
            if role == "mentor":
                conn.execute(messages.update().where(
                    messages.c.learner_id == learner_id, messages.c.work == work, messages.c.kind == "request",
                    messages.c.closed_at.is_(None)).values(closed_at=stamp))
            row = conn.execute(sa.select(messages).where(
                messages.c.idempotency_key == values["idempotency_key"])).mappings().first()
        return _row_to_message(row)

    def message_many(self, viewer: Viewer | None, learner_ids: list[str], body) -> int:
        """A mentor's message to each of several learners, on their course home (one transaction).
        Learners the mentor may not reach are left out; returns how many got it."""
        if viewer is None or not viewer.is_mentor:
            raise FeedbackError("Only a mentor sends messages to learners.")
        text = clean_body(body)
        reachable = [lid for lid in dict.fromkeys(learner_ids) if self.may_read(viewer, lid)]
        stamp = now()
        rows = [dict(idempotency_key=new_key(), learner_id=lid, cohort_id=self.cohort_of(lid), lesson=MESSAGE_LESSON,
                     work=MESSAGE_WORK, author_id=viewer.id, author_name=viewer.name[:200], author_role="mentor",
                     kind="comment", body=text, rubric=None, scores=None, created_at=stamp) for lid in reachable]
        if rows:
            with self.store._write() as conn:
                conn.execute(messages.insert(), rows)
        return len(rows)

    def mark_read(self, viewer: Viewer | None, learner_id: str, work: str) -> int:
        """The viewer has seen the thread: the other side's messages in it are read. Returns how many."""
        if not self.may_read(viewer, learner_id):
            return 0
        other = "learner" if viewer.is_mentor else "mentor"
        with self.store._write() as conn:
            return conn.execute(messages.update().where(
                messages.c.learner_id == learner_id, messages.c.work == work, messages.c.author_role == other,
                messages.c.read_at.is_(None)).values(read_at=now())).rowcount

    def unread(self, viewer: Viewer | None) -> list[tuple[str, str, int]]:
        """For a learner: (lesson, work, count) of the mentors' messages not yet seen, by lesson."""
        if viewer is None or viewer.is_mentor:
            return []
        query = (sa.select(messages.c.lesson, messages.c.work, sa.func.count()).where(
            messages.c.learner_id == viewer.id, messages.c.author_role == "mentor", messages.c.read_at.is_(None))
            .group_by(messages.c.lesson, messages.c.work).order_by(messages.c.lesson, messages.c.work))
        with self.store.engine.connect() as conn:
            return [(lesson, work, n) for lesson, work, n in conn.execute(query)]

    # --- the mentor's view of a cohort ---------------------------------------------------------

    def cohort_messages(self, viewer: Viewer | None, cohort_id: str | None) -> list[Message]:
        """Every message on the work of a cohort's learners (cohort None: learners without one), oldest
        first; nothing outside the viewer's cohorts."""
        if viewer is None or not viewer.is_mentor:
            return []
        if viewer.cohorts is not None and cohort_id not in viewer.cohorts:
            return []
        members = sa.select(learners.c.id).where(
            learners.c.cohort_id.is_(None) if cohort_id is None else learners.c.cohort_id == cohort_id)
        query = (sa.select(messages).where(messages.c.learner_id.in_(members), self._visible(viewer))
                 .order_by(messages.c.id))
        with self.store.engine.connect() as conn:
            return [_row_to_message(r) for r in conn.execute(query).mappings()]

    def open_requests(self, viewer: Viewer | None, cohort_id: str | None) -> list[Message]:
        """Requests no mentor has answered yet, oldest first (the one waiting longest leads)."""
        return [m for m in self.cohort_messages(viewer, cohort_id) if m.open_request]
