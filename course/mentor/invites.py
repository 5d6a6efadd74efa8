"""Invitations a mentor makes for their cohort (the dashboard's Invite tab; `course cohort invite` is
the same on the command line): who may invite into a cohort, the cohort's learners, a link per
name, and a new link for a learner who lost their password. The tab shows; this decides."""
from __future__ import annotations

import sqlalchemy as sa

from course.accounts.service import AccountError, Accounts
from course.identity import validate_name
from course.store.tables import learners


def may_invite(store, account_id: str | None, cohort_id: str) -> bool:
    """Whether this account is a mentor (or admin) who looks after the cohort."""
    accounts = Accounts(store)
    mentor = accounts.get(account_id) if account_id else None
    return mentor is not None and accounts.may_see_cohort(mentor, cohort_id)


def cohort_learners(store, cohort_id: str) -> list[dict]:
    """The cohort's real learners (not demo ones): {"id", "display_name"} each."""
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(learners.c.id, learners.c.display_name).where(
            learners.c.cohort_id == cohort_id, learners.c.is_demo.is_(False))).mappings()]


def invite_names(store, cohort_id: str, lines: list[str], by: str | None
                 ) -> tuple[list[tuple[str, str]], list[tuple[int, str, str]]]:
    """One single-use invitation per line: ([(name, token)], [(line number, line, what is wrong)]).
    A name already in the cohort keeps its account (and its work) and gets a new token."""
    accounts = Accounts(store)
    known = {a["display_name"]: a["id"] for a in cohort_learners(store, cohort_id)}
    made, problems = [], []
    for number, line in enumerate(lines, 1):
        try:
            name = validate_name(line)
            account_id = known.get(name) or accounts.create(name, "learner", cohort=cohort_id).id
            made.append((name, accounts.invite(account_id, created_by=by)))
        except (ValueError, AccountError) as exc:
            problems.append((number, line, str(exc)))
    return made, problems


def new_link(store, learner_id: str, by: str | None) -> str:
    """A learner who lost their password: signed out everywhere, and a token to set a new one."""
    accounts = Accounts(store)
    accounts.end_all_sessions(learner_id)
    return accounts.invite(learner_id, created_by=by)
