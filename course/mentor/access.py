"""Who may see cohort data: a mentor passcode (Argon2id-hashed in the store) or, on a JupyterHub,
a hub user listed in COURSE_MENTOR_USERS.

Mentor pages put a MentorGate (course/ui/mentor/gate.py) first and build nothing of a cohort until it calls on_granted().
Wrong passcodes lock the form for a delay that doubles with each consecutive failure (capped);
the count lives in the store, so a new kernel (a reload) does not reset it.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime

from course.accounts import passwords
from course.kernel_errors import rejected

log = logging.getLogger("course.mentor")

PASSCODE_MIN = 8
PASSCODE_MAX = 200
DELAY_CAP_SECONDS = 30
MENTOR_USERS_ENV = "COURSE_MENTOR_USERS"
SET_PASSCODE_HELP = "course mentor set-passcode"

# --- the passcode hash: Argon2id, as account passwords (course/accounts/passwords.py) --------------

def hash_passcode(passcode: str) -> str:
    """An Argon2id hash with a random salt; the passcode itself is never stored."""
    return passwords.hash_password(passcode)


def verify_passcode(passcode: str, stored: str) -> bool:
    return passwords.verify(passcode, stored)[0]


def validate_new_passcode(passcode) -> str:
    if not isinstance(passcode, str) or len(passcode.strip()) < PASSCODE_MIN:
        raise ValueError(f"Use a passcode of at least {PASSCODE_MIN} characters.")
    if len(passcode) > PASSCODE_MAX:
        raise ValueError(f"Use a passcode of at most {PASSCODE_MAX} characters.")
    return passcode


def set_passcode(store, passcode: str) -> None:
    store.set_passcode_hash(hash_passcode(validate_new_passcode(passcode)))
    store.audit("passcode-set")


def passcode_is_set(store) -> bool:
    return bool(store.passcode_hash())


def delay_for(failures: int) -> int:
    """Seconds the form stays locked after the n-th consecutive wrong passcode: 1, 2, 4, ... 30."""
    return min(DELAY_CAP_SECONDS, 2 ** max(0, failures - 1))


# --- checking one attempt (no widgets: the gate and the tests share it) -----------------------------

@dataclass
class Attempt:
    granted: bool
    message: str
    wait_seconds: int = 0  # how long the form stays locked after this attempt


def seconds_left(locked_until: datetime | None) -> int:
    if locked_until is None:
        return 0
    from course.store.stamps import now

    remaining = (locked_until - now()).total_seconds()
    return max(0, int(remaining + 0.999))


def check_passcode(store, passcode) -> Attempt:
    stored = store.passcode_hash()
    if not stored:
        return Attempt(False, f"No mentor passcode is set yet. Whoever runs the course sets one with "
                              f"`{SET_PASSCODE_HELP}`.")
    if not store.claim_mentor_try(DELAY_CAP_SECONDS):  # locked, or another check is under way
        wait = max(1, seconds_left(store.mentor_throttle_state()["locked_until"]))
        log.warning("mentor passcode attempt refused while locked (%s s left)", wait)
        return Attempt(False, f"Please wait {wait} more second{'s' * (wait != 1)} before trying again.", wait)
    if not isinstance(passcode, str) or len(passcode) > PASSCODE_MAX:
        rejected("MentorGate", passcode)
        passcode = ""
    matches, outdated = passwords.verify(passcode, stored) if passcode else (False, False)
    if matches:
        if outdated:  # an older, cheaper hash (scrypt at N=2^14): renewed now that the passcode is known
            store.set_passcode_hash(hash_passcode(passcode))
        store.clear_mentor_failures()
        store.audit("access-granted", "passcode")
        return Attempt(True, "Mentor access granted.")
    state = store.note_mentor_failure(delay_for)
    wait = seconds_left(state["locked_until"])
    log.warning("wrong mentor passcode: %s consecutive failure(s); locked for %s s", state["failures"], wait)
    store.audit("passcode-refused", f"failure {state['failures']} in a row; locked {wait} s")
    return Attempt(False, f"That passcode is not right. You can try again in {wait} "
                          f"second{'s' * (wait != 1)}; the wait grows with each wrong try.", wait)


# --- JupyterHub mentors ----------------------------------------------------------------------------

def mentor_users() -> set[str]:
    raw = os.environ.get(MENTOR_USERS_ENV, "")
    return {name.strip().casefold() for name in raw.split(",") if name.strip()}


def is_mentor(session=None) -> bool:
    """True for a signed-in mentor: an account with the mentor or admin role on the course server,
    or a JupyterHub user listed in COURSE_MENTOR_USERS. Only what the server vouches for counts;
    nothing in a link makes anyone a mentor."""
    identity = getattr(session, "identity", None)
    if identity is not None and identity.source == "account":
        return identity.role in ("mentor", "admin")
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip().casefold()
    return bool(hub_user) and hub_user in mentor_users()


def visible_cohorts(session, cohorts: list[dict]) -> list[dict]:
    """The cohorts this mentor may see: on the course server, a mentor sees the cohorts assigned to
    them (an admin sees all); a hub or passcode mentor sees all."""
    identity = getattr(session, "identity", None)
    if identity is None or identity.source != "account" or identity.role == "admin":
        return cohorts
    from course.accounts.service import Accounts

    store = session.store()
    account = Accounts(store).get(identity.account_id) if store else None
    allowed = set((Accounts(store).cohorts_of(account) or []) if account else [])
    return [c for c in cohorts if c["id"] in allowed]
