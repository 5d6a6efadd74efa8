"""Lesson 06's SBAR exercise: checking a draft, the three steps in order, the model answer kept out
of every widget's state until it is revealed, hostile drafts shown as text, restoring in a new
kernel, and the checklist that must cover every part (other bad sbar.yaml: test_bad_content.py)."""
import json

import ipywidgets.widgets.widget as widget_module
import pytest

from course.identity import Identity
from course.engine.sbar import PARTS, validate_draft
from course.ui.common import esc
from course.ui.learner.sbar import CHECKLIST_SUFFIX, REVEAL_SUFFIX, SbarExercise

from .content_edits import named, problems
from .sessions import page_before_sign_in, signed_in_session

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
GOOD = {
    "situation": "6 North is five infusion pumps short, and a dose started late last night.",
    "background": "Biomed pulled five pumps on Friday; batteries are back-ordered.\nWe borrow pumps every shift.",
    "assessment": "I think we will run short again this afternoon when surgery sends four patients.",
    "recommendation": "Please approve renting five pumps today; I will report back on Friday at noon.",
}


@pytest.fixture(scope="module")
def content(cat):
    return cat.sbar


def write(ex, draft=GOOD):
    for part, text in draft.items():
        ex.fields[part].value = text


def model_texts(content):
    """The model answer and its notes, as written and as escaped for HTML (either would give it away)."""
    texts = [m.text for m in content.model_answer] + [m.why for m in content.model_answer]
    return texts + [esc(t) for t in texts]


def states_of(widgets) -> str:
    """Everything these widgets would send to the browser, as one string."""
    return json.dumps([wid.get_state() for wid in widgets], default=str)


def new_widgets(before: set):
    return [wid for key, wid in list(widget_module._instances.items()) if key not in before]


# --- checking a draft -----------------------------------------------------------------------

def test_a_good_draft_is_cleaned(content):
    draft, problems = validate_draft({**GOOD, "situation": "  " + GOOD["situation"] + "\x00 \n"}, content)
    assert problems == [] and draft["situation"] == GOOD["situation"]
    assert draft["background"] == GOOD["background"]  # the learner's line breaks are kept


@pytest.mark.parametrize("part, value, message", [
    ("situation", "", "at least a sentence"),
    ("assessment", "   short  ", "at least a sentence"),
    ("situation", "s" * 301, "under 300 characters (now 301)"),
    ("background", "b" * 901, "under 900 characters (now 901)"),
    ("recommendation", None, "could not be read"),
    ("assessment", 42, "could not be read"),
    ("background", ["a", "list"], "could not be read"),
])
def test_bad_parts_are_refused_with_a_reason(content, part, value, message):
    draft, problems = validate_draft({**GOOD, part: value}, content)
    assert draft is None
    label = content.part(part).label
    assert any(p.startswith(label) and message in p for p in problems), problems


def test_a_missing_part_and_a_non_mapping_are_refused(content):
    draft, problems = validate_draft({k: v for k, v in GOOD.items() if k != "assessment"}, content)
    assert draft is None and any("A: Assessment" in p for p in problems)
    assert validate_draft("S B A R", content) == (None, ["The draft could not be read."])


# --- the three steps ------------------------------------------------------------------------

def test_steps_two_and_three_wait_and_the_model_answer_is_nowhere_in_widget_state(content, session):
    before = set(widget_module._instances)
    ex = SbarExercise(content, session)
    created = new_widgets(before)
    assert ex.model in created and ex.step3 in created
    assert ex.step2.layout.display == "none" and ex.step3.layout.display == "none"
    state = states_of(created)
    for text in model_texts(content):
        assert text not in state
    assert "Why it works" not in state

    write(ex)
    ex.save_button.click()
    ex.check_button.click()
    state = states_of(new_widgets(before))
    assert all(text not in state for text in model_texts(content))  # still hidden before the reveal

    ex.reveal_button.click()
    state = states_of(new_widgets(before))
    assert all(esc(m.text) in ex.model.value for m in content.model_answer)
    assert esc(content.model_answer[0].text) in state  # now, and only now, it is on its way to the page


def test_an_incomplete_draft_is_not_saved_and_says_what_to_fix(content, session):
    ex = SbarExercise(content, session)
    write(ex, {**GOOD, "recommendation": "", "situation": "s" * 400})
    ex.save_button.click()
    assert "R: Recommendation" in ex.draft_problems.value and "now 400" in ex.draft_problems.value
    assert ex.step2.layout.display == "none"
    assert set(session.state("communication")) == {"sbar-pumps/draft"}  # what was written, as a draft only
    again = SbarExercise(content, signed_in_session(session.store_url))  # a reload: the refused text comes back
    assert again.fields["situation"].value == "s" * 400 and again.fields["background"].value == GOOD["background"]
    assert "now 400" in again.draft_problems.value and "kept here" in again.draft_status.value
    assert again.step2.layout.display == "none"


def test_the_full_flow_saves_the_draft_the_ticks_and_the_reveal(content, session):
    ex = SbarExercise(content, session)
    write(ex)
    ex.save_button.click()
    assert "Saved to your progress" in ex.draft_status.value
    assert ex.step2.layout.display is None and ex.step3.layout.display == "none"
    ex.ticks["s-headline"].value = True
    ex.ticks["r-specific"].value = True
    ex.check_button.click()
    assert "yes to 2 of 10" in ex.guidance.value
    for item in content.checklist:  # every question comes back with its guidance
        assert esc(item.guidance) in ex.guidance.value
    assert ex.guidance.value.count("Not yet:") == 8
    assert ex.step3.layout.display is None
    ex.reveal_button.click()
    assert "course-sbar-compare" in ex.model.value and ex.reveal_button.disabled

    state = session.state("communication")
    assert state["sbar-pumps"]["response"] == {"draft": GOOD}
    assert state["sbar-pumps" + CHECKLIST_SUFFIX]["response"] == {"ticked": ["s-headline", "r-specific"]}
    assert state["sbar-pumps" + CHECKLIST_SUFFIX]["score"] == 0.2
    assert state["sbar-pumps" + REVEAL_SUFFIX]["response"] == {"revealed": True}


def test_a_tampered_page_cannot_skip_ahead(content, session):
    ex = SbarExercise(content, session)
    ex.reveal_button.click()  # hidden, but a modified page could still send the click
    ex.check_button.click()
    assert ex.model.value == "" and "first" in ex.reveal_status.value
    assert "Save your draft first" in ex.guidance.value
    assert session.state("communication") == {}

    write(ex)
    ex.save_button.click()
    ex.reveal_button.click()  # a draft, but the checklist has not been gone through
    assert ex.model.value == ""
    assert set(session.state("communication")) == {"sbar-pumps"}


def test_a_hostile_draft_is_shown_as_text_everywhere(content, session):
    ex = SbarExercise(content, session)
    write(ex, {part: f"{HOSTILE} {part} text" for part in PARTS})
    ex.save_button.click()
    ex.check_button.click()
    ex.reveal_button.click()
    html = ex.model.value
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert html.count("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;") == 4
    for box in (ex.draft_status, ex.draft_problems, ex.guidance, ex.reveal_status):
        assert "<script" not in box.value


def test_editing_after_the_reveal_updates_the_comparison(content, session):
    ex = SbarExercise(content, session)
    write(ex)
    ex.save_button.click()
    ex.check_button.click()
    ex.reveal_button.click()
    ex.fields["situation"].value = "6 North has five pumps out of service; I need a decision today."
    ex.save_button.click()
    assert "I need a decision today" in ex.model.value
    assert len(session.history("sbar-pumps" + REVEAL_SUFFIX)) == 1  # revealed once, recorded once


def test_restored_in_a_new_session_after_the_reveal(content, db_url):
    ex = SbarExercise(content, signed_in_session(db_url))
    write(ex)
    ex.save_button.click()
    ex.ticks["b-no-opinion"].value = True
    ex.check_button.click()
    ex.reveal_button.click()

    again = SbarExercise(content, signed_in_session(db_url))  # a new kernel: a new session, the same store
    assert {p: again.fields[p].value for p in PARTS} == GOOD
    assert again.ticks["b-no-opinion"].value is True and again.ticks["s-headline"].value is False
    assert "yes to 1 of 10" in again.guidance.value
    assert esc(content.model_answer[3].text) in again.model.value
    assert again.step2.layout.display is None and again.step3.layout.display is None


def test_restored_draft_without_a_reveal_keeps_the_model_hidden(content, db_url):
    ex = SbarExercise(content, signed_in_session(db_url))
    write(ex)
    ex.save_button.click()

    before = set(widget_module._instances)
    again = SbarExercise(content, signed_in_session(db_url))
    assert again.fields["assessment"].value == GOOD["assessment"]
    assert again.step2.layout.display is None and again.step3.layout.display == "none"
    assert all(text not in states_of(new_widgets(before)) for text in model_texts(content))


def test_a_damaged_saved_draft_is_ignored_and_a_reveal_alone_shows_nothing(content, db_url):
    s = signed_in_session(db_url)
    s.record(lesson="communication", item="sbar-pumps", kind="exercise", response={"draft": {"situation": 5}})
    s.record(lesson="communication", item="sbar-pumps" + REVEAL_SUFFIX, kind="exercise",
             response={"revealed": True})
    ex = SbarExercise(content, signed_in_session(db_url))
    assert ex.fields["situation"].value == "" and ex.model.value == ""
    assert ex.step2.layout.display == "none"


def test_a_draft_written_before_sign_in_is_kept_and_saved_after(content, db_url):
    s = page_before_sign_in(db_url)
    ex = SbarExercise(content, s)
    write(ex)
    ex.save_button.click()
    assert "Not saved yet" in ex.draft_status.value
    s.set_identity(Identity("Late Signer", None, "sign-in"))
    assert signed_in_session(db_url, "Late Signer").state("communication")["sbar-pumps"]["response"] == {"draft": GOOD}


# --- bad content ----------------------------------------------------------------------------


def test_a_part_with_no_checklist_question_is_reported(content_dir):
    path = content_dir / "sbar.yaml"
    path.write_text(path.read_text().replace("    part: assessment\n", "    part: whole\n"))  # every one
    found = problems(content_dir)
    assert named(found, "sbar.yaml", "no question checks the assessment", "checklist"), found


def test_the_facade_call_is_not_shadowed_by_a_module():
    import course
    import course.engine.sbar  # noqa: F401  (importing the content module must not replace course.sbar)
    import course.ui.learner.sbar  # noqa: F401

    assert callable(course.sbar) and course.sbar.__module__ == "course"
