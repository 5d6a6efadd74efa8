"""Lesson 02's pathway planner widget: it reads the saved profile, redraws when a choice changes,
draws an accessible chart and table, saves the plan and restores it in a new kernel."""
import base64
import logging
import re
from types import SimpleNamespace


from course.identity import Identity
from course.engine.profile import Profile, save_profile
from course.ui.learner.planner import ITEM, Planner, options_table, timeline_png

from .sessions import page_before_sign_in, signed_in_session

RN = Profile(stage="clinician", field="nursing", clinical_years=4, degrees=("bsn",), licensed=True, goals="x")


def alt_of(planner) -> str:
    return re.search(r'alt="([^"]*)"', planner.chart.value).group(1)


def png_of(planner) -> bytes:
    return base64.b64decode(re.search(r"base64,([^\"]+)", planner.chart.value).group(1))


def test_without_a_profile_it_asks_for_one_with_a_link(cat, session):
    planner = Planner(cat, session)
    assert planner.plan_part.layout.display == "none" and planner.missing.layout.display is None
    message = planner.missing.children[0].value
    assert 'href="00-start-here.ipynb"' in message and "there is none saved" in message
    save_profile(session, RN)  # the learner saves it in lesson 00 meanwhile
    planner.check_profile.click()
    assert planner.plan_part.layout.display is None and planner.missing.layout.display == "none"
    assert "Practicing clinician with 4 years of practice" in planner.profile_line.value


def test_plan_is_built_from_the_profile(cat, session):
    save_profile(session, RN)
    planner = Planner(cat, session)
    assert planner.route.value == "nursing" and planner.graduate.value == "msn" and planner.pace.value == "part-time"
    steps = planner.steps_html.value
    assert "Already behind you" in steps and "Bachelor of Science in Nursing (BSN)" in steps
    assert "Master of Science in Nursing (MSN)" in steps and "Apply for a first management role" in steps
    assert png_of(planner)[:8] == b"\x89PNG\r\n\x1a\n"
    alt = alt_of(planner)
    assert alt.startswith("Timeline chart of your pathway") and "Master of Science in Nursing" in alt
    assert planner.years_left.layout.display == "none"  # a clinician is not asked about a program


def test_changing_a_choice_redraws_the_plan(cat, session):
    save_profile(session, RN)
    planner = Planner(cat, session)
    before_png, before_steps = png_of(planner), planner.steps_html.value
    planner.graduate.value = "mba"
    assert "Master of Business Administration (MBA)" in planner.steps_html.value
    assert "Master of Science in Nursing" not in planner.steps_html.value
    assert png_of(planner) != before_png and "Master of Business Administration" in alt_of(planner)
    planner.pace.value = "full-time"
    assert "part-time" not in planner.plan.steps[-2].label and planner.plan.choices.pace == "full-time"
    planner.practice.value = 9
    assert planner.plan.choices.practice_years == 9 and planner.steps_html.value != before_steps
    planner.graduate.value = "none"
    assert planner.pace.layout.display == "none"  # no degree, no pace to choose


def test_changing_route_offers_only_that_routes_degrees(cat, session):
    save_profile(session, RN)
    planner = Planner(cat, session)
    planner.route.value = "medicine"
    offered = {v for _, v in planner.graduate.options}
    assert "msn" not in offered and {"none", "mha", "mba", "mph"} <= offered
    assert planner.graduate.value in offered and planner.plan.route.id == "medicine"
    assert "Medical school" in planner.steps_html.value  # a nurse exploring medicine starts at its beginning
    assert "does not count your clinical years" in planner.steps_html.value


def test_students_are_asked_how_long_is_left(cat, session):
    save_profile(session, Profile(stage="undergraduate", field="mental-health"))
    planner = Planner(cat, session)
    assert planner.years_left.layout.display is None
    planner.years_left.value = 1.5
    assert planner.plan.steps[0].years == 1.5 and "1.5 years left, your estimate" in planner.steps_html.value


def test_table_is_accessible_and_marks_the_choice(cat, session):
    save_profile(session, RN)
    planner = Planner(cat, session)
    table = planner.table.value
    assert re.search(r'id="([^"]+)">Graduate options compared.*<table aria-labelledby="\1"', table)
    assert table.count('scope="col"') == 6
    assert table.count('scope="row"') == len(cat.pathways.graduate_options)
    assert re.search(r'<tr class="course-row-chosen"><th scope="row">MSN', table)
    assert "✓ Your choice" in table and "Belongs to another route" in table


def test_table_escapes_content(cat):
    content = cat.pathways
    option = content.graduate_options[0].model_copy(update={"fit": "<script>alert(1)</script>"})
    hostile = content.model_copy(update={"graduate_options": [option, *content.graduate_options[1:]]})
    from course.engine.pathway import default_choices

    html = options_table(hostile, cat.facts, default_choices(hostile, RN))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_chart_alt_text_names_every_step(cat):
    from course.engine.pathway import build_plan, default_choices

    profile = Profile(stage="high-school", field="medicine")
    plan = build_plan(profile, default_choices(cat.pathways, profile), cat.pathways, cat.facts)
    png, alt = timeline_png(plan, cat.pathways)
    assert base64.b64decode(png)[:4] == b"\x89PNG"
    assert "after high school" in alt
    for step in plan.steps:
        assert step.label.split(":")[0] in alt
    assert "up to" in alt  # ranges are described, not only drawn


def test_save_and_restore_in_a_new_kernel(cat, session, db_url):
    save_profile(session, RN)
    planner = Planner(cat, session)
    planner.graduate.value = "mph"
    planner.practice.value = 7
    planner.save_button.click()
    assert "Saved to your progress" in planner.status.value
    saved = session.state("education")[ITEM]
    assert saved["kind"] == "exercise" and saved["response"]["choices"]["graduate"] == "mph"
    assert saved["response"]["plan"]["steps"][-1]["id"] == "apply"

    later = signed_in_session(db_url, "alex kim", None, "link")
    again = Planner(cat, later)
    assert again.graduate.value == "mph" and again.practice.value == 7
    assert "Your saved plan is shown" in again.status.value
    assert "Master of Public Health (MPH)" in again.steps_html.value


def test_saved_choices_that_no_longer_fit_fall_back_to_defaults(cat, session):
    save_profile(session, RN)
    session.record(lesson="education", item=ITEM, kind="exercise",
                   response={"choices": {"route": "medicine", "graduate": "msn", "pace": "full-time",
                                         "practice_years": 3, "years_left": 2}})
    planner = Planner(cat, session)
    assert planner.route.value == "nursing" and planner.graduate.value == "msn"
    assert "Your saved plan" not in planner.status.value


def test_sign_in_after_opening_shows_the_plan(cat, db_url):
    first = signed_in_session(db_url, "Kai Later", None)
    save_profile(first, RN)
    later = page_before_sign_in(db_url)
    planner = Planner(cat, later)
    assert planner.plan_part.layout.display == "none"
    assert "Sign in at the top" in planner.missing.children[0].value
    later.set_identity(Identity("Kai Later", None, "sign-in"))
    assert planner.plan_part.layout.display is None and planner.plan is not None


def test_values_no_honest_page_sends_are_refused(cat, session, caplog):
    save_profile(session, RN)
    planner = Planner(cat, session)
    planner.practice = SimpleNamespace(value=99)  # as if a tampered client slipped it past the widget
    with caplog.at_level(logging.WARNING, logger="course"):
        planner.update()
    assert "Please choose again" in planner.message.value and "does not offer" in caplog.text
    planner.save_button.click()
    assert ITEM not in session.state("education")


def test_a_year_and_a_half_of_practice_is_planned_as_a_year_and_a_half(cat, session):
    """The profile's 1.5 years (once saved as 15 by the number box) reach the planner as 1.5."""
    save_profile(session, RN.model_copy(update={"clinical_years": 1.5}))
    planner = Planner(cat, session)
    assert "Practicing clinician with 1.5 years of practice" in planner.profile_line.value
    assert planner.practice.value == 2  # whole years in the list: the first one above what is behind you
    assert "1.5 years so far" in planner.steps_html.value
    planner.graduate.value = "none"  # practice alone, not stretched to the end of a part-time degree
    practice = next(s for s in planner.plan.steps if s.id == "practice")
    assert practice.years == 0.5  # the half year still to go before the 2 chosen
