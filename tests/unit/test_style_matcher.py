"""Lesson 05's situational leadership matcher: the readiness-to-style rule, checking each person the
learner describes, escaping what they typed, saving, restoring in a new kernel (bad or missing
situational_leadership.yaml: test_bad_content.py)."""

import pytest

from course.identity import Identity
from course.engine.situational import ROLE_MAX, TASK_MAX, is_blank, validate_person
from course.ui.learner.style_matcher import StyleMatcher

from .sessions import page_before_sign_in, signed_in_session

HOSTILE = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def content(cat):
    return cat.style_matcher


def person(**changes):
    raw = {"role": "New graduate on nights", "task": "Using the new scanners", "experience": "new",
           "confidence": "keen"}
    raw.update(changes)
    return raw


def fill(row, role="New graduate on nights", task="Using the new scanners", experience="new", confidence="keen"):
    row.role.value, row.task.value = role, task
    row.experience.value, row.confidence.value = experience, confidence


# --- the rule -------------------------------------------------------------------------------

@pytest.mark.parametrize("experience, confidence, style, readiness", [
    ("new", "unsure", "telling", "R1"),
    ("new", "keen", "selling", "R2"),
    ("some", "unsure", "telling", "R1"),
    ("some", "keen", "selling", "R2"),
    ("experienced", "unsure", "participating", "R3"),
    ("experienced", "keen", "delegating", "R4"),
])
def test_readiness_is_matched_to_the_hersey_blanchard_style(content, experience, confidence, style, readiness):
    rule, matched = content.match(experience, confidence)
    assert matched.id == style
    assert rule.readiness.startswith(readiness)
    assert rule.why and matched.watch_for


def test_every_style_is_reachable(content):
    reached = {content.match(e.id, c.id)[1].id for e in content.experience for c in content.confidence}
    assert reached == {"telling", "selling", "participating", "delegating"}


# --- checking one person ----------------------------------------------------------------------

def test_a_good_person_is_cleaned(content):
    clean, problem = validate_person(person(role="  Night\x00  charge   nurse ", task=" Huddle "), content)
    assert problem is None
    assert clean == {"role": "Night charge nurse", "task": "Huddle", "experience": "new", "confidence": "keen"}


@pytest.mark.parametrize("changes, message", [
    ({"role": "x"}, "by their role"),
    ({"role": "r" * (ROLE_MAX + 1)}, f"under {ROLE_MAX}"),
    ({"task": "ab"}, "which task"),
    ({"task": "t" * (TASK_MAX + 1)}, f"under {TASK_MAX}"),
    ({"experience": None}, "how much experience"),
    ({"experience": "expert"}, "not one the form offers"),
    ({"experience": ["new"]}, "not one the form offers"),
    ({"confidence": None}, "confident or willing"),
    ({"confidence": "cocky"}, "not one the form offers"),
    ({"role": 42}, "could not be read"),
    ({"task": None}, "could not be read"),
])
def test_bad_people_are_refused_with_a_reason(content, changes, message):
    clean, problem = validate_person(person(**changes), content)
    assert clean is None and message in problem


def test_not_a_mapping_is_refused(content):
    assert validate_person(["new", "keen"], content) == (None, "it could not be read.")


def test_blank_rows_are_skipped_not_errors():
    assert is_blank({"role": "  ", "task": "", "experience": None, "confidence": None})
    assert not is_blank({"role": "", "task": "", "experience": "new", "confidence": None})


# --- the widget -------------------------------------------------------------------------------

def test_nothing_filled_in_asks_for_a_person(content, session):
    m = StyleMatcher(content, session)
    m.match_button.click()
    assert "at least one person" in m.result.value
    assert session.state("leading-teams") == {}


def test_a_half_filled_row_is_named_and_nothing_is_saved(content, session):
    m = StyleMatcher(content, session)
    fill(m.rows[0])
    m.rows[1].role.value = "Charge nurse"
    m.match_button.click()
    assert "Person 2:" in m.result.value and "which task" in m.result.value
    assert "Suggested style" not in m.result.value
    assert set(session.state("leading-teams")) == {content.id + "/draft"}  # only the draft of what was typed


def test_a_refused_team_comes_back_after_a_reload(content, session, db_url):
    m = StyleMatcher(content, session)
    fill(m.rows[0])
    m.rows[1].role.value = "Night charge nurse 👩‍⚕️"
    m.match_button.click()
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    again = StyleMatcher(content, later)
    assert again.rows[1].role.value == "Night charge nurse 👩‍⚕️" and again.rows[0].role.value == m.rows[0].role.value
    assert "Person 2:" in again.result.value and "kept here" in again.status.value
    again.rows[1].role.value = ""
    again.match_button.click()
    assert "Suggested style" in again.result.value
    third = StyleMatcher(content, later)
    assert third.rows[1].role.value == "" and "Suggested style" in third.result.value


def test_matching_saves_and_explains_each_person(content, session):
    m = StyleMatcher(content, session)
    fill(m.rows[0])
    fill(m.rows[2], role="Senior charge nurse", task="Running the safety huddle", experience="experienced",
         confidence="unsure")
    m.match_button.click()
    html = m.result.value
    assert "Selling (S2)" in html and "Participating (S3)" in html
    assert "2 different styles" in html and "Saved to your progress" in html
    saved = session.state("leading-teams")["style-matcher"]
    assert saved["kind"] == "exercise"
    assert [p["role"] for p in saved["response"]["people"]] == ["New graduate on nights", "Senior charge nurse"]


def test_what_the_learner_typed_is_escaped(content, session):
    m = StyleMatcher(content, session)
    fill(m.rows[0], role=HOSTILE[:ROLE_MAX], task=HOSTILE)
    m.match_button.click()
    assert "<img" not in m.result.value
    assert "&lt;img src=x onerror=" in m.result.value


def test_too_long_text_is_refused_with_the_length(content, session):
    m = StyleMatcher(content, session)
    fill(m.rows[0], task="t" * (TASK_MAX + 5))
    m.match_button.click()
    assert f"now {TASK_MAX + 5}" in m.result.value
    assert content.id not in session.state("leading-teams")  # only a draft of what was typed


def test_restored_in_a_new_session(content, db_url):
    first = signed_in_session(db_url)
    m = StyleMatcher(content, first)
    fill(m.rows[1], role="Float nurse", task="Taking charge on weekends", experience="some", confidence="unsure")
    m.match_button.click()

    again = StyleMatcher(content, signed_in_session(db_url))  # a new kernel: a new session, the same store
    assert again.rows[0].role.value == "Float nurse"  # the filled row comes first
    assert again.rows[0].experience.value == "some" and again.rows[0].confidence.value == "unsure"
    assert again.rows[1].role.value == "" and again.rows[1].experience.value is None
    assert "Telling (S1)" in again.result.value  # still learning and unsure: R1 in Hersey and Blanchard's model
    assert "Your saved team is shown" in again.status.value


def test_a_damaged_saved_row_is_left_out_on_restore(content, db_url):
    s = signed_in_session(db_url)
    s.record(lesson="leading-teams", item="style-matcher", kind="exercise",
             response={"people": [person(), person(experience="guru"), "not a person"]})
    m = StyleMatcher(content, signed_in_session(db_url))
    assert m.rows[0].role.value == "New graduate on nights"
    assert m.rows[1].role.value == ""
    assert m.result.value.count("Suggested style") == 1


def test_answers_given_before_sign_in_wait_and_are_restored_after(content, db_url):
    s = page_before_sign_in(db_url)
    m = StyleMatcher(content, s)
    fill(m.rows[0])
    m.match_button.click()
    assert "Not saved yet" in m.result.value
    s.set_identity(Identity("Late Signer", None, "sign-in"))
    assert signed_in_session(db_url, "Late Signer").state("leading-teams")["style-matcher"]
