"""Throttling every check of a secret (password, passcode, invitation), race-free.

An attempt is *reserved* before the secret is checked, in one INSERT ... ON CONFLICT DO UPDATE
... RETURNING statement, so ten kernels guessing at once each get their own number and only the
first few are checked. Keys are per account and client address ("login:ana|203.0.113.7") and
per client address: a stranger guessing from elsewhere never locks out the person who owns the
account. A success clears the account-and-client key and gives back its try at the address.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from course.store.core import Store
from course.store.stamps import as_utc, now
from course.store.account_tables import throttle

KEY_MAX = 300


@dataclass(frozen=True)
class Limit:
    attempts: int  # allowed within one window
    window: timedelta


# Defaults: five tries per account from one address in 15 minutes; 40 from one address in all.
PER_ACCOUNT_AND_CLIENT = Limit(5, timedelta(minutes=15))
PER_CLIENT = Limit(40, timedelta(minutes=15))


@dataclass(frozen=True)
class Reservation:
    allowed: bool
    attempt: int
    retry_after: int  # seconds until this key may try again (0 when allowed)


def _upsert(conn):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def reserve(store: Store, key: str, limit: Limit) -> Reservation:
    """Count one attempt under `key` now, and say whether it may go ahead."""
    key = key[:KEY_MAX]
    stamp = now()
    cutoff = stamp - limit.window
    with store._write() as conn:
        insert = _upsert(conn)
        stale = throttle.c.window_start < cutoff
        statement = insert(throttle).values(key=key, window_start=stamp, attempts=1)
        statement = statement.on_conflict_do_update(
            index_elements=[throttle.c.key],
            set_={"attempts": sa.case((stale, 1), else_=throttle.c.attempts + 1),
                  "window_start": sa.case((stale, stamp), else_=throttle.c.window_start)},
        ).returning(throttle.c.attempts, throttle.c.window_start)
        attempt, started = conn.execute(statement).one()
    if attempt <= limit.attempts:
        return Reservation(True, attempt, 0)
    wait = (as_utc(started) + limit.window - stamp).total_seconds()
    return Reservation(False, attempt, max(1, int(wait + 0.999)))


def reserve_all(store: Store, limits: list[tuple[str, Limit]]) -> Reservation:
    """Reserve under every key; refused if any refuses (the longest wait is reported)."""
    results = [reserve(store, key, limit) for key, limit in limits]
    refused = [r for r in results if not r.allowed]
    if refused:
        return max(refused, key=lambda r: r.retry_after)
    return results[0]


def release(store: Store, key: str) -> None:
    """Give back one reserved attempt: a right password does not count against its address, so a
    room of learners behind one address can all sign in."""
    with store._write() as conn:
        conn.execute(throttle.update().where(throttle.c.key == key[:KEY_MAX], throttle.c.attempts > 0)
                     .values(attempts=throttle.c.attempts - 1))


def clear(store: Store, key: str) -> None:
    with store._write() as conn:
        conn.execute(throttle.delete().where(throttle.c.key == key[:KEY_MAX]))


def login_keys(login: str, client: str) -> list[tuple[str, Limit]]:
    return [(f"login:{login}|{client}", PER_ACCOUNT_AND_CLIENT), (f"client:{client}", PER_CLIENT)]
