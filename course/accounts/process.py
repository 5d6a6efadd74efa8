"""The course server process's accounts (on the store COURSE_DB_URL names) and who is asking:
what the identity provider (web.py) and the sign-in pages (pages.py) share."""
from __future__ import annotations

from course import settings
from course.accounts.service import Accounts
from course.store.core import Store

_accounts: Accounts | None = None


def accounts() -> Accounts:
    """The server process's accounts, on the store named by COURSE_DB_URL (or the default)."""
    global _accounts
    if _accounts is None:
        _accounts = Accounts(Store())
    return _accounts


def client_address(handler) -> str:
    """Who is asking, for throttling: the peer address (a proxy sets X-Real-IP; see README)."""
    if settings.TRUST_PROXY.get() == "1":
        forwarded = handler.request.headers.get("X-Real-IP", "")
        if forwarded:
            return forwarded[:60]
    return (handler.request.remote_ip or "unknown")[:60]
