"""The progress store: one process's handle on learners, cohorts and the append-only events.

SQLAlchemy Core with bound parameters only. SQLite (WAL, busy timeout) in the course's data
directory by default; any SQLAlchemy URL through COURSE_DB_URL (PostgreSQL for hubs). Every write
carries an idempotency key, so a retried write is harmless. The tables are in tables.py (and
account_tables.py, feedback_tables.py), the schema's upgrades in migrations.py, the database
connection in connection.py. Importing this module loads SQLAlchemy: modules that only need a
time stamp, a key or StoreError import course.store.stamps or course.errors instead.
"""
from __future__ import annotations

import json
import threading
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from course.errors import StoreError
from course.names import learner_key
from course.store import migrations
from course.store.connection import WriteTx, default_url, describe_url, insert_ignoring_duplicate, make_engine
from course.store.stamps import as_utc, new_key, now
from course.store.tables import (EVENT_KINDS, cohorts, events, learners, mentor_audit, mentor_passcode,
                                 mentor_throttle, metadata)


class Store:
    """One process's handle on the progress store."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self._lock = threading.Lock()
        try:
            self.engine = make_engine(self.url)
            migrations.migrate(self.engine)
        except (SQLAlchemyError, OSError, ValueError) as exc:
            raise StoreError(
                f"The progress store at {describe_url(self.url)} cannot be opened "
                f"({exc.__class__.__name__}). Your answers on this page are kept until you "
                f"reload; ask whoever runs the course to check the store."
            ) from exc

    def version(self) -> int:
        return migrations.version(self.engine)

    # --- learners and cohorts -------------------------------------------------------------

    def ensure_learner(self, learner_id: str, display_name: str, cohort_id: str | None = None,
                       is_demo: bool = False) -> None:
        """Create the learner (and cohort) if new; record that they were seen."""
        stamp = now()
        with self._write() as conn:
            if cohort_id:
                exists = conn.execute(sa.select(cohorts.c.id).where(cohorts.c.id == cohort_id)).first()
                if not exists:
                    insert_ignoring_duplicate(conn, cohorts, dict(
                        id=cohort_id, name=cohort_id, is_demo=is_demo, created_at=stamp))
            row = conn.execute(sa.select(learners.c.id).where(learners.c.id == learner_id)).first()
            if row:
                values = {"last_seen": stamp, "display_name": display_name}
                if cohort_id:
                    values["cohort_id"] = cohort_id
                conn.execute(learners.update().where(learners.c.id == learner_id).values(**values))
            else:
                insert_ignoring_duplicate(conn, learners, dict(
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
            return insert_ignoring_duplicate(conn, events, values)

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
            insert_ignoring_duplicate(conn, cohorts, dict(
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

    def _write(self) -> WriteTx:
        return WriteTx(self)

    # the mentoring and accounts modules insert through their store, as its own methods do
    _insert_ignoring_duplicate = staticmethod(insert_ignoring_duplicate)
