"""Who is learning, from what the visitor cannot forge.

- On the course server (`course serve`, which `make serve` runs): the signed-in account, from the
  header the server signs on every request (accounts/signing.py). The link means nothing.
- On JupyterHub: JUPYTERHUB_USER, set by the hub.
- In single-user JupyterLab: a sign-in, remembered for this user only.
- In any other Voila (a bare `voila notebooks/`): nobody. Pages work, nothing is saved: such a
  server has no way to tell one visitor from another.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from course import settings
from course.accounts import signing
# The name rules live in course/names.py (the store needs them too); imported here for this module's use
# and for the callers that know them as identity.validate_name and so on.
from course.names import learner_key, same_name, validate_cohort, validate_name


@dataclass(frozen=True)
class Identity:
    name: str  # as the learner wrote it; shown escaped everywhere
    cohort: str | None
    source: str  # account, hub, sign-in or remembered
    account_id: str | None = None  # on the course server: the account, which is the store's learner id
    role: str = "learner"  # on the course server: learner, mentor or admin

    @property
    def key(self) -> str:
        return self.account_id or learner_key(self.name)


def in_voila() -> bool:
    return bool(os.environ.get("VOILA_BASE_URL") or os.environ.get("VOILA_KERNEL_ID")
                or os.environ.get("SERVER_SOFTWARE", "").startswith("voila"))


_visit_received = False


def awaiting_visit() -> bool:
    """True in a preheated Voila kernel that runs the notebook before anyone has visited."""
    return os.environ.get("VOILA_PREHEAT") == "True" and not _visit_received


def wait_for_voila_request() -> None:
    """A preheated Voila kernel runs before anyone visits: wait for the visit's request."""
    global _visit_received
    if awaiting_visit():
        if signing.served_by_course_server():
            signing.wait_for_visit()  # the course server asks the kernel to prove itself
        else:
            from voila.utils import wait_for_request

            wait_for_request()
    _visit_received = True


NOT_SIGNED_IN = "This page was opened without a sign-in. Reload it to sign in again."
PREVIEW = ("This copy of the course is served without sign-in, so nothing you do here is saved. To keep "
           "your work, use the course's own server (make serve) or a JupyterHub.")


def _account_identity() -> tuple[Identity | None, str | None]:
    """The account the course server signed onto this page's request."""
    from course.accounts.service import Accounts  # SQLAlchemy: only once an account is to be read
    from course.errors import StoreError
    from course.store.core import Store

    account_id = signing.verify(os.environ.get(signing.ENV_HEADER))
    if not account_id:
        return None, NOT_SIGNED_IN
    try:
        account = Accounts(Store()).get(account_id)
    except StoreError as exc:
        return None, f"Your account could not be read from the progress store: {exc}"
    if account is None:
        return None, "This account is no longer active. Ask your mentor for a new invitation."
    return Identity(account.display_name, account.cohort, "account", account.id, account.role), None


def _remember_file() -> Path:
    return settings.data_dir() / "identity.json"


def detect(wait: bool = True) -> tuple[Identity | None, str | None]:
    """The learner if known without asking, and a message if a given identity was refused.
    With wait=False a preheated kernel does not block for the visit: it reports nobody yet."""
    hub_user = os.environ.get("JUPYTERHUB_USER")
    if hub_user:
        try:
            cohort = validate_cohort(settings.COHORT.get())
        except ValueError:
            cohort = None
        try:
            return Identity(validate_name(hub_user), cohort, "hub"), None
        except ValueError as exc:
            return None, str(exc)
    if in_voila():
        if wait:
            wait_for_voila_request()
        elif awaiting_visit():
            return None, None
        if signing.served_by_course_server():
            return _account_identity()
        return None, None  # a bare Voila: see PREVIEW
    return recall(), None


def saves_here() -> bool:
    """False in a bare Voila, which cannot tell visitors apart: the page says so and saves nothing."""
    if os.environ.get("JUPYTERHUB_USER") or not in_voila():
        return True
    return signing.served_by_course_server()


def recall() -> Identity | None:
    """The sign-in remembered for single-user JupyterLab, if any and still valid."""
    try:
        data = json.loads(_remember_file().read_text(encoding="utf-8"))
        return Identity(validate_name(data["name"]), validate_cohort(data.get("cohort")), "remembered")
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(identity: Identity) -> None:
    """Remember a sign-in, but only outside Voila: a shared server must not reuse it."""
    if in_voila():
        return
    path = _remember_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"name": identity.name, "cohort": identity.cohort}), encoding="utf-8")
    except OSError:
        pass  # not remembering is harmless: the learner signs in again next time


def forget() -> None:
    try:
        _remember_file().unlink()
    except OSError:
        pass


def sign_in(name, cohort=None) -> Identity:
    identity = Identity(validate_name(name), validate_cohort(cohort), "sign-in")
    remember(identity)
    return identity


__all__ = ["Identity", "detect", "sign_in", "validate_name", "validate_cohort", "learner_key", "same_name", "asdict"]
