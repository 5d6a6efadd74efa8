"""A crash and a broken store, as a learner meets them.

(a) Voila killed with SIGKILL mid-lesson: every answer the page acknowledged ("Saved to your
progress") is in the SQLite file, and after a restart the learner finds them restored.
(b) A corrupt, an unopenable and a locked store: the lesson still renders, the header says what is
wrong (never a traceback), answering still gives feedback ("Not saved yet"), a corrupt file is left
byte for byte as it was, and `course info` says what is wrong without a traceback.
"""
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from course import catalog
from course.store.core import Store

from . import person
from .conftest import PASSWORD, PATIENCE_MS, VoilaServer, open_as, sign_in, wait_rendered

pytestmark = pytest.mark.browser
LESSON = "/voila/render/01-the-role.ipynb"
COURSE = Path(sys.executable).parent / "course"


def single_items(n):
    cat = catalog.load()
    items = [cat.items[i] for i in cat.lesson_items("the-role") if cat.items[i].kind == "single"]
    assert len(items) >= n
    return [(item, next(o for o in item.options if o.correct)) for item in items[:n]]


def answer(page, item, option):
    card = page.locator(f".course-item-{item.id}")
    card.get_by_role("radio", name=option.text).check()
    card.get_by_role("button", name="Check answer").click()
    feedback = card.locator(".course-feedback")
    feedback.get_by_text("Correct").wait_for()
    return feedback


def open_lesson(page, server, learner):
    open_as(page, server, LESSON, learner)
    wait_rendered(page)


# --- (a) SIGKILL mid-lesson -----------------------------------------------------------------------

def test_sigkill_mid_lesson_keeps_every_acknowledged_answer(chromium_path, browser, tmp_path):
    home = tmp_path / "crash-home"
    server = VoilaServer(home).start()
    chosen = single_items(3)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    try:
        open_lesson(page, server, "Kit Crash")
        page.wait_for_selector("text=Signed in as")
        for item, right in chosen:
            feedback = answer(page, item, right)
            feedback.get_by_text("Saved to your progress").wait_for()  # the acknowledgement
    finally:
        server.stop(kill=True)  # SIGKILL: no shutdown handlers run
    assert server.proc.returncode == -9

    with sqlite3.connect(server.db_path) as db:
        saved = {row[0] for row in db.execute(
            "SELECT item FROM events WHERE learner_id = 'kit crash' AND correct = 1")}
    assert {item.id for item, _ in chosen} <= saved

    restarted = VoilaServer(home).start()  # the same store, a new server
    try:
        open_lesson(page, restarted, "Kit Crash")
        for item, right in chosen:
            card = page.locator(f".course-item-{item.id}")
            card.locator(".course-feedback").get_by_text("Correct").wait_for()
            assert card.get_by_role("radio", name=right.text).is_checked()
        assert "3 of 12 self-checks done (3 right)" in page.locator(".course-header").inner_text()
    finally:
        context.close()
        restarted.stop()


# --- (b) a broken store ---------------------------------------------------------------------------

def _corrupt(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(os.urandom(16384))
    return path


def _directory(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.mkdir()  # tests run as root, so chmod 000 would not stop them: a directory cannot be opened
    return path


def _parent_is_a_file(tmp_path):
    (tmp_path / "not-a-dir").write_text("x")
    return tmp_path / "not-a-dir" / "progress.sqlite"


BROKEN = {"corrupt": _corrupt, "directory": _directory, "parent-is-a-file": _parent_is_a_file}


def course_info(path):
    return subprocess.run([str(COURSE), "info"], env={**os.environ, "COURSE_DB_URL": f"sqlite:///{path}"},
                          capture_output=True, text=True, timeout=120)


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("kind", list(BROKEN))
def test_course_info_on_a_broken_store_says_so_without_a_traceback(kind, tmp_path):
    path = BROKEN[kind](tmp_path)
    before = digest(path)
    result = course_info(path)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "cannot be opened" in out and "Traceback" not in out, out
    assert digest(path) == before


@pytest.mark.parametrize("kind", list(BROKEN))
def test_on_a_broken_store_the_server_starts_and_sign_in_says_why_it_cannot(kind, page, tmp_path):
    """Accounts live in the store: when it cannot be opened nobody can sign in, and the page says so
    in words (not a traceback), without touching the broken file."""
    path = BROKEN[kind](tmp_path)
    before = digest(path)
    server = VoilaServer(tmp_path / "home", extra_env={"COURSE_DB_URL": f"sqlite:///{path}"}, admin=False).start()
    try:
        page.goto(server.url + LESSON)
        assert "/login" in page.url
        person.type_into(page, page.get_by_label("Sign-in name"), "bo broken")
        person.type_into(page, page.get_by_label("Password"), PASSWORD)
        with page.expect_navigation():
            page.get_by_label("Password").press("Enter")
        text = page.locator("body").inner_text()
        assert "store cannot be opened" in text and "nothing saved is lost" in text, text[:500]
        assert "Traceback" not in page.content()
        assert person.in_viewport(page, page.get_by_label("Sign-in name"))
        assert page.get_by_label("Sign-in name").input_value() == "bo broken"  # what was typed stays
    finally:
        server.stop()
    assert digest(path) == before  # nothing overwritten (for the corrupt file: not one byte)


def test_a_locked_store_still_reads_and_answers_and_keeps_its_data(page, tmp_path):
    path = tmp_path / "progress.sqlite"
    store = Store(f"sqlite:///{path}")
    store.ensure_learner("lee lock", "Lee Lock", None)
    item, right = single_items(1)[0]
    store.record(learner_id="lee lock", cohort_id=None, lesson="the-role", item="the-role/reflection",
                 kind="reflection", response={"text": "Written before the lock"})
    store.engine.dispose()
    holder = None
    server = None
    try:
        # signed in before the lock: the session is only read afterwards, which WAL still allows
        server = VoilaServer(tmp_path / "home", extra_env={"COURSE_DB_URL": f"sqlite:///{path}"}).start()
        sign_in(page, server, "Lee Lock")
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3, time\n"
             f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
             "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(600)"],
            stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        # WAL mode: a locked store can still be read, so `course info` answers (no traceback)
        info = course_info(path)
        assert "Traceback" not in info.stdout + info.stderr
        assert info.returncode == 0 and "1 events" in info.stdout, info.stdout + info.stderr
        open_lesson(page, server, "Lee Lock")
        # what was saved before the lock is still shown
        box = page.locator(".course-reflection")
        box.get_by_text("Your saved reflection is shown").wait_for(timeout=PATIENCE_MS)
        assert box.get_by_label("Your reflection").input_value() == "Written before the lock"
        feedback = answer(page, item, right)
        feedback.get_by_text("Not saved yet").wait_for(timeout=PATIENCE_MS)  # after the 30 s busy timeout
        assert "Traceback" not in page.content()
        page.locator(".course-header").get_by_text("cannot be written").first.wait_for(timeout=PATIENCE_MS)
    finally:
        if holder:
            holder.kill()
            holder.wait()
        if server:
            server.stop()
    with sqlite3.connect(path) as db:  # the learner's data survived
        texts = [r[0] for r in db.execute("SELECT response FROM events WHERE learner_id = 'lee lock'")]
    assert any("Written before the lock" in t for t in texts)
