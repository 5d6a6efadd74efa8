"""Feedback threads and requests (course/mentor/feedback.py) on SQLite and PostgreSQL: only the
learner and the mentors of the learner's cohort read or write a thread; a mentor's comment may
carry rubric scores and answers open requests; text is capped, kept as typed and escaped when shown."""
from __future__ import annotations

import pytest

from course.accounts.service import Accounts
from course.mentor.feedback import BODY_MAX, Feedback, FeedbackError, learner_viewer, mentor_viewer
from course.store.core import Store
from course.store.migrations import SCHEMA_VERSION
from course.ui.learner.feedback_thread import FeedbackThread, thread_html

from .mentor_cohorts import GOOD, mentored_cohorts
from .sessions import account_identity

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script> & "quotes" 🙂 مریم'


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


@pytest.fixture
def world(db_url):
    """Two cohorts, a mentor for each, an admin, two learners in spring and one in fall."""
    store = Store(db_url)
    people = mentored_cohorts(store)
    mo, zed, ana, ben, cy = (people[login] for login in ("mo", "zed", "ana", "ben", "cy"))
    admin = Accounts(store).create("Ada Admin", "admin", login="ada", password=GOOD)

    ident = account_identity
    return dict(store=store, feedback=Feedback(store),
                mo=mentor_viewer(ident(mo), store, granted=False), zed=mentor_viewer(ident(zed), store, granted=False),
                admin=mentor_viewer(ident(admin), store, granted=False),
                ana=learner_viewer(ident(ana)), ben=learner_viewer(ident(ben)), cy=learner_viewer(ident(cy)),
                learner_as_mentor=mentor_viewer(ident(ana), store, granted=False))


@pytest.fixture(scope="module")
def rubrics(cat):
    return cat.rubrics


def test_the_store_migrates_to_the_version_with_feedback_tables(world):
    assert world["store"].version() == SCHEMA_VERSION >= 4


def test_a_mentor_comments_with_a_rubric_and_the_learner_reads_and_replies(world, rubrics):
    fb, mo, ana = world["feedback"], world["mo"], world["ana"]
    sbar = rubrics["sbar-draft"]
    fb.post(mo, ana.id, "communication", "sbar-pumps", "Strong Situation.\nNow make the ask specific.",
            rubric=sbar, scores={"headline": 2, "specific-ask": 1})
    assert fb.unread(ana) == [("communication", "sbar-pumps", 1)]
    thread = fb.thread(ana, ana.id, "sbar-pumps")
    assert [(m.author_name, m.kind, m.scores) for m in thread] == [
        ("Mo Mentor", "comment", {"headline": 2, "specific-ask": 1})]
    assert fb.mark_read(ana, ana.id, "sbar-pumps") == 1 and fb.unread(ana) == []
    fb.post(ana, ana.id, "communication", "sbar-pumps", "Thank you, I will rewrite it.")
    assert [m.author_role for m in fb.thread(mo, ana.id, "sbar-pumps")] == ["mentor", "learner"]


def test_nobody_else_reads_or_writes_a_thread(world):
    fb, mo, zed, ana, ben, admin = (world[k] for k in ("feedback", "mo", "zed", "ana", "ben", "admin"))
    fb.post(mo, ana.id, "the-role", "the-role/reflection", "Private words for Ana.")
    assert fb.thread(ben, ana.id, "the-role/reflection") == []  # another learner of the same cohort
    assert fb.thread(zed, ana.id, "the-role/reflection") == []  # a mentor of another cohort
    assert fb.cohort_messages(zed, "spring-2027") == [] and fb.open_requests(zed, "spring-2027") == []
    assert fb.unread(ben) == [] and fb.unread(zed) == []
    assert len(fb.thread(admin, ana.id, "the-role/reflection")) == 1  # an admin sees every cohort
    assert world["learner_as_mentor"] is None  # a learner's account is no mentor, whatever it asks
    for intruder in (ben, zed):
        with pytest.raises(FeedbackError):
            fb.post(intruder, ana.id, "the-role", "the-role/reflection", "Let me in.")
    assert fb.mark_read(ben, ana.id, "the-role/reflection") == 0
    assert fb.unread(ana) == [("the-role", "the-role/reflection", 1)]  # still unread by Ana


def test_a_request_is_open_until_a_mentor_answers_in_its_thread(world):
    fb, mo, ana, ben = world["feedback"], world["mo"], world["ana"], world["ben"]
    fb.post(ana, ana.id, "the-role", "role-scope", "I don't understand why B is right.", kind="request")
    fb.post(ben, ben.id, "the-role", "the-role/reflection", "Is my reflection on track?", kind="request")
    assert [m.body for m in fb.open_requests(mo, "spring-2027")] == [
        "I don't understand why B is right.", "Is my reflection on track?"]
    fb.post(mo, ana.id, "the-role", "role-scope", "B is the only one that is a manager's job: see the duty sort.")
    assert [m.learner_id for m in fb.open_requests(mo, "spring-2027")] == [ben.id]
    asked = fb.thread(ana, ana.id, "role-scope")[0]
    assert asked.kind == "request" and asked.closed_at is not None


def test_roles_kinds_and_scores_are_checked_in_the_kernel(world, rubrics):
    fb, mo, ana = world["feedback"], world["mo"], world["ana"]
    sbar = rubrics["sbar-draft"]
    for bad in ({"headline": 5}, {"headline": "2"}, {"no-such": 1}, {"headline": True}):
        with pytest.raises(FeedbackError):
            fb.post(mo, ana.id, "communication", "sbar-pumps", "Scores", rubric=sbar, scores=bad)
    with pytest.raises(FeedbackError):
        fb.post(ana, ana.id, "communication", "sbar-pumps", "I score myself", rubric=sbar, scores={"headline": 2})
    with pytest.raises(FeedbackError):
        fb.post(ana, ana.id, "communication", "sbar-pumps", "A learner cannot comment", kind="comment")
    with pytest.raises(FeedbackError):
        fb.post(mo, ana.id, "communication", "sbar-pumps", "A mentor does not ask", kind="request")
    with pytest.raises(FeedbackError):
        fb.post(mo, ana.id, "communication", "x" * 200, "a work key too long")
    assert fb.thread(mo, ana.id, "sbar-pumps") == []


def test_length_cap_and_text_kept_as_typed(world):
    fb, mo, ana = world["feedback"], world["mo"], world["ana"]
    with pytest.raises(FeedbackError, match=f"{BODY_MAX:,}"):
        fb.post(mo, ana.id, "the-role", "the-role/reflection", "a" * (BODY_MAX + 1))
    for empty in ("", "   \n", None, 42, "\x00\x00"):
        with pytest.raises(FeedbackError):
            fb.post(mo, ana.id, "the-role", "the-role/reflection", empty)
    saved = fb.post(mo, ana.id, "the-role", "the-role/reflection", "  " + HOSTILE + "\x00\n  ")
    assert saved.body == HOSTILE  # as typed, trimmed, NUL gone
    assert fb.post(mo, ana.id, "the-role", "the-role/reflection", "b" * BODY_MAX).body == "b" * BODY_MAX


def test_hostile_text_is_escaped_wherever_the_thread_is_shown(world, rubrics):
    fb, mo, ana, store = world["feedback"], world["mo"], world["ana"], world["store"]
    fb.post(mo, ana.id, "communication", "sbar-pumps", HOSTILE, rubric=rubrics["sbar-draft"], scores={"brief": 0})
    fb.post(ana, ana.id, "communication", "sbar-pumps", HOSTILE)
    shown = thread_html(fb.thread(ana, ana.id, "sbar-pumps"), rubrics, ana, "Your mentor's feedback")
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in shown and "🙂 مریم" in shown
    assert "SBAR draft rubric: 0 of 2 on the 1 of 10 criteria scored" in shown and "Reads as a report" in shown
    widget = FeedbackThread(store, mo, ana.id, "communication", "sbar-pumps", rubrics=rubrics,
                            rubric=rubrics["sbar-draft"], title="Ana's SBAR draft")
    assert "<script>" not in widget.html.value and widget.html.value.count("&lt;img") == 2


def test_the_mentor_widget_sends_a_scored_comment_and_keeps_a_refused_one(world, rubrics):
    fb, mo, ana, store = world["feedback"], world["mo"], world["ana"], world["store"]
    widget = FeedbackThread(store, mo, ana.id, "communication", "sbar-pumps", rubrics=rubrics,
                            rubric=rubrics["sbar-draft"])
    widget.text.value = "c" * (BODY_MAX + 5)
    widget.submit("comment")
    assert widget.text.value == "c" * (BODY_MAX + 5) and "2,000" in widget.status.value  # kept, with why
    widget.text.value = "Clear recommendation."
    widget.scores["specific-ask"].value = 2
    widget.submit("comment")
    assert widget.text.value == "" and "Comment sent" in widget.status.value
    assert fb.thread(ana, ana.id, "sbar-pumps")[0].scores == {"specific-ask": 2}


def test_deleting_a_learner_deletes_their_threads(world):
    fb, mo, ana, store = world["feedback"], world["mo"], world["ana"], world["store"]
    fb.post(mo, ana.id, "the-role", "the-role/reflection", "Words to be deleted.")
    counts = store.delete_learner(ana.id)
    assert counts["feedback_messages"] == 1
    assert fb.cohort_messages(world["admin"], "spring-2027") == []


def test_a_page_sending_faster_than_a_person_is_refused(world, monkeypatch):
    from course.ui.learner import feedback_thread

    fb, mo, ana, store = world["feedback"], world["mo"], world["ana"], world["store"]
    monkeypatch.setattr(feedback_thread, "_RATE", feedback_thread.SaveRate(clock=lambda: 0.0))
    widget = FeedbackThread(store, mo, ana.id, "the-role", "the-role/reflection")
    for n in range(40):
        widget.text.value = f"Comment {n}"
        widget.submit("comment")
    assert "a lot of saving" in widget.status.value and widget.text.value == "Comment 39"  # kept
    assert len(fb.thread(ana, ana.id, "the-role/reflection")) == 30  # the burst, then nothing


def test_mentor_notes_are_for_the_cohorts_mentors_only(world):
    from course.mentor.notes import Notes

    mo, zed, ana, admin, store = (world[k] for k in ("mo", "zed", "ana", "admin", "store"))
    notes = Notes(store)
    notes.add(mo, ana.id, "Talked about the charge role on nights; follow up in two weeks. " + HOSTILE)
    assert [n.author_name for n in notes.of(mo, ana.id)] == ["Mo Mentor"]
    assert len(notes.of(admin, ana.id)) == 1
    assert notes.of(ana, ana.id) == [] and notes.of(zed, ana.id) == []  # never the learner, nor another cohort
    for intruder in (ana, zed):
        with pytest.raises(FeedbackError):
            notes.add(intruder, ana.id, "Let me write here.")
    with pytest.raises(FeedbackError):
        notes.add(mo, ana.id, "n" * (BODY_MAX + 1))
    from course.ui.mentor.mentor_notes_box import NotesBox

    box = NotesBox(store, mo, ana.id, "Ana <i>Ruiz</i>")
    assert "<script>" not in box.list.value and "&lt;script&gt;" in box.list.value
    assert "Ana &lt;i&gt;Ruiz&lt;/i&gt;" in box.list.value
    assert store.delete_learner(ana.id)["mentor_notes"] == 1
