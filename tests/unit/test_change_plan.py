"""Lesson 07's change plan: validation of every field, refusing values the form does not offer,
escaping what the learner typed in the one-page plan, and restoring it in a new kernel."""
import pytest

from course.identity import Identity
from course.session import Session
from course.engine.change_plan import validate_plan
from course.ui.learner.change_plan import ChangePlanWidget, item_id, plan_html

from .sessions import page_before_sign_in, signed_in_session


@pytest.fixture(scope="module")
def content(cat):
    return cat.operations


@pytest.fixture(scope="module")
def plan_content(content):
    return content.change_plan


GOOD = {
    "setting": "6 North, a 28-bed surgical unit, days and nights",
    "why-staff": "Fewer surprises at the start of a shift, and patients catch mistakes we would miss.",
    "involve": "One champion per shift, the charge nurses, our educator and the unit clerk.",
    "communicate": "Two weeks of huddles on every shift, a one-page summary, and a question box.",
    "training": "Role-play at the skills day; champions coach at the bedside for the first two weeks.",
    "measure": "Charge nurse observes five handoffs a shift; shared weekly. Balancing: handoff overtime.",
    "obstacles": "Busy admissions at 07:00: the charge nurse covers call lights for ten minutes.",
    "review": "30 days after go-live",
}


def fill(widget, values):
    for fid, value in values.items():
        widget.inputs[fid].value = value


def test_content_shape(plan_content):
    ids = [f.id for f in plan_content.fields]
    assert ids[0] == "setting" and "review" in ids and len(ids) >= 6
    assert any(f.kind == "choice" for f in plan_content.fields)
    assert "fictional" in plan_content.policy.note.lower()


def test_a_complete_plan_is_clean(plan_content):
    messy = dict(GOOD, setting="  6 North,\n  a 28-bed   surgical unit ", training="Line one\n\nLine three  \n")
    clean, problems = validate_plan(messy, plan_content)
    assert problems == []
    assert clean["setting"] == "6 North, a 28-bed surgical unit"  # one line, spaces collapsed
    assert clean["training"] == "Line one\n\nLine three"  # line breaks kept in long answers


@pytest.mark.parametrize("field, value, message", [
    ("why-staff", "", "Fill in “Why it matters to the staff who will do it”"),
    ("why-staff", "   \n ", "Fill in"),
    ("why-staff", "Safer.", "Say a little more"),
    ("measure", "x" * 601, "under 600 characters (now 601)"),
    ("setting", None, "Fill in “Where would you put this policy into practice?”"),
    ("review", None, "Choose an answer for “When you will first review how it is going”"),
    ("involve", 42, "could not be read"),
])
def test_each_problem_is_named(plan_content, field, value, message):
    clean, problems = validate_plan(dict(GOOD, **{field: value}), plan_content)
    assert field not in clean
    assert len(problems) == 1 and message in problems[0]


def test_a_value_the_form_does_not_offer_is_refused_and_logged(plan_content, caplog):
    clean, problems = validate_plan(dict(GOOD, review="Never"), plan_content)
    assert "review" not in clean and "not one the form offers" in problems[0]
    assert "does not offer" in caplog.text


def test_nul_bytes_are_dropped(plan_content):
    clean, _ = validate_plan(dict(GOOD, involve="Champions\x00 on nights"), plan_content)
    assert clean["involve"] == "Champions on nights"


def test_plan_html_escapes_everything_typed(plan_content):
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    plan = dict(GOOD, setting=hostile, measure=f"Count\n{hostile}")
    html = plan_html(plan, plan_content)
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "Count<br>&lt;img" in html  # line breaks become <br>, nothing else becomes markup
    for field in plan_content.fields[1:]:
        assert field.label in html
    assert plan_content.policy.title in html


def test_save_shows_the_plan_and_records_it(content, session):
    widget = ChangePlanWidget(content, session)
    fill(widget, GOOD)
    widget.save_button.click()
    assert "Plan saved. Saved to your progress." in widget.status.value
    assert "Putting “Bedside shift handoff” into practice" in widget.plan.value
    assert "Role-play at the skills day" in widget.plan.value
    history = session.history(item_id("operations-toolkit"))
    assert len(history) == 1 and history[0]["kind"] == "exercise"
    assert history[0]["response"]["plan"]["review"] == "30 days after go-live"


def test_incomplete_plan_lists_what_is_missing_and_saves_nothing(content, session):
    widget = ChangePlanWidget(content, session)
    fill(widget, dict(GOOD, training="", obstacles="no"))
    widget.save_button.click()
    assert "2 parts need attention" in widget.status.value
    assert "Fill in “Training and support”" in widget.status.value
    assert widget.plan.value == "" and session.history(item_id("operations-toolkit")) == []


@pytest.fixture
def saved_plan(content, session):
    """The learner's plan, filled in and saved."""
    widget = ChangePlanWidget(content, session)
    fill(widget, GOOD)
    widget.save()
    return widget


def test_restored_in_a_new_session_and_editable(content, saved_plan, db_url):
    again = signed_in_session(db_url)
    restored = ChangePlanWidget(content, again)
    assert {fid: box.value for fid, box in restored.inputs.items()} == GOOD
    assert "Your saved plan is shown below" in restored.status.value
    assert "Two weeks of huddles" in restored.plan.value
    restored.inputs["review"].value = "90 days after go-live"
    restored.save()
    latest = again.state("operations-toolkit")[item_id("operations-toolkit")]
    assert latest["response"]["plan"]["review"] == "90 days after go-live" and latest["attempts"] == 2


def test_restore_on_sign_in_never_overwrites_typing(content, db_url, saved_plan):
    anon = page_before_sign_in(db_url)
    typing = ChangePlanWidget(content, anon)
    typing.inputs["why-staff"].value = "Something I am writing right now, before signing in."
    anon.set_identity(Identity("Alex Kim", "spring-2027", "sign-in"))
    assert typing.inputs["why-staff"].value.startswith("Something I am writing")
    fresh = ChangePlanWidget(content, Session(db_url))
    assert fresh.plan.value == ""  # not signed in: nothing to show


def test_a_saved_plan_from_older_content_still_shows_what_fits(content, session):
    old = dict(GOOD, review="Every six months", retired_field="gone")
    session.record(lesson="operations-toolkit", item=item_id("operations-toolkit"), kind="exercise",
                   response={"plan": old})
    widget = ChangePlanWidget(content, session)
    assert widget.inputs["review"].value is None and widget.inputs["measure"].value == GOOD["measure"]
    assert "gone" not in widget.plan.value


def test_a_refused_plan_keeps_its_draft_across_a_reload(content, session, db_url):
    widget = ChangePlanWidget(content, session)
    fill(widget, dict(GOOD, training="", obstacles="Night staff 👩‍⚕️ زهرا محمد\u200cزاده"))
    widget.save_button.click()
    assert "Not saved yet" in widget.status.value and session.history(item_id("operations-toolkit")) == []
    again = signed_in_session(db_url)
    restored = ChangePlanWidget(content, again)
    assert restored.inputs["obstacles"].value == "Night staff 👩‍⚕️ زهرا محمد\u200cزاده"
    assert restored.inputs["training"].value == "" and "Fill in “Training and support”" in restored.status.value
    restored.inputs["training"].value = GOOD["training"]
    restored.save()
    assert "Plan saved" in restored.status.value
    saved = again.state("operations-toolkit")[item_id("operations-toolkit")]["response"]["plan"]
    assert saved["obstacles"] == "Night staff 👩‍⚕️ زهرا محمد\u200cزاده"  # joiners and emoji kept
    third = ChangePlanWidget(content, again)
    assert "Your saved plan is shown below" in third.status.value
