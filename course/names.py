"""People's names and cohort codes: what may be typed, and the key the store files a name under.

Below every layer (the store looks learners up by name key; accounts and the kernel's identity
validate what people type), so it imports nothing of the course.
"""
from __future__ import annotations

import re
import unicodedata

from course.text import BIDI_CONTROLS  # they can make a name show as something other than what was typed

NAME_MAX = 60
COHORT_MAX = 40
_COHORT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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


def required_cohort(raw, error: type[Exception], missing: str) -> str:
    """A cohort code that must be given: validate_cohort's, or `error` with the reason (`missing`
    when none was typed)."""
    try:
        code = validate_cohort(raw)
    except ValueError as exc:
        raise error(str(exc)) from exc
    if not code:
        raise error(missing)
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
