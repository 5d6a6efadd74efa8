"""The mentoring tables: feedback threads on a learner's work, "ask my mentor" requests, and a
cohort's schedule. They live in the store's schema (registered on store.metadata, created by its
migrations: schema 4); the logic that reads and writes them is course/mentor/.

Every row that belongs to a learner carries `learner_id`, so deleting a learner deletes it too
(Store.learner_tables).
"""
from __future__ import annotations

import sqlalchemy as sa

from course.store.tables import metadata

feedback_messages = sa.Table(  # one message in the thread on one piece of a learner's work
    "feedback_messages", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
    sa.Column("learner_id", sa.String(120), nullable=False),  # whose work the thread is on
    sa.Column("cohort_id", sa.String(60), nullable=True, index=True),  # the learner's cohort when written
    sa.Column("lesson", sa.String(60), nullable=False),
    sa.Column("work", sa.String(120), nullable=False),  # the work's item key (e.g. sbar-pumps)
    sa.Column("author_id", sa.String(120), nullable=False),
    sa.Column("author_name", sa.String(200), nullable=False),
    sa.Column("author_role", sa.String(10), nullable=False),  # learner or mentor
    sa.Column("kind", sa.String(10), nullable=False),  # comment (mentor), reply or request (learner)
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("rubric", sa.String(60), nullable=True),  # a rubric's id, with scores
    sa.Column("scores", sa.Text, nullable=True),  # JSON {criterion id: score}
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),  # when the other side first saw it
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),  # a request: when a mentor answered
)
sa.Index("ix_feedback_learner_work", feedback_messages.c.learner_id, feedback_messages.c.work,
         feedback_messages.c.id)

cohort_schedule = sa.Table(  # lessons due by date, per cohort
    "cohort_schedule", metadata,
    sa.Column("cohort_id", sa.String(60), primary_key=True),
    sa.Column("lesson", sa.String(60), primary_key=True),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("set_by", sa.String(120), nullable=True),
    sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
)

mentor_notes = sa.Table(  # a mentor's private 1:1 notes on a learner: never shown to the learner
    "mentor_notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner_id", sa.String(120), nullable=False, index=True),
    sa.Column("cohort_id", sa.String(60), nullable=True),
    sa.Column("author_id", sa.String(120), nullable=False),
    sa.Column("author_name", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

goal_checkins = sa.Table(  # a check-in on one of the development plan's near goals (30/60/90 days)
    "goal_checkins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
    sa.Column("learner_id", sa.String(120), nullable=False, index=True),
    sa.Column("cohort_id", sa.String(60), nullable=True),
    sa.Column("lesson", sa.String(60), nullable=False),
    sa.Column("horizon", sa.String(60), nullable=False),  # a development_plan.yaml horizon id
    sa.Column("status", sa.String(12), nullable=False),  # not started, on track, done, changed
    sa.Column("comment", sa.Text, nullable=False),  # a line, may be empty
    sa.Column("author_id", sa.String(120), nullable=False),
    sa.Column("author_name", sa.String(200), nullable=False),
    sa.Column("author_role", sa.String(10), nullable=False),  # learner or mentor
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
