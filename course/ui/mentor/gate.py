"""The mentor gate: the passcode form a mentor page shows first (the rules it applies, hashing,
throttling and who counts as a mentor, are course/mentor/access.py)."""
from __future__ import annotations

import logging
import threading
import time

import ipywidgets as w

from course.mentor.access import (MENTOR_USERS_ENV, SET_PASSCODE_HELP, Attempt, check_passcode, is_mentor, passcode_is_set,
                                  seconds_left)
from course.ui.common import esc, html_box, status_html

log = logging.getLogger("course.mentor")

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
        self.passcode = w.Password(description="Mentor passcode", placeholder="passcode", continuous_update=False,
                                   style={"description_width": "initial"})
        # Enter in the field sends it (continuous_update=False reports the value on Enter); the
        # value is cleared after each try, and that change sends nothing
        self.passcode.observe(lambda change: self._typed() if change["new"] else None, names="value")
        self.button = w.Button(description="Open mentor view", button_style="primary")
        self.button.on_click(lambda _b: self._pressed())
        self._sent_at = 0.0  # when the field last sent itself (Enter, or leaving it for the button)
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

    def _typed(self) -> None:
        self._sent_at = time.monotonic()
        self.submit()

    def _pressed(self) -> None:
        # leaving the field for the button already sent what was typed: one try, not two
        if self.granted or time.monotonic() - self._sent_at < 2:
            return
        if not self.passcode.value:
            self.message.value = status_html("info", "Type the passcode first.")
            return
        self.submit()

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
