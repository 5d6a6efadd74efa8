"""Mentor access: the passcode is stored only as a slow salted hash, wrong passcodes lock the form
for a delay that grows (and survives a new kernel), hub mentors need no passcode, and the
gate shows nothing of a cohort until a mentor is verified."""
import io
import logging
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from course.mentor import access as ma
from course.ui.mentor.gate import MentorGate
from course.cli import mentor as mentor_cli
from course.store.core import Store
from course.store.migrations import SCHEMA_VERSION
from course.store.stamps import now
from course.store.tables import mentor_throttle

from .sessions import page_before_sign_in

PASSCODE = "tea-and-rota-2027"


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


def unlock(store):
    """Let the lock run out at once, keeping the failure count (as if the wait had passed)."""
    with store.engine.begin() as conn:
        conn.execute(mentor_throttle.update().values(locked_until=now() - timedelta(seconds=1)))


def test_passcode_is_stored_only_as_a_salted_argon2id_hash_at_owasp_parameters(store):
    ma.set_passcode(store, PASSCODE)
    stored = store.passcode_hash()
    assert PASSCODE not in stored
    _, scheme, version, params, salt, digest = stored.split("$")
    cost = dict(kv.split("=") for kv in params.split(","))
    # OWASP's password storage advice for Argon2id: 19 MiB, 2 iterations, 1 lane (or stronger)
    assert scheme == "argon2id" and int(cost["m"]) >= 19456 and int(cost["t"]) >= 2 and len(salt) >= 20
    with store.engine.connect() as conn:  # nowhere in any table either
        for table in ("mentor_passcode", "mentor_audit", "mentor_throttle"):
            rows = conn.exec_driver_sql(f"SELECT * FROM {table}").fetchall()
            assert PASSCODE not in repr(rows)
    ma.set_passcode(store, PASSCODE)
    assert store.passcode_hash() != stored  # a fresh salt every time
    assert ma.verify_passcode(PASSCODE, store.passcode_hash())
    assert not ma.verify_passcode(PASSCODE + "x", store.passcode_hash())
    assert not ma.verify_passcode(PASSCODE, "plain-text-is-not-a-hash")


def test_short_passcodes_are_refused(store):
    with pytest.raises(ValueError, match="at least 8"):
        ma.set_passcode(store, "short")
    assert store.passcode_hash() is None


def test_wrong_passcodes_lock_for_longer_each_time_and_the_lock_persists(db_url, caplog):
    store = Store(db_url)
    ma.set_passcode(store, PASSCODE)
    waits = []
    with caplog.at_level(logging.WARNING, logger="course.mentor"):
        for _ in range(7):
            attempt = ma.check_passcode(store, "not-the-passcode")
            assert not attempt.granted and "not right" in attempt.message
            waits.append(attempt.wait_seconds)
            unlock(store)
    assert waits == [1, 2, 4, 8, 16, 30, 30]  # grows, then capped
    assert "wrong mentor passcode: 7 consecutive failure(s)" in caplog.text  # each failure is logged
    assert [a["action"] for a in store.audit_log()].count("passcode-refused") == 7

    # A new kernel (new Store, new Session) still counts the failures: no reset by reloading.
    attempt = ma.check_passcode(Store(db_url), "still-wrong")
    assert attempt.wait_seconds == 30 and Store(db_url).mentor_throttle_state()["failures"] == 8

    # While locked even the right passcode is not looked at.
    locked = ma.check_passcode(Store(db_url), PASSCODE)
    assert not locked.granted and "wait" in locked.message
    unlock(store)
    assert ma.check_passcode(Store(db_url), PASSCODE).granted
    assert Store(db_url).mentor_throttle_state() == {"failures": 0, "locked_until": None}


def test_a_value_no_form_could_send_is_refused(store):
    ma.set_passcode(store, PASSCODE)
    for value in (None, 12345, ["x"], "x" * 5000):
        assert not ma.check_passcode(store, value).granted
        unlock(store)


def test_gate_without_a_passcode_says_how_to_set_one(db_url):
    opened = []
    gate = MentorGate(page_before_sign_in(db_url), lambda: opened.append(1))
    text = " ".join(c.value for c in gate.children if hasattr(c, "value"))
    assert "course mentor set-passcode" in text and not opened
    assert not any(isinstance(c, type(gate.passcode)) for c in gate.children)  # no form to guess at


def test_gate_refuses_then_grants_once(db_url):
    store = Store(db_url)
    ma.set_passcode(store, PASSCODE)
    opened = []
    gate = MentorGate(page_before_sign_in(db_url), lambda: opened.append(1))
    assert "Password" in type(gate.passcode).__name__ and gate.passcode.description == "Mentor passcode"
    gate.passcode.value = "wrong guess"
    gate.button.click()
    assert "not right" in gate.message.value and gate.button.disabled and not opened
    assert gate.passcode.value == ""  # the field is cleared either way
    gate._timer.cancel()
    unlock(store)
    gate._unlock()
    assert not gate.button.disabled and "try again now" in gate.message.value
    gate.passcode.value = PASSCODE
    gate.button.click()
    assert opened == [1] and gate.granted
    gate.submit(PASSCODE)
    assert opened == [1]  # on_granted runs once


def test_a_new_gate_starts_locked_after_recent_failures(db_url):
    store = Store(db_url)
    ma.set_passcode(store, PASSCODE)
    ma.check_passcode(store, "wrong")
    gate = MentorGate(page_before_sign_in(db_url), lambda: None)
    assert gate.button.disabled and "wait" in gate.message.value
    gate._timer.cancel()


def test_hub_mentors_need_no_passcode_and_links_do_not_make_mentors(db_url, monkeypatch):
    monkeypatch.setenv("COURSE_MENTOR_USERS", "jo.mentor, Sam ")
    monkeypatch.setenv("QUERY_STRING", "learner=jo.mentor")
    assert not ma.is_mentor()  # a name in a Voila link is not a hub login
    monkeypatch.setenv("JUPYTERHUB_USER", "learner7")
    assert not ma.is_mentor()
    opened = []
    gate = MentorGate(page_before_sign_in(db_url), lambda: opened.append(1))
    assert not opened
    monkeypatch.setenv("JUPYTERHUB_USER", "sam")
    assert ma.is_mentor()
    gate = MentorGate(page_before_sign_in(db_url), lambda: opened.append(1))
    assert opened == [1] and gate.granted  # no passcode set, none needed


def test_cli_set_passcode_from_stdin_and_twice_by_prompt(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("COURSE_DB_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSCODE + "\n"))
    assert mentor_cli_main(["mentor", "set-passcode", "--from-stdin"]) == 0
    assert ma.verify_passcode(PASSCODE, Store(url).passcode_hash())
    answers = iter(["first-passcode", "different-one"])
    monkeypatch.setattr(mentor_cli.getpass, "getpass", lambda prompt="": next(answers))
    assert mentor_cli_main(["mentor", "set-passcode"]) == 1
    assert "differ" in capsys.readouterr().err
    assert ma.verify_passcode(PASSCODE, Store(url).passcode_hash())  # unchanged
    answers = iter(["second-passcode", "second-passcode"])
    assert mentor_cli_main(["mentor", "set-passcode"]) == 0
    assert ma.verify_passcode("second-passcode", Store(url).passcode_hash())


def mentor_cli_main(argv):
    from course.cli.main import main

    return main(argv)


def test_schema_2_tables_are_added_to_a_version_1_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    store = Store(url)
    with store.engine.begin() as conn:  # make it look like a store made before the mentor tables
        for table in ("mentor_passcode", "mentor_throttle", "mentor_audit"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        conn.exec_driver_sql("DELETE FROM schema_version")
        conn.exec_driver_sql("INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01 00:00:00')")
    upgraded = Store(url)
    assert upgraded.version() == SCHEMA_VERSION
    assert {"mentor_passcode", "mentor_throttle", "mentor_audit"} <= set(sa.inspect(upgraded.engine).get_table_names())


def test_ten_kernels_guessing_at_once_get_one_check_between_them(db_url):
    """The race found in the hardening issue: each kernel read the lock, ran the slow hash, then
    wrote the failure, so all ten guesses were checked. Now a check is claimed in one statement
    before the hash runs."""
    from concurrent.futures import ThreadPoolExecutor

    ma.set_passcode(Store(db_url), PASSCODE)
    start = threading.Barrier(10)

    def guess(n):
        store = Store(db_url)  # a kernel each
        start.wait()
        return ma.check_passcode(store, f"guess number {n}")

    with ThreadPoolExecutor(10) as pool:
        attempts = list(pool.map(guess, range(10)))
    checked = [a for a in attempts if "not right" in a.message]
    assert len(checked) == 1, [a.message for a in attempts]
    assert all("wait" in a.message and not a.granted for a in attempts)
    assert Store(db_url).mentor_throttle_state()["failures"] == 1


def test_an_old_scrypt_passcode_hash_still_opens_and_is_renewed_as_argon2id(db_url):
    """Stores made before this change hold scrypt at N=2^14 (below OWASP's advice): the right
    passcode still works, and its hash is replaced by the account passwords' Argon2id."""
    import base64
    import hashlib

    store = Store(db_url)
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(PASSCODE.encode(), salt=salt, n=2 ** 14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    store.set_passcode_hash(old)
    assert ma.check_passcode(store, PASSCODE).granted
    renewed = Store(db_url).passcode_hash()
    assert renewed.startswith("$argon2id$") and ma.verify_passcode(PASSCODE, renewed)
    assert not ma.verify_passcode("wrong passcode", renewed)
