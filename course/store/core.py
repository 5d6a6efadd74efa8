"""The progress store: learners, cohorts and an append-only table of events.

SQLAlchemy Core with bound parameters only. SQLite (WAL, busy timeout) in the user's data
directory by default; any SQLAlchemy URL through COURSE_DB_URL (PostgreSQL for hubs).
Every write carries an idempotency key, so a retried write is harmless.
"""
from __future__ import annotations

import json
import os
import random
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

SCHEMA_VERSION = 4  # 2: mentor passcode, throttle and audit tables; 3: accounts (each earlier learner gets one);
# 4: feedback threads, requests, cohort schedules, mentor notes, goal check-ins (course/store/feedback_tables.py)

metadata = sa.MetaData()
_MIGRATION_LOCK = 0x636F7572  # PostgreSQL advisory lock id for schema changes ("cour")

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
    sa.Column("id", sa.String(120), primary_key=True),  # the name's key (see identity.learner_key)
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
               "hint",  # a hint shown on request (item "<self-check>/hint")
               "draft"}  # what a refused save held (item "<form item>/draft"), so it survives a reload
HINT_SUFFIX = "/hint"  # a self-check's hints are events of their own item, so they never count as a try
DRAFT_SUFFIX = "/draft"  # likewise a form's draft: the saved item's latest state stays what was saved

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


class StoreError(Exception):
    """The store cannot be opened or written. The message is fit to show a learner."""


def _create_private(path: Path) -> None:
    """A new store file readable by its owner only (0600; SQLite gives its -wal and -shm files the
    same mode), in a folder made owner-only (0700): learners' work is in it."""
    if path.exists():
        return
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def default_data_dir() -> Path:
    if os.environ.get("COURSE_HOME"):
        return Path(os.environ["COURSE_HOME"])
    import platformdirs  # only where the default is needed

    return Path(platformdirs.user_data_dir("clinical-ops-course", appauthor=False))


def default_url() -> str:
    url = os.environ.get("COURSE_DB_URL")
    if url:
        return url
    return f"sqlite:///{default_data_dir() / 'progress.sqlite'}"


def describe_url(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(an unreadable COURSE_DB_URL)"


def now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(stamp: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stamp the store writes is UTC."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=timezone.utc)


def new_key() -> str:
    return uuid.uuid4().hex


class Store:
    """One process's handle on the progress store."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self._lock = threading.Lock()
        try:
            self.engine = self._make_engine(self.url)
            self._migrate()
        except (SQLAlchemyError, OSError, ValueError) as exc:
            raise StoreError(
                f"The progress store at {describe_url(self.url)} cannot be opened "
                f"({exc.__class__.__name__}). Your answers on this page are kept until you "
                f"reload; ask whoever runs the course to check the store."
            ) from exc

    @staticmethod
    def _make_engine(url: str) -> sa.Engine:
        parsed = sa.engine.make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return sa.create_engine(url, pool_pre_ping=True, future=True)
        if parsed.database and parsed.database != ":memory:":
            _create_private(Path(parsed.database))
        engine = sa.create_engine(url, connect_args={"timeout": 30}, future=True)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine

    def _migrate(self) -> None:
        """Create or upgrade the schema. Many kernels may open a new store at the same moment: on
        PostgreSQL they take turns (an advisory lock); elsewhere a lost CREATE TABLE race is retried."""
        for attempt in range(8):
            try:
                return self._migrate_once()
            except (OperationalError, IntegrityError, ProgrammingError) as exc:
                lost_race = isinstance(exc, IntegrityError) or "already exists" in str(exc.orig)
                if not lost_race or attempt == 7:
                    raise
                time.sleep(0.05 * (attempt + 1) + random.random() * 0.1)

    def _migrate_once(self) -> None:
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # released when this transaction ends
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            metadata.create_all(conn, checkfirst=True)
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            if current is None:  # a new store; another process may be creating it too
                self._insert_ignoring_duplicate(conn, schema_version,
                                                dict(version=SCHEMA_VERSION, applied_at=now()))
            elif current > SCHEMA_VERSION:
                raise ValueError(f"store schema {current} is newer than this course ({SCHEMA_VERSION})")
            elif current < SCHEMA_VERSION:  # new tables (create_all made them), then the data steps
                if current < 3:
                    self._accounts_for_earlier_learners(conn)
                self._insert_ignoring_duplicate(conn, schema_version,
                                                dict(version=SCHEMA_VERSION, applied_at=now()))

    @staticmethod
    def _accounts_for_earlier_learners(conn) -> None:
        """Learners from before accounts (keyed by their name) become accounts with that same id
        and no password: every answer stays theirs, and a mentor's invitation lets them claim it."""
        from course.accounts.tables import accounts

        have = {row[0] for row in conn.execute(sa.select(accounts.c.id))}
        rows = conn.execute(sa.select(learners.c.id, learners.c.display_name).where(learners.c.is_demo.is_(False)))
        stamp = now()
        for learner_id, name in rows:
            if learner_id not in have:
                conn.execute(accounts.insert().values(id=learner_id, login=None, display_name=name,
                                                      role="learner", created_at=stamp))

    def version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()

    # --- learners and cohorts -------------------------------------------------------------

    def ensure_learner(self, learner_id: str, display_name: str, cohort_id: str | None = None,
                       is_demo: bool = False) -> None:
        """Create the learner (and cohort) if new; record that they were seen."""
        stamp = now()
        with self._write() as conn:
            if cohort_id:
                exists = conn.execute(sa.select(cohorts.c.id).where(cohorts.c.id == cohort_id)).first()
                if not exists:
                    self._insert_ignoring_duplicate(conn, cohorts, dict(
                        id=cohort_id, name=cohort_id, is_demo=is_demo, created_at=stamp))
            row = conn.execute(sa.select(learners.c.id).where(learners.c.id == learner_id)).first()
            if row:
                values = {"last_seen": stamp, "display_name": display_name}
                if cohort_id:
                    values["cohort_id"] = cohort_id
                conn.execute(learners.update().where(learners.c.id == learner_id).values(**values))
            else:
                self._insert_ignoring_duplicate(conn, learners, dict(
                    id=learner_id, display_name=display_name, cohort_id=cohort_id,
                    is_demo=is_demo, created_at=stamp, last_seen=stamp))

    def learner(self, learner_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(learners).where(learners.c.id == learner_id)).mappings().first()
            return dict(row) if row else None

    # --- events ---------------------------------------------------------------------------

    def record(self, *, learner_id: str, lesson: str, item: str, kind: str, response,
               correct: bool | None = None, score: float | None = None,
               cohort_id: str | None = None, key: str | None = None) -> bool:
        """Append one event. Returns False if an event with this key was already stored."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        values = dict(
            idempotency_key=key or new_key(), learner_id=learner_id, cohort_id=cohort_id,
            lesson=lesson, item=item, kind=kind, response=json.dumps(response, ensure_ascii=False),
            correct=correct, score=score, created_at=now())
        with self._write() as conn:
            return self._insert_ignoring_duplicate(conn, events, values)

    def latest_state(self, learner_id: str, lesson: str | None = None) -> dict[str, dict]:
        """The latest event per item for a learner (optionally one lesson), with attempt counts.

        Only events after the item's latest "reset" count: an item whose latest event is a reset is
        left out, as if never answered. Every event stays in the table (first tries for mentors).
        Returns {item: {"kind", "lesson", "response", "correct", "score", "attempts", "at"}}.
        """
        mine = [events.c.learner_id == learner_id] + ([events.c.lesson == lesson] if lesson else [])
        resets = (sa.select(events.c.item, sa.func.max(events.c.id).label("reset_id"))
                  .where(*mine, events.c.kind == "reset").group_by(events.c.item).subquery())
        counts = (
            sa.select(events.c.item, sa.func.max(events.c.id).label("last_id"),
                      sa.func.count().label("attempts"))
            .select_from(events.outerjoin(resets, resets.c.item == events.c.item))
            .where(*mine, events.c.id > sa.func.coalesce(resets.c.reset_id, 0))
            .group_by(events.c.item)
        ).subquery()
        query = sa.select(events, counts.c.attempts).join(counts, events.c.id == counts.c.last_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return {
            row["item"]: {
                "kind": row["kind"], "lesson": row["lesson"], "response": json.loads(row["response"]),
                "correct": row["correct"], "score": row["score"], "attempts": row["attempts"],
                "at": row["created_at"],
            }
            for row in rows
        }

    def events_for(self, learner_id: str, item: str | None = None) -> list[dict]:
        query = sa.select(events).where(events.c.learner_id == learner_id)
        if item is not None:
            query = query.where(events.c.item == item)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(events.c.id)).mappings().all()
        return [dict(r) | {"response": json.loads(r["response"])} for r in rows]

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(events)).scalar()

    # --- cohorts, demo data and deletion (mentor side) -------------------------------------

    def ensure_cohort(self, cohort_id: str, name: str | None = None, is_demo: bool = False) -> None:
        with self._write() as conn:
            self._insert_ignoring_duplicate(conn, cohorts, dict(
                id=cohort_id, name=name or cohort_id, is_demo=is_demo, created_at=now()))

    def cohort(self, cohort_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(cohorts).where(cohorts.c.id == cohort_id)).mappings().first()
            return dict(row) if row else None

    def cohort_list(self) -> list[dict]:
        """Every cohort with its learner count, plus learners without a cohort (id None)."""
        counts = (sa.select(learners.c.cohort_id, sa.func.count().label("learners"))
                  .group_by(learners.c.cohort_id).subquery())
        query = (sa.select(cohorts.c.id, cohorts.c.name, cohorts.c.is_demo,
                           sa.func.coalesce(counts.c.learners, 0).label("learners"))
                 .select_from(cohorts.outerjoin(counts, counts.c.cohort_id == cohorts.c.id))
                 .order_by(cohorts.c.is_demo, cohorts.c.name))
        loose = sa.select(sa.func.count()).select_from(learners).where(learners.c.cohort_id.is_(None))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            without = conn.execute(loose).scalar()
        if without:
            rows.append({"id": None, "name": "Learners without a cohort", "is_demo": False,
                         "learners": without})
        return rows

    def learners_named(self, name: str) -> list[dict]:
        """The learner who signs in with this name, else everyone whose display name matches."""
        from course.identity import learner_key

        try:
            key = learner_key(name)
        except ValueError:
            return []
        found = self.learner(key)
        if found:
            return [found]
        wanted = " ".join(name.split()).casefold()
        query = sa.select(learners).where(sa.func.lower(learners.c.display_name) == wanted.lower())
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        return [r for r in rows if " ".join(r["display_name"].split()).casefold() == wanted]

    def learner_tables(self) -> list[sa.Table]:
        """Every table that holds a learner's data by `learner_id` (today's and any added later)."""
        return [t for t in metadata.sorted_tables if "learner_id" in t.c]

    def delete_learner(self, learner_id: str) -> dict[str, int]:
        """Delete everything stored about one learner; returns rows deleted per table.

        SQLite overwrites the freed space (secure_delete) and the WAL is checkpointed, so the
        name and answers do not linger in the file.
        """
        counts: dict[str, int] = {}
        sqlite = self.engine.dialect.name == "sqlite"
        with self._write() as conn:
            if sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete=ON")
            for table in reversed(self.learner_tables()):
                counts[table.name] = conn.execute(table.delete().where(table.c.learner_id == learner_id)).rowcount
            counts["learners"] = conn.execute(learners.delete().where(learners.c.id == learner_id)).rowcount
            conn.execute(mentor_audit.insert().values(
                at=now(), action="learner-deleted",
                detail=", ".join(f"{n} {t}" for t, n in counts.items())))
        if sqlite:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def delete_demo_learners(self, cohort_id: str) -> int:
        """Remove a demo cohort's learners and their events (before it is generated again)."""
        demo_ids = sa.select(learners.c.id).where(learners.c.cohort_id == cohort_id, learners.c.is_demo.is_(True))
        with self._write() as conn:
            for table in self.learner_tables():
                conn.execute(table.delete().where(table.c.learner_id.in_(demo_ids)))
            return conn.execute(learners.delete().where(learners.c.cohort_id == cohort_id,
                                                        learners.c.is_demo.is_(True))).rowcount

    def add_learners_and_events(self, learner_rows: list[dict], event_rows: list[dict]) -> None:
        """Bulk insert in one transaction (demo cohorts); rows are complete table rows."""
        with self._write() as conn:
            if learner_rows:
                conn.execute(learners.insert(), learner_rows)
            for start in range(0, len(event_rows), 5000):
                conn.execute(events.insert(), event_rows[start:start + 5000])

    # --- mentor access --------------------------------------------------------------------

    def passcode_hash(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(mentor_passcode.c.passcode_hash)
                                .where(mentor_passcode.c.id == "mentor")).scalar()

    def set_passcode_hash(self, passcode_hash: str) -> None:
        with self._write() as conn:
            conn.execute(mentor_passcode.delete().where(mentor_passcode.c.id == "mentor"))
            conn.execute(mentor_passcode.insert().values(id="mentor", passcode_hash=passcode_hash,
                                                         set_at=now()))
            conn.execute(mentor_throttle.delete().where(mentor_throttle.c.id == "mentor"))

    def mentor_throttle_state(self) -> dict:
        """{"failures": n, "locked_until": aware datetime or None}."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(mentor_throttle).where(mentor_throttle.c.id == "mentor")
                               ).mappings().first()
        if not row:
            return {"failures": 0, "locked_until": None}
        return {"failures": row["failures"], "locked_until": as_utc(row["locked_until"])}

    def claim_mentor_try(self, hold_seconds: int) -> bool:
        """Reserve the next passcode check in one statement, before the (slow) hash is checked: it
        succeeds only when no lock is running, and the claim itself locks the form for
        hold_seconds, so ten kernels guessing at once get one check between them, not ten.
        note_mentor_failure then sets the real lock, clear_mentor_failures lifts it."""
        from datetime import timedelta

        stamp = now()
        with self._write() as conn:
            insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            conn.execute(insert(mentor_throttle).values(id="mentor", failures=0, locked_until=None)
                         .on_conflict_do_nothing(index_elements=[mentor_throttle.c.id]))
            claimed = conn.execute(
                mentor_throttle.update()
                .where(mentor_throttle.c.id == "mentor",
                       sa.or_(mentor_throttle.c.locked_until.is_(None), mentor_throttle.c.locked_until <= stamp))
                .values(locked_until=stamp + timedelta(seconds=hold_seconds)))
            return claimed.rowcount == 1

    def note_mentor_failure(self, delay_for) -> dict:
        """Count one more wrong passcode and lock for delay_for(failures) seconds, atomically."""
        from datetime import timedelta

        stamp = now()
        with self._write() as conn:
            row = conn.execute(sa.select(mentor_throttle.c.failures)
                               .where(mentor_throttle.c.id == "mentor")).first()
            failures = (row[0] if row else 0) + 1
            until = stamp + timedelta(seconds=delay_for(failures))
            values = dict(failures=failures, locked_until=until, last_failure_at=stamp)
            if row:
                conn.execute(mentor_throttle.update().where(mentor_throttle.c.id == "mentor").values(**values))
            else:
                conn.execute(mentor_throttle.insert().values(id="mentor", **values))
        return {"failures": failures, "locked_until": until}

    def clear_mentor_failures(self) -> None:
        with self._write() as conn:
            conn.execute(mentor_throttle.delete().where(mentor_throttle.c.id == "mentor"))

    def audit(self, action: str, detail: str = "") -> None:
        with self._write() as conn:
            conn.execute(mentor_audit.insert().values(at=now(), action=action[:40], detail=detail[:2000]))

    def audit_log(self, limit: int = 100) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(mentor_audit).order_by(mentor_audit.c.id.desc()).limit(limit)
                                ).mappings().all()
        return [dict(r) for r in rows]

    # --- internals ------------------------------------------------------------------------

    def _write(self):
        return _WriteTx(self)

    @staticmethod
    def _insert_ignoring_duplicate(conn, table, values) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING; True if a row was written."""
        dialect = conn.dialect.name
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        elif dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            nested = conn.begin_nested()
            try:
                conn.execute(table.insert().values(**values))
            except IntegrityError:
                nested.rollback()
                return False
            nested.commit()
            return True
        statement = insert(table).values(**values).on_conflict_do_nothing()
        if dialect == "postgresql":  # rowcount is -1 there with RETURNING: a row back means written
            return conn.execute(statement.returning(sa.literal(1))).first() is not None
        return conn.execute(statement).rowcount == 1


class _WriteTx:
    """A write transaction; turns database failures into StoreError with a readable message."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self):
        self.store._lock.acquire()
        try:
            self.conn = self.store.engine.connect()
            self.tx = self.conn.begin()
        except SQLAlchemyError as exc:
            self.store._lock.release()
            raise StoreError(f"The progress store cannot be written ({exc.__class__.__name__}). "
                             "Your answer is kept on this page; try again in a moment.") from exc
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        except SQLAlchemyError as err:
            raise StoreError(f"The progress store cannot be written ({err.__class__.__name__}). "
                             "Your answer is kept on this page; try again in a moment.") from err
        finally:
            self.conn.close()
            self.store._lock.release()
        if isinstance(exc, SQLAlchemyError):
            raise StoreError(f"The progress store cannot be written ({exc.__class__.__name__}). "
                             "Your answer is kept on this page; try again in a moment.") from exc
        return False


# The accounts tables live with the accounts (course/accounts/tables.py) but in this store's schema.
from course.accounts import tables as _accounts_tables  # noqa: E402,F401  (registers them on `metadata`)
from course.store import feedback_tables as _feedback_tables  # noqa: E402,F401  (likewise)
