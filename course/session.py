"""The kernel's learning session: who is signed in, the open store, and answers waiting to be saved.

One Session per kernel. Widgets record through it; it tells the progress header when anything
changes. If the learner has not signed in yet, or the store is unavailable, answers wait here
and are written as soon as they can be: nothing a learner did is dropped.
"""
from __future__ import annotations

import logging

from course import identity as ident
from course.errors import StoreError
from course.save_limits import SaveRate, too_long
from course.store.stamps import new_key

log = logging.getLogger("course")


class Session:
    def __init__(self, store_url: str | None = None):
        self.store_url = store_url
        self.identity: ident.Identity | None = None
        self.identity_problem: str | None = None
        self.store_error: str | None = None
        self.pending: list[dict] = []
        self._store = None  # the Store, opened when first needed
        self._listeners = []  # told about every change (the progress header)
        self._identity_listeners = []  # told when who is signed in changes (widgets restore)
        self._detected = False
        self._last_saved: dict[str, tuple] = {}  # item -> what was last written for it from this kernel
        self._rate = SaveRate()

    # --- identity ---------------------------------------------------------------------------

    def detect_identity(self) -> None:
        if self._detected:
            return
        self._detected = True
        if ident.awaiting_visit():
            # A preheated kernel builds the page before anyone visits; the notebook's last cell
            # (course.footer or course.home) calls await_visit(), and the widgets then restore.
            self._awaiting_visit = True
            return
        found, problem = ident.detect()
        self.identity_problem = problem
        if found:
            self.set_identity(found)

    def await_visit(self) -> None:
        """In a preheated kernel: wait for the visitor, then learn who they are."""
        if not getattr(self, "_awaiting_visit", False):
            return
        self._awaiting_visit = False
        ident.wait_for_voila_request()
        found, problem = ident.detect()
        self.identity_problem = problem
        if found:
            self.set_identity(found)
        else:
            self._notify()

    def set_identity(self, identity: ident.Identity | None) -> None:
        self.identity = identity
        self._last_saved.clear()
        if identity:
            store = self.store()
            if store:
                try:
                    store.ensure_learner(identity.key, identity.name, identity.cohort)
                except StoreError as exc:
                    self.store_error = str(exc)
            self.flush()
        self._notify(identity_changed=True)

    def sign_out(self) -> None:
        ident.forget()
        self.identity = None
        self._notify(identity_changed=True)

    # --- store --------------------------------------------------------------------------------

    def store(self):
        """The open Store, or None (store_error says why) when it cannot be opened."""
        if self._store is None:
            # Deliberately lazy: SQLAlchemy loads with the store's first use, not with `import course`
            # or a page that only shows lesson text.
            from course.store.core import Store

            try:
                self._store = Store(self.store_url)
                self.store_error = None
            except StoreError as exc:
                self.store_error = str(exc)
                log.warning("progress store unavailable: %s", exc)
                return None
        return self._store

    # Kinds whose latest event is the whole state: saving the same again adds nothing. (Answers and
    # scenario choices are not among them: each try counts.)
    SAME_AGAIN_IS_NOTHING = frozenset({"reflection", "exercise", "draft"})

    def record(self, *, lesson: str, item: str, kind: str, response, correct=None, score=None) -> str:
        """Save one event. Returns 'saved'; 'waiting' when it is kept until it can be saved;
        'too-long' or 'too-fast' when it is refused (nothing is stored; the page keeps what was
        typed). Pressing Save again on what was just saved stores nothing new."""
        what = (lesson, kind, response, correct, score)
        if kind in self.SAME_AGAIN_IS_NOTHING and self._last_saved.get(item) == what and not self.pending:
            return "saved"
        if too_long(response, kind):
            log.warning("refused a save of %s: a text over the size limit", item[:80])
            return "too-long"
        if not self._rate.allow():
            log.warning("refused a save of %s: this page is saving faster than a person can", item[:80])
            return "too-fast"
        event = dict(lesson=lesson, item=item, kind=kind, response=response, correct=correct,
                     score=score, key=new_key())
        self.pending.append(event)
        status = self.flush()
        self._notify()
        return status

    def flush(self) -> str:
        if not self.identity:
            return "waiting"
        store = self.store()
        if store is None:
            return "waiting"
        while self.pending:
            event = self.pending[0]
            try:
                # the key makes a retry after a failure harmless
                store.record(learner_id=self.identity.key, cohort_id=self.identity.cohort, **event)
            except StoreError as exc:
                self.store_error = str(exc)
                return "waiting"
            self.pending.pop(0)
            self._last_saved[event["item"]] = (event["lesson"], event["kind"], event["response"],
                                               event["correct"], event["score"])
        self.store_error = None
        return "saved"

    def state(self, lesson: str | None = None) -> dict[str, dict]:
        """Latest state per item: what is stored, overlaid with what is still waiting."""
        result: dict[str, dict] = {}
        store = self.store() if self.identity else None
        if store:
            try:
                result = store.latest_state(self.identity.key, lesson)
            except Exception as exc:  # a broken store must not break the page
                self.store_error = f"Saved progress could not be read ({exc.__class__.__name__})."
        for event in self.pending:
            if lesson and event["lesson"] != lesson:
                continue
            if event["kind"] == "reset":  # as in the store: the item starts afresh
                result.pop(event["item"], None)
                continue
            prior = result.get(event["item"], {})
            result[event["item"]] = {
                "kind": event["kind"], "lesson": event["lesson"], "response": event["response"],
                "correct": event["correct"], "score": event["score"],
                "attempts": prior.get("attempts", 0) + 1, "at": None,
            }
        return result

    def history(self, item: str) -> list[dict]:
        """Every event of this learner for one item, oldest first (stored, then waiting)."""
        stored = []
        store = self.store() if self.identity else None
        if store:
            try:
                stored = store.events_for(self.identity.key, item)
            except Exception as exc:
                self.store_error = f"Saved progress could not be read ({exc.__class__.__name__})."
        waiting = [dict(e) for e in self.pending if e["item"] == item]
        return stored + waiting

    # --- listeners ----------------------------------------------------------------------------

    def on_change(self, callback) -> None:
        self._listeners.append(callback)

    def on_identity(self, callback) -> None:
        self._identity_listeners.append(callback)

    def _notify(self, identity_changed: bool = False) -> None:
        callbacks = list(self._identity_listeners) if identity_changed else []
        for callback in callbacks + list(self._listeners):
            try:
                callback()
            except Exception:  # one broken view must not stop the others
                log.exception("a progress listener failed")


_current: Session | None = None


def current() -> Session:
    global _current
    if _current is None:
        _current = Session()
    return _current


def reset(store_url: str | None = None) -> Session:
    """A fresh session (tests, or a new sign-in in the same kernel)."""
    global _current
    _current = Session(store_url)
    return _current
