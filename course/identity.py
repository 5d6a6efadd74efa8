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
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

NAME_MAX = 60
COHORT_MAX = 40
_COHORT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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


# Characters that change the direction text is shown in (embeddings, overrides, isolates): they can
# make a name display as something other than what was typed. Right-to-left letters themselves are fine.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZWNJ, ZWJ = "\u200c", "\u200d"
# Letters and symbols that draw nothing: a name of only these would be invisible.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# An emoji tag sequence (subdivision flags such as Scotland's): a black flag, tags, a cancel tag.
_TAG_SEQUENCE = re.compile("\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F")
_JOINABLE = ("L", "M", "N", "So", "Sk")  # what a joiner may sit between: letters, marks, digits, emoji


def _joinable(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category in _JOINABLE


def _name_problem(name: str) -> str | None:
    """Why a name (NFC, spaces collapsed) cannot be used, or None. Unicode's identifier and emoji rules
    decide: ZWNJ/ZWJ inside a word or an emoji sequence, variation selectors, skin tones and flag tag
    sequences are part of real names; direction controls, control characters and other format
    characters are not, and a name must have something visible in it."""
    flags = {i for m in _TAG_SEQUENCE.finditer(name) for i in range(m.start() + 1, m.end())}
    for i, ch in enumerate(name):
        if ch in BIDI_CONTROLS:
            return ("Your name contains a hidden text-direction control (it can make a name show as something "
                    "else); please retype it.")
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs"):
            return "Your name contains an invisible or control character; please retype it."
        if category != "Cf" or i in flags:
            continue
        inside = 0 < i < len(name) - 1 and _joinable(name[i - 1]) and _joinable(name[i + 1])
        if not (ch in (ZWNJ, ZWJ) and inside):
            return "Your name contains an invisible or control character; please retype it."
    if not any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK for ch in name):
        return "Please type your name with at least one letter, digit or emoji that can be seen."
    return None


def validate_name(raw) -> str:
    """A display name: 1-60 characters, with something visible, in any script, emoji included."""
    if not isinstance(raw, str):
        raise ValueError("Please type your name.")
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise ValueError("Please type your name.")
    if len(name) > NAME_MAX:
        raise ValueError(f"Please use at most {NAME_MAX} characters for your name.")
    problem = _name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


def validate_cohort(raw) -> str | None:
    """An optional cohort code: lower-case letters, digits, '-' and '_', at most 40."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError("The cohort code must be text.")
    code = raw.strip().lower()
    if not code:
        return None
    if len(code) > COHORT_MAX or not _COHORT.match(code):
        raise ValueError(
            f"A cohort code uses letters, digits, '-' and '_' only (at most {COHORT_MAX}), "
            "for example spring-2027. Ask your mentor for yours.")
    return code


# Typed on one keyboard and not on another, and unseen in many names (محمد‌زاده): not part of the key.
_KEY_DROPS = dict.fromkeys(map(ord, ZWNJ + ZWJ + "".join(map(chr, range(0xFE00, 0xFE10)))))


def learner_key(name: str) -> str:
    """The store's id for a name: case, spacing, joiners and emoji variation selectors do not make a
    different learner."""
    return " ".join(validate_name(name).translate(_KEY_DROPS).casefold().split())


def same_name(typed, name: str) -> bool:
    """True if `typed` names the same learner as `name` (a mentor confirming a deletion types it)."""
    try:
        return learner_key(typed) == learner_key(name)
    except ValueError:
        return False


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
        from course.accounts import signing

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
    from course.accounts import signing
    from course.accounts.service import Accounts
    from course.store.core import Store, StoreError

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
    from course.store.core import default_data_dir

    return default_data_dir() / "identity.json"


def detect(wait: bool = True) -> tuple[Identity | None, str | None]:
    """The learner if known without asking, and a message if a given identity was refused.
    With wait=False a preheated kernel does not block for the visit: it reports nobody yet."""
    hub_user = os.environ.get("JUPYTERHUB_USER")
    if hub_user:
        try:
            cohort = validate_cohort(os.environ.get("COURSE_COHORT"))
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
        from course.accounts import signing

        if signing.served_by_course_server():
            return _account_identity()
        return None, None  # a bare Voila: see PREVIEW
    return recall(), None


def saves_here() -> bool:
    """False in a bare Voila, which cannot tell visitors apart: the page says so and saves nothing."""
    if os.environ.get("JUPYTERHUB_USER") or not in_voila():
        return True
    from course.accounts import signing

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
