"""Lesson 01 in Voila and Chromium, as a learner meets it: sign in, answer wrong, read why,
answer right, come back in a new kernel (and after a server restart) to find it all restored."""
import re
import sqlite3

import pytest
from axe_playwright_python.sync_playwright import Axe

from course import catalog

from .conftest import PATIENCE_MS, VoilaServer, open_as, sign_in, wait_rendered

LESSON = "/voila/render/01-the-role.ipynb"
pytestmark = pytest.mark.browser


def first_single_choice():
    cat = catalog.load()
    item = next(cat.items[i] for i in cat.lesson_items("the-role") if cat.items[i].kind == "single")
    right = next(o for o in item.options if o.correct)
    wrong = next(o for o in item.options if not o.correct)
    return item, right, wrong


def card(page, item_id):
    return page.locator(f".course-item-{item_id}")


def events(server, learner):
    with sqlite3.connect(server.db_path) as db:
        return db.execute("SELECT item, correct FROM events WHERE learner_id = ? ORDER BY id", (learner,)).fetchall()


def test_home_lists_lessons_and_links_to_lesson_01(voila, page):
    sign_in(page, voila, "Hal Home")
    page.goto(voila.url + "/")  # the front door redirects to the course home
    wait_rendered(page)
    assert "Becoming a Clinical Operations Manager" in page.title()
    link = page.get_by_role("link", name=re.compile("Lesson 1: The role of a clinical operations manager"))
    # every lesson is published now (the capstone, lesson 10, is the last): each is a link on the map
    page.get_by_role("link", name=re.compile("Lesson 10: Capstone: my development plan")).wait_for()
    assert page.get_by_role("link", name=re.compile("Lesson 8: Quality, safety and regulation")).is_visible()
    link.click()
    wait_rendered(page)
    assert page.locator("h1").first.inner_text() == "The role of a clinical operations manager"


def test_answer_wrong_then_right_and_find_it_restored(voila, page):
    item, right, wrong = first_single_choice()
    open_as(page, voila, LESSON, "Dana Okafor", "spring-2027")
    wait_rendered(page)
    header = page.locator(".course-header")
    page.wait_for_selector("text=Signed in as")
    assert "Dana Okafor" in header.inner_text() and "spring-2027" in header.inner_text()

    quiz = card(page, item.id)
    quiz.get_by_role("radio", name=wrong.text).check()
    quiz.get_by_role("button", name="Check answer").click()
    feedback = quiz.locator(".course-feedback")
    feedback.get_by_text("Not quite").wait_for()
    assert wrong.feedback in feedback.inner_text()  # why the chosen option is wrong
    assert right.feedback not in feedback.inner_text()  # the answer is not given away yet

    quiz.get_by_role("radio", name=right.text).check()
    quiz.get_by_role("button", name="Check again").click()
    feedback.get_by_text("Correct").wait_for()
    text = feedback.inner_text()
    assert all(o.feedback in text for o in item.options)  # every option explained
    assert "Saved to your progress" in text
    page.wait_for_function("() => document.querySelector('.course-header').innerText.includes('1 of 12')")
    assert events(voila, "dana okafor") == [(item.id, 0), (item.id, 1)]

    # Close the page and come back later (still signed in by the session cookie): a new kernel.
    page.goto(voila.url + LESSON)
    wait_rendered(page)
    quiz = card(page, item.id)
    quiz.locator(".course-feedback").get_by_text("Correct").wait_for()
    assert quiz.get_by_role("radio", name=right.text).is_checked()
    assert quiz.get_by_role("radio", name=right.text).is_disabled()
    assert "1 of 12 self-checks done (1 right)" in page.locator(".course-header").inner_text()


def test_keyboard_only_answering(voila, page):
    cat = catalog.load()
    item = next(cat.items[i] for i in cat.lesson_items("the-role") if cat.items[i].kind == "multiple")
    open_as(page, voila, LESSON, "Kim Keyboard")
    wait_rendered(page)
    quiz = card(page, item.id)
    first = quiz.get_by_role("checkbox").first
    first.focus()
    page.keyboard.press("Space")  # tick the first option
    assert first.is_checked()
    for _ in range(len(item.options)):  # Tab past the other options to the button
        page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.innerText")
    assert focused == "Check answer"
    page.keyboard.press("Enter")
    quiz.locator(".course-feedback .course-status").wait_for()
    assert "Your choice" in quiz.locator(".course-feedback").inner_text() or "Correct" in quiz.inner_text()


def test_hostile_name_shows_as_text(voila, page):
    name = '<img src=x onerror="window.__pwned=1">'
    open_as(page, voila, LESSON, name)
    wait_rendered(page)
    page.wait_for_selector("text=Signed in as")
    assert name in page.locator(".course-header").inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".course-header img").count() == 0


def test_a_link_naming_someone_else_still_shows_your_own_page(voila, page):
    voila.account("Dana Okafor", "spring-2027")
    open_as(page, voila, LESSON + "?learner=Dana%20Okafor&cohort=attacker", "Ola Other")
    wait_rendered(page)
    header = page.locator(".course-header").inner_text()
    assert "Signed in as Ola Other" in header and "Dana" not in header and "attacker" not in header


@pytest.mark.parametrize("path", ["/voila/render/index.ipynb", LESSON])
def test_no_accessibility_violations(voila, page, path):
    open_as(page, voila, path, "Axe Tester")
    wait_rendered(page)
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def test_answers_survive_a_server_restart(tmp_path, browser):
    item, right, _ = first_single_choice()
    server = VoilaServer(tmp_path / "restart").start()
    try:
        page = browser.new_page()
        page.set_default_timeout(PATIENCE_MS)
        page.set_default_navigation_timeout(PATIENCE_MS)
        open_as(page, server, LESSON, "Rae Restart")
        wait_rendered(page)
        quiz = card(page, item.id)
        quiz.get_by_role("radio", name=right.text).check()
        quiz.get_by_role("button", name="Check answer").click()
        quiz.get_by_text("Saved to your progress").wait_for()
        server.stop(kill=True)  # SIGKILL: no chance to tidy up
        server.port = server.port  # same address as before
        server.start()
        open_as(page, server, LESSON, "Rae Restart")
        wait_rendered(page)
        card(page, item.id).locator(".course-feedback").get_by_text("Correct").wait_for()
        page.close()
    finally:
        server.stop()
