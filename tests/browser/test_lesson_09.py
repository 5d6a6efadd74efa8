"""Lesson 09 in Voila and Chromium, as a learner meets it: wheel down to the staffing grid, type the
unit's figures as people type them ("27,5" refused with the box named and the draft kept, then
"27.5", "1:4", "160"), read staff per shift and FTEs, reload (a new kernel) and find the grid
restored; the grid on a phone; no axe violations."""
import sqlite3

import pytest

from ..conftest import ROOT
from .conftest import assert_no_axe_violations, open_as, person_page, wait_rendered
from .person import click, reach, type_into

LESSON = "/voila/render/09-people-staffing.ipynb"
SHOTS = ROOT / "screenshots"
pytestmark = pytest.mark.browser

TYPED = {"Unit (optional)": "5 East, medical-surgical <b>nights</b>", "Beds on the unit": "32",
         "Patients per nurse (for a ratio)": "1:4", "Staff on every shift who take no patients (optional)": "1",
         "Paid time off per FTE a year, in hours (optional)": "160"}


def no_sideways_scroll(page) -> bool:
    """The page itself does not scroll sideways (wide tables scroll inside their own region)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def fill_grid(page, census: str):
    grid = page.locator(".course-staffing-grid")
    for label, text in TYPED.items():
        type_into(page, grid.get_by_label(label, exact=True), text)
    type_into(page, grid.get_by_label("Average census", exact=True), census)
    # select_option reaches the drop-down by wheel first (person.guard_locators), as a person would
    grid.get_by_label("How does your unit set staffing?").select_option(label="A ratio (patients per nurse)")
    grid.locator(".course-staffing-hppd").wait_for(state="hidden")  # the HPPD box goes: the form moves up
    grid.get_by_label("Shift length").select_option(label="12 hours")
    click(page, grid.get_by_role("button", name="Work out my staffing"))
    return grid


def test_staffing_grid_typed_refused_saved_and_restored(voila, page):
    open_as(page, voila, LESSON, "Gus Grid")
    wait_rendered(page)
    assert page.locator("h1").first.inner_text() == "People, staffing and the workplace"

    grid = fill_grid(page, "27,5")
    status = grid.locator(".course-staffing-status")
    status.get_by_text("Not worked out yet: 1 box needs attention").wait_for()
    assert "Average census: Could not read “27,5”: use a point for decimals (27.5)" in status.inner_text()
    assert grid.get_by_label("Average census", exact=True).input_value() == "27,5"  # the draft is kept
    assert grid.get_by_label("Beds on the unit").input_value() == "32"

    type_into(page, grid.get_by_label("Average census", exact=True), "27.5")
    click(page, grid.get_by_role("button", name="Work out my staffing"))
    status.get_by_text("Staffing worked out").wait_for()
    output = grid.locator(".course-staffing-output")
    text = output.inner_text()
    assert "8 staff on every shift and 36.4 FTEs at your average census." in text
    assert "27.5 ÷ 4 = 6.88, so 7 nurses" in text and "16 × 2.1 = 33.6 FTEs" in text
    assert "5 East, medical-surgical <b>nights</b>" in text and output.locator("b").count() == 0
    assert "not legal advice" in text and "1 licensed nurse to 5 patients" in text
    reach(page, output.locator(".course-staffing-table caption"))
    shot(page, "lesson09-staffing-grid-1280.png")
    with sqlite3.connect(voila.db_path) as db:
        items = [i for (i,) in db.execute("SELECT item FROM events WHERE learner_id = 'gus grid'")]
    assert "people-staffing/staffing-grid" in items

    page.reload()
    wait_rendered(page)
    grid = page.locator(".course-staffing-grid")
    grid.get_by_text("Your saved grid is shown below").wait_for()
    assert grid.get_by_label("Average census", exact=True).input_value() == "27.5"
    assert grid.get_by_label("Patients per nurse (for a ratio)").input_value() == "4"
    assert "36.4 FTEs" in grid.locator(".course-staffing-output").inner_text()
    assert_no_axe_violations(page)


def test_the_grid_on_a_phone(voila, browser):
    with person_page(browser, phone=True) as page:
        open_as(page, voila, LESSON, "Pia Phone")
        wait_rendered(page)
        grid = fill_grid(page, "27.5")
        grid.get_by_text("Staffing worked out").wait_for()
        reach(page, grid.locator(".course-staffing-steps li").first)
        shot(page, "lesson09-staffing-steps-390x844.png")
        caption = grid.locator(".course-staffing-table caption")
        reach(page, caption)  # reached without scrolling sideways: the table fits the phone
        assert no_sideways_scroll(page)
        assert caption.evaluate("c => c.closest('table').scrollWidth <= c.closest('.course-table-scroll').clientWidth")
        shot(page, "lesson09-staffing-grid-390x844.png")
