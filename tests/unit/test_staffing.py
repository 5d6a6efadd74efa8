"""Lesson 09's staffing grid: the arithmetic (checked against lesson 07's worked example: 32 beds,
1:4, 8-hour shifts → 24 shift positions × 1.4 ≈ 33.6 FTEs), HPPD and paid time off, numbers read as
people type them, refused input named with the draft kept, tampered choices refused, and the grid
saved and restored in a new session."""
import pytest

from course.engine import staffing
from course.ui.learner.staffing_grid import StaffingGridWidget

from .sessions import signed_in_session

FTE = 2080
WORKED_EXAMPLE = {"unit": "", "beds": "32", "average_census": "32", "lowest_census": "", "method": "ratio",
                  "patients_per_nurse": "1:4", "hppd": "", "shift_hours": 8, "others_per_shift": "",
                  "pto_hours": ""}


def inputs(**changes):
    clean, problems = staffing.validate(dict(WORKED_EXAMPLE, **changes), FTE)
    assert problems == {}, problems
    return clean


# --- the arithmetic ---------------------------------------------------------------------------------------

def test_lesson_07s_worked_example_is_33_6_ftes():
    r = staffing.row(32, inputs(), FTE)
    assert (r.nurses, r.staff, r.positions) == (8, 8, 24)
    assert staffing.days_off_factor(8, FTE) == pytest.approx(1.4)
    assert r.ftes == pytest.approx(33.6) and r.ftes_with_pto == pytest.approx(33.6)
    # consistent with 6 HPPD × 32 × 365 ÷ 2,080 ≈ 33.7 (a 52-week year is 364 days)
    assert 6 * 32 * 365 / FTE == pytest.approx(33.7, abs=0.05)


def test_twelve_hour_shifts_need_the_same_ftes_from_fewer_positions():
    r = staffing.row(32, inputs(shift_hours=12), FTE)
    assert r.positions == 16 and staffing.days_off_factor(12, FTE) == pytest.approx(2.1)
    assert r.ftes == pytest.approx(33.6)
    assert staffing.full_time_fte(12, FTE) == pytest.approx(0.9) and staffing.full_time_fte(8, FTE) == 1.0


def test_a_ratio_rounds_up_to_whole_nurses():
    assert staffing.row(30, inputs(), FTE).nurses == 8  # 30 ÷ 4 = 7.5
    assert staffing.row(28, inputs(), FTE).nurses == 7  # exactly 7, not 8
    assert staffing.row(27.5, inputs(average_census="27.5"), FTE).nurses == 7


def test_paid_time_off_and_staff_without_patients():
    i = inputs(average_census="27.5", shift_hours=12, others_per_shift="1", pto_hours="160")
    r = staffing.row(27.5, i, FTE)
    assert (r.nurses, r.staff, r.positions) == (7, 8, 16)
    assert r.ftes == pytest.approx(33.6) and r.ftes_with_pto == pytest.approx(33.6 * 2080 / 1920)
    assert round(r.ftes_with_pto, 1) == 36.4
    with pytest.raises(ValueError):
        staffing.pto_factor(2080, FTE)


def test_hppd_funds_the_hours_and_staffs_whole_people():
    i = inputs(method="hppd", hppd="6", patients_per_nurse="")
    r = staffing.row(32, i, FTE)
    assert r.nurses_exact == pytest.approx(8) and r.nurses == 8 and r.ftes == pytest.approx(33.6)
    r = staffing.row(27.5, inputs(method="hppd", hppd="7.2", average_census="27.5"), FTE)
    assert r.nurses_exact == pytest.approx(8.25) and r.nurses == 9  # 27.5 × 7.2 ÷ 24, scheduled as 9
    assert r.ftes == pytest.approx(8.25 * 3 * 1.4)  # the budget funds 8.25, not 9


def test_the_grid_runs_from_the_lowest_census_to_every_bed():
    rows = staffing.grid(inputs(lowest_census="24"), FTE)
    assert [r.census for r in rows] == list(range(24, 33))
    assert [r.nurses for r in rows][:5] == [6, 7, 7, 7, 7]
    assert staffing.grid(inputs(), FTE)[0].census == 20  # left empty: 12 below the bed count


def test_the_explanation_uses_the_learners_own_figures():
    lines = staffing.explain(inputs(average_census="27.5", shift_hours=12, others_per_shift="1",
                                    pto_hours="160"), FTE)
    text = " ".join(lines)
    assert "27.5 ÷ 4 = 6.88, so 7 nurses" in text
    assert "8 × 2 = 16 shift positions" in text and "16 × 2.1 = 33.6 FTEs" in text
    assert "33.6 × 2,080 ÷ 1,920 = 36.4 FTEs to budget" in text
    assert "three 12-hour shifts a week is 36 hours, 0.9 FTE" in text


# --- what the learner typed ---------------------------------------------------------------------------------

@pytest.mark.parametrize("field, typed, message", [
    ("beds", "", "Type the number of beds"),
    ("beds", "32.5", "whole number"),
    ("beds", "32,5", "use a point for decimals (32.5)"),
    ("beds", "500", "from 1 to 120"),
    ("average_census", "40", "cannot be more than the 32 beds"),
    ("average_census", "0", "above 0"),
    ("average_census", "lots", "Could not read “lots” as a number: type digits"),
    ("lowest_census", "30", "at or below your average"),
    ("patients_per_nurse", "2:3", "such as 1:4"),
    ("patients_per_nurse", "20", "from 1 to 12"),
    ("patients_per_nurse", "", "Type the patients per nurse"),
    ("others_per_shift", "1.5", "whole number"),
    ("pto_hours", "2,080", "up to 520 hours"),
    ("pto_hours", "-8", "cannot be negative"),
    ("unit", "x" * 81, "under 80 characters"),
])
def test_each_refused_box_is_named_with_what_to_type(field, typed, message):
    raw = {**WORKED_EXAMPLE, "average_census": "28", field: typed}
    clean, problems = staffing.validate(raw, FTE)
    assert clean is None and list(problems) == [field] and message in problems[field], problems


def test_hppd_is_needed_only_for_the_hppd_method():
    clean, problems = staffing.validate(dict(WORKED_EXAMPLE, method="hppd"), FTE)
    assert list(problems) == ["hppd"]
    assert staffing.validate(dict(WORKED_EXAMPLE, hppd="junk"), FTE)[1] == {}  # ignored for a ratio


@pytest.mark.parametrize("field, value", [("method", "ratios"), ("method", None), ("shift_hours", "8"),
                                          ("shift_hours", 10)])
def test_choices_the_form_does_not_offer_are_refused(field, value):
    clean, problems = staffing.validate(dict(WORKED_EXAMPLE, **{field: value}), FTE)
    assert clean is None and field in problems


def test_the_unit_name_is_cleaned():
    clean = inputs(unit="  5 East \u202e <b>med</b>\x00  ")
    assert clean.unit == "5 East <b>med</b>"


# --- the widget ---------------------------------------------------------------------------------------------

def fill(widget, values):
    for fid, value in values.items():
        widget.inputs[fid].value = value


def test_a_refused_grid_keeps_the_draft_and_names_the_box(cat, session):
    widget = StaffingGridWidget(cat.staffing, cat, session)
    fill(widget, dict(WORKED_EXAMPLE, average_census="27,5", unit="5 East"))
    widget.button.click()
    assert "1 box needs attention" in widget.status.value
    assert "Average census:</strong> Could not read “27,5”: use a point for decimals (27.5)" in widget.status.value
    assert widget.inputs["average_census"].value == "27,5" and widget.inputs["unit"].value == "5 East"
    assert widget.output.value == "" and session.history(staffing.item_id("people-staffing")) == []


def test_a_worked_grid_is_shown_saved_and_restored(cat, session, db_url):
    widget = StaffingGridWidget(cat.staffing, cat, session)
    fill(widget, dict(WORKED_EXAMPLE, unit='5 East <img src=x onerror="alert(1)">', pto_hours="160"))
    widget.button.click()
    assert "Staffing worked out. Saved to your progress." in widget.status.value
    html = widget.output.value
    assert "8 staff on every shift and 36.4 FTEs at your average census" in html
    assert "24 × 1.4 = 33.6 FTEs" in html and "<img src=x" not in html and "&lt;img src=x" in html
    assert "1 licensed nurse to 5 patients" in html  # the California fact, with its source
    assert "not legal advice" in html
    saved = session.history(staffing.item_id("people-staffing"))[-1]["response"]
    assert saved["result"] == {"staff_per_shift": 8, "positions_per_day": 24, "ftes": 33.6, "ftes_with_pto": 36.4}

    again = signed_in_session(db_url)
    restored = StaffingGridWidget(cat.staffing, cat, again)
    assert restored.inputs["beds"].value == "32" and restored.inputs["patients_per_nurse"].value == "4"
    assert restored.inputs["shift_hours"].value == 8 and restored.inputs["method"].value == "ratio"
    assert "36.4 FTEs" in restored.output.value and "Your saved grid" in restored.status.value


def test_the_method_shows_only_the_box_it_needs(cat, session):
    widget = StaffingGridWidget(cat.staffing, cat, session)
    widget.inputs["method"].value = "hppd"
    assert widget.rows["patients_per_nurse"].layout.display == "none" and widget.rows["hppd"].layout.display is None
    widget.inputs["method"].value = "ratio"
    assert widget.rows["hppd"].layout.display == "none"


def test_a_tampered_choice_is_refused_and_logged(cat, session, caplog):
    widget = StaffingGridWidget(cat.staffing, cat, session)
    fill(widget, WORKED_EXAMPLE)
    widget.inputs["method"]._trait_values["value"] = "everything"  # what a forged message could set
    widget.button.click()
    assert "How does your unit set staffing?" in widget.status.value
    assert "does not offer" in caplog.text and session.history(staffing.item_id("people-staffing")) == []
