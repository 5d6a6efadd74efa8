"""A kernel's Session as a test needs one: a page just opened (nobody signed in yet) or a learner
signed in. Each call is a new page, as a new kernel is: nothing in memory, everything from the store.

`_detected` is set so the session does not look for a remembered sign-in or a server identity
(the test says who is signed in). Used by tests/unit and, through plan_learner, tests/browser.
"""
from __future__ import annotations

from course.identity import Identity
from course.session import Session


def page_before_sign_in(db_url: str) -> Session:
    """A page opened by someone who has not signed in yet."""
    session = Session(db_url)
    session._detected = True
    return session


def open_page(db_url: str, identity: Identity | None) -> Session:
    """A page opened by `identity` (or by nobody yet, with None)."""
    session = page_before_sign_in(db_url)
    if identity:
        session.set_identity(identity)
    return session


def account_identity(account) -> Identity:
    """Who a course account is on the course server (an Account from course.accounts.service)."""
    return Identity(account.display_name, account.cohort, "account", account.id, account.role)


def account_session(db_url: str, account) -> Session:
    """A page opened by a course account (learner, mentor or admin)."""
    return open_page(db_url, account_identity(account))


def signed_in_session(db_url: str, name: str = "Alex Kim", cohort: str | None = "spring-2027",
                      source: str = "sign-in", **account) -> Session:
    """A page with `name` signed in (`account` takes account_id= and role= for a course account)."""
    return open_page(db_url, Identity(name, cohort, source, **account))
