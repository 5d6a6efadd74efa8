"""Lesson 00's starting-profile form, driven as the browser drives it: set values, click Save.
Checked in the kernel, saved, shown escaped, restored in a new kernel and on sign-in."""
import logging
from types import SimpleNamespace

import pytest

from course.identity import Identity
from course.engine.profile import PROFILE_ITEM, Profile, load_profile
from course.ui.learner.profile_form import ProfileForm

from .sessions import page_before_sign_in, signed_in_session


def fill(form, **values):
    defaults = dict(stage="clinician", years="6", field="nursing", degrees=("bsn",), licensed=True,
                    leadership=False, hours="4", goals="Lead a medical-surgical unit.")
    defaults.update(values)
    form.stage.value = defaults["stage"]
    form.years.value = defaults["years"]
    form.field.value = defaults["field"]
    for key, box in form.degrees.items():
        box.value = key in defaults["degrees"]
    form.licensed.value = defaults["licensed"]
    form.leadership.value = defaults["leadership"]
    form.hours.value = defaults["hours"]
    form.goals.value = defaults["goals"]


def new_session(db_url, name="Alex Kim"):
    return signed_in_session(db_url, name, source="link")


def test_empty_form_says_what_to_fix_and_saves_nothing(session):
    form = ProfileForm(session)
    assert form.stage.value is None and form.stage.index == 0  # "Choose…" is shown, not a blank
    form.save_button.click()
    assert "Not saved yet" in form.status.value
    assert "Choose where you are now." in form.problems.value
    assert "Choose a clinical field" in form.problems.value
    assert load_profile(session) is None and form.summary.value == ""


def test_fill_save_and_read_the_summary(session):
    form = ProfileForm(session, "02-education.ipynb")
    fill(form, goals='<img src=x onerror="alert(1)"> lead a unit')
    form.save_button.click()
    assert "Saved to your progress" in form.status.value and form.problems.value == ""
    saved = load_profile(session)
    assert saved == Profile(stage="clinician", clinical_years=6, field="nursing", degrees=("bsn",), licensed=True,
                            leadership_roles=False, hours_per_week=4,
                            goals='<img src=x onerror="alert(1)"> lead a unit')
    summary = form.summary.value
    assert "Practicing clinician with 6 years of practice" in summary
    assert "Bachelor of Science in Nursing (BSN)" in summary and "4 hours a week" in summary
    assert "<img" not in summary and "&lt;img src=x" in summary  # typed text is escaped
    assert 'href="02-education.ipynb"' in summary  # on to the planner
    assert form.save_button.description == "Save changes"


def test_years_are_asked_only_where_they_apply(session):
    form = ProfileForm(session)
    assert form.years_box.layout.display == "none"  # nothing chosen yet
    form.stage.value = "clinician"
    assert form.years_box.layout.display is None
    form.years.value = "5"
    form.stage.value = "high-school"
    assert form.years_box.layout.display == "none"
    fill(form, stage="high-school", years="five", degrees=(), licensed=False)
    form.save_button.click()
    assert load_profile(session).clinical_years == 0  # a hidden answer is not saved


@pytest.mark.parametrize("values, message", [
    ({"years": "60"}, "Years of clinical practice: use a number from 0 to 50 (you typed “60”)."),
    ({"years": "-1"}, "Years of clinical practice: use a number from 0 to 50 (you typed “-1”)."),
    ({"years": "six"}, "Years of clinical practice: Could not read “six” as a number: type digits, e.g. 6."),
    ({"years": "1,5"}, "Years of clinical practice: Could not read “1,5”: use a point for decimals (1.5)"),
    ({"years": ""}, "Years of clinical practice: Type a number first."),
    ({"years": "5 days"}, "Years of clinical practice: Could not read “5 days”: this box is in years."),
    ({"hours": "0"}, "Hours a week: use a number from 1 to 40 (you typed “0”)."),
    ({"hours": "41 hours"}, "Hours a week: use a number from 1 to 40 (you typed “41 hours”)."),
    ({"hours": "a few"}, "Hours a week: Could not read “a few” as a number"),
    ({"goals": "x" * 1001}, "please keep them under 1000 characters (now 1001)"),
    ({"field": None}, "Choose a clinical field"),
])
def test_out_of_range_values_are_explained(session, values, message):
    form = ProfileForm(session)
    fill(form, **values)
    form.save_button.click()
    assert message in form.problems.value and load_profile(session) is None


def test_values_no_honest_page_sends_are_refused(session, caplog):
    form = ProfileForm(session)
    fill(form)
    form.stage = SimpleNamespace(value="astronaut")  # as if a tampered client slipped it past the widget
    with caplog.at_level(logging.WARNING, logger="course"):
        form.save_button.click()
    assert "Please choose again" in form.problems.value and "does not offer" in caplog.text
    form2 = ProfileForm(session)
    fill(form2)
    form2.hours = SimpleNamespace(value="3; DROP TABLE")
    form2.save_button.click()
    assert "Hours a week" in form2.problems.value and load_profile(session) is None


def test_edit_later_the_latest_wins(session):
    form = ProfileForm(session)
    fill(form)
    form.save_button.click()
    form.leadership.value = True
    form.degrees["msn"].value = True
    form.save_button.click()
    saved = load_profile(session)
    assert saved.leadership_roles and saved.degrees == ("bsn", "msn")
    assert len(session.history(PROFILE_ITEM)) == 2


def test_restored_in_a_new_kernel(session, db_url):
    form = ProfileForm(session)
    fill(form, stage="graduate", years="2", field="mental-health", degrees=("bachelor-psychology",),
         licensed=False, leadership=True, hours="6", goals="Run a group program")
    form.save_button.click()
    again = ProfileForm(new_session(db_url, " alex KIM"))  # same learner, typed differently
    assert again.stage.value == "graduate" and again.years.value == "2" and again.field.value == "mental-health"
    assert again.degrees["bachelor-psychology"].value and not again.degrees["bsn"].value
    assert again.leadership.value and not again.licensed.value
    assert again.hours.value == "6" and again.goals.value == "Run a group program"
    assert "Your saved profile is shown" in again.status.value and "Run a group program" in again.summary.value
    assert again.years_box.layout.display is None


def test_restored_when_the_learner_signs_in_later(session, db_url):
    form = ProfileForm(session)
    fill(form)
    form.save_button.click()
    later = page_before_sign_in(db_url)
    fresh = ProfileForm(later)  # not signed in yet: an empty form
    assert fresh.stage.value is None
    later.set_identity(Identity("Alex Kim", None, "sign-in"))
    assert fresh.stage.value == "clinician" and fresh.years.value == "6"


def test_saved_before_sign_in_waits_then_is_stored(db_url):
    s = page_before_sign_in(db_url)
    form = ProfileForm(s)
    fill(form)
    form.save_button.click()
    assert "Not saved yet" in form.status.value  # kept on the page
    s.set_identity(Identity("Robin Late", None, "sign-in"))
    assert s.store().latest_state("robin late")[PROFILE_ITEM]["response"]["stage"] == "clinician"


def test_a_stored_profile_that_no_longer_fits_is_ignored(session):
    session.record(lesson="start-here", item=PROFILE_ITEM, kind="exercise",
                   response={"stage": "astronaut", "field": "nursing"})
    form = ProfileForm(session)
    assert form.stage.value is None and form.summary.value == ""


@pytest.mark.parametrize("typed, years", [("1.5", 1.5), ("1.5 years", 1.5), ("0.5", 0.5), ("12", 12),
                                          ("2 yrs", 2), ("۱.۵", 1.5)])
def test_years_stay_what_was_typed(session, db_url, typed, years):
    form = ProfileForm(session)
    fill(form, years=typed, hours="2.5 hours a week")
    form.save_button.click()
    assert "Saved to your progress" in form.status.value
    saved = load_profile(session)
    assert saved.clinical_years == years and saved.hours_per_week == 2.5
    again = ProfileForm(new_session(db_url))
    assert again.years.value == f"{years:g}" and again.hours.value == "2.5"  # never 15 for 1.5
    if years == 1.5:
        assert "Practicing clinician with 1.5 years of practice" in again.summary.value


def test_an_unreadable_number_is_refused_the_draft_kept_and_nothing_said_saved(session, db_url):
    form = ProfileForm(session)
    fill(form, years="4")
    form.save_button.click()
    fill(form, years="six", goals="Lead a cardiac unit 👩‍⚕️ زهرا محمد\u200cزاده")
    form.save_button.click()
    assert "Not saved yet" in form.status.value and "Saved to your progress" not in form.status.value
    assert "Could not read “six” as a number: type digits, e.g. 6." in form.problems.value
    assert form.years.value == "six"  # the draft stays in the box
    assert load_profile(session).clinical_years == 4  # the saved profile is untouched

    again = ProfileForm(new_session(db_url))  # a reload (a new kernel): the refused draft comes back
    assert again.years.value == "six" and again.goals.value == "Lead a cardiac unit 👩‍⚕️ زهرا محمد\u200cزاده"
    assert "not saved yet" in again.status.value and "Could not read “six”" in again.problems.value
    again.years.value = "6.5"
    again.save_button.click()
    assert "Saved to your progress" in again.status.value and again.problems.value == ""
    assert load_profile(session).clinical_years == 6.5
    assert load_profile(session).goals == "Lead a cardiac unit 👩‍⚕️ زهرا محمد\u200cزاده"  # joiners and emoji kept
    third = ProfileForm(new_session(db_url))  # the draft was cleared by the save that went through
    assert third.years.value == "6.5" and "Your saved profile is shown" in third.status.value
    assert third.problems.value == ""
