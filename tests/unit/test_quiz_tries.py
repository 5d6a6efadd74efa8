"""Self-checks: one rule for tries, said before the first one; what cannot be read is not a try; "Try this
again" starts an item afresh (the mentor keeps first tries); hints are sent only when asked for."""
import re

from course.mentor import analytics

from course.mentor import item_stats, learner_record
from course.schema.base import MAX_TRIES
from course.engine.progress import lesson_progress
from course.ui.learner.quiz import QuizItem, tries_rule

from .browser_state import browser_state
from .sessions import signed_in_session


def test_every_self_check_and_budget_step_of_the_course_allows_three_tries(cat):
    assert {item.max_tries for item in cat.items.values()} == {MAX_TRIES} == {3}
    assert {step.max_tries for step in cat.operations.budget_lab.steps} == {3}


def test_the_rule_is_shown_before_the_first_try(fixture_catalog, session):
    q = QuizItem(fixture_catalog.items["q-multi"], fixture_catalog, session)
    assert "Up to 3 tries; after the third the answer and the reasons are shown." in q.prompt.value
    assert tries_rule(2) == "Up to 2 tries; after the second the answer and the reasons are shown."
    assert tries_rule(1) == "One try; after it the answer and the reasons are shown."


def test_an_unreadable_entry_is_not_a_try_and_the_old_verdict_goes(fixture_catalog, session):
    q = QuizItem(fixture_catalog.items["q-num"], fixture_catalog, session)
    q.input.number.value = "$90,000 a year"
    q.check_button.click()
    assert q.attempts == 1 and "Too low." in q.feedback.value
    q.input.number.value = "six"
    q.check_button.click()
    assert q.attempts == 1 and q.feedback.value == ""  # the ✗ for the earlier answer is gone
    assert "Could not read “six” as a number: type digits, e.g. 6." in q.status.value
    assert q.input.number.value == "six"  # what was typed stays in the box
    assert session.store().latest_state("alex kim")["q-num"]["attempts"] == 1
    q.input.number.value = "$110,680 a year"
    q.check_button.click()
    assert q.correct and q.attempts == 2
    assert session.store().latest_state("alex kim")["q-num"]["response"]["text"] == "$110,680 a year"


def test_try_this_again_starts_afresh_and_the_mentor_keeps_the_first_try(fixture_catalog, session, db_url):
    q = QuizItem(fixture_catalog.items["q-single"], fixture_catalog, session)  # max_tries 2 in the fixture
    assert not q.offers("again")  # only a finished item can be tried again
    q.try_again()
    assert q.attempts == 0 and "q-single" not in session.store().latest_state("alex kim")
    for choice in ("a", "c"):
        q.input.radio.value = choice
        q.check_button.click()
    assert q.done and not q.correct and q.input.radio.disabled
    assert q.offers("again") and "course-quiz-done" in q._dom_classes
    q.again_button.click()
    assert (q.attempts, q.done, q.input.radio.value, q.feedback.value) == (0, False, None, "")
    assert not q.input.radio.disabled and not q.check_button.disabled and q.check_button.description == "Check answer"
    assert "course-quiz-done" not in q._dom_classes and not q.offers("again")
    assert "Up to 2 tries" in q.status.value
    progress = lesson_progress(fixture_catalog, "alpha", session.state("alpha"))
    assert progress.items_answered == 0  # the learner's progress follows the new run

    reloaded = QuizItem(fixture_catalog.items["q-single"], fixture_catalog, signed_in_session(db_url))
    assert reloaded.input.radio.value is None and reloaded.attempts == 0 and not reloaded.done  # afresh after a reload
    reloaded.input.radio.value = "b"
    reloaded.check_button.click()
    assert reloaded.correct and "on the first try" in reloaded.feedback.value
    state = session.store().latest_state("alex kim")["q-single"]
    assert state["attempts"] == 1 and state["score"] == 1.0
    assert lesson_progress(fixture_catalog, "alpha", session.store().latest_state("alex kim")).items_correct == 1

    data = analytics.load_cohort(session.store(), "spring-2027")
    first = item_stats.item_analysis(data, fixture_catalog).set_index("item").loc["q-single"]
    assert first["first_try_share"] == 0.0 and first["top_wrong"] == "Option A"  # the first answer ever


def test_a_hint_is_sent_only_when_asked_recorded_and_shown_to_the_mentor(fixture_catalog, session, db_url):
    hint = fixture_catalog.items["q-num"].hint
    q = QuizItem(fixture_catalog.items["q-num"], fixture_catalog, session)
    assert q.offers("hint") and hint not in browser_state(q)
    no_hint = QuizItem(fixture_catalog.items["q-single"], fixture_catalog, session)
    assert not no_hint.offers("hint") and no_hint.hint_button is None  # not even made
    q.hint_button.click()
    assert hint in q.hint_box.value and hint in q.message.value and not q.offers("hint") and q.attempts == 0
    q.hint_button.click()  # asked twice: recorded once
    events = session.store().events_for("alex kim", "q-num/hint")
    assert [e["kind"] for e in events] == ["hint"]

    again = QuizItem(fixture_catalog.items["q-num"], fixture_catalog, signed_in_session(db_url))
    assert hint in again.hint_box.value  # asked for before: shown again after a reload
    again.input.number.value = "110680"
    again.check_button.click()
    assert again.correct and again.offers("again")
    again.try_again()
    assert again.hint_box.value == "" and again.offers("hint")  # a new run, no hint yet
    assert hint not in browser_state(QuizItem(fixture_catalog.items["q-num"], fixture_catalog,
                                              signed_in_session(db_url)))

    data = analytics.load_cohort(session.store(), "spring-2027")
    row = next(a for a in learner_record.learner_detail(data, fixture_catalog, "alex kim")["answers"]
               if a["item"] == "q-num")
    assert row["hints"] == 1 and row["runs"] == 2 and row["tries"] == 1


def test_text_and_emoji_in_a_number_box_are_refused_not_counted(fixture_catalog, session):
    q = QuizItem(fixture_catalog.items["q-num"], fixture_catalog, session)
    for typed in ("👩‍⚕️", "about a hundred thousand", "110,680 euros", "110.680,00"):
        q.input.number.value = typed
        q.check_button.click()
        assert q.attempts == 0 and "Could not read" in q.status.value, typed
    assert "q-num" not in session.store().latest_state("alex kim")


def test_every_lesson_has_hints_on_its_harder_self_checks_and_no_hint_gives_the_answer_away(cat):
    for lesson in cat.course.lessons:
        hinted = [cat.items[i] for i in cat.lesson_items(lesson.id) if cat.items[i].hint]
        assert len(hinted) >= 2, lesson.id
    for item in cat.items.values():
        if not item.hint:
            continue
        if item.kind == "numeric":
            answer = cat.answer_of(item)
            for spelling in {f"{answer:g}", f"{answer:,.10g}", f"{answer:,.0f}"}:  # as a number of its own
                assert not re.search(rf"(?<![\w.,]){re.escape(spelling)}(?![\w]|[.,]\d)", item.hint), (item.id, spelling)
        if item.kind == "ordering":
            assert sum(step.text in item.hint for step in item.steps) < 2, item.id
        if item.kind in ("multiple", "single"):
            assert sum(option.text in item.hint for option in item.options) == 0, item.id
