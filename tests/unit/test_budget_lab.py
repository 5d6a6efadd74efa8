"""Lesson 07's budget lab widget, driven as a learner would: wrong then right, tolerance, signs,
running out of tries, restoring in a new kernel; and no answer in anything the page can read
before the learner has answered."""
import re

import ipywidgets as w
import pytest

from course.engine import budget
from course.identity import Identity
from course.ui.learner.budget_lab import BudgetChart, BudgetData, BudgetStep, chart_html, data_html, item_id

from .browser_state import browser_state
from .sessions import page_before_sign_in, signed_in_session


@pytest.fixture(scope="module")
def content(cat):
    return cat.operations


@pytest.fixture(scope="module")
def frame():
    return budget.load_budget()


@pytest.fixture(scope="module")
def answers(frame, content):
    return budget.lab_answers(budget.month_row(frame, content.budget_lab.month))


def step(cat, content, session, step_id, frame):
    found = next(s for s in content.budget_lab.steps if s.id == step_id)
    return BudgetStep(found, content, cat, session, frame)


def answer_spellings(figure, value):
    """Ways an answer could show up in the page: formatted, rounded, raw."""
    spellings = {budget.format_figure(figure, value).lstrip("+−"), repr(value), f"{value:.2f}", f"{abs(value):,.2f}"}
    if figure == "ftes":
        spellings |= {f"{value:.1f}", f"{value:.2f}"}
    return spellings


# --- wrong, then right ----------------------------------------------------------------------------

def test_wrong_then_right_and_recorded(cat, content, session, frame, answers):
    lab = step(cat, content, session, "fte", frame)
    lab.boxes["ftes"].value = "44.0"  # worked hours instead of paid hours: a common slip
    lab.check_button.click()
    text = lab.feedback.value
    assert "Not quite. 2 more tries" in text and "lower than it should be" in text
    assert "The formula:" in text and "31 days ÷ 7 = the month" in text and "× 40 hours = 177.1 hours" in text
    assert "51.1" not in text and "Answer:" not in text  # not the answer yet
    assert not lab.done and not lab.check_button.disabled

    lab.boxes["ftes"].value = "51.1"
    lab.check_button.click()
    text = lab.feedback.value
    assert "Correct." in text and "Answer:</strong> Paid FTEs in the month 51.1" in text
    assert "9,050 ÷ 177.1 = 51.1 FTEs" in text  # the explanation, filled in
    assert "28-day February" in text and "0.9 FTE" in text
    assert lab.done and lab.check_button.disabled and lab.boxes["ftes"].disabled
    history = session.history(item_id("operations-toolkit", "fte"))
    assert [(e["kind"], e["correct"]) for e in history] == [("answer", False), ("answer", True)]
    assert history[-1]["response"]["values"] == {"ftes": 51.1}
    assert history[-1]["score"] == pytest.approx(2 / 3, abs=0.001)


# 52.2 is the average-month shortcut (x 12 / 2,080): wrong for a 31-day month.
@pytest.mark.parametrize("typed, right", [("51.1", True), ("51.09", True), ("51.0", True), ("51.25", False),
                                          ("51", True), ("52.2", False), ("50.9", False)])
def test_tolerance(cat, content, session, frame, typed, right):
    lab = step(cat, content, session, "fte", frame)
    lab.boxes["ftes"].value = typed
    lab.check_button.click()
    assert lab.correct is right


def test_money_can_be_typed_as_people_write_it(cat, content, session, frame):
    lab = step(cat, content, session, "flex", frame)
    lab.boxes["flexible_budget"].value = "$305,312"
    lab.check_button.click()
    assert lab.correct and "Correct on the first try" in lab.feedback.value


def test_variance_parts_are_judged_one_by_one(cat, content, session, frame, answers):
    lab = step(cat, content, session, "variance", frame)
    lab.boxes["volume_variance"].value = f"{answers['volume_variance']:.2f}"
    lab.boxes["efficiency_variance"].value = f"-{answers['efficiency_variance']:.2f}"  # sign reversed
    lab.boxes["rate_variance"].value = "30000"
    lab.check_button.click()
    text = lab.feedback.value
    assert not lab.correct
    assert "Volume variance:</strong> right" in text
    assert "Efficiency variance:</strong> the size is right but the sign is not" in text
    assert "Rate variance:</strong> your figure is lower" in text
    assert "13,316.80" not in text.replace(lab.boxes["volume_variance"].value, "")  # not revealed

    # The rate within its $50 tolerance: rounding the actual hourly rate first is forgiven.
    lab.boxes["efficiency_variance"].value = f"{answers['efficiency_variance']:.2f}"
    lab.boxes["rate_variance"].value = "32612.36"
    lab.check_button.click()
    assert lab.correct and "Volume +$13,316.80 + efficiency +$11,449.20 + rate +$32,638.80 = +$57,404.80" \
        in lab.feedback.value


def test_out_of_tries_shows_the_answer(cat, content, session, frame):
    lab = step(cat, content, session, "hppd", frame)
    for guess in ("9.6", "7", "8.5"):
        lab.boxes["actual_hppd"].value = guess
        lab.check_button.click()
    text = lab.feedback.value
    assert lab.done and not lab.correct
    assert "Not this time" in text and "Answer:</strong> Worked HPPD 8.30" in text
    assert "7,802 ÷ 940 = 8.30 worked hours per patient day" in text
    lab.boxes["actual_hppd"].value = "8.3"  # a click after the end changes nothing
    lab.check()
    assert len(session.history(item_id("operations-toolkit", "hppd"))) == 3


def test_blank_or_unreadable_input_is_not_an_attempt(cat, content, session, frame):
    lab = step(cat, content, session, "variance", frame)
    lab.boxes["volume_variance"].value = "13316.80"
    lab.check_button.click()
    assert "Efficiency variance: Type a number first. Rate variance: Type a number first." in lab.status.value
    lab.boxes["efficiency_variance"].value = "about eleven thousand"
    lab.boxes["rate_variance"].value = "9" * 500  # nothing an honest field would hold
    lab.check_button.click()
    assert "Efficiency variance: Could not read “about eleven thousand” as a number" in lab.status.value
    assert "Rate variance: “999" in lab.status.value and "too long to be a number" in lab.status.value
    assert "Volume variance" not in lab.status.value  # the box that was fine is not blamed
    assert lab.attempts == 0 and session.history(item_id("operations-toolkit", "variance")) == []


def test_figures_typed_with_units_dollars_and_commas_are_read(cat, content, session, frame, answers):
    lab = step(cat, content, session, "variance", frame)
    assert "Up to 3 tries; after the third the answer and how it is worked out are shown." in lab.prompt.value
    lab.boxes["volume_variance"].value = f"${answers['volume_variance']:,.2f}"
    lab.boxes["efficiency_variance"].value = f"{answers['efficiency_variance']:,.2f} dollars"
    lab.boxes["rate_variance"].value = "1,5"  # a decimal comma: refused, not read as 15
    lab.check_button.click()
    assert lab.attempts == 0 and "Rate variance: Could not read “1,5”: use a point for decimals" in lab.status.value
    lab.boxes["rate_variance"].value = f"+${answers['rate_variance']:,.0f}"
    lab.check_button.click()
    assert lab.correct and lab.attempts == 1


def test_counted_as_right_says_the_range_and_echoes_what_was_typed(cat, content, session, frame, answers):
    lab = step(cat, content, session, "fte", frame)
    typed = f"{answers['ftes']:.1f} FTEs"
    lab.boxes["ftes"].value = typed
    lab.check_button.click()
    assert lab.correct
    low, high = answers["ftes"] - 0.1, answers["ftes"] + 0.1
    assert (f"Counted as right: Paid FTEs in the month from {low:.1f} FTEs to {high:.1f} FTEs "
            f"(you typed “{typed}”).") in lab.feedback.value
    assert "ftes" not in lab.feedback.value  # never the lower-cased "paid ftes"


def test_try_this_again_works_the_step_afresh(cat, content, session, db_url, frame, answers):
    lab = step(cat, content, session, "hppd", frame)
    for guess in ("9.6", "7", "8.5"):
        lab.boxes["actual_hppd"].value = guess
        lab.check_button.click()
    assert lab.done and lab.again_button.layout.display is None
    lab.again_button.click()
    assert (lab.attempts, lab.done, lab.boxes["actual_hppd"].value, lab.feedback.value) == (0, False, "", "")
    assert not lab.boxes["actual_hppd"].disabled and lab.again_button.layout.display == "none"
    again = signed_in_session(db_url)
    restored = step(cat, content, again, "hppd", frame)
    assert restored.attempts == 0 and restored.boxes["actual_hppd"].value == ""  # afresh after a reload too
    restored.boxes["actual_hppd"].value = f"{answers['actual_hppd']:.2f} HPPD"
    restored.check_button.click()
    assert restored.correct and "Correct on the first try" in restored.feedback.value


# --- no answer in the page before answering ---------------------------------------------------------

def test_no_answer_in_widget_state_before_answering(cat, content, session, frame, answers):
    views = [step(cat, content, session, s.id, frame) for s in content.budget_lab.steps]
    views += [BudgetData(content, frame), BudgetChart(content, frame)]
    state = "\n".join(browser_state(v) for v in views)
    assert "9,050" in state and "$291,995.20" in state  # the givens are there
    for figure, value in answers.items():
        for spelling in answer_spellings(figure, value):
            assert spelling not in state, f"{figure} shows as {spelling!r} before it was answered"


def test_a_wrong_try_still_reveals_nothing(cat, content, session, frame, answers):
    lab = step(cat, content, session, "variance", frame)
    for box in lab.boxes.values():
        box.value = "1"
    lab.check_button.click()
    state = browser_state(lab)
    for figure, value in answers.items():
        for spelling in answer_spellings(figure, value):
            assert spelling not in state


def test_page_tables_escape_file_text(content, frame):
    hostile = '<img src=x onerror="alert(1)">'
    unit = content.unit.model_copy(update={"name": hostile, "note": hostile})
    tampered = content.model_copy(update={"unit": unit})
    html = data_html(frame, tampered) + chart_html(frame, tampered)
    assert hostile not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert 'role="region"' in html and 'tabindex="0"' in html  # the wide table scrolls by keyboard too
    assert "Jul 2025" in html and ">Year<" in html


def test_chart_has_alt_text_and_a_table_alternative(content, frame):
    html = chart_html(frame, content)
    assert 'alt="Bar chart of 4 West' in html and "most in January 2026 (+$57,405)" in html
    assert re.search(r'<p class="course-table-title" id="([^"]+)">The chart as a table.*<table aria-labelledby="\1"',
                     html), "the table is named by the title shown above it"
    assert "+$244,954" in html
    assert 'src="data:image/png;base64,' in html


# --- restoring --------------------------------------------------------------------------------------

def test_restored_in_a_new_session(cat, content, session, db_url, frame):
    lab = step(cat, content, session, "flex", frame)
    lab.boxes["flexible_budget"].value = "300000"
    lab.check_button.click()

    again = signed_in_session(db_url)
    restored = step(cat, content, again, "flex", frame)
    assert restored.attempts == 1 and not restored.done
    assert restored.boxes["flexible_budget"].value == "300000"
    assert "Not quite. 2 more tries" in restored.feedback.value and "305,312" not in restored.feedback.value
    restored.boxes["flexible_budget"].value = "305312"
    restored.check_button.click()
    assert restored.correct and restored.attempts == 2


def test_answers_before_sign_in_wait_and_restore_after(cat, content, db_url, frame):
    anon = page_before_sign_in(db_url)
    lab = step(cat, content, anon, "fte", frame)
    lab.boxes["ftes"].value = "51.1"
    lab.check_button.click()
    assert "Not saved yet" in lab.feedback.value
    anon.set_identity(Identity("Noor Later", None, "sign-in"))
    assert anon.pending == []  # written as soon as the learner signed in
    other = page_before_sign_in(db_url)
    fresh = step(cat, content, other, "fte", frame)
    assert fresh.attempts == 0
    other.set_identity(Identity("Noor Later", None, "sign-in"))  # restores on sign-in
    assert fresh.done and fresh.boxes["ftes"].value == "51.1"


def test_a_damaged_saved_answer_starts_afresh(cat, content, session, frame):
    session.record(lesson="operations-toolkit", item=item_id("operations-toolkit", "hppd"), kind="answer",
                   response={"values": {"something_else": 1}}, correct=False, score=0)
    lab = step(cat, content, session, "hppd", frame)
    assert lab.attempts == 0 and lab.feedback.value == ""


def test_facade_gives_a_message_for_an_unknown_step():
    import course

    message = course.budget_lab("no-such-step")
    assert "could not be shown" in repr(message)
    assert isinstance(course.budget_lab("fte"), (w.VBox, type(message)))
