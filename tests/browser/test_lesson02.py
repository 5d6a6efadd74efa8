"""Lesson 02 in Voila and Chromium: the pathway planner, built from the profile the same learner
saved in lesson 00; changing a choice redraws the plan and its chart; the plan is saved and found
again after a reload; a learner without a profile is sent to lesson 00; no axe violations."""
import re

import pytest

from .conftest import assert_no_axe_violations, open_as, saved_responses, wait_rendered
from .test_lesson00 import SELECTED, fill_profile, open_lesson

LESSON = "/voila/render/02-education.ipynb"
pytestmark = pytest.mark.browser


def open_planner(page, voila, learner):
    open_as(page, voila, LESSON, learner)
    wait_rendered(page)
    page.wait_for_selector(".course-planner")
    return page.locator(".course-planner")


def chart_alt(planner):
    return planner.locator(".course-planner-chart img.course-chart-wide").get_attribute("alt")


def steps_text(planner):
    return planner.locator(".course-planner-steps").inner_text()


def test_plan_from_the_profile_changes_and_is_saved(voila, page):
    fill_profile(open_lesson(page, voila, "Robin Planner"))
    planner = open_planner(page, voila, "Robin Planner")
    planner.locator(".course-planner-chart img.course-chart-wide").wait_for()
    assert "Practicing clinician with 6 years of practice; field: Nursing" in planner.inner_text()
    steps = steps_text(planner)
    assert "Already behind you" in steps and "✓ Bachelor of Science in Nursing (BSN)" in steps
    assert "6 years so far" in steps
    assert "Master of Science in Nursing (MSN)" in chart_alt(planner)  # the nursing route's own degree
    assert planner.get_by_role("radio", name="Part-time, while working").is_checked()  # a working clinician

    # Change the graduate degree: the list and the chart follow.
    before = chart_alt(planner)
    planner.get_by_label("Graduate degree").select_option(label="MBA (Master of Business Administration)")
    page.wait_for_function("() => document.querySelector('.course-planner-steps').innerText"
                           ".includes('Master of Business Administration (MBA), part-time')")
    assert chart_alt(planner) != before and "Master of Business Administration" in chart_alt(planner)
    assert "Master of Science in Nursing" not in steps_text(planner)
    table = planner.locator(".course-options-table")
    assert "✓ Your choice" in table.locator("tr.course-row-chosen").inner_text()
    assert "MBA" in table.locator("tr.course-row-chosen").inner_text()

    # Full-time study moves the degree after the practice years.
    planner.get_by_role("radio", name="Full-time").check()
    page.wait_for_function("() => !document.querySelector('.course-planner-steps').innerText"
                           ".includes('(MBA), part-time')")
    assert "Full-time study is drawn after your practice years" in steps_text(planner)

    planner.get_by_role("button", name="Save this plan").click()
    planner.get_by_text("Saved to your progress").wait_for()
    saved = saved_responses(voila, "robin planner", "education/pathway")[-1]
    assert saved["choices"]["graduate"] == "mba" and saved["choices"]["pace"] == "full-time"

    # Come back later: the saved choices are restored in a new kernel.
    planner = open_planner(page, voila, "Robin Planner")
    planner.get_by_text("Your saved plan is shown").wait_for()
    assert planner.get_by_role("radio", name="Full-time").is_checked()
    assert planner.get_by_label("Graduate degree").evaluate(SELECTED) == \
        "MBA (Master of Business Administration)"
    assert "Master of Business Administration" in chart_alt(planner)


def test_without_a_profile_the_planner_sends_you_to_lesson_00(voila, page):
    planner = open_planner(page, voila, "Nova Newcomer")
    text = planner.inner_text()
    assert "there is none saved for you yet" in text
    link = planner.get_by_role("link", name="lesson 00, Start here")
    assert link.get_attribute("href") == "00-start-here.ipynb"
    assert not planner.get_by_label("Graduate degree").is_visible()
    link.click()  # fill it in there, come back, and the plan is there
    wait_rendered(page)
    fill_profile(page.locator(".course-profile"))
    page.locator(".course-profile").get_by_role("link", name="open the pathway planner").click()
    wait_rendered(page)
    page.locator(".course-planner-chart img.course-chart-wide").wait_for()
    assert re.search(r"about [\d.–]+ years from now", steps_text(page.locator(".course-planner")))


def test_no_accessibility_violations(voila, page):
    fill_profile(open_lesson(page, voila, "Axe Planner"))
    planner = open_planner(page, voila, "Axe Planner")
    planner.locator(".course-planner-chart img.course-chart-wide").wait_for()
    assert_no_axe_violations(page)
