"""Lesson 08 in Voila and Chromium, as a learner meets it: wheel down to the run chart, type a
year of their own values (one with a decimal comma first, refused with the line named and the
draft kept), read the chart and the rules in words, plan a PDSA cycle (an aim without a number is
refused), reload (a new kernel) and find both restored; the page on a phone; no axe violations."""
import sqlite3

import pytest

from ..conftest import ROOT
from .answers import type_answers
from .conftest import assert_no_axe_violations, open_as, person_page, wait_rendered
from .person import click, reach, type_into

LESSON = "/voila/render/08-quality-safety.ipynb"
SHOTS = ROOT / "screenshots"
pytestmark = pytest.mark.browser

# 14 months from January 2024; the last six below the median (2.85): a shift from Sep 2024
VALUES = ["3.1", "2.9", "3.4", "3.0", "3.3", "2.8", "3.6", "3.2", "1.9", "2.0", "1.8", "2.1", "1.7", "2.0"]
PLAN = {
    "The change you will test": "Purposeful hourly rounding for patients at high fall risk, nights only",
    "What you predict will happen": "Fewer falls on the test nights; each round takes about two minutes",
    "How you will know (the measures)": "Falls per 1,000 patient days; rounds done; call-light waits",
    "Who will run the test, and where": "Two night nurses on the east hallway",
    "When it starts and how long it runs": "Three nights from Monday",
}


def events(server, learner):
    with sqlite3.connect(server.db_path) as db:
        return [item for (item,) in db.execute("SELECT item FROM events WHERE learner_id = ? ORDER BY id", (learner,))]


def no_sideways_scroll(page) -> bool:
    """The page itself does not scroll sideways (wide tables scroll inside their own region)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))  # the viewport, as the person sees it


def draw_own_chart(page):
    tool = page.locator(".course-run-chart")
    type_into(page, tool.get_by_label("Indicator", exact=True), "Falls per 1,000 patient days, 5 East")
    # select_option reaches the drop-down by wheel first (person.guard_locators), as a person would
    tool.get_by_label("Which way is better for this indicator?").select_option(
        label="Lower is better (e.g. falls or infections)")
    tool.get_by_label("First month: month").select_option(label="January")
    tool.get_by_label("First month: year").select_option(label="2024")
    values = tool.get_by_label("Monthly values, oldest first")
    typed = VALUES[:2] + ["2,4"] + VALUES[3:]
    type_into(page, values, "\n".join(typed))
    click(page, tool.get_by_role("button", name="Draw my run chart"))
    status = tool.locator(".course-run-status")
    status.get_by_text("Not drawn yet").wait_for()
    assert "line 3 (“2,4”): Could not read “2,4”: use a point for decimals (2.4)" in status.inner_text()
    assert values.input_value() == "\n".join(typed)  # the draft is kept as typed
    type_into(page, values, "\n".join(VALUES))
    click(page, tool.get_by_role("button", name="Draw my run chart"))
    status.get_by_text("Run chart drawn").wait_for()
    return tool


def test_run_chart_and_pdsa_plan_typed_saved_and_restored(voila, page):
    learner = "Rita Run"
    open_as(page, voila, LESSON, learner)
    wait_rendered(page)
    assert page.locator("h1").first.inner_text() == "Quality, safety and regulation"
    assert "LESSON 8 OF 10" in page.locator(".course-header").inner_text().upper()

    tool = draw_own_chart(page)
    output = tool.locator(".course-run-output")
    findings = output.locator(".course-run-findings").inner_text()
    assert "A shift: 6 points below the median, from Sep 2024 to Feb 2025." in findings
    assert "No trend" in findings and "a judgment, not a formula" in findings
    img = output.locator("img.course-figure")
    reach(page, img)
    assert img.get_attribute("alt").startswith("Run chart of Falls per 1,000 patient days, 5 East, Jan 2024 to "
                                               "Feb 2025: 14 monthly values")
    assert img.evaluate("i => i.complete && i.naturalWidth > 400")
    shot(page, "lesson08-run-chart-1280.png")
    assert "The chart as a table (median 2.85)" in output.inner_text()

    plan = page.locator(".course-pdsa-plan")
    reach(page, plan.locator(".course-pdsa-indicator"))
    assert "Your run chart's indicator: Falls per 1,000 patient days, 5 East." in plan.inner_text()
    type_into(page, plan.get_by_label("Aim: what will improve, by how much, by when"),
              "Make falls on our unit much less common")
    type_answers(page, plan, PLAN)
    click(page, plan.get_by_role("button", name="Save my PDSA plan"))
    plan.get_by_text("Not saved yet: 1 part needs attention").wait_for()
    assert "An aim says how much and by when" in plan.inner_text()
    type_into(page, plan.get_by_label("Aim: what will improve, by how much, by when"),
              "Reduce falls on 5 East from 2.9 to 2.0 per 1,000 patient days by June 30")
    click(page, plan.get_by_role("button", name="Save my PDSA plan"))
    plan.get_by_text("PDSA plan saved").wait_for()
    assert "Purposeful hourly rounding" in plan.locator(".course-pdsa-page").inner_text()
    assert {"quality-safety/run-chart", "quality-safety/pdsa-plan"} <= set(events(voila, "rita run"))

    page.reload()  # a new kernel
    wait_rendered(page)
    tool = page.locator(".course-run-chart")
    tool.get_by_text("Your saved run chart is shown below").wait_for()
    assert tool.get_by_label("Indicator", exact=True).input_value() == "Falls per 1,000 patient days, 5 East"
    assert tool.get_by_label("Monthly values, oldest first").input_value().split("\n") == VALUES
    assert "A shift: 6 points below the median" in tool.locator(".course-run-findings").inner_text()
    plan = page.locator(".course-pdsa-plan")
    plan.get_by_text("Your saved plan is shown below").wait_for()
    assert plan.get_by_label("Aim: what will improve, by how much, by when").input_value().startswith("Reduce falls")
    assert_no_axe_violations(page)


def test_the_sample_unit_on_a_phone(voila, browser):
    with person_page(browser, phone=True) as page:
        open_as(page, voila, LESSON, "Sam Sample")
        wait_rendered(page)
        tool = page.locator(".course-run-chart")
        sample = tool.get_by_role("button", name="Use the sample unit's falls (fictional)")
        click(page, sample)  # reached by swiping, then tapped
        tool.get_by_text("Sample data: 4 West's falls").wait_for()
        click(page, tool.get_by_role("button", name="Draw my run chart"))
        tool.get_by_text("Run chart drawn").wait_for()
        findings = tool.locator(".course-run-findings")
        reach(page, findings)
        assert "from Jan 2025 to Jun 2025" in findings.inner_text()
        assert no_sideways_scroll(page)
        shot(page, "lesson08-run-chart-390x844.png")
        reach(page, tool.locator(".course-run-table caption"))  # taller than a phone: reach its start
        shot(page, "lesson08-run-table-390x844.png")
