"""Forms and self-checks in Voila and Chromium, used as a person uses them: scroll with the wheel (or a
finger), click into the field, type on the keyboard, press the button that is on screen, reload.
Nothing typed is lost or changed: 1.5 years stays 1.5; "six" is refused with a message and stays in
the box; "2,000 hours" is read as a number; "Try this again" starts a self-check afresh; a hint comes
only when asked for; in lesson 08, three complete horizons are saved and a fourth, incomplete one
comes back after a reload as a draft with what it needs, and the plan counts the three."""
import base64
import re
import time
from pathlib import Path

import pytest

from course import catalog
from course.identity import Identity
from course.session import Session

from ..conftest import ROOT
from ..unit.plan_learner import complete_learner
from . import person
from .conftest import PASSWORD, open_as, wait_rendered, person_page

pytestmark = pytest.mark.browser
SHOTS = ROOT / "screenshots"


def open_page(page, server, notebook, name):
    open_as(page, server, f"/voila/render/{notebook}", name)
    wait_rendered(page)


def shot(page, name: str) -> Path:
    """What the learner sees in the window now (not the whole page)."""
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"forms-{name}.png"
    page.screenshot(path=str(path))
    return path


def wait_text(locator, text: str, timeout: float = 30) -> str:
    """The locator's text once it contains `text` (the kernel answers over the websocket)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = locator.inner_text()
        if text in found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the page says: {locator.inner_text()[:600]!r}")


# --- lesson 00: the starting profile's number boxes --------------------------------------------------

def fill_profile(page, form, years: str):
    stage = form.get_by_label("Where you are now")
    person.reach(page, stage)
    stage.select_option(label="Practicing clinician")
    person.type_into(page, form.get_by_label("Years of clinical practice so far"), years)
    form.get_by_label("Clinical field you work in or are drawn to").select_option(label="Nursing")
    person.type_into(page, form.get_by_label("Your goals"), "Lead a cardiac unit 👩‍⚕️ زهرا محمد\u200cزاده")


def test_profile_years_stay_as_typed_and_words_are_refused_with_the_draft_kept(voila, page):
    name = "Nour Haddad"
    open_page(page, voila, "00-start-here.ipynb", name)
    form = page.locator(".course-profile")
    fill_profile(page, form, "six")
    person.click(page, form.get_by_role("button", name="Save my profile"))
    text = wait_text(form, "Could not read “six” as a number: type digits, e.g. 6.")
    assert "Not saved yet" in text and "Saved to your progress" not in text
    assert form.get_by_label("Years of clinical practice so far").input_value() == "six"  # the draft stays
    person.reach(page, form.locator(".course-form-problems"))
    shot(page, "profile-six-refused")

    # A reload: a new kernel. The refused draft comes back, with the reason.
    open_page(page, voila, "00-start-here.ipynb", name)
    form = page.locator(".course-profile")
    years = form.get_by_label("Years of clinical practice so far")
    person.reach(page, years)
    assert years.input_value() == "six"
    assert "Could not read “six”" in form.inner_text()

    person.type_into(page, years, "1.5")
    person.click(page, form.get_by_role("button", name="Save my profile"))
    summary = wait_text(form.locator(".course-profile-table"), "with 1.5 years of practice")
    assert "Practicing clinician with 1.5 years of practice" in summary and "زهرا محمد\u200cزاده" in summary

    open_page(page, voila, "00-start-here.ipynb", name)
    form = page.locator(".course-profile")
    years = form.get_by_label("Years of clinical practice so far")
    person.reach(page, years)
    assert years.input_value() == "1.5"  # not 15, not 1, not 2
    assert "Your saved profile is shown" in form.inner_text() and "Could not read" not in form.inner_text()
    shot(page, "profile-1.5-after-reload")


# --- lesson 04: a numeric self-check, its hint, and "Try this again" -----------------------------------

def test_a_numeric_self_check_reads_units_gives_a_hint_and_can_be_tried_again(voila, page):
    name = "Kwame Mensah"
    open_page(page, voila, "04-into-management.ipynb", name)
    card = page.locator(".course-item-mgmt-cnml-hours")
    hint = catalog.load().items["mgmt-cnml-hours"].hint
    assert "Up to 3 tries; after the third the answer and the reasons are shown." in card.inner_text()
    assert hint not in page.content()  # the hint is not in the page until asked for
    person.click(page, card.get_by_role("button", name="Show a hint"))
    wait_text(card, hint)

    box = card.get_by_label("Your answer")
    person.type_into(page, box, "six")
    person.click(page, card.get_by_role("button", name="Check answer"))
    wait_text(card, "Could not read “six” as a number: type digits")
    assert box.input_value() == "six" and "more tries" not in card.inner_text()  # not a try

    person.type_into(page, box, "2,000 hours")
    person.click(page, card.get_by_role("button", name="Check answer"))
    text = wait_text(card, "Not quite. 2 more tries")
    assert "fewer hours than the rule asks for" in text and "Could not read" not in text
    person.type_into(page, box, "2,080 hours")
    person.click(page, card.get_by_role("button", name="Check again"))
    wait_text(card, "Correct.")
    person.reach(page, card.locator(".course-feedback"))
    shot(page, "numeric-right-with-hint")

    person.click(page, card.get_by_role("button", name="Try this again"))
    text = wait_text(card, "Answer it afresh.")
    assert box.input_value() == "" and "Correct." not in text and hint not in text
    assert card.get_by_role("button", name="Check answer").is_enabled()

    open_page(page, voila, "04-into-management.ipynb", name)  # a reload follows the new run
    card = page.locator(".course-item-mgmt-cnml-hours")
    person.reach(page, card.get_by_label("Your answer"))
    assert card.get_by_label("Your answer").input_value() == ""
    assert card.get_by_role("button", name="Show a hint").is_visible() and "Correct" not in card.inner_text()


# --- lesson 08: goals saved horizon by horizon, a draft kept ------------------------------------------

def seed(server, name) -> None:
    session = Session(f"sqlite:///{server.db_path}")
    session._detected = True
    session.set_identity(Identity(name, "spring-2027", "link"))
    complete_learner(session, catalog.load(), hostile=False)


def test_three_goals_are_saved_and_an_incomplete_one_comes_back_as_a_draft(voila, page):
    name = "Lena Fischer"
    seed(voila, name)
    open_page(page, voila, "10-capstone.ipynb", name)
    builder = page.locator(".course-plan-builder")
    thirty = builder.locator(".course-plan-horizon-30-days")
    person.click(page, thirty.get_by_role("button", name="Use this suggestion"))
    goal = page.get_by_label("Goal, 30 days", exact=True)
    deadline = time.time() + 30
    while not goal.input_value() and time.time() < deadline:
        time.sleep(0.1)
    assert goal.input_value().startswith("Strengthen my business skills and knowledge")  # the goal is filled too
    assert "budget" in page.get_by_label("Next action, 30 days", exact=True).input_value()
    person.click(page, builder.locator(".course-plan-horizon-90-days").get_by_role("button", name="Use this suggestion"))
    person.type_into(page, page.get_by_label("Goal, 1 year", exact=True), "Finish the first year of the MHA")
    page.get_by_label("Domain, 1 year", exact=True).select_option(label="Professionalism")
    person.type_into(page, page.get_by_label("Next action, 1 year", exact=True), "Apply to the part-time MHA by 1 March")
    person.type_into(page, page.get_by_label("Goal, 5 years", exact=True), "Nurse manager of the Ward 7 flow team 👩‍⚕️")
    page.get_by_label("Domain, 5 years", exact=True).select_option(label="Leadership")
    person.click(page, builder.get_by_role("button", name="Save my plan"))
    status = wait_text(builder.locator(".course-plan-status"), "3 goals saved. Saved to your progress.")
    assert "1 horizon is not saved yet" in status and "Within five years: write the next action you will take." in status
    five = builder.locator(".course-plan-horizon-5-years")
    assert "Not saved yet: what you typed is kept." in five.inner_text()
    person.reach(page, five.locator(".course-plan-needs"))
    shot(page, "goals-one-horizon-needs-an-action")

    open_page(page, voila, "10-capstone.ipynb", name)  # a reload: a new kernel
    builder = page.locator(".course-plan-builder")
    person.reach(page, page.get_by_label("Goal, 30 days", exact=True))
    assert page.get_by_label("Goal, 30 days", exact=True).input_value().startswith("Strengthen my business skills")
    assert page.get_by_label("Goal, 90 days", exact=True).input_value().startswith("Review this plan")
    assert page.get_by_label("Goal, 1 year", exact=True).input_value() == "Finish the first year of the MHA"
    assert page.get_by_label("Goal, 5 years", exact=True).input_value() == "Nurse manager of the Ward 7 flow team 👩‍⚕️"
    assert page.get_by_label("Domain, 5 years", exact=True).evaluate(
        "s => s.options[s.selectedIndex].text") == "Leadership"
    five = builder.locator(".course-plan-horizon-5-years")
    assert "Within five years: write the next action you will take." in five.inner_text()

    export = page.locator(".course-plan-export")
    person.click(page, export.get_by_role("button", name="Prepare my plan"))
    text = wait_text(export, "Your plan is ready: 3 goals")
    assert "1 horizon above is still a draft, not in the plan" in text
    link = export.get_by_role("link", name=re.compile("Download my plan as a web page"))
    person.reach(page, link)
    shot(page, "goals-export-3")
    plan_html = base64.b64decode(link.get_attribute("href").split(",", 1)[1]).decode("utf-8")
    assert "Finish the first year of the MHA" in plan_html and "Ward 7 flow team" not in plan_html


def test_on_a_phone_a_finished_self_check_shows_the_answer_chosen(voila, browser):
    with person_page(browser, phone=True) as page:
        open_page(page, voila, "00-start-here.ipynb", "Mina Park")
        item = catalog.load().items["start-role-who"]
        wrong = [o.text for o in item.options if not o.correct]
        card = page.locator(".course-item-start-role-who")
        choices = card.locator(".course-choices")
        for label, button, verdict in ((wrong[0], "Check answer", "2 more tries"),
                                       (wrong[1], "Check again", "1 more try"),
                                       (wrong[2], "Check again", "Not this time. The answer")):
            person.click(page, choices.get_by_text(label))
            person.click(page, card.get_by_role("button", name=button))
            text = wait_text(card, verdict)
        chosen = choices.locator("label", has=page.locator("input:checked"))
        style = chosen.evaluate("l => { const s = getComputedStyle(l); return [s.fontWeight, s.outlineStyle, s.color] }")
        assert style == ["700", "solid", "rgb(20, 32, 43)"]  # bold, outlined, dark text: not by colour alone
        assert f"Wrong answer (you chose it): {wrong[2][:30]}" in text  # and named in words below
        assert float(choices.evaluate("el => getComputedStyle(el.closest('.widget-radio')).opacity")) == 1
        assert "Try this again" in text
        person.reach(page, choices)
        shot(page, "phone-finished-self-check")


# --- signing in with a real name -----------------------------------------------------------------------

def test_names_in_any_script_and_emoji_sign_up_and_a_direction_trick_is_refused(voila, page):
    accounts = voila.accounts()
    if accounts.store.cohort("names-cohort") is None:
        accounts.create_cohort("names-cohort")
    code = accounts.set_join_code("names-cohort", True)
    page.goto(voila.url + "/join")  # self sign-up with the code a mentor shared
    name_box = page.get_by_label("Your name")

    def fill_and_send(name):
        person.type_into(page, page.get_by_label("Join code"), code)
        person.type_into(page, name_box, name)
        person.type_into(page, page.get_by_label("Choose a sign-in name"), "zahra")
        person.type_into(page, page.get_by_label("Choose a password"), PASSWORD)
        person.type_into(page, page.get_by_label("Type the password again"), PASSWORD)
        with page.expect_navigation():
            person.click(page, page.get_by_role("button", name="Create my account"))

    fill_and_send("Sam\u202enimda")  # shows as "Samadmin": a disguised name
    wait_text(page.locator("#name-problem"), "hidden text-direction control")
    assert name_box.input_value() == "Sam\u202enimda"  # what was typed stays, to fix
    name = "زهرا محمد\u200cزاده 👩\u200d⚕️"  # Persian with a zero-width non-joiner, and an emoji sequence
    fill_and_send(name)
    wait_rendered(page)
    who = page.locator(".course-who")
    wait_text(who, "Signed in as")
    assert who.locator("strong").first.inner_text() == name  # exactly as typed: joiners kept
    assert "names-cohort" in who.inner_text()
    shot(page, "signed-in-persian-name")
