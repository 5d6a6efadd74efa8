"""`course backup` while learners write keeps every answer acknowledged before it began; `course
restore` puts it back; a damaged file or a PostgreSQL store gets a clear message."""
import stat
import threading
import time

from course.store import backup as backups
from course.cli.main import main as cli_main
from course.store.core import Store


def test_a_backup_taken_while_learners_write_restores_every_acknowledged_answer(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    store = Store(url)
    for n in range(4):
        store.ensure_learner(f"learner {n}", f"Learner {n}")
    acknowledged, stop = [], threading.Event()

    def learner(n):
        mine = Store(url)
        i = 0
        while not stop.is_set():
            key = f"k-{n}-{i}"
            mine.record(learner_id=f"learner {n}", lesson="alpha", item=f"q{i}", kind="answer",
                        response={"choice": "a"}, key=key)
            acknowledged.append((time.monotonic(), key))
            i += 1

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    began = time.monotonic()
    monkeypatch.setenv("COURSE_DB_URL", url)
    assert cli_main(["backup", "--out", str(tmp_path / "copy.sqlite")]) == 0
    stop.set()
    for t in threads:
        t.join()
    before = {key for at, key in acknowledged if at < began}
    assert len(before) > 20

    fresh = f"sqlite:///{tmp_path / 'restored' / 'store.sqlite'}"
    monkeypatch.setenv("COURSE_DB_URL", fresh)
    assert cli_main(["restore", str(tmp_path / "copy.sqlite"), "--yes"]) == 0
    restored = Store(fresh)
    with restored.engine.connect() as conn:
        keys = {row[0] for row in conn.exec_driver_sql("SELECT idempotency_key FROM events")}
    assert before <= keys  # nothing acknowledged before the backup began is missing
    assert stat.S_IMODE((tmp_path / "copy.sqlite").stat().st_mode) == 0o600
    assert "Restored" in capsys.readouterr().out


def test_backups_refuse_what_they_cannot_do(tmp_path, monkeypatch, capsys):
    (tmp_path / "junk.sqlite").write_text("not a database")
    monkeypatch.setenv("COURSE_DB_URL", f"sqlite:///{tmp_path / 's.sqlite'}")
    Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    assert cli_main(["restore", str(tmp_path / "junk.sqlite"), "--yes"]) == 1
    assert "not a course store backup" in capsys.readouterr().err
    assert cli_main(["backup", "--out", str(tmp_path / "junk.sqlite")]) == 1
    assert "exists already" in capsys.readouterr().err
    monkeypatch.setenv("COURSE_DB_URL", "postgresql+psycopg://u@localhost/course")
    assert cli_main(["backup", "--out", str(tmp_path / "pg.dump")]) == 1
    assert "pg_dump" in capsys.readouterr().err
