"""Lesson 07's budget arithmetic (course/engine/budget.py) and the sample data it runs on (assets/data/).

The lab checks learners against these functions, so they are tested by hand-worked examples, by
the rule that the three variance parts add up to the total, and the data by its own consistency.
"""
import math

import pytest

from course.engine import budget


@pytest.fixture(scope="module")
def frame():
    return budget.load_budget()


@pytest.fixture(scope="module")
def content(cat):
    return cat.operations


# --- the arithmetic ---------------------------------------------------------------------------

def test_ftes_from_paid_hours_count_the_days():
    assert budget.fte_hours_in(7) == pytest.approx(40)  # 2,080 hours = 40 a week
    assert budget.fte_hours_in(14) == pytest.approx(80)  # a two-week pay period
    assert budget.fte_hours_in(28) == pytest.approx(160) and budget.fte_hours_in(31) == pytest.approx(177.14, abs=0.01)
    assert budget.ftes(80 * 3, 14) == pytest.approx(3)  # a pay period of three full-timers
    assert budget.ftes(9050, 31) == pytest.approx(51.09, abs=0.01)  # 4 West's January
    # February (28 days) by days, against the average-month shortcut (x 12 / 2,080), which reads low:
    assert budget.ftes(8007, 28) == pytest.approx(50.04, abs=0.01)
    assert 8007 * 12 / 2080 == pytest.approx(46.19, abs=0.01)
    assert budget.weekly_fte(36) == pytest.approx(0.9)  # three 12-hour shifts a week
    assert budget.weekly_fte(24) == pytest.approx(0.6)
    with pytest.raises(ValueError):
        budget.ftes(100, 0)


def test_hppd_is_worked_hours_per_patient_day():
    # The textbook example: a 32-bed unit, 1 nurse : 4 patients, 8-hour shifts = 6 HPPD.
    nurses_per_shift, shifts, census = 8, 3, 32
    assert budget.hppd(nurses_per_shift * 8 * shifts, census) == 6
    assert budget.hppd(7802, 940) == pytest.approx(8.3)
    with pytest.raises(ValueError):
        budget.hppd(100, 0)


def test_flexible_budget_keeps_standards_and_changes_volume():
    assert budget.flexible_budget(940, 8.0, 40.60) == pytest.approx(305_312.0)
    assert budget.flexible_budget(0, 8.0, 40.60) == 0


def test_variance_split_hand_worked():
    # The budget-overrun scenario's quarter: 2,700 patient days at 8.0 HPPD and $75 budgeted,
    # 2,835 patient days, 23,247 hours at $78 actual.
    split = budget.variance_split(2700, 21_600, 1_620_000, 2835, 23_247, 23_247 * 78)
    assert split.flexible_budget == pytest.approx(1_701_000)
    assert split.volume == pytest.approx(81_000)
    assert split.efficiency == pytest.approx(42_525)
    assert split.rate == pytest.approx(69_741)
    assert split.total == pytest.approx(193_266)


def test_favourable_variances_are_negative():
    split = budget.variance_split(1000, 8000, 320_000, 900, 7000, 7000 * 39)
    assert split.volume < 0 and split.efficiency < 0 and split.rate < 0
    assert split.total == pytest.approx(7000 * 39 - 320_000)


@pytest.mark.parametrize("budget_volume, budget_hours, budget_cost, actual_volume, actual_hours, actual_cost", [
    (899, 7192, 291_995.20, 940, 7802, 349_400),
    (806, 6448, 261_788.80, 781, 6209, 251_460),
    (100, 650, 30_000, 130, 600, 21_000),
    (1, 1, 1, 3, 7, 5),
])
def test_parts_always_add_up_to_the_total(budget_volume, budget_hours, budget_cost, actual_volume, actual_hours,
                                         actual_cost):
    split = budget.variance_split(budget_volume, budget_hours, budget_cost, actual_volume, actual_hours, actual_cost)
    assert split.volume + split.efficiency + split.rate == pytest.approx(actual_cost - budget_cost)


def test_every_month_of_the_sample_adds_up(frame):
    for month in frame["month"]:
        row = budget.month_row(frame, month)
        split = budget.split_for(row)
        assert math.isclose(split.total, row["actual_worked_labor_cost"] - row["budget_worked_labor_cost"],
                            abs_tol=0.01), month


# --- the lab's inputs and answer key ----------------------------------------------------------------

def test_january_answer_key(frame, content):
    row = budget.month_row(frame, content.budget_lab.month)
    answers = budget.lab_answers(row)
    assert answers["ftes"] == pytest.approx(51.09, abs=0.01)  # 9,050 / (31 / 7 x 40)
    assert answers["actual_hppd"] == pytest.approx(8.30, abs=0.01)
    assert answers["flexible_budget"] == pytest.approx(305_312.00, abs=0.01)
    assert answers["volume_variance"] == pytest.approx(13_316.80, abs=0.01)
    assert answers["efficiency_variance"] == pytest.approx(11_449.20, abs=0.01)
    assert answers["rate_variance"] == pytest.approx(32_638.80, abs=0.01)
    assert set(answers) == set(budget.FIGURES)


def test_inputs_hold_no_answer(frame, content):
    row = budget.month_row(frame, content.budget_lab.month)
    inputs = budget.lab_inputs(row)
    assert set(inputs) == set(budget.INPUTS)
    shown = " ".join(inputs.values())
    for figure, value in budget.lab_answers(row).items():
        assert budget.format_figure(figure, value).lstrip("+") not in shown
    assert inputs["total_variance"] == "+$57,404.80" and inputs["budget_rate"] == "$40.60"
    assert inputs["month_name"] == "January 2026" and inputs["month_fte_hours"] == "177.1"
    assert inputs["weekly_fte_hours"] == "40" and inputs["pay_period_fte_hours"] == "80"


def test_format_figure():
    assert budget.format_figure("ftes", 52.2115) == "52.2"
    assert budget.format_figure("actual_hppd", 8.29999) == "8.30"
    assert budget.format_figure("flexible_budget", 305312) == "$305,312.00"
    assert budget.format_figure("rate_variance", -1234.5) == "−$1,234.50"
    assert budget.format_figure("volume_variance", 13316.8) == "+$13,316.80"


# --- the sample data -----------------------------------------------------------------------------

def test_sample_budget_is_consistent(frame, content):
    assert budget.consistency_problems(frame, content.unit.beds) == []
    assert len(frame) == 12 and frame["month"].is_unique
    assert list(frame["month"]) == sorted(frame["month"])
    assert frame["days_in_month"].sum() == 365


def test_budget_was_built_from_volume(frame):
    # Budgeted hours = budgeted patient days × one HPPD; budgeted cost = budgeted hours × one rate.
    assert set((frame["budget_worked_hours"] / frame["budget_patient_days"]).round(6)) == {8.0}
    assert set((frame["budget_worked_labor_cost"] / frame["budget_worked_hours"]).round(6)) == {40.6}


def test_actual_cost_matches_its_pay_rates(frame):
    regular = frame["actual_worked_hours"] - frame["actual_overtime_hours"] - frame["actual_agency_hours"]
    rebuilt = regular * 40 + frame["actual_overtime_hours"] * 60 + frame["actual_agency_hours"] * 95
    assert (rebuilt - frame["actual_worked_labor_cost"]).abs().max() < 0.01
    assert ((frame["actual_overtime_cost"] / frame["actual_overtime_hours"]).round(2) == 60).all()


def test_consistency_check_can_fail(frame, content):
    broken = frame.copy()
    broken.loc[0, "actual_paid_hours"] += 10
    broken.loc[1, "actual_overtime_hours"] = broken.loc[1, "actual_worked_hours"] + 1
    broken.loc[2, "actual_patient_days"] = 33 * 30
    problems = budget.consistency_problems(broken, content.unit.beds)
    assert any("paid hours are not worked" in p for p in problems)
    assert any("exceed worked hours" in p for p in problems)
    assert any("more patient days than 32 beds" in p for p in problems)


def test_files_say_they_are_fictional(content):
    for path in (budget.BUDGET_CSV, budget.KPI_CSV, budget.DATA_DIR / "README.md"):
        head = path.read_text(encoding="utf-8")[:600]
        assert "FICTIONAL TEACHING DATA" in head.upper(), path
    assert f"{content.unit.beds}-bed" in budget.BUDGET_CSV.read_text(encoding="utf-8")[:600]
    assert "fictional" in content.unit.note.lower()


def test_missing_or_damaged_file_is_a_readable_error(tmp_path):
    with pytest.raises(budget.BudgetDataError, match="could not be read"):
        budget.load_budget(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("month,days_in_month\n2026-01,31\n")
    with pytest.raises(budget.BudgetDataError, match="no column"):
        budget.load_budget(bad)
    with pytest.raises(budget.BudgetDataError, match="no month"):
        budget.month_row(budget.load_budget(), "2031-01")


# --- KPIs -----------------------------------------------------------------------------------------

def test_quarterly_kpis_come_from_both_files(frame):
    values = budget.quarterly_kpis(frame, budget.load_kpis())
    assert list(values) == ["Q1", "Q2", "Q3", "Q4"]
    q3 = frame[frame["month"].isin(["2026-01", "2026-02", "2026-03"])]
    assert values["Q3"]["overtime"] == pytest.approx(100 * q3["actual_overtime_hours"].sum()
                                                     / q3["actual_worked_hours"].sum())
    assert values["Q3"]["falls"] == pytest.approx(1000 * 7 / q3["actual_patient_days"].sum())
    assert values["Q1"]["length-of-stay"] == 4.5 and set(values["Q2"]) == set(budget.KPI_IDS)


def test_target_met():
    assert budget.target_met(3.0, 3.0, "lower") and not budget.target_met(3.1, 3.0, "lower")
    assert budget.target_met(75, 75, "higher") and not budget.target_met(74, 75, "higher")
    assert budget.target_met(8.2, 8.0, "none") is None
