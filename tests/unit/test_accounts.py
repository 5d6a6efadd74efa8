"""Accounts on a real store (SQLite and PostgreSQL): Argon2id hashes and the password policy,
sign-in throttled per account-and-address and per address with an atomic reservation (ten
parallel tries get five checks), sessions, single-use expiring invitations, cohorts only a mentor
changes, and the `course` commands that set them up."""
from __future__ import annotations

import csv
import io
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from course.cli import main as cli
from course.accounts import passwords
from course.accounts import signing
from course.accounts import throttle
from course.accounts.service import AccountError, Accounts
from course.store.account_tables import accounts as accounts_table
from course.store.core import Store
from course.store.migrations import SCHEMA_VERSION

GOOD = "Meadow-lantern-cobalt-42"


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


@pytest.fixture
def accounts(db_url):
    return Accounts(Store(db_url))


def test_passwords_are_argon2id_and_the_policy_names_the_problem(accounts):
    ana = accounts.create("Ana Ruiz", "learner", login="ana", password=GOOD)
    with accounts.store.engine.connect() as conn:
        stored = conn.execute(sa.select(accounts_table.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and GOOD not in stored
    for weak, says in [("short", "at least"), ("password123", "common"), ("ana ruiz ana ruiz", "name")]:
        with pytest.raises(AccountError, match=says):
            accounts.set_password(ana.id, weak)
    assert passwords.verify(GOOD, stored)[0] and not passwords.verify("Meadow-lantern-cobalt-43", stored)[0]


def test_a_right_password_signs_in_and_a_wrong_one_says_nothing_about_the_name(accounts):
    accounts.create("Ana Ruiz", "learner", login="Ana", password=GOOD)
    assert accounts.authenticate("ANA", GOOD, "10.0.0.1").account.display_name == "Ana Ruiz"  # case-blind
    wrong = accounts.authenticate("ana", "nope", "10.0.0.1")
    unknown = accounts.authenticate("nobody", "nope", "10.0.0.1")
    assert wrong.account is None and wrong.message == unknown.message


def test_ten_parallel_guesses_get_five_checks_and_the_owner_elsewhere_still_signs_in(accounts):
    accounts.create("Tia Target", "learner", login="tia", password=GOOD)
    results = []

    def guess(n):
        results.append(accounts.authenticate("tia", f"guess {n}", "203.0.113.9"))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(bool(r.retry_after) for r in results) == [False] * 5 + [True] * 5
    assert all(r.account is None for r in results)
    assert accounts.authenticate("tia", GOOD, "203.0.113.9").retry_after > 0  # that address waits
    assert accounts.authenticate("tia", GOOD, "198.51.100.4").account is not None  # she, elsewhere, does not


@pytest.fixture
def quick_hashes(monkeypatch):
    """Argon2id at its lowest cost: for a test of many sign-ins (the throttle), not of the hash, which
    test_passwords_are_argon2id_and_the_policy_names_the_problem checks at the course's own cost."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_a_room_behind_one_address_can_all_sign_in(accounts, quick_hashes):
    for n in range(throttle.PER_CLIENT.attempts + 5):
        accounts.create(f"Learner {n}", "learner", login=f"learner-{n}", password=GOOD)
        assert accounts.authenticate(f"learner-{n}", GOOD, "192.0.2.1").account is not None, n


def test_sessions_end_on_sign_out_and_on_a_new_password(accounts):
    ana = accounts.create("Ana Ruiz", "learner", login="ana", password=GOOD)
    token = accounts.start_session(ana.id)
    assert accounts.session_account(token).id == ana.id
    accounts.end_session(token)
    assert accounts.session_account(token) is None
    token = accounts.start_session(ana.id)
    accounts.set_password(ana.id, "Another-long-phrase-77")
    assert accounts.session_account(token) is None
    assert accounts.session_account("made-up") is None and accounts.session_account("x" * 500) is None


def test_invitations_are_single_use_expire_and_keep_the_cohort(accounts):
    accounts.create_cohort("spring-2027")
    sam = accounts.create("Sam Rivera", "learner", cohort="spring-2027")
    token = accounts.invite(sam.id)
    assert accounts.invitation(token).id == sam.id
    claimed = accounts.redeem(token, "sam", GOOD)
    assert (claimed.login, claimed.cohort) == ("sam", "spring-2027")
    with pytest.raises(AccountError, match="used or has expired"):
        accounts.redeem(token, "sam", GOOD)
    late = accounts.invite(sam.id, lifetime=timedelta(seconds=-1))
    assert accounts.invitation(late) is None
    first, second = accounts.invite(sam.id), accounts.invite(sam.id)
    assert accounts.invitation(first) is None and accounts.invitation(second) is not None  # the newest counts


def test_only_a_mentor_of_both_cohorts_moves_a_learner_and_sees_only_their_cohorts(accounts):
    mo = accounts.create("Mo Mentor", "mentor", login="mo", password=GOOD)
    accounts.create_cohort("spring-2027", mo.id)
    accounts.create_cohort("autumn-2027")
    ana = accounts.create("Ana Ruiz", "learner", cohort="spring-2027")
    assert accounts.cohorts_of(mo) == ["spring-2027"]
    assert accounts.cohorts_of(ana) == []
    with pytest.raises(AccountError):
        accounts.move_learner(mo, ana.id, "autumn-2027")
    accounts.assign_mentor(mo.id, "autumn-2027")
    accounts.move_learner(mo, ana.id, "autumn-2027")
    assert accounts.get(ana.id).cohort == "autumn-2027"
    admin = accounts.create("Ada Admin", "admin", login="ada", password=GOOD)
    assert accounts.cohorts_of(admin) is None  # every cohort


def test_a_join_code_opens_and_closes_self_sign_up(accounts):
    accounts.create_cohort("spring-2027")
    code = accounts.set_join_code("spring-2027", True)
    assert accounts.cohort_for_join_code(code.lower()) == "spring-2027"
    accounts.set_join_code("spring-2027", False)
    assert accounts.cohort_for_join_code(code) is None


def test_the_signed_header_cannot_be_made_without_the_secret(monkeypatch):
    monkeypatch.setenv(signing.SECRET_ENV, "server-secret")
    value = signing.sign("u-1")
    assert signing.verify(value) == "u-1"
    monkeypatch.setenv(signing.SECRET_ENV, "another-secret")
    assert signing.verify(value) is None
    monkeypatch.delenv(signing.SECRET_ENV)
    assert signing.verify(value) is None


def test_the_commands_set_up_a_cohort_and_write_invitation_links(db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DB_URL", db_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\n"))
    assert cli.main(["admin", "create", "--name", "Ada Admin", "--login", "ada", "--password-stdin"]) == 0
    assert cli.main(["mentor", "add", "--name", "Mo Mentor", "--login", "mo", "--cohort", "spring-2027",
                     "--url", "https://course.example.org/"]) == 0
    assert "https://course.example.org/invite/" in capsys.readouterr().out
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nSam Rivera,sam@example.org\nزهرا محمد\u200cزاده,z@example.org\n", encoding="utf-8")
    out = tmp_path / "links.csv"
    assert cli.main(["cohort", "invite", "spring-2027", "--names", str(roster), "--out", str(out)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert [r[0] for r in rows[1:]] == ["Sam Rivera", "زهرا محمد\u200cزاده"]
    accounts = Accounts(Store(db_url))
    token = rows[1][1].rsplit("/", 1)[1]
    assert accounts.invitation(token).cohort == "spring-2027"
    assert cli.main(["cohort", "invite", "no-such-cohort", "--names", str(roster), "--out", str(out)]) == 1
    assert "create it first" in capsys.readouterr().err
    assert cli.main(["account", "reset", "mo"]) == 0
    assert "/invite/" in capsys.readouterr().out


def test_a_store_from_before_accounts_keeps_every_answer_and_its_learners_can_claim_them(db_url, monkeypatch, capsys):
    from course.store.stamps import now
    from course.store.tables import learners, schema_version

    old = Store(db_url)
    old.ensure_learner("sam rivera", "Sam Rivera", "spring-2027")
    old.record(learner_id="sam rivera", cohort_id="spring-2027", lesson="the-role", item="the-role/reflection",
               kind="reflection", response={"text": "Written before accounts existed."})
    with old.engine.begin() as conn:  # as a version-2 store was: no account rows
        conn.execute(accounts_table.delete())
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=2, applied_at=now()))
    old.engine.dispose()

    upgraded = Store(db_url)
    assert upgraded.version() == SCHEMA_VERSION
    accounts = Accounts(upgraded)
    sam = accounts.get("sam rivera")
    assert (sam.display_name, sam.login, sam.cohort) == ("Sam Rivera", None, "spring-2027")
    monkeypatch.setenv("COURSE_DB_URL", db_url)
    assert cli.main(["account", "reset", "Sam Rivera"]) == 0  # by name: nothing claimed yet
    token = capsys.readouterr().out.strip().rsplit("/", 1)[1]
    claimed = accounts.redeem(token, "sam", GOOD)
    assert claimed.id == "sam rivera"
    assert upgraded.latest_state(claimed.id)["the-role/reflection"]["response"]["text"] == "Written before accounts existed."
    with upgraded.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(learners)).scalar() == 1
