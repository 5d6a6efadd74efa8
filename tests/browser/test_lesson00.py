"""Lesson 00 in Voila and Chromium: the course map is a described picture; the starting profile is
filled in as a learner would, refused when incomplete, saved, and found again after a reload (a new
kernel); no axe violations."""
import re

import pytest

from . import person
from .conftest import assert_no_axe_violations, open_as, saved_responses, wait_rendered

LESSON = "/voila/render/00-start-here.ipynb"
pytestmark = pytest.mark.browser
SELECTED = r"s => s.selectedOptions[0].textContent.replace(/\u00a0/g, ' ')"  # ipywidgets uses no-break spaces


def open_lesson(page, voila, learner):
    open_as(page, voila, LESSON, learner)
    wait_rendered(page)
    page.wait_for_selector(".course-profile")
    return page.locator(".course-profile")


def fill_profile(form, goals="Lead a medical-surgical unit within a few years."):
    """A practising nurse with six years, a BSN and a license, no leadership role yet."""
    form.get_by_label("Where you are now").select_option(label="Practicing clinician")
    years = form.get_by_label("Years of clinical practice so far")
    years.fill("6")
    years.press("Tab")  # a number box sends its value when it loses focus
    form.get_by_label("Clinical field you work in or are drawn to").select_option(label="Nursing")
    form.get_by_label("Bachelor of Science in Nursing (BSN)").check()
    form.get_by_label(re.compile("I hold a clinical license now")).check()
    hours = form.get_by_label("Hours a week you can give to this course and your development")
    hours.fill("4")
    hours.press("Tab")
    form.get_by_label("Your goals").fill(goals)
    form.get_by_role("button", name="Save my profile").click()
    form.locator(".course-profile-table").wait_for()


def test_course_map_is_a_picture_with_words(voila, page):
    open_as(page, voila, LESSON, "Mae Map")
    wait_rendered(page)
    picture = page.get_by_role("img", name=re.compile("The course map"))
    picture.wait_for()
    name = picture.evaluate("el => el.querySelector('desc').textContent")
    assert name.startswith("Course map: ")
    for label in ("Start here (you are here)", "Education", "Clinical experience", "Capstone"):
        assert label in name
    caption = page.locator(".course-map-picture figcaption").inner_text()
    assert "Read the map from stop 0" in caption


def test_profile_is_checked_saved_and_restored(voila, page):
    form = open_lesson(page, voila, "Pat Profile")
    form.get_by_role("button", name="Save my profile").click()
    form.get_by_text("Choose where you are now.").wait_for()
    assert "Choose a clinical field" in form.inner_text()
    assert saved_responses(voila, "pat profile", "start-here/profile") == []

    # The years question appears only for stages it applies to.
    assert not form.get_by_label("Years of clinical practice so far").is_visible()
    hostile = '<img src=x onerror="window.__pwned=1"> lead a unit'
    fill_profile(form, goals=hostile)
    summary = form.locator(".course-profile-table").inner_text()
    assert "Practicing clinician with 6 years of practice; field: Nursing" in summary
    assert "Bachelor of Science in Nursing (BSN)" in summary and "4 hours a week" in summary
    assert hostile in summary and page.evaluate("() => window.__pwned") is None
    assert form.get_by_role("link", name="open the pathway planner").get_attribute("href") == \
        "02-education.ipynb"
    saved = saved_responses(voila, "pat profile", "start-here/profile")
    assert saved[-1]["stage"] == "clinician" and saved[-1]["clinical_years"] == 6 and saved[-1]["degrees"] == ["bsn"]

    # Come back later: a new page, a new kernel.
    form = open_lesson(page, voila, "Pat Profile")
    form.get_by_text("Your saved profile is shown").wait_for()
    assert form.get_by_label("Where you are now").evaluate(SELECTED) == \
        "Practicing clinician"
    assert form.get_by_label("Years of clinical practice so far").input_value() == "6"
    assert form.get_by_label("Bachelor of Science in Nursing (BSN)").is_checked()
    assert not form.get_by_label("Master of Science in Nursing (MSN)").is_checked()
    assert form.get_by_label("Your goals").input_value() == hostile
    assert "6 years of practice" in form.locator(".course-profile-table").inner_text()

    # Edit it later: the latest profile wins.
    form.get_by_label(re.compile("I have held a leadership role")).check()
    form.get_by_role("button", name="Save changes").click()
    page.wait_for_function("() => document.querySelector('.course-profile-table').innerText"
                           ".includes('Leadership roles so far\\tyes')")
    assert saved_responses(voila, "pat profile", "start-here/profile")[-1]["leadership_roles"] is True


def test_no_accessibility_violations(voila, page):
    form = open_lesson(page, voila, "Axe Zero")
    fill_profile(form)  # the summary table and the saved state are scanned too
    assert_no_axe_violations(page)


def test_on_a_phone_the_map_runs_down_the_page(voila, page):
    page.set_viewport_size({"width": 375, "height": 667})
    open_as(page, voila, LESSON, "Phoebe Phone")
    wait_rendered(page)
    page.locator(".course-map-tall svg").wait_for()
    assert not page.locator(".course-map-wide svg").is_visible()
    assert page.get_by_role("img", name=re.compile("The course map")).count() == 1  # met once, not twice
    box = page.locator(".course-map-tall svg").bounding_box()
    assert box["width"] <= 375 and box["height"] > box["width"]
    assert_no_axe_violations(page)


def test_first_self_check_is_about_the_career_and_explains_every_option(voila, page):
    """Lesson 00's self-checks ask about the job, not the software: answer wrong, read why, answer right."""
    from course import catalog
    cat = catalog.load()
    ids = cat.lesson_items("start-here")
    assert not any(word in " ".join(cat.items[i].prompt for i in ids).lower()
                   for word in ("voila", "jupyterlab", "store", "cohort code"))
    item = cat.items["start-role-who"]
    right = next(o for o in item.options if o.correct)
    wrong = next(o for o in item.options if o.id == "charge-nurse")
    open_as(page, voila, LESSON, "Cara Career")
    wait_rendered(page)
    quiz = page.locator(".course-item-start-role-who")
    person.click(page, quiz.get_by_role("radio", name=wrong.text))  # reached by the wheel, as a person does
    person.click(page, quiz.get_by_role("button", name="Check answer"))
    feedback = quiz.locator(".course-feedback")
    feedback.get_by_text("Not quite").wait_for()
    assert "every shift" in feedback.inner_text()  # why a charge nurse is not yet the role
    person.click(page, quiz.get_by_role("radio", name=right.text))
    person.click(page, quiz.get_by_role("button", name="Check again"))
    feedback.get_by_text("Correct").wait_for()
    text = feedback.inner_text()
    assert all(o.feedback.split(".")[0] in text for o in item.options)  # every option explained
