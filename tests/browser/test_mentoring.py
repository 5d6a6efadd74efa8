"""Mentoring both ways on the course server, in Chromium, with a mentor and learners in separate
browser contexts: the mentor comments with a rubric on a learner's SBAR draft; the learner meets it
under the draft on lesson 06 and as a count on the home page, replies; the mentor sees the reply;
another learner of the same cohort sees none of it. A learner's "ask my mentor" leads the dashboard
and closes when answered. A due date shows on the learner's home page and as overdue on the
dashboard. Every click and keystroke goes where a person could reach (tests/browser/person.py)."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from . import person
from .conftest import PATIENCE_MS, VoilaServer, open_as, wait_rendered

pytestmark = pytest.mark.browser

HOME = "/voila/render/index.ipynb"
LESSON_01 = "/voila/render/01-the-role.ipynb"
LESSON_06 = "/voila/render/06-communication.ipynb"
DASHBOARD = "/voila/render/mentor/dashboard.ipynb?cohort=spring-2027"
COHORT = "spring-2027"
MENTOR, ANA, BEN = "Mo Mentor", "Ana Ruiz", "Ben Okafor"
DRAFT = {"situation": "6 North is five infusion pumps short, and a dose started late last night.",
         "background": "Five of our 24 pumps failed their battery check on Friday; biomed expects batteries "
                       "next Thursday. We borrow from 5 South each shift.",
         "assessment": "I think we will run short again this afternoon, and the next delay could harm a patient.",
         "recommendation": "Please approve renting five pumps today, so they arrive before tomorrow's day shift. "
                           "I will report back Friday at noon."}
COMMENT = ("Your Recommendation is specific: who, what, by when. <b>Tighten</b> the Background 🙂 "
           '<img src=x onerror="window.__pwned=1">')
REPLY = "Thank you! I will cut the Background to what you need to decide."
QUESTION = "I don't understand why B is right here."
ANSWER = "B is the one only a manager can do: look at who owns the budget."


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    from course.mentor.schedule import Schedule, today
    from course.store.core import Store

    srv = VoilaServer(tmp_path_factory.mktemp("mentoring-home"))
    srv.home.mkdir(parents=True, exist_ok=True)
    srv.account(MENTOR, COHORT, role="mentor")
    ana = srv.account(ANA, COHORT)
    srv.account(BEN, COHORT)
    store = Store(srv.db_url)
    store.record(learner_id=ana, cohort_id=COHORT, lesson="communication", item="sbar-pumps", kind="exercise",
                 response={"draft": DRAFT})
    Schedule(store).set_due(COHORT, "the-role", today() - dt.timedelta(days=1))
    Schedule(store).set_due(COHORT, "communication", today() + dt.timedelta(days=5))
    store.engine.dispose()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def contexts(browser):
    made = []

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        made.append(context)
        page = context.new_page()
        page.set_default_timeout(PATIENCE_MS)
        page.set_default_navigation_timeout(PATIENCE_MS)
        return page

    yield new_page
    for context in made:
        context.close()


def open_page(page, server, path, name, role="learner"):
    open_as(page, server, path, name, COHORT, role)
    wait_rendered(page)


def open_dashboard(page, server):
    open_page(page, server, DASHBOARD, MENTOR, role="mentor")
    page.get_by_text("Signed in as a mentor").wait_for(timeout=PATIENCE_MS)
    page.get_by_role("tab", name="Overview").wait_for()


def choose(page, label, starts_with):
    """Pick a Dropdown option by the start of its label, as a person picks from the list."""
    select = page.get_by_label(label, exact=True)
    deadline = time.time() + 30
    while True:  # the options arrive with the widget's state, a moment after the select itself
        values = select.locator("option").evaluate_all("els => els.map(e => [e.value, e.textContent])")
        wanted = [v for v, text in values if text.replace("\xa0", " ").startswith(starts_with)]
        if wanted or time.time() > deadline:
            break
        time.sleep(0.2)
    assert wanted, f"no option starting with {starts_with!r} in {values}"
    person.reach(page, select)
    select.select_option(value=wanted[0])


def open_tab(page, name):
    person.click(page, page.get_by_role("tab", name=name))


def test_feedback_both_ways_and_privacy(server, contexts):
    mentor = contexts()
    open_dashboard(mentor, server)
    open_tab(mentor, "Feedback")
    choose(mentor, "Learner", ANA)
    choose(mentor, "Work", "L6 · SBAR draft")
    work = mentor.locator(".course-work-view")
    work.get_by_text("Please approve renting five pumps today").wait_for()
    choose(mentor, "The Recommendation is a specific request", "2 · Clearly")
    choose(mentor, "The Background is free of opinion", "1 · Partly")
    person.type_into(mentor, mentor.get_by_label("Your comment"), COMMENT)
    person.click(mentor, mentor.get_by_role("button", name="Send comment"))
    mentor.get_by_text("Comment sent").wait_for()
    sent = mentor.locator(".course-thread")
    sent.get_by_text("Tighten", exact=False).wait_for()
    assert "<b>Tighten</b>" in sent.inner_text()  # shown as typed, never as markup

    ana = contexts()
    open_page(ana, server, HOME, ANA)
    notice = ana.locator(".course-mentor-notice")
    notice.get_by_text("1 new comment from your mentor").wait_for()
    assert "Lesson 6: Communication" in notice.inner_text()
    due = ana.locator(".course-due")
    assert "1 day overdue" in due.inner_text() and "due in 5 days" in due.inner_text()
    assert due.inner_text().index("The role of") < due.inner_text().index("Communication")

    open_page(ana, server, LESSON_06, ANA)
    thread = ana.locator(".course-work-feedback .course-thread")
    person.reach(ana, thread)
    text = thread.inner_text()
    assert MENTOR in text and "<b>Tighten</b>" in text and "mentor" in text
    assert "2 · Clearly" in text and "1 · Partly" in text
    assert "SBAR draft rubric: 3 of 4 on the 2 of 10 criteria scored" in text
    ana.screenshot(path=str(server.home / "lesson06-thread.png"))
    person.type_into(ana, ana.get_by_label("Your message to your mentor"), REPLY)
    person.click(ana, ana.get_by_role("button", name="Send reply"))
    ana.get_by_text("Reply sent to your mentor").wait_for()

    open_page(ana, server, HOME, ANA)  # seen now: the count is gone
    ana.locator(".course-due").wait_for()
    assert ana.locator(".course-mentor-notice").count() == 0

    ben = contexts()
    open_page(ben, server, LESSON_06, BEN)
    assert ben.get_by_text("Tighten", exact=False).count() == 0 and ben.locator(".course-thread").count() == 0
    open_page(ben, server, HOME, BEN)
    assert ben.locator(".course-mentor-notice").count() == 0

    open_dashboard(mentor, server)  # the mentor comes back: the reply is in the thread
    open_tab(mentor, "Feedback")
    choose(mentor, "Learner", ANA)
    choose(mentor, "Work", "L6 · SBAR draft")
    mentor.locator(".course-thread").get_by_text(REPLY).wait_for()
    assert mentor.locator(".course-thread").get_by_text("new", exact=True).count() == 1


def test_ask_my_mentor_leads_the_dashboard_and_closes_when_answered(server, contexts):
    ana = contexts()
    open_page(ana, server, LESSON_01, ANA)
    first_check = ana.locator(".course-quiz").first
    person.click(ana, first_check.get_by_role("button", name="Ask my mentor…"))
    box = first_check.get_by_label("Your message to your mentor")
    person.type_into(ana, box, QUESTION)
    person.click(ana, first_check.get_by_role("button", name="Send to my mentor"))
    first_check.get_by_text("your mentor sees your question").wait_for()
    assert "waiting for an answer" in first_check.locator(".course-thread").inner_text()

    mentor = contexts()
    open_dashboard(mentor, server)
    waiting = mentor.get_by_text("Questions waiting for you (1)")
    waiting.wait_for()
    roster = mentor.get_by_role("heading", name="Roster")
    assert waiting.bounding_box()["y"] < roster.bounding_box()["y"]  # first on the dashboard
    assert QUESTION in mentor.locator(".course-requests").inner_text()
    person.click(mentor, mentor.locator(".course-requests").get_by_role("button", name="Answer"))
    person.type_into(mentor, mentor.get_by_label("Your comment"), ANSWER)
    person.click(mentor, mentor.get_by_role("button", name="Send comment"))
    mentor.get_by_text("Comment sent").wait_for()
    mentor.locator("h3:visible", has_text="Questions waiting for you (0)").wait_for()  # in the Feedback tab

    open_page(ana, server, LESSON_01, ANA)
    thread = ana.locator(".course-quiz").first.locator(".course-thread")
    person.reach(ana, thread)
    assert ANSWER in thread.inner_text() and "answered" in thread.inner_text()


def test_the_schedule_shows_on_the_home_page_and_overdue_on_the_dashboard(server, contexts):
    mentor = contexts()
    open_dashboard(mentor, server)
    behind = mentor.get_by_text("behind the cohort's schedule", exact=False)
    behind.wait_for()
    assert ANA in behind.inner_text() and BEN in behind.inner_text()
    open_tab(mentor, "Schedule")
    table = mentor.locator(".course-overdue-table")
    table.wait_for()
    assert "Lesson 1, 1 day overdue" in table.inner_text()
    field = mentor.get_by_label("Lesson 2: The education path")
    person.type_into(mentor, field, "12/31/20277")
    person.click(mentor, mentor.get_by_role("button", name="Save schedule"))
    mentor.get_by_text("Not saved: fix the dates below").wait_for()
    assert field.input_value() == "12/31/20277"  # kept as typed
    person.type_into(mentor, field, "12/31/2027")
    person.click(mentor, mentor.get_by_role("button", name="Save schedule"))
    mentor.get_by_text("Schedule saved: 3 lessons with a due date.").wait_for()

    ben = contexts()
    open_page(ben, server, HOME, BEN)
    due = ben.locator(".course-due")
    due.wait_for()
    assert "Lesson 1: The role of a clinical operations manager" in due.inner_text()
    assert "by Friday, December 31, 2027" in due.inner_text() and "1 day overdue" in due.inner_text()


def test_a_message_to_a_group_reaches_a_phone(server, contexts, browser):
    mentor = contexts()
    open_dashboard(mentor, server)
    open_tab(mentor, "Feedback")
    choose(mentor, "Send to", "Everyone who has not saved the lesson 1 reflection")
    person.type_into(mentor, mentor.get_by_label("Message", exact=True), "Lesson 01's reflection: a few lines is plenty.")
    person.click(mentor, mentor.get_by_role("button", name="Send message"))
    mentor.get_by_text("Sent to 2 learners").wait_for()
    mentor.screenshot(path=str(server.home / "dashboard-feedback.png"))

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        ben = phone.new_page()
        ben.set_default_timeout(PATIENCE_MS)
        open_page(ben, server, HOME, BEN)
        messages = ben.locator(".course-work-feedback .course-thread")
        person.reach(ben, messages)
        assert "Lesson 01's reflection: a few lines is plenty." in messages.inner_text() and MENTOR in messages.inner_text()
        assert ben.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways
        ben.screenshot(path=str(server.home / "phone-home.png"))
        person.type_into(ben, ben.get_by_label("Your message to your mentor"), "Will do tonight 👍")
        person.click(ben, ben.get_by_role("button", name="Send reply"))
        ben.get_by_text("Reply sent to your mentor").wait_for()
    finally:
        phone.close()
