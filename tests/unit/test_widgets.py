"""Quiz, exercise and reflection logic, driven the way the browser drives them: set values, click."""

import typing

import pytest
from traitlets import TraitError

from course.identity import Identity
from course.engine.grading import score_for
from course.ui.learner.quiz import QuizItem
from course.ui.learner.reflection import Reflection
from course.ui.learner.sort import SortExerciseWidget

from .browser_state import browser_state
from .sessions import page_before_sign_in, signed_in_session


def make(item_id, cat, session):
    return QuizItem(cat.items[item_id], cat, session)


def test_single_choice_wrong_then_right(fixture_catalog, session):
    q = make("q-single", fixture_catalog, session)
    q.input.radio.value = "a"
    q.check_button.click()
    assert "Not quite" in q.feedback.value and "reason A" in q.feedback.value
    assert "reason B" not in q.feedback.value  # the answer is not revealed while tries remain
    assert not q.done and not q.input.radio.disabled
    q.input.radio.value = "b"
    q.check_button.click()
    assert q.done and q.correct and q.input.radio.disabled
    for reason in ("reason A", "reason B", "reason C"):  # every option explained at the end
        assert reason in q.feedback.value
    state = session.store().latest_state("alex kim", "alpha")["q-single"]
    assert state["correct"] is True and state["attempts"] == 2 and state["score"] == 0.5


def test_answer_shown_after_max_tries(fixture_catalog, session):
    q = make("q-single", fixture_catalog, session)
    for choice in ("a", "c"):
        q.input.radio.value = choice
        q.check_button.click()
    assert q.done and not q.correct
    assert "Right answer" in q.feedback.value and "Option B" in q.feedback.value
    q.check_button.click()  # no more attempts are recorded once done
    assert session.store().latest_state("alex kim")["q-single"]["attempts"] == 2


def test_key_never_reaches_the_browser(fixture_catalog, session):
    for item_id in ("q-single", "q-multi", "q-order"):
        text = browser_state(make(item_id, fixture_catalog, session))
        assert "correct" not in text.lower().replace("check answer", "")
        assert "because of reason" not in text and "belongs" not in text and "It starts" not in text
    num = browser_state(make("q-num", fixture_catalog, session))
    assert "110680" not in num and "110,680" not in num


def test_ordering_offered_shuffled(fixture_catalog, session):
    q = make("q-order", fixture_catalog, session)
    labels = [label for label, value in q.input.slots[0].options if value]
    assert labels != ["First", "Second", "Third"]


def test_value_not_offered_is_rejected(fixture_catalog, session, caplog):
    q = make("q-single", fixture_catalog, session)
    with pytest.raises(TraitError):
        q.input.radio.value = "z"  # the widget itself refuses values it does not offer
    q.input.radio._trait_values["value"] = "z"  # as if a tampered client slipped one past the trait
    q.check_button.click()
    assert q.attempts == 0 and "Choose one" in q.status.value
    assert "does not offer" in caplog.text
    assert "q-single" not in session.store().latest_state("alex kim")


def test_multiple_select(fixture_catalog, session):
    q = make("q-multi", fixture_catalog, session)
    q.check_button.click()
    assert "Select at least one" in q.status.value and q.attempts == 0
    q.input.boxes["a"].value = True
    q.check_button.click()
    assert "1 correct option is not selected yet" in q.feedback.value
    q.input.boxes["c"].value = True
    q.check_button.click()
    assert q.correct and q.done


def test_numeric_with_tolerance_units_and_direction(fixture_catalog, session):
    q = make("q-num", fixture_catalog, session)
    q.input.number.value = "ninety"
    q.check_button.click()
    assert q.attempts == 0 and "Could not read “ninety” as a number: type digits, e.g. 90." in q.status.value
    q.input.number.value = "$90,000"
    q.check_button.click()
    assert "Too low." in q.feedback.value
    q.input.number.value = "111,500"  # within 1,000 of 110,680
    q.check_button.click()
    assert q.correct and "Right." in q.feedback.value


def test_ordering(fixture_catalog, session):
    q = make("q-order", fixture_catalog, session)
    q.input.slots[0].value, q.input.slots[1].value, q.input.slots[2].value = "one", "one", "three"
    q.check_button.click()
    assert q.attempts == 0 and "different step" in q.status.value
    q.input.slots[0].value, q.input.slots[1].value, q.input.slots[2].value = "two", "one", "three"
    q.check_button.click()
    assert q.done and not q.correct  # max_tries is 1
    assert "It starts." in q.feedback.value and "It ends." in q.feedback.value


def test_scores():
    assert score_for(True, 1, 2) == 1.0
    assert score_for(True, 2, 2) == 0.5
    assert score_for(False, 1, 2) == 0.0


def test_state_restored_in_a_new_kernel(fixture_catalog, session, db_url):
    q = make("q-single", fixture_catalog, session)
    q.input.radio.value = "a"
    q.check_button.click()
    later = signed_in_session(db_url, "alex KIM ", source="link")  # a new kernel: nothing in memory
    q2 = make("q-single", fixture_catalog, later)
    assert q2.input.radio.value == "a" and q2.attempts == 1 and not q2.done
    assert "reason A" in q2.feedback.value
    q2.input.radio.value = "b"
    q2.check_button.click()
    assert q2.correct and later.store().latest_state("alex kim")["q-single"]["attempts"] == 2


def test_answers_before_sign_in_are_saved_after(fixture_catalog, db_url):
    s = page_before_sign_in(db_url)
    q = make("q-single", fixture_catalog, s)
    q.input.radio.value = "b"
    q.check_button.click()
    assert "Not saved yet" in q.feedback.value
    s.set_identity(Identity("Robin", None, "sign-in"))
    assert s.store().latest_state("robin")["q-single"]["correct"] is True


def test_broken_store_keeps_answers_on_the_page(fixture_catalog, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    s = signed_in_session(f"sqlite:///{blocker}/store.sqlite", "Robin", None)
    assert s.store_error and "cannot be opened" in s.store_error
    q = make("q-single", fixture_catalog, s)
    q.input.radio.value = "b"
    q.check_button.click()
    assert q.correct and "Not saved yet" in q.feedback.value and len(s.pending) == 1


def test_sort_exercise_and_inventory(fixture_catalog, session, db_url):
    ex = SortExerciseWidget(fixture_catalog.exercises["sorter"], session)
    ex.check_button.click()
    assert "Sort every duty" in ex.status.value
    assert ex.inventory_part is None  # not built, not sent, until the sorting is checked
    ex.selects["c1"].value, ex.selects["c2"].value = "clinician", "manager"
    ex.selects["c3"].value, ex.selects["c4"].value = "manager", "manager"
    ex.check_button.click()
    assert "3 of 4 sorted" in ex.feedback.value and "Charting vitals is clinical." in ex.feedback.value
    assert ex.inventory_part in ex.children  # part 2 is built once the sorting is checked
    assert set(ex.inventory) == {"c2", "c3"}
    ex.inventory["c3"].value = True
    ex.inventory_button.click()
    assert "1 of the 2" in ex.inventory_result.value and "Build a budget" in ex.inventory_result.value
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    again = SortExerciseWidget(fixture_catalog.exercises["sorter"], later)
    assert again.selects["c4"].value == "manager" and again.inventory["c3"].value is True


def test_reflection_saved_restored_and_limited(session, db_url):
    r = Reflection("alpha", "What did you learn?", session)
    r.save_button.click()
    assert "Write something first" in r.status.value
    r.text.value = "x" * 6000
    r.save_button.click()
    assert "under 5000" in r.status.value
    r.text.value = "<b>I learned</b>\x00 a lot"
    r.save_button.click()
    assert "Saved" in r.status.value
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    assert Reflection("alpha", "What did you learn?", later).text.value == "<b>I learned</b> a lot"


def test_a_refused_reflection_keeps_its_draft_across_a_reload(session, db_url):
    """Too long to save: the text stays on the page and in the store as a draft, comes back in a new
    kernel with the reason, and goes once a shorter version is saved."""
    text = "Handover at 7 went better 👩‍⚕️ with زهرا محمد\u200cزاده. " + "x" * 5000
    r = Reflection("alpha", "What did you learn?", session)
    r.text.value = text
    r.save_button.click()
    assert "Not saved yet" in r.status.value and r.text.value == text

    def reopened():
        later = signed_in_session(db_url, "Alex Kim", None, "link")
        return Reflection("alpha", "What did you learn?", later)

    again = reopened()
    assert again.text.value == text and f"under 5000 characters (now {len(text.strip())})" in again.status.value
    again.text.value = text[:60]
    again.save_button.click()
    assert "Saved" in again.status.value
    third = reopened()
    assert third.text.value == text[:60].strip() and "Your saved reflection is shown" in third.status.value


def test_every_item_kind_has_its_input_and_every_course_item_builds(cat, session):
    from course.schema.quiz import Item
    from course.ui.learner.quiz_inputs import INPUTS

    kinds = typing.get_args(typing.get_args(Item)[0])  # the union inside Annotated[Union[...], ...]
    assert set(INPUTS) == set(kinds)  # a new kind without its input class fails here, not on a page
    for item in cat.items.values():
        card = QuizItem(item, cat, session)
        assert card.input.label in card.prompt.value and card.input.controls, item.id


def test_a_step_or_tick_a_page_never_offered_is_refused(fixture_catalog, session, caplog):
    q = make("q-order", fixture_catalog, session)
    q.input.slots[0].value, q.input.slots[1].value = "two", "one"
    q.input.slots[2]._trait_values["value"] = "four"  # as if a tampered client slipped one past the trait
    q.check_button.click()
    assert q.attempts == 0 and "different step" in q.status.value and "does not offer" in caplog.text
    multi = make("q-multi", fixture_catalog, session)
    multi.input.boxes["a"]._trait_values["value"] = "yes"  # not a tick: only True is
    multi.check_button.click()
    assert multi.attempts == 0 and "Select at least one" in multi.status.value
    assert not {"q-order", "q-multi"} & set(session.store().latest_state("alex kim"))


def test_a_saved_answer_that_no_longer_fits_starts_the_item_afresh(fixture_catalog, session):
    session.record(lesson="alpha", item="q-order", kind="answer", response={"order": ["two", "one"]},
                   correct=False, score=0.0)  # the item had two steps then
    q = make("q-order", fixture_catalog, session)
    assert q.attempts == 0 and not q.done and [s.value for s in q.input.slots] == [None, None, None]
    assert not any(s.disabled for s in q.input.slots) and q.feedback.value == ""
