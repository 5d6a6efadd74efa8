"""Passwords: Argon2id at OWASP's parameters, and a policy a person can meet.

OWASP's Password Storage Cheat Sheet (2025): Argon2id with m=19 MiB, t=2, p=1 as the minimum.
Stored hashes carry their parameters, so a check tells when a hash should be renewed at the
current ones (done on the next successful sign-in). The old mentor passcode used scrypt; those
hashes still verify and are replaced on first use.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 200  # long passphrases are welcome; this only stops a client sending megabytes
MIN_STRENGTH = 2  # zxcvbn's score 0-4: 2 resists online guessing that is throttled

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)


def normalize(password: str) -> str:
    """NFKC, so the same passphrase typed on another keyboard or phone still matches."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(normalize(password))


def verify(password: str, stored: str | None) -> tuple[bool, bool]:
    """(matches, should_rehash). A missing or unreadable hash never matches."""
    if not stored or not isinstance(password, str) or len(password) > MAX_LENGTH:
        return False, False
    if stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored), True
    try:
        _hasher.verify(stored, normalize(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(stored)


def _verify_scrypt(password: str, stored: str) -> bool:
    """The course's earlier mentor-passcode hashes: 'scrypt$n$r$p$salt$hash'."""
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=32, maxmem=256 * 1024 * 1024)
        return hmac.compare_digest(actual, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


# A verification that takes as long as a real one, for unknown accounts (no timing oracle).
_DUMMY_HASH = _hasher.hash("a password nobody has, to spend the same time")


def burn_time(password: str) -> None:
    verify(password if isinstance(password, str) else "", _DUMMY_HASH)


def problems(password, *, personal: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a new password, in words a person can act on; [] when it is fine."""
    if not isinstance(password, str) or not password:
        return ["Choose a password."]
    found = []
    if len(password) < MIN_LENGTH:
        found.append(f"Use at least {MIN_LENGTH} characters (a few unrelated words work well).")
    if len(password) > MAX_LENGTH:
        found.append(f"Use at most {MAX_LENGTH} characters.")
    if found:
        return found
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        return ["The password contains a control character; please retype it."]
    from zxcvbn import zxcvbn  # its word lists load only when a password is being set

    lowered = normalize(password).casefold()
    for word in personal:
        if word and len(word) >= 3 and word.casefold() in lowered:
            return ["Do not use your name or sign-in name in your password."]
    result = zxcvbn(password[:100], user_inputs=[w for w in personal if w])
    if result["score"] < MIN_STRENGTH:
        advice = result["feedback"].get("warning") or "This password is too easy to guess."
        tips = " ".join(result["feedback"].get("suggestions") or [])
        found.append(f"{advice} {tips}".strip())
    return found
