"""Lesson 07 in Voila and Chromium, as a learner meets it: answer a budget-lab step wrong and then
right (the answer never on the page before), read the chart and its table, fill in and save the
change plan, play a step of the budget scenario, then reload (a new kernel) and find it all
restored; and no axe violations."""
import sqlite3

import pytest
from playwright.sync_api import expect

from .answers import CHANGE_PLAN, expect_change_plan, fill_change_plan
from .conftest import assert_no_axe_violations, open_as, wait_rendered

LESSON = "/voila/render/07-operations-toolkit.ipynb"
pytestmark = pytest.mark.browser

SETTING = "Where would you put this policy into practice?"
PLAN = {**CHANGE_PLAN, SETTING: "My unit: 5 East <b>cardiac</b>, nights"}  # typed markup must show as text


def events(server, learner):
    with sqlite3.connect(server.db_path) as db:
        return db.execute("SELECT item, kind, correct FROM events WHERE learner_id = ? ORDER BY id",
                          (learner,)).fetchall()


def test_budget_step_chart_plan_and_scenario_restored(voila, page):
    name = "Bea Budget"
    open_as(page, voila, LESSON, name)
    wait_rendered(page)
    assert page.locator("h1").first.inner_text() == "The operations toolkit"

    # The sample data is there, labelled as fictional; the answers are not.
    data = page.locator(".course-budget-data")
    assert "Fictional teaching data" in data.inner_text()
    assert "32-bed adult medical-surgical unit" in data.inner_text()
    body = page.locator("#rendered_cells").inner_text()
    for answer in ("51.1", "305,312", "13,316.80", "11,449.20", "32,638.80"):
        assert answer not in body

    # Step 1, wrong: the formula appears, not the answer.
    fte = page.locator(".course-budget-step-fte")
    assert "9,050" in fte.inner_text()
    box = fte.get_by_label("Paid FTEs in the month")
    box.fill("44.0")  # worked hours instead of paid hours
    box.press("Tab")
    fte.get_by_role("button", name="Check").click()
    feedback = fte.locator(".course-feedback")
    feedback.get_by_text("Not quite").wait_for()
    assert "The formula:" in feedback.inner_text() and "51.1" not in feedback.inner_text()
    assert "31 days ÷ 7" in feedback.inner_text()  # FTEs count the month's own days

    # Then right.
    box.fill("51.1")
    box.press("Tab")
    fte.get_by_role("button", name="Check again").click()
    feedback.get_by_text("Correct").wait_for()
    assert "9,050 ÷ 177.1 = 51.1 FTEs" in feedback.inner_text()
    expect(box).to_be_disabled()

    # The chart: a real image with alt text, and its table.
    chart = page.locator(".course-budget-chart")
    img = chart.locator("img.course-figure")
    assert img.get_attribute("alt").startswith("Bar chart of 4 West")
    assert img.evaluate("i => i.complete && i.naturalWidth > 400")
    assert "The chart as a table" in chart.inner_text() and "January 2026" in chart.inner_text()

    # The change plan: an incomplete save is refused, then a full plan is saved and shown back.
    plan = page.locator(".course-change-plan")
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("parts need attention").wait_for()
    fill_change_plan(page, plan, PLAN, key_by_key=False)  # the journey types it key by key
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("Plan saved").wait_for()
    page_view = plan.locator(".course-plan-page")
    assert PLAN[SETTING] in page_view.inner_text()  # typed markup shows as text
    assert page_view.locator("b").count() == 0
    assert "30 days after go-live" in page_view.inner_text()

    # One step of the embedded budget scenario.
    scenario = page.locator(".course-scenario-budget-overrun")
    scenario.get_by_text("Decision 1").wait_for()
    scenario.locator("button.course-choice").first.click()
    scenario.get_by_text("You chose:").wait_for()

    kinds = [(item, kind) for item, kind, _ in events(voila, "bea budget")]
    assert ("operations-toolkit/budget-lab/fte", "answer") in kinds
    assert ("operations-toolkit/change-plan", "exercise") in kinds
    assert ("scenario:budget-overrun", "scenario") in kinds

    # A new kernel: everything comes back.
    page.reload()
    wait_rendered(page)
    fte = page.locator(".course-budget-step-fte")
    fte.locator(".course-feedback").get_by_text("Correct").wait_for()
    expect(fte.get_by_label("Paid FTEs in the month")).to_be_disabled()
    assert fte.get_by_label("Paid FTEs in the month").is_disabled()
    plan = page.locator(".course-change-plan")
    plan.get_by_text("Your saved plan is shown below").wait_for()
    expect_change_plan(plan, PLAN)
    assert PLAN["Training and support"] in plan.locator(".course-plan-page").inner_text()
    page.locator(".course-scenario-budget-overrun").get_by_text("Decision 2").wait_for()
    # The next step is still unanswered, and its answer is still not on the page.
    hppd = page.locator(".course-budget-step-hppd")
    assert hppd.locator(".course-feedback").inner_text() == ""
    assert "8.30 worked hours" not in page.locator("#rendered_cells").inner_text()


def test_variance_step_explains_each_part(voila, page):
    open_as(page, voila, LESSON, "Vic Variance")
    wait_rendered(page)
    step = page.locator(".course-budget-step-variance")
    assert "+$57,404.80" in step.inner_text()  # the total to split is given
    for label, value in (("Volume variance", "13316.80"), ("Efficiency variance", "-11449.20"),
                         ("Rate variance", "$32,638.80")):
        field = step.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Tab")
    step.get_by_role("button", name="Check").click()
    text = step.locator(".course-feedback")
    text.get_by_text("Not quite").wait_for()
    assert "Efficiency variance: the size is right but the sign is not" in text.inner_text()
    assert "Volume variance: right" in text.inner_text()


def test_no_accessibility_violations(voila, page):
    open_as(page, voila, LESSON, "Axe Operations")
    wait_rendered(page)
    fte = page.locator(".course-budget-step-fte")
    box = fte.get_by_label("Paid FTEs in the month")
    box.fill("40")
    box.press("Tab")
    fte.get_by_role("button", name="Check").click()
    fte.locator(".course-feedback").get_by_text("Not quite").wait_for()
    plan = page.locator(".course-change-plan")
    fill_change_plan(page, plan, PLAN, key_by_key=False)  # the journey types it key by key
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("Plan saved").wait_for()
    assert_no_axe_violations(page)
