"""Lesson 04 in Voila and Chromium: rate the readiness self-assessment and read the chart, table and
weakest domains; retake it and see the change; check certification eligibility for a saved profile;
come back in a new kernel to find everything restored; and no axe violations."""

import pytest
from playwright.sync_api import expect

from course import catalog
from course.identity import Identity
from course.engine.profile import Profile, save_profile
from course.session import Session

from .conftest import assert_no_axe_violations, open_as, wait_rendered

LESSON = "/voila/render/04-into-management.ipynb"
pytestmark = pytest.mark.browser

RATINGS = {"communication": 4, "leadership": 3, "professionalism": 5, "healthcare-environment": 2, "business": 1}


def seed_profile(server, name, profile):
    """A starting profile saved the way lesson 00 saves it, in the server's store."""
    s = Session(f"sqlite:///{server.db_path}")
    s._detected = True
    s.set_identity(Identity(name, None, "link"))
    assert save_profile(s, profile) == "saved"


def rate_all(card, ratings):
    sa = catalog.load().self_assessment
    labels = {level.value: level.label for level in sa.scale}
    for domain in sa.domains:
        for statement in domain.statements:
            card.get_by_label(statement.text, exact=True).select_option(label=labels[ratings[domain.competency]])


def test_self_assessment_retake_and_certifications_restored(voila, page):
    name = "Pat Assessor"  # not lesson 00's "Pat Profile", whose test starts with no profile saved
    seed_profile(voila, name, Profile(stage="clinician", clinical_years=6, field="nursing", degrees=("bsn",),
                                      licensed=True))
    open_as(page, voila, LESSON, name)
    wait_rendered(page)

    # First take.
    card = page.locator(".course-assessment")
    assert "Practicing clinician with 6 years of practice" in card.inner_text()
    rate_all(card, RATINGS)
    card.get_by_role("button", name="Save my ratings").click()
    chart = card.locator("img.course-figure")
    chart.wait_for()
    alt = chart.get_attribute("alt")
    assert alt.startswith("Bar chart of your average self-rating") and "Business skills 1.0" in alt
    results = card.locator(".course-assessment-results").inner_text()
    assert "Your weakest domains are: Business Skills and Knowledge and Knowledge of the Healthcare Environment" \
        in results  # lowest first
    assert "Ask to sit in on a budget or staffing meeting" in results  # an action for a clinician
    assert "Build a simple budget for something you run" not in results  # a student's action is left out
    assert "Saved to your progress" in results

    # Retake: the last ratings are filled in; business has grown.
    card.get_by_role("button", name="Take it again").click()
    card.get_by_text("Your last ratings are filled in").wait_for()
    budget = card.get_by_label("I can read a department budget", exact=False)
    page.wait_for_function("s => s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ') === '1 · Novice'",
                           arg=budget.element_handle())
    rate_all(card, RATINGS | {"business": 3})
    card.get_by_role("button", name="Save as a new take").click()
    card.get_by_text("First take vs latest").wait_for()
    table = card.locator("table.course-assessment-table").inner_text()
    assert "Business Skills and Knowledge\t1.0\t3.0\t+2.0" in table
    assert "Leadership\t3.0\t3.0\tno change" in table

    # The certification explorer, for this nurse with a BSN.
    certs = page.locator(".course-certs")
    assert "Bachelor of Science in Nursing (BSN)" in certs.inner_text()
    assert certs.get_by_label("I hold an unrestricted registered nurse (RN) license").is_checked()
    hours = certs.get_by_label("Hours worked in a nurse manager or nurse leader role (hours)")
    hours.fill("1000")
    hours.press("Tab")
    certs.get_by_role("button", name="Check my eligibility").click()
    certs.locator(".course-certs-table").wait_for()
    text = certs.locator(".course-certs-results").inner_text()
    assert "you could apply now for: CMPE, CPHQ" in text
    cnml = certs.locator("tr.course-cert-cnml").inner_text()
    assert "After more experience" in cnml and "Eligible after 1,080 more hours in a nurse manager role" in cnml
    assert "Confirm" in cnml and "AONL" in cnml
    fache = certs.locator("tr.course-cert-fache").inner_text()
    assert "Needs a degree, credits, license or position" in fache and "master's or other post-baccalaureate" in fache
    nebc = certs.locator("tr.course-cert-nebc").inner_text()  # the ANCC nurse executive route
    assert "After more experience" in nebc and "ANCC" in nebc
    cpe = certs.locator("tr.course-cert-cpe").inner_text()  # the physician-leader route
    assert "needs a medical degree (MD or DO)" in cpe.lower() or "Needs a medical degree (MD or DO)" in cpe

    # A new kernel: everything comes back.
    open_as(page, voila, LESSON, name)
    wait_rendered(page)
    card = page.locator(".course-assessment")
    card.get_by_text("First take vs latest").wait_for()
    assert "+2.0" in card.locator("table.course-assessment-table").inner_text()
    assert card.get_by_role("button", name="Take it again").is_visible()
    certs = page.locator(".course-certs")
    certs.locator(".course-certs-table").wait_for()
    expect(certs.get_by_label("Hours worked in a nurse manager or nurse leader role (hours)")).to_have_value("1000")
    assert "Eligible after 1,080 more hours" in certs.locator("tr.course-cert-cnml").inner_text()
    assert "Traceback" not in page.content()


def test_without_a_profile_both_tools_still_work(voila, page):
    open_as(page, voila, LESSON, "Nia No-Profile")
    wait_rendered(page)
    certs = page.locator(".course-certs")
    assert "No starting profile is saved yet" in certs.inner_text()
    certs.get_by_role("button", name="Check my eligibility").click()
    certs.locator(".course-certs-table").wait_for()
    assert "you could apply now for: CPHQ" in certs.inner_text()
    card = page.locator(".course-assessment")
    card.get_by_role("button", name="Save my ratings").click()
    card.get_by_text("Rate every statement first").wait_for()


def test_no_accessibility_violations_with_results_shown(voila, page):
    name = "Axe Assessor"
    seed_profile(voila, name, Profile(stage="undergraduate", field="mental-health", degrees=()))
    open_as(page, voila, LESSON, name)
    wait_rendered(page)
    card = page.locator(".course-assessment")
    rate_all(card, RATINGS)
    card.get_by_role("button", name="Save my ratings").click()
    card.locator("img.course-figure").wait_for()
    certs = page.locator(".course-certs")
    certs.get_by_role("button", name="Check my eligibility").click()
    certs.locator(".course-certs-table").wait_for()
    page.locator(".course-cert-details summary").first.click()  # an opened disclosure is scanned too
    assert_no_axe_violations(page)
