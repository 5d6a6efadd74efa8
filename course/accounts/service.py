"""Accounts, sign-in sessions, invitations and cohort membership, on the course store.

Every secret that travels (a session cookie, an invitation link) is a random token; the store
keeps only its SHA-256, so a copy of the database lets nobody sign in as anyone.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from course.names import required_cohort, validate_cohort, validate_name
from course.errors import StoreError
from course.store.core import Store
from course.store.stamps import as_utc, now
from course.store.tables import cohorts, learners
from course.accounts import passwords
from course.accounts import throttle
from course.store.account_tables import ROLES, accounts, cohort_join, invitations, mentor_cohorts, sessions

SESSION_LIFETIME = timedelta(days=14)  # absolute: sign in again after two weeks
SESSION_IDLE = timedelta(days=3)  # or after three days without a visit
SESSION_TOUCH = timedelta(minutes=5)  # how often a visit refreshes last_seen_at
INVITATION_LIFETIME = timedelta(days=14)
LOGIN_MAX = 60


class AccountError(ValueError):
    """Something a person asked for cannot be done; the message says why, in their words."""


@dataclass(frozen=True)
class Account:
    id: str
    login: str | None
    display_name: str
    role: str
    cohort: str | None = None  # a learner's cohort

    @property
    def is_mentor(self) -> bool:
        return self.role in ("mentor", "admin")


@dataclass(frozen=True)
class SignIn:
    account: Account | None
    message: str = ""
    retry_after: int = 0


def token_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def validate_login(raw) -> str:
    """A sign-in name: what the person types to sign in, any script; case does not matter."""
    if not isinstance(raw, str):
        raise AccountError("Type a sign-in name.")
    try:
        login = validate_name(raw)
    except ValueError as exc:
        raise AccountError(str(exc).replace("your name", "your sign-in name")) from exc
    if len(login) > LOGIN_MAX:
        raise AccountError(f"Use at most {LOGIN_MAX} characters for your sign-in name.")
    return " ".join(login.casefold().split())


class Accounts:
    def __init__(self, store: Store):
        self.store = store

    # --- accounts -------------------------------------------------------------------------

    def _row_to_account(self, row) -> Account:
        return Account(id=row["id"], login=row["login"], display_name=row["display_name"],
                       role=row["role"], cohort=row.get("cohort_id"))

    def _select(self):
        return (sa.select(accounts, learners.c.cohort_id)
                .select_from(accounts.outerjoin(learners, learners.c.id == accounts.c.id)))

    def get(self, account_id: str) -> Account | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(self._select().where(accounts.c.id == account_id,
                                                    accounts.c.disabled_at.is_(None))).mappings().first()
        return self._row_to_account(row) if row else None

    def by_login(self, login: str) -> Account | None:
        try:
            key = validate_login(login)
        except AccountError:
            return None
        with self.store.engine.connect() as conn:
            row = conn.execute(self._select().where(accounts.c.login == key,
                                                    accounts.c.disabled_at.is_(None))).mappings().first()
        return self._row_to_account(row) if row else None

    def count(self, role: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(accounts)
        if role:
            query = query.where(accounts.c.role == role)
        with self.store.engine.connect() as conn:
            return conn.execute(query).scalar()

    def create(self, display_name: str, role: str, *, login: str | None = None, password: str | None = None,
               cohort: str | None = None, account_id: str | None = None) -> Account:
        """A new account; with a password it can sign in at once, without one it waits for an invitation."""
        if role not in ROLES:
            raise AccountError(f"Unknown role '{role}'.")
        try:
            name = validate_name(display_name)
            cohort = validate_cohort(cohort)
        except ValueError as exc:
            raise AccountError(str(exc)) from exc
        key = validate_login(login) if login else None
        if password is not None:
            self._check_password(password, name, key)
        account_id = account_id or f"u-{uuid.uuid4().hex[:16]}"
        stamp = now()
        with self.store._write() as conn:
            if key and conn.execute(sa.select(accounts.c.id).where(accounts.c.login == key)).first():
                raise AccountError("That sign-in name is taken; choose another.")
            conn.execute(accounts.insert().values(
                id=account_id, login=key, display_name=name, role=role,
                password_hash=passwords.hash_password(password) if password else None,
                password_set_at=stamp if password else None, created_at=stamp))
            if role == "learner":
                if cohort:
                    self._ensure_cohort(conn, cohort)
                existing = conn.execute(sa.select(learners.c.id).where(learners.c.id == account_id)).first()
                if existing:
                    conn.execute(learners.update().where(learners.c.id == account_id)
                                 .values(display_name=name, cohort_id=cohort))
                else:
                    conn.execute(learners.insert().values(id=account_id, display_name=name, cohort_id=cohort,
                                                          is_demo=False, created_at=stamp, last_seen=stamp))
        return Account(account_id, key, name, role, cohort)

    def _check_password(self, password, display_name: str, login: str | None) -> None:
        found = passwords.problems(password, personal=tuple(p for p in (display_name, login) if p))
        if found:
            raise AccountError(" ".join(found))

    def set_password(self, account_id: str, password: str) -> None:
        account = self.get(account_id)
        if account is None:
            raise AccountError("That account does not exist any more.")
        self._check_password(password, account.display_name, account.login)
        with self.store._write() as conn:
            conn.execute(accounts.update().where(accounts.c.id == account_id).values(
                password_hash=passwords.hash_password(password), password_set_at=now()))
            conn.execute(sessions.delete().where(sessions.c.account_id == account_id))

    def authenticate(self, login: str, password: str, client: str) -> SignIn:
        """Check a sign-in, throttled per account-and-address and per address (reserved first)."""
        key = validate_login(login) if isinstance(login, str) and login.strip() else ""
        limits = throttle.login_keys(key, client)
        reservation = throttle.reserve_all(self.store, limits)
        if not reservation.allowed:
            return SignIn(None, "Too many attempts. Wait a few minutes, then try again.",
                          reservation.retry_after)
        with self.store.engine.connect() as conn:
            row = conn.execute(sa.select(accounts.c.id, accounts.c.password_hash)
                               .where(accounts.c.login == key, accounts.c.disabled_at.is_(None))
                               ).mappings().first() if key else None
        if row is None or not row["password_hash"]:
            passwords.burn_time(password)  # the same time as a real check: no hint that the name exists
            return SignIn(None, "That sign-in name and password do not match.")
        ok, renew = passwords.verify(password, row["password_hash"])
        if not ok:
            return SignIn(None, "That sign-in name and password do not match.")
        throttle.clear(self.store, limits[0][0])
        throttle.release(self.store, limits[1][0])
        if renew:
            with self.store._write() as conn:
                conn.execute(accounts.update().where(accounts.c.id == row["id"])
                             .values(password_hash=passwords.hash_password(password)))
        return SignIn(self.get(row["id"]))

    # --- sessions -------------------------------------------------------------------------

    def start_session(self, account_id: str) -> str:
        token = secrets.token_urlsafe(32)
        stamp = now()
        with self.store._write() as conn:
            conn.execute(sessions.insert().values(id=token_id(token), account_id=account_id, created_at=stamp,
                                                  last_seen_at=stamp, expires_at=stamp + SESSION_LIFETIME))
        return token

    def session_account(self, token: str | None) -> Account | None:
        """The account signed in with this token, if the session is alive; refreshes it now and then."""
        if not token or not isinstance(token, str) or len(token) > 200:
            return None
        sid = token_id(token)
        with self.store.engine.connect() as conn:
            row = conn.execute(sa.select(sessions).where(sessions.c.id == sid)).mappings().first()
        if row is None:
            return None
        stamp = now()
        if as_utc(row["expires_at"]) <= stamp or as_utc(row["last_seen_at"]) + SESSION_IDLE <= stamp:
            self.end_session(token)
            return None
        if as_utc(row["last_seen_at"]) + SESSION_TOUCH <= stamp:
            try:
                with self.store._write() as conn:
                    conn.execute(sessions.update().where(sessions.c.id == sid).values(last_seen_at=stamp))
            except StoreError:
                pass  # a busy store must not sign anyone out
        return self.get(row["account_id"])

    def end_session(self, token: str | None) -> None:
        if token:
            with self.store._write() as conn:
                conn.execute(sessions.delete().where(sessions.c.id == token_id(token)))

    def end_all_sessions(self, account_id: str) -> None:
        with self.store._write() as conn:
            conn.execute(sessions.delete().where(sessions.c.account_id == account_id))

    # --- invitations ----------------------------------------------------------------------

    def invite(self, account_id: str, *, created_by: str | None = None,
               lifetime: timedelta = INVITATION_LIFETIME) -> str:
        """A single-use link token that lets the person set (or reset) their password."""
        account = self.get(account_id)
        if account is None:
            raise AccountError("That account does not exist.")
        token = secrets.token_urlsafe(24)
        stamp = now()
        with self.store._write() as conn:
            # a new invitation replaces any earlier unused one for the same account
            conn.execute(invitations.delete().where(invitations.c.account_id == account_id,
                                                    invitations.c.used_at.is_(None)))
            conn.execute(invitations.insert().values(
                id=token_id(token), account_id=account_id, cohort_id=account.cohort, created_by=created_by,
                created_at=stamp, expires_at=stamp + lifetime))
        return token

    def invitation(self, token: str | None) -> Account | None:
        """The account an invitation claims, if the link is unused and unexpired."""
        if not token or not isinstance(token, str) or len(token) > 200:
            return None
        with self.store.engine.connect() as conn:
            row = conn.execute(sa.select(invitations).where(invitations.c.id == token_id(token))).mappings().first()
        if row is None or row["used_at"] is not None or as_utc(row["expires_at"]) <= now():
            return None
        return self.get(row["account_id"])

    def redeem(self, token: str, login: str, password: str) -> Account:
        """Use an invitation: choose a sign-in name (if none yet) and a password. Single use."""
        account = self.invitation(token)
        if account is None:
            raise AccountError("This invitation link has been used or has expired. Ask your mentor for a new one.")
        key = account.login or validate_login(login)
        self._check_password(password, account.display_name, key)
        stamp = now()
        with self.store._write() as conn:
            claimed = conn.execute(invitations.update().where(
                invitations.c.id == token_id(token), invitations.c.used_at.is_(None),
                invitations.c.expires_at > stamp).values(used_at=stamp))
            if claimed.rowcount != 1:  # another tab used it a moment ago
                raise AccountError("This invitation link has just been used. Sign in, or ask for a new one.")
            taken = conn.execute(sa.select(accounts.c.id).where(accounts.c.login == key,
                                                                accounts.c.id != account.id)).first()
            if taken:
                raise AccountError("That sign-in name is taken; choose another.")
            conn.execute(accounts.update().where(accounts.c.id == account.id).values(
                login=key, password_hash=passwords.hash_password(password), password_set_at=stamp))
            conn.execute(sessions.delete().where(sessions.c.account_id == account.id))
        return self.get(account.id)

    # --- cohorts --------------------------------------------------------------------------

    @staticmethod
    def _ensure_cohort(conn, cohort_id: str, name: str | None = None) -> None:
        if not conn.execute(sa.select(cohorts.c.id).where(cohorts.c.id == cohort_id)).first():
            conn.execute(cohorts.insert().values(id=cohort_id, name=name or cohort_id, is_demo=False,
                                                 created_at=now()))

    def create_cohort(self, cohort_id: str, mentor_id: str | None = None, name: str | None = None) -> str:
        code = required_cohort(cohort_id, AccountError, "Type a cohort code, for example spring-2027.")
        with self.store._write() as conn:
            if conn.execute(sa.select(cohorts.c.id).where(cohorts.c.id == code)).first():
                raise AccountError(f"A cohort '{code}' exists already.")
            self._ensure_cohort(conn, code, name)
            if mentor_id:
                conn.execute(mentor_cohorts.insert().values(account_id=mentor_id, cohort_id=code,
                                                            assigned_at=now()))
        return code

    def assign_mentor(self, mentor_id: str, cohort_id: str) -> None:
        account = self.get(mentor_id)
        if account is None or not account.is_mentor:
            raise AccountError("Only a mentor account can look after a cohort.")
        with self.store._write() as conn:
            if not conn.execute(sa.select(cohorts.c.id).where(cohorts.c.id == cohort_id)).first():
                raise AccountError(f"There is no cohort '{cohort_id}'.")
            exists = conn.execute(sa.select(mentor_cohorts.c.cohort_id).where(
                mentor_cohorts.c.account_id == mentor_id, mentor_cohorts.c.cohort_id == cohort_id)).first()
            if not exists:
                conn.execute(mentor_cohorts.insert().values(account_id=mentor_id, cohort_id=cohort_id,
                                                            assigned_at=now()))

    def cohorts_of(self, account: Account) -> list[str] | None:
        """The cohorts a mentor may see; None means every cohort (an admin)."""
        if account.role == "admin":
            return None
        if account.role != "mentor":
            return []
        with self.store.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(mentor_cohorts.c.cohort_id)
                                               .where(mentor_cohorts.c.account_id == account.id)
                                               .order_by(mentor_cohorts.c.cohort_id))]

    def may_see_cohort(self, account: Account, cohort_id: str | None) -> bool:
        allowed = self.cohorts_of(account)
        return allowed is None or (cohort_id is not None and cohort_id in allowed)

    def move_learner(self, mentor: Account, learner_id: str, cohort_id: str) -> None:
        """Only a mentor of the target cohort (and of the learner's current one) moves a learner."""
        learner = self.get(learner_id)
        if learner is None or learner.role != "learner":
            raise AccountError("There is no such learner.")
        if not self.may_see_cohort(mentor, cohort_id) or (
                learner.cohort and not self.may_see_cohort(mentor, learner.cohort)):
            raise AccountError("You can move learners only between cohorts you look after.")
        with self.store._write() as conn:
            conn.execute(learners.update().where(learners.c.id == learner_id).values(cohort_id=cohort_id))

    # --- self sign-up with a join code ------------------------------------------------------

    def set_join_code(self, cohort_id: str, open_: bool) -> str:
        """Turn self sign-up for a cohort on (a new code each time) or off."""
        code = secrets.token_hex(4).upper()
        with self.store._write() as conn:
            conn.execute(cohort_join.delete().where(cohort_join.c.cohort_id == cohort_id))
            if open_:
                conn.execute(cohort_join.insert().values(cohort_id=cohort_id, code=code, open=True,
                                                         updated_at=now()))
        return code if open_ else ""

    def join_code(self, cohort_id: str) -> str | None:
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(cohort_join.c.code).where(
                cohort_join.c.cohort_id == cohort_id, cohort_join.c.open.is_(True))).scalar()

    def cohort_for_join_code(self, code: str) -> str | None:
        if not isinstance(code, str) or not code.strip() or len(code) > 20:
            return None
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(cohort_join.c.cohort_id).where(
                cohort_join.c.code == code.strip().upper(), cohort_join.c.open.is_(True))).scalar()
