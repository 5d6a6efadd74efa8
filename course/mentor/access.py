"""Who may see cohort data: a mentor passcode (Argon2id-hashed in the store) or, on a JupyterHub,
a hub user listed in COURSE_MENTOR_USERS.

Mentor pages put a MentorGate first and build nothing of a cohort until it calls on_granted().
Wrong passcodes lock the form for a delay that doubles with each consecutive failure (capped);
the count lives in the store, so a new kernel (a reload) does not reset it.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime

import ipywidgets as w

from course.accounts import passwords
from course.ui.common import esc, html_box, rejected, status_html

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


# --- the gate widget -------------------------------------------------------------------------------

class MentorGate(w.VBox):
    """A passcode form that calls on_granted() once, when a mentor is verified.

    For a hub mentor on_granted() is called at the end of __init__, so build what it needs first.
    """

    def __init__(self, session, on_granted):
        super().__init__()
        self.session, self.on_granted = session, on_granted
        self.granted = False
        self.add_class("course-card")
        self.add_class("course-mentor-gate")
        self.message = html_box()
        self.passcode = w.Password(description="Mentor passcode", placeholder="passcode",
                                   style={"description_width": "initial"})
        self.button = w.Button(description="Open mentor view", button_style="primary")
        self.button.on_click(lambda _b: self.submit())
        self._timer: threading.Timer | None = None
        intro = html_box('<p class="course-eyebrow">For mentors</p>'
                         '<p class="course-prompt">This page shows cohort data, so it is for mentors only.</p>')
        store = session.store()
        if is_mentor(session):
            self.children = [intro]
            account = session.identity is not None and session.identity.source == "account"
            if store:
                store.audit("access-granted", "mentor account" if account else "hub mentor")
            self._grant("Signed in as a mentor." if account else "Signed in on the hub as a mentor.")
            return
        if session.identity is not None and session.identity.source == "account":
            # the server refuses mentor pages to learners; this is the same answer, should one get here
            self.children = [intro, html_box(status_html("info", "Your account is not a mentor's. Ask the "
                                                         "course's administrator if it should be."))]
            return
        if store is None:
            self.children = [intro, html_box(status_html("warn", session.store_error or
                                                         "The progress store cannot be opened."))]
            return
        if not passcode_is_set(store):
            self.children = [intro, html_box(
                status_html("info", "No mentor passcode is set for this course yet.") +
                f'<p>Whoever runs the course sets one in a terminal with <code>{esc(SET_PASSCODE_HELP)}</code> '
                '(it asks twice and stores only a slow hash), then reloads this page. On a JupyterHub, '
                f'mentors listed in <code>{MENTOR_USERS_ENV}</code> need no passcode.</p>')]
            return
        self.children = [intro, self.passcode, w.HBox([self.button]), self.message]
        wait = seconds_left(store.mentor_throttle_state()["locked_until"])
        if wait:
            self._lock(wait, f"Too many wrong passcodes: please wait {wait} seconds before trying again.")

    def submit(self, passcode=None) -> Attempt:
        """Check the typed passcode (or the one given, for tests); clears the field either way."""
        value = self.passcode.value if passcode is None else passcode
        self.passcode.value = ""
        store = self.session.store()
        if store is None:
            attempt = Attempt(False, self.session.store_error or "The progress store cannot be opened.")
        else:
            attempt = check_passcode(store, value)
        if attempt.granted:
            self._grant(attempt.message)
        elif attempt.wait_seconds:
            self._lock(attempt.wait_seconds, attempt.message)
        else:
            self.message.value = status_html("warn", attempt.message)
        return attempt

    def _lock(self, seconds: int, message: str) -> None:
        self.message.value = status_html("bad", message)
        self.button.disabled = True
        if self._timer:
            self._timer.cancel()
        self._timer = threading.Timer(seconds, self._unlock)
        self._timer.daemon = True
        self._timer.start()

    def _unlock(self) -> None:
        if self.granted:
            return
        self.button.disabled = False
        self.message.value = status_html("info", "You can try again now.")

    def _grant(self, message: str) -> None:
        if self.granted:
            return
        self.granted = True
        if self._timer:
            self._timer.cancel()
        lock = "" if self.session.identity is not None and self.session.identity.source == "account" else \
            " Reload the page to lock it again."
        self.children = [html_box(status_html("ok", f"{message}{lock}"))]
        self.remove_class("course-card")
        try:
            self.on_granted()
        except Exception:  # the mentor view failing must show up in the log, not as a locked page
            log.exception("the mentor view failed to open")
            self.children = list(self.children) + [html_box(status_html(
                "warn", "The mentor view could not be opened; the server log has the details."))]
