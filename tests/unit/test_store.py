"""The progress store: round trip, idempotency, latest state per item, and a readable failure."""
import socket
import sqlite3
import threading

import pytest
import sqlalchemy as sa

from course.errors import StoreError
from course.store.core import Store
from course.store.migrations import SCHEMA_VERSION


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


def test_round_trip_and_latest_state(store):
    store.ensure_learner("alex kim", "Alex Kim", "spring-2027")
    store.record(learner_id="alex kim", cohort_id="spring-2027", lesson="alpha", item="q1", kind="answer",
                 response={"choice": "a"}, correct=False, score=0.0)
    store.record(learner_id="alex kim", cohort_id="spring-2027", lesson="alpha", item="q1", kind="answer",
                 response={"choice": "b"}, correct=True, score=0.5)
    store.record(learner_id="alex kim", lesson="beta", item="q9", kind="answer",
                 response={"value": 3.0}, correct=True, score=1.0)
    store.record(learner_id="someone else", lesson="alpha", item="q1", kind="answer",
                 response={"choice": "c"}, correct=False, score=0.0)
    state = store.latest_state("alex kim", "alpha")
    assert set(state) == {"q1"}
    assert state["q1"]["response"] == {"choice": "b"}
    assert state["q1"]["correct"] is True and state["q1"]["attempts"] == 2 and state["q1"]["score"] == 0.5
    assert set(store.latest_state("alex kim")) == {"q1", "q9"}
    assert store.learner("alex kim")["display_name"] == "Alex Kim"
    assert store.version() == SCHEMA_VERSION


def test_same_idempotency_key_is_stored_once(store):
    kwargs = dict(learner_id="a", lesson="alpha", item="q1", kind="answer", response={"choice": "a"},
                  correct=False, score=0.0, key="fixed-key-1")
    assert store.record(**kwargs) is True
    assert store.record(**kwargs) is False  # a retried write is harmless
    assert store.count_events() == 1


def test_text_round_trips_exactly(store):
    hostile = "<script>alert(1)</script> ' OR 1=1; -- \u202eRTL 🙂 " + "x" * 3000
    store.record(learner_id="a", lesson="alpha", item="r", kind="reflection", response={"text": hostile})
    assert store.latest_state("a")["r"]["response"]["text"] == hostile


def test_sqlite_uses_wal(tmp_path):
    path = tmp_path / "wal.sqlite"
    Store(f"sqlite:///{path}")
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_data(db_url):
    Store(db_url).record(learner_id="a", lesson="alpha", item="q", kind="answer", response={}, correct=True)
    assert Store(db_url).latest_state("a")["q"]["correct"] is True


def test_concurrent_writers_lose_nothing(db_url):
    Store(db_url)
    def write(n):
        s = Store(db_url)
        for i in range(25):
            s.record(learner_id=f"l{n}", lesson="alpha", item=f"q{i}", kind="answer", response={"i": i},
                     key=f"{n}-{i}")
            s.record(learner_id=f"l{n}", lesson="alpha", item=f"q{i}", kind="answer", response={"i": i},
                     key=f"{n}-{i}")  # retried
    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert Store(db_url).count_events() == 6 * 25


def test_unopenable_store_raises_readable_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError) as info:
        Store(f"sqlite:///{blocker}/sub/store.sqlite")
    assert "cannot be opened" in str(info.value)


def test_corrupt_store_raises_readable_error(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store(f"sqlite:///{path}")
    assert path.read_bytes() == b"this is not a database" * 100  # nothing overwritten


def test_unknown_event_kind_refused(store):
    with pytest.raises(ValueError):
        store.record(learner_id="a", lesson="alpha", item="q", kind="delete-everything", response={})


def test_older_store_is_upgraded_in_place(db_url):
    """A store written by schema 1 (the first four tables) gains the newer tables on opening,
    keeps its events, and records the new version: the same way on SQLite and PostgreSQL."""
    from course.store.tables import metadata, schema_version

    Store(db_url).record(learner_id="a", lesson="alpha", item="q", kind="answer", response={"v": 1},
                         correct=True, key="kept-1")
    first = {"schema_version", "cohorts", "learners", "events"}
    engine = Store(db_url).engine
    newer = [t for t in metadata.sorted_tables if t.name not in first]
    metadata.drop_all(engine, tables=newer)
    with engine.begin() as conn:
        conn.execute(schema_version.delete().where(schema_version.c.version > 1))
    engine.dispose()

    reopened = Store(db_url)
    assert reopened.version() == SCHEMA_VERSION
    assert set(sa.inspect(reopened.engine).get_table_names()) >= set(metadata.tables)
    assert reopened.events_for("a")[0]["response"] == {"v": 1}


def test_newer_store_is_refused_readably(db_url):
    from course.store.stamps import now
    from course.store.tables import schema_version

    with Store(db_url).engine.begin() as conn:
        conn.execute(schema_version.insert().values(version=SCHEMA_VERSION + 1, applied_at=now()))
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(db_url)


def test_many_stores_opened_at_once_on_a_new_database(db_url):
    """Kernels starting together on a new store all get the schema (the CREATE TABLE race)."""
    errors = []

    def open_store():
        try:
            Store(db_url)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert Store(db_url).version() == SCHEMA_VERSION


def test_unreachable_postgresql_is_a_readable_error_without_the_password():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        Store(f"postgresql+psycopg://course:s3cret-pw@127.0.0.1:{port}/course")
    assert "cannot be opened" in str(info.value) and "s3cret-pw" not in str(info.value)


def test_try_this_again_starts_the_item_afresh_and_keeps_every_event(store):
    """A reset: the learner's state of the item starts over, the item's other keys and every
    earlier event stay (the mentor's first tries are read from those)."""
    def answer(item, correct, lesson="alpha"):
        store.record(learner_id="a", lesson=lesson, item=item, kind="answer", response={"choice": "x"},
                     correct=correct, score=0.0)

    answer("q1", False), answer("q1", False), answer("q1", True), answer("q2", False)
    store.record(learner_id="a", lesson="alpha", item="q1/hint", kind="hint", response={"run": 1})
    assert store.latest_state("a")["q1"]["attempts"] == 3  # a hint is not a try: it has its own item
    store.record(learner_id="a", lesson="alpha", item="q1", kind="reset", response={})
    state = store.latest_state("a", "alpha")
    assert "q1" not in state  # as if never answered: the page shows it empty, progress counts it open
    assert state["q2"]["attempts"] == 1 and "q1/hint" in state
    answer("q1", False)
    state = store.latest_state("a")
    assert state["q1"]["attempts"] == 1 and state["q1"]["correct"] is False  # the new run's first try
    store.record(learner_id="a", lesson="alpha", item="q1", kind="reset", response={})
    answer("q1", True), answer("q1", True)
    assert store.latest_state("a", "alpha")["q1"]["attempts"] == 2  # counted from the latest reset only
    kinds = [e["kind"] for e in store.events_for("a", "q1")]
    assert kinds == ["answer"] * 3 + ["reset", "answer", "reset", "answer", "answer"]
    assert store.latest_state("b") == {}  # another learner's resets and answers are theirs alone


def test_a_new_store_and_its_folder_are_private_to_their_owner(tmp_path):
    import stat

    path = tmp_path / "new-folder" / "progress.sqlite"
    store = Store(f"sqlite:///{path}")
    store.ensure_learner("ana", "Ana")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600
