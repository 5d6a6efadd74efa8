"""What the test learners type into the course's longer forms, and how: a change plan as a charge
nurse would write it (lesson 07's test and the whole-course journey both fill it in), and typing a
form's answers field by field, then finding them kept."""
from playwright.sync_api import expect

from . import person

CHANGE_PLAN = {
    "Where would you put this policy into practice?": "5 East cardiac step-down, nights first (28 beds)",
    "Why it matters to the staff who will do it": "Fewer surprises at 07:00 handoff, and patients hear one plan 🙂",
    "Who to involve, and who will champion it": "Night charge nurses, the educator Mariana López, and one champion a shift",
    "How you will communicate it": "Huddles on every shift for 2 weeks, plus a one-page summary",
    "Training and support": "15-minute role-play at skills day; champions coach at the bedside",
    "How you will measure adoption": "Observe 5 handoffs a shift; aim for 90% done at the bedside by week 4",
    "What could get in the way, and what you will do about it": "Admissions at shift change: the charge nurse covers",
}
REVIEW = ("When you will first review how it is going", "30 days after go-live")
SELECTED = "s => s.selectedOptions[0].textContent.replace(/\\u00a0/g, ' ')"  # ipywidgets uses no-break spaces


def type_answers(page, form, answers: dict, exact: bool = True, key_by_key: bool = True) -> None:
    """Type each answer ({field label: text}) into its field, key by key, as a person does
    (key_by_key=False: Playwright's fill, still only where a person can reach the field)."""
    for label, text in answers.items():
        field = form.get_by_label(label, exact=exact)
        if key_by_key:
            person.type_into(page, field, text)
        else:
            field.fill(text)


def expect_answers(form, answers: dict, exact: bool = True) -> None:
    """Each field ({field label: text}) shows what was typed into it."""
    for label, text in answers.items():
        expect(form.get_by_label(label, exact=exact)).to_have_value(text)


def fill_change_plan(page, plan, answers: dict = CHANGE_PLAN, key_by_key: bool = True) -> None:
    """Type the plan, field by field, and choose its first review."""
    type_answers(page, plan, answers, key_by_key=key_by_key)
    plan.get_by_label(REVIEW[0], exact=True).select_option(REVIEW[1])


def expect_change_plan(plan, answers: dict = CHANGE_PLAN) -> None:
    """The plan's fields show what was typed, and its first review what was chosen."""
    expect_answers(plan, answers)
    assert plan.get_by_label(REVIEW[0], exact=True).evaluate(SELECTED) == REVIEW[1]
