"""A scenario played in Voila by keyboard alone, reloaded mid-way and resumed, then debriefed."""
import sqlite3

import pytest

from course import catalog

from .conftest import assert_no_axe_violations, open_as, wait_rendered

pytestmark = pytest.mark.browser
SCENARIO = "staffing-shortage"


def open_scenario(page, voila, learner):
    open_as(page, voila, f"/voila/render/scenarios.ipynb?scenario={SCENARIO}", learner)


def tab_until(page, predicate_js, limit=60):
    """Press Tab until the focused element matches: what a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError("focus never reached the expected control by Tab")


FOCUS_ON_CHOICE = "() => document.activeElement.classList.contains('course-choice')"
FOCUS_ON_CONTINUE = ("() => ['Continue', 'See how it ends'].includes(document.activeElement.innerText)"
                     " && document.activeElement.tagName === 'BUTTON'")


def decide_by_keyboard(page):
    page.locator(".course-choice").first.wait_for()  # the kernel has drawn this decision
    page.locator(".widget-dropdown select").first.focus()  # the top of the scenario
    tab_until(page, FOCUS_ON_CHOICE)
    page.keyboard.press("Enter")
    page.locator(".course-scenario .course-feedback").get_by_text("You chose:").wait_for()
    page.locator(".course-scenario button", has_text="Continue").or_(
        page.locator(".course-scenario button", has_text="See how it ends")).first.wait_for()
    tab_until(page, FOCUS_ON_CONTINUE)
    page.keyboard.press("Enter")


def test_play_by_keyboard_resume_after_reload_and_debrief(voila, page):
    sc = catalog.load().scenarios[SCENARIO]
    open_scenario(page, voila, "Kai Keyboard")
    wait_rendered(page)
    player = page.locator(f".course-scenario-{SCENARIO}")
    player.get_by_text("Decision 1").wait_for()
    assert sc.title in player.inner_text()
    decide_by_keyboard(page)
    player.get_by_text("Decision 2").wait_for()

    page.reload()  # a new kernel: the learner continues at decision 2
    wait_rendered(page)
    player = page.locator(f".course-scenario-{SCENARIO}")
    player.get_by_text("Decision 2").wait_for()

    for _ in range(10):
        player.locator(".course-choice, .course-debrief").first.wait_for()  # next decision, or the end
        if player.locator(".course-debrief").count():
            break
        decide_by_keyboard(page)
    debrief = player.locator(".course-debrief").inner_text()
    assert "What an experienced manager would do" in debrief
    assert "Competency changes in this run" in debrief
    assert "An experienced manager's choice" in debrief

    with sqlite3.connect(voila.db_path) as db:
        rows = db.execute("SELECT item, response FROM events WHERE learner_id = 'kai keyboard' ORDER BY id").fetchall()
    assert rows[0][1].count('"start"') == 1
    assert rows[-1][0] == f"scenario:{SCENARIO}/ending"

    assert_no_axe_violations(page)


def test_scenario_page_has_no_accessibility_violations_mid_run(voila, page):
    open_scenario(page, voila, "Axe Scenario")
    wait_rendered(page)
    page.locator(".course-choice").first.click()
    page.get_by_text("You chose:").wait_for()
    assert_no_axe_violations(page)
