"""Lesson 03 in Voila and Chromium: keep a leadership experience log as a learner would (add, edit,
delete), read the summary by domain, come back in a new kernel to find it all, and no axe violations."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, open_as, saved_responses, wait_rendered

LESSON = "/voila/render/03-clinical-experience.ipynb"
pytestmark = pytest.mark.browser


def add_entry(log, what, month, year, domain, note=""):
    log.get_by_label("What did you do?").fill(what)
    log.get_by_label("Month").select_option(month)
    log.get_by_label("Year").select_option(year)
    log.get_by_label("Competency domain it built most").select_option(domain)
    if note:
        log.get_by_label("Note (optional)").fill(note)
    log.get_by_role("button", name="Add to my log").click()
    log.locator(".course-status-ok").filter(has_text=f"Added “{what}”").wait_for()


def test_keep_a_log_and_find_it_again(voila, page):
    open_as(page, voila, LESSON, "Lou Logger")
    wait_rendered(page)
    log = page.locator(".course-log")
    assert "No starting profile is saved yet" in log.inner_text()
    assert log.get_by_role("link", name="Add your starting profile in lesson 00 (Start here)").count() == 1

    hostile = '<img src=x onerror="window.__pwned=1"> Charge nurse on nights'
    add_entry(log, hostile, "March", "2024", "Leadership", note="Rebalanced assignments after sick calls.")
    add_entry(log, "Joined the falls-prevention committee", "September", "2023",
              "Knowledge of the Healthcare Environment")
    log.get_by_text("Your log (2 entries, newest first)").wait_for()
    log.locator(".course-log-summary").get_by_text("Nothing logged yet in: Communication").wait_for()
    listing = log.locator(".course-log-list").inner_text()
    assert hostile in listing and "March 2024 · Leadership" in listing
    assert page.evaluate("() => window.__pwned") is None and log.locator(".course-log-list img").count() == 0
    summary = log.locator(".course-log-summary").inner_text()
    assert "Nothing logged yet in: Communication, Professionalism, Business skills." in summary
    assert "for example helping build the staff schedule" in summary  # ideas for an empty domain

    # Edit the second entry (the older one), then delete the first.
    log.get_by_role("button", name="Edit entry 2").click()
    expect(log.get_by_label("What did you do?")).to_have_value("Joined the falls-prevention committee")
    log.get_by_label("Competency domain it built most").select_option("Communication and Relationship Management")
    log.get_by_role("button", name="Save changes").click()
    log.get_by_text("Updated “Joined the falls-prevention committee”").wait_for()
    log.get_by_role("button", name="Delete entry 1").click()
    log.get_by_text("Deleted").wait_for()
    log.get_by_text("Your log (1 entry, newest first)").wait_for()
    # the summary is a separate widget: wait for its update too
    log.locator(".course-log-summary").get_by_text("Nothing logged yet in: Leadership, Professionalism").wait_for()
    assert len(saved_responses(voila, "lou logger", "clinical-experience/experience-log")) == 4  # add, add, edit, delete: every change is an event

    # A tab closed and opened again: a new kernel, the same log.
    open_as(page, voila, LESSON, "Lou Logger")
    wait_rendered(page)
    log = page.locator(".course-log")
    log.get_by_text("Your log (1 entry, newest first)").wait_for()
    listing = log.locator(".course-log-list").inner_text()
    assert "Joined the falls-prevention committee" in listing and "Charge nurse" not in listing
    assert "September 2023 · Communication and Relationship Management" in listing


def test_incomplete_entry_gets_a_message(voila, page):
    open_as(page, voila, LESSON, "Ivy Incomplete")
    wait_rendered(page)
    log = page.locator(".course-log")
    log.get_by_label("What did you do?").fill("Precepted a new graduate")
    log.get_by_role("button", name="Add to my log").click()
    log.get_by_text("Choose the month and year").wait_for()
    assert "Nothing logged yet" in log.inner_text()


def test_no_accessibility_violations_with_a_filled_log(voila, page):
    open_as(page, voila, LESSON, "Axe Logger")
    wait_rendered(page)
    log = page.locator(".course-log")
    add_entry(log, "Led the morning huddle for a week", "June", "2025", "Communication and Relationship Management",
              note="Kept it under ten minutes.")
    assert_no_axe_violations(page)
