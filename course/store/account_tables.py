"""The accounts tables: who may sign in, with which role, into which cohorts (course/accounts/ reads
and writes them; they are part of the store's schema, so they live with the other tables).

A learner's account id is the `learner_id` their events carry, so a store from before accounts
keeps every answer: its learners become accounts without a password, which a mentor hands an
invitation to claim.
"""
from __future__ import annotations

import sqlalchemy as sa

from course.store.tables import metadata

ROLES = ("learner", "mentor", "admin")

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("id", sa.String(120), primary_key=True),  # = learners.id for a learner
    sa.Column("login", sa.String(120), nullable=True, unique=True),  # casefolded; NULL until claimed
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("password_set_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
)

mentor_cohorts = sa.Table(  # which cohorts a mentor looks after (admins see all)
    "mentor_cohorts", metadata,
    sa.Column("account_id", sa.String(120), primary_key=True),
    sa.Column("cohort_id", sa.String(60), primary_key=True),
    sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
)

sessions = sa.Table(  # server-side sign-in sessions: signing out deletes the row
    "sessions", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # SHA-256 of the cookie's token, never the token
    sa.Column("account_id", sa.String(120), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

invitations = sa.Table(  # single-use links with which a person sets their password
    "invitations", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # SHA-256 of the link's token
    sa.Column("account_id", sa.String(120), nullable=False),  # the account the link claims
    sa.Column("cohort_id", sa.String(60), nullable=True),
    sa.Column("created_by", sa.String(120), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
)

cohort_join = sa.Table(  # optional self sign-up with a code the mentor turns on and off
    "cohort_join", metadata,
    sa.Column("cohort_id", sa.String(60), primary_key=True),
    sa.Column("code", sa.String(20), nullable=False, unique=True),
    sa.Column("open", sa.Boolean, nullable=False, default=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

throttle = sa.Table(  # failed secret checks per key ("login:<login>|<client>", "client:<addr>", ...)
    "throttle", metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
)
