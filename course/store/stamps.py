"""Times and idempotency keys as the store writes them. No SQLAlchemy here: a widget that only
needs a key for its next event does not load the database layer."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(stamp: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stamp the store writes is UTC."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=timezone.utc)


def new_key() -> str:
    return uuid.uuid4().hex
