"""The store's core tables: cohorts, learners, the append-only events, live sessions, mentor access.

Every table registers on `metadata`; the accounts tables (account_tables.py) and the mentoring
tables (feedback_tables.py) add theirs to the same schema, and migrations.py creates them all.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

cohorts = sa.Table(
    "cohorts", metadata,
    sa.Column("id", sa.String(60), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

learners = sa.Table(
    "learners", metadata,
    sa.Column("id", sa.String(120), primary_key=True),  # the account id, or before accounts the name's key (names.learner_key)
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("cohort_id", sa.String(60), nullable=True),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
    sa.Column("learner_id", sa.String(120), nullable=False, index=True),
    sa.Column("cohort_id", sa.String(60), nullable=True, index=True),
    sa.Column("lesson", sa.String(60), nullable=False),
    sa.Column("item", sa.String(120), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),  # answer, exercise, reflection, visit...
    sa.Column("response", sa.Text, nullable=False),  # JSON
    sa.Column("correct", sa.Boolean, nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index("ix_events_learner_item", events.c.learner_id, events.c.item, events.c.id)

EVENT_KINDS = {"answer", "exercise", "reflection", "scenario", "visit", "complete", "live",
               "reset",  # "Try this again": the learner's state of the item starts afresh; earlier events stay
               "hint",  # a hint shown on request (item keys.hint(self-check))
               "draft"}  # what a refused save held (item keys.draft(form item)), so it survives a reload

# --- live cohort sessions (course/mentor/live.py; additive tables) -------------------------------------

live_sessions = sa.Table(  # one row per live session a mentor opened
    "live_sessions", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("code", sa.String(12), nullable=False, index=True),  # the join code, kept after closing
    sa.Column("open_code", sa.String(12), nullable=True, unique=True),  # the same while open, else NULL
    sa.Column("cohort_id", sa.String(60), nullable=False, index=True),
    sa.Column("prompts", sa.Text, nullable=False),  # JSON list of prompt refs, in order
    sa.Column("position", sa.Integer, nullable=False, default=0),  # index of the current prompt
    sa.Column("revealed", sa.Boolean, nullable=False, default=False),
    sa.Column("status", sa.String(10), nullable=False),  # open or closed
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
)

live_participants = sa.Table(  # who joined a live session
    "live_participants", metadata,
    sa.Column("session_id", sa.String(32), primary_key=True),
    sa.Column("learner_id", sa.String(120), primary_key=True),
    sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
)

live_answers = sa.Table(  # one answer per learner per prompt of a live session
    "live_answers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(32), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("prompt", sa.String(140), nullable=False),
    sa.Column("learner_id", sa.String(120), nullable=False, index=True),
    sa.Column("cohort_id", sa.String(60), nullable=True),
    sa.Column("response", sa.Text, nullable=False),  # JSON
    sa.Column("correct", sa.Boolean, nullable=True),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("session_id", "position", "learner_id", name="uq_live_answer_once"),
)

# --- mentor access (schema 2) -------------------------------------------------------------------

mentor_passcode = sa.Table(  # one row: the Argon2id hash of the mentor passcode, never the passcode
    "mentor_passcode", metadata,
    sa.Column("id", sa.String(20), primary_key=True),
    sa.Column("passcode_hash", sa.Text, nullable=False),
    sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
)

mentor_throttle = sa.Table(  # consecutive wrong passcodes; kept here so a new kernel does not reset it
    "mentor_throttle", metadata,
    sa.Column("id", sa.String(20), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
)

mentor_audit = sa.Table(  # what mentors did (no learner names: a deletion must not leave one behind)
    "mentor_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, default=""),
)
