"""`course backup` and `course restore` for the SQLite store, with SQLite's online backup API: a
consistent copy while learners keep writing, and a restore that other connections see at once.
A PostgreSQL store is backed up with its own tools (pg_dump), which the messages name."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa

PG_HELP = ("This store is PostgreSQL: back it up with `pg_dump --format=custom -f course.dump <database>` "
           "and restore with `pg_restore --clean -d <database> course.dump`.")


class BackupError(ValueError):
    """Why a backup or restore cannot be made; nothing was changed."""


def sqlite_path(url: str) -> Path:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError(PG_HELP)
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("This store is in memory: there is nothing on disk to back up.")
    return Path(parsed.database)


def _private_copy_target(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # learners' work: owner only
    return sqlite3.connect(path)


def backup(url: str, out: Path) -> int:
    """Copy the store to `out` (a new file) while it stays in use; the number of events copied."""
    source = sqlite_path(url)
    if not source.exists():
        raise BackupError(f"There is no store at {source} yet.")
    if out.exists():
        raise BackupError(f"{out} exists already; choose a new file name.")
    with sqlite3.connect(source, timeout=30) as src:
        dst = _private_copy_target(out)
        try:
            src.backup(dst)  # page by page, consistent as of one moment
            return dst.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            dst.close()


def restore(url: str, backup_file: Path) -> int:
    """Put a backup in place of the store (the store's current content is replaced); events restored."""
    target = sqlite_path(url)
    if not backup_file.exists():
        raise BackupError(f"There is no backup at {backup_file}.")
    with sqlite3.connect(backup_file) as src:
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = src.execute("SELECT count(*) FROM events").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{backup_file} is not a course store backup ({exc}).") from exc
        if not ok:
            raise BackupError(f"{backup_file} is damaged (integrity check failed); the store was not changed.")
        dst = _private_copy_target(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    return count
