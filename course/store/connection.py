"""How the store talks to its database: the URL, the engine (SQLite tuned for many kernels, or
PostgreSQL), inserts that a retry makes harmless, and write transactions whose failures read well."""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from course import settings
from course.errors import StoreError


def default_url() -> str:
    """COURSE_DB_URL, else a SQLite file in the course's data directory."""
    return settings.DB_URL.get() or f"sqlite:///{settings.data_dir() / 'progress.sqlite'}"


def describe_url(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(an unreadable COURSE_DB_URL)"


def _create_private(path: Path) -> None:
    """A new store file readable by its owner only (0600; SQLite gives its -wal and -shm files the
    same mode), in a folder made owner-only (0700): learners' work is in it."""
    if path.exists():
        return
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(url: str) -> sa.Engine:
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


def insert_ignoring_duplicate(conn, table, values) -> bool:
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


_WRITE_FAILED = ("The progress store cannot be written ({}). Your answer is kept on this page; "
                 "try again in a moment.")


class WriteTx:
    """A write transaction, one at a time per Store (its lock); turns database failures into
    StoreError with a readable message."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        self.store._lock.acquire()
        try:
            self.conn = self.store.engine.connect()
            self.tx = self.conn.begin()
        except SQLAlchemyError as exc:
            self.store._lock.release()
            raise StoreError(_WRITE_FAILED.format(exc.__class__.__name__)) from exc
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        except SQLAlchemyError as err:
            raise StoreError(_WRITE_FAILED.format(err.__class__.__name__)) from err
        finally:
            self.conn.close()
            self.store._lock.release()
        if isinstance(exc, SQLAlchemyError):
            raise StoreError(_WRITE_FAILED.format(exc.__class__.__name__)) from exc
        return False
