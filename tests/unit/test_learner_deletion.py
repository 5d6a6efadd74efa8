"""Deleting one learner's data on request: every table that holds it, nothing of anyone else,
a record that it happened (without the name), and on SQLite no trace left in the file."""
import pytest
import sqlalchemy as sa

from course.cli.main import main as cli_main
from course.store.core import Store
from course.store.tables import learners, metadata

from .cohort_fixture import build


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


def rows_of(store, learner_id) -> dict[str, int]:
    counts = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if "learner_id" in table.c:
                counts[table.name] = conn.execute(
                    sa.select(sa.func.count()).select_from(table).where(table.c.learner_id == learner_id)).scalar()
        counts["learners"] = conn.execute(
            sa.select(sa.func.count()).select_from(learners).where(learners.c.id == learner_id)).scalar()
    return counts


def test_deletion_is_complete_and_touches_nobody_else(store):
    build(store)
    before_ben = rows_of(store, "ben")
    assert before_ben["events"] > 0 and before_ben["learners"] == 1
    others = store.count_events() - before_ben["events"]
    counts = store.delete_learner("ben")
    assert counts["events"] == before_ben["events"] and counts["learners"] == 1
    assert all(n == 0 for n in rows_of(store, "ben").values())  # every table that holds a learner_id
    assert store.count_events() == others and store.learner("ann") is not None
    audit = store.audit_log()[0]
    assert audit["action"] == "learner-deleted" and "Ben" not in audit["detail"] and "ben" not in audit["detail"]


def test_every_learner_table_is_covered(store):
    """A table added later with a learner_id column (live sessions...) is deleted from too."""
    names = {t.name for t in store.learner_tables()}
    assert "events" in names
    assert names == {t.name for t in metadata.sorted_tables if "learner_id" in t.c}


def test_nothing_of_the_learner_lingers_in_the_sqlite_file(tmp_path):
    path = tmp_path / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    secret_name, secret_text = "Zebediah Quibblesworth", "my very private reflection xyzzy"
    store.ensure_learner("zebediah quibblesworth", secret_name, "c1")
    for i in range(50):
        store.record(learner_id="zebediah quibblesworth", lesson="alpha", item=f"alpha/reflection{i}",
                     kind="reflection", response={"text": secret_text})
    store.ensure_learner("someone", "Someone Else", "c1")
    store.record(learner_id="someone", lesson="alpha", item="q", kind="answer", response={"choice": "a"})
    store.delete_learner("zebediah quibblesworth")
    store.engine.dispose()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    assert secret_name.encode() not in raw and b"xyzzy" not in raw and b"zebediah" not in raw
    assert b"Someone Else" in raw


def test_cli_delete_asks_for_the_name(db_url, monkeypatch, capsys):
    store = Store(db_url)
    build(store)
    monkeypatch.setenv("COURSE_DB_URL", db_url)
    monkeypatch.setattr("builtins.input", lambda prompt="": "Ann Le")
    assert cli_main(["mentor", "delete-learner", "Ann Lee"]) == 1
    assert store.learner("ann") is not None
    monkeypatch.setattr("builtins.input", lambda prompt="": "Ann Lee")
    assert cli_main(["mentor", "delete-learner", "ann  LEE"]) == 0  # found by name, confirmed exactly
    assert store.learner("ann") is None and "Deleted" in capsys.readouterr().out
    assert cli_main(["mentor", "delete-learner", "Nobody Here", "--yes"]) == 1
