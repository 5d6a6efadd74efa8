"""Creating and upgrading the store's schema.

A new table is additive: create_all makes it in an existing store. A step that changes data gets a
new SCHEMA_VERSION and a data step below. Every table must be registered on `metadata` before
create_all runs, hence the imports of the three table modules here.
"""
from __future__ import annotations

import random
import time

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from course.store.account_tables import accounts
from course.store.connection import insert_ignoring_duplicate
from course.store.feedback_tables import feedback_messages  # noqa: F401  (registers the mentoring tables)
from course.store.stamps import now
from course.store.tables import learners, metadata, schema_version

SCHEMA_VERSION = 4  # 2: mentor passcode, throttle and audit tables; 3: accounts (each earlier learner gets one);
# 4: feedback threads, requests, cohort schedules, mentor notes, goal check-ins (feedback_tables.py)
_MIGRATION_LOCK = 0x636F7572  # PostgreSQL advisory lock id for schema changes ("cour")


def migrate(engine: sa.Engine) -> None:
    """Create or upgrade the schema. Many kernels may open a new store at the same moment: on
    PostgreSQL they take turns (an advisory lock); elsewhere a lost CREATE TABLE race is retried."""
    for attempt in range(8):
        try:
            return _migrate_once(engine)
        except (OperationalError, IntegrityError, ProgrammingError) as exc:
            lost_race = isinstance(exc, IntegrityError) or "already exists" in str(exc.orig)
            if not lost_race or attempt == 7:
                raise
            time.sleep(0.05 * (attempt + 1) + random.random() * 0.1)


def _migrate_once(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # released when this transaction ends
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        metadata.create_all(conn, checkfirst=True)
        current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
        if current is None:  # a new store; another process may be creating it too
            insert_ignoring_duplicate(conn, schema_version, dict(version=SCHEMA_VERSION, applied_at=now()))
        elif current > SCHEMA_VERSION:
            raise ValueError(f"store schema {current} is newer than this course ({SCHEMA_VERSION})")
        elif current < SCHEMA_VERSION:  # new tables (create_all made them), then the data steps
            if current < 3:
                _accounts_for_earlier_learners(conn)
            insert_ignoring_duplicate(conn, schema_version, dict(version=SCHEMA_VERSION, applied_at=now()))


def _accounts_for_earlier_learners(conn) -> None:
    """Learners from before accounts (keyed by their name) become accounts with that same id
    and no password: every answer stays theirs, and a mentor's invitation lets them claim it."""
    have = {row[0] for row in conn.execute(sa.select(accounts.c.id))}
    rows = conn.execute(sa.select(learners.c.id, learners.c.display_name).where(learners.c.is_demo.is_(False)))
    stamp = now()
    for learner_id, name in rows:
        if learner_id not in have:
            conn.execute(accounts.insert().values(id=learner_id, login=None, display_name=name,
                                                  role="learner", created_at=stamp))


def version(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
