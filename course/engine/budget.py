"""Lesson 07's budget arithmetic on the sample unit budget (assets/data/): pure pandas, no widgets.

FTEs for a period of days, hours per patient day (HPPD), a flexible budget and the split of a labor-cost variance into
volume, efficiency (quantity) and rate (price) parts. The budget lab checks a learner's figures
against these functions, so they are the single answer key. pandas is imported inside the
functions that read data, so `import course` stays light.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.paths import DATA_DIR
from course.schema.operations import FIGURES, INPUTS, KPI_IDS  # noqa: F401 (the lab's vocabulary, named once there)
BUDGET_CSV = DATA_DIR / "unit-budget.csv"
KPI_CSV = DATA_DIR / "unit-kpis.csv"

WEEKS_PER_YEAR = 52  # 2,080 paid hours = 40 hours x 52 weeks
DAYS_PER_WEEK = 7
PAY_PERIOD_DAYS = 14  # a two-week pay period, the most common in US payroll
QUARTERS = {"Q1": (7, 8, 9), "Q2": (10, 11, 12), "Q3": (1, 2, 3), "Q4": (4, 5, 6)}  # a July-June fiscal year
MEASURES = ("patient_days", "worked_hours", "nonproductive_hours", "paid_hours", "overtime_hours",
            "agency_hours", "worked_labor_cost", "overtime_cost", "agency_cost", "nonproductive_labor_cost",
            "supply_cost")
COLUMNS = ["month", "days_in_month"] + [f"{side}_{m}" for m in MEASURES for side in ("budget", "actual")]
KPI_COLUMNS = ["quarter", "months", "average_length_of_stay_days", "falls", "rn_turnover_annualized_pct",
               "would_recommend_pct"]


class BudgetDataError(Exception):
    """The sample data is missing or does not have the expected shape."""


# --- reading ---------------------------------------------------------------------------------

def load_budget(path: Path | str = BUDGET_CSV):
    """The monthly budget as a DataFrame, one row per month, in file order."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, comment="#", dtype={"month": str})
    except (OSError, ValueError) as exc:
        raise BudgetDataError(f"The sample budget could not be read ({exc.__class__.__name__}).") from exc
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise BudgetDataError(f"The sample budget has no column '{missing[0]}'.")
    if frame.empty or frame[COLUMNS[1:]].isna().any().any():
        raise BudgetDataError("The sample budget has empty cells.")
    return frame[COLUMNS]


def load_kpis(path: Path | str = KPI_CSV):
    import pandas as pd

    try:
        frame = pd.read_csv(path, comment="#")
    except (OSError, ValueError) as exc:
        raise BudgetDataError(f"The sample KPI file could not be read ({exc.__class__.__name__}).") from exc
    missing = [c for c in KPI_COLUMNS if c not in frame.columns]
    if missing:
        raise BudgetDataError(f"The sample KPI file has no column '{missing[0]}'.")
    return frame[KPI_COLUMNS]


def month_row(frame, month: str) -> dict:
    """One month's row as plain numbers ({column: value})."""
    rows = frame[frame["month"] == month]
    if rows.empty:
        raise BudgetDataError(f"The sample budget has no month '{month}'.")
    return {k: (v if k == "month" else float(v)) for k, v in rows.iloc[0].to_dict().items()}


def totals(frame) -> dict:
    """The whole year: every numeric column summed."""
    return {c: float(frame[c].sum()) for c in COLUMNS[1:]}


# --- the arithmetic --------------------------------------------------------------------------

def fte_hours_in(days: float, fte_hours: float = 2080) -> float:
    """The paid hours of one FTE over a period of `days` calendar days.

    One FTE is `fte_hours` paid hours a year (2,080 = 40 h x 52 weeks), so 40 hours a week and
    80 in a two-week pay period. A month counts its own days: 28 days are 160 hours, 31 days
    177.1. (Dividing a month's hours by a twelfth of 2,080 instead treats every month as average,
    which makes a short month look understaffed.)
    """
    if days <= 0 or fte_hours <= 0:
        raise ValueError("days and fte_hours must be positive")
    return fte_hours / WEEKS_PER_YEAR / DAYS_PER_WEEK * days


def ftes(paid_hours: float, days: float, fte_hours: float = 2080) -> float:
    """Paid hours over a period of `days` calendar days, expressed as full-time equivalents."""
    return paid_hours / fte_hours_in(days, fte_hours)


def weekly_fte(hours_a_week: float, fte_hours: float = 2080) -> float:
    """The FTE of a position paid `hours_a_week` (three 12-hour shifts, 36 hours, are 0.9 FTE)."""
    return hours_a_week / (fte_hours / WEEKS_PER_YEAR)


def hppd(worked_hours: float, patient_days: float) -> float:
    """Hours per patient day: nursing hours worked ÷ patient days (over a day, the census)."""
    if patient_days <= 0:
        raise ValueError("patient days must be positive")
    return worked_hours / patient_days


def rate(cost: float, hours: float) -> float:
    """Average cost per hour."""
    if hours <= 0:
        raise ValueError("hours must be positive")
    return cost / hours


def flexible_budget(actual_volume: float, budget_hppd: float, budget_rate: float) -> float:
    """What the budget would have allowed for the volume that actually happened."""
    return actual_volume * budget_hppd * budget_rate


@dataclass(frozen=True)
class VarianceSplit:
    """A labor-cost variance (actual − budget; positive = spent more than budgeted), in three parts."""

    flexible_budget: float
    volume: float  # more or fewer patient days than budgeted, at budgeted hours and rate
    efficiency: float  # more or fewer hours per patient day than budgeted, at the budgeted rate
    rate: float  # more or less paid per hour than budgeted, on the hours actually worked

    @property
    def total(self) -> float:
        return self.volume + self.efficiency + self.rate


def variance_split(budget_volume: float, budget_hours: float, budget_cost: float,
                   actual_volume: float, actual_hours: float, actual_cost: float) -> VarianceSplit:
    """Split actual − budget cost into volume, efficiency (quantity) and rate (price) variances.

    The three parts add up to the total variance exactly:
      volume     = flexible budget − budget
      efficiency = (actual hours − actual volume × budget HPPD) × budget rate
      rate       = (actual rate − budget rate) × actual hours = actual cost − actual hours × budget rate
    """
    b_hppd, b_rate = hppd(budget_hours, budget_volume), rate(budget_cost, budget_hours)
    flexed = flexible_budget(actual_volume, b_hppd, b_rate)
    return VarianceSplit(
        flexible_budget=flexed,
        volume=flexed - budget_cost,
        efficiency=(actual_hours - actual_volume * b_hppd) * b_rate,
        rate=actual_cost - actual_hours * b_rate,
    )


def split_for(row: dict) -> VarianceSplit:
    """The worked-labor-cost variance of one month (or of totals()) of the sample budget."""
    return variance_split(row["budget_patient_days"], row["budget_worked_hours"], row["budget_worked_labor_cost"],
                          row["actual_patient_days"], row["actual_worked_hours"], row["actual_worked_labor_cost"])


# --- what the budget lab asks, and its answer key ---------------------------------------------

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def month_name(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def lab_inputs(row: dict, fte_hours: float = 2080) -> dict[str, str]:
    """The given figures of one month, formatted for the lab's prompts: safe to show before answering."""
    split = split_for(row)
    money = lambda v: f"${v:,.2f}"  # noqa: E731
    count = lambda v: f"{v:,.0f}"  # noqa: E731
    return {
        "month_name": month_name(row["month"]),
        "days_in_month": count(row["days_in_month"]),
        "budget_patient_days": count(row["budget_patient_days"]),
        "actual_patient_days": count(row["actual_patient_days"]),
        "budget_worked_hours": count(row["budget_worked_hours"]),
        "actual_worked_hours": count(row["actual_worked_hours"]),
        "actual_nonproductive_hours": count(row["actual_nonproductive_hours"]),
        "actual_paid_hours": count(row["actual_paid_hours"]),
        "budget_worked_labor_cost": money(row["budget_worked_labor_cost"]),
        "actual_worked_labor_cost": money(row["actual_worked_labor_cost"]),
        "budget_hppd": f"{hppd(row['budget_worked_hours'], row['budget_patient_days']):.2f}",
        "budget_rate": money(rate(row["budget_worked_labor_cost"], row["budget_worked_hours"])),
        "total_variance": f"{'+' if split.total >= 0 else '−'}${abs(split.total):,.2f}",
        "fte_hours": count(fte_hours),
        "weekly_fte_hours": f"{fte_hours / WEEKS_PER_YEAR:,.0f}",
        "pay_period_fte_hours": f"{fte_hours_in(PAY_PERIOD_DAYS, fte_hours):,.0f}",
        "month_fte_hours": f"{fte_hours_in(row['days_in_month'], fte_hours):,.1f}",
    }


def lab_answers(row: dict, fte_hours: float = 2080) -> dict[str, float]:
    """The answer key for one month. It stays in the kernel: never put it into a widget before the learner answers."""
    split = split_for(row)
    return {
        "ftes": ftes(row["actual_paid_hours"], row["days_in_month"], fte_hours),
        "actual_hppd": hppd(row["actual_worked_hours"], row["actual_patient_days"]),
        "flexible_budget": split.flexible_budget,
        "volume_variance": split.volume,
        "efficiency_variance": split.efficiency,
        "rate_variance": split.rate,
    }


# --- KPIs by quarter -------------------------------------------------------------------------

def quarter_of(month: str) -> str:
    number = int(month.split("-")[1])
    return next(q for q, months in QUARTERS.items() if number in months)


def quarterly_kpis(budget, kpis) -> dict[str, dict[str, float]]:
    """{quarter: {kpi id: value}}: overtime and HPPD from the budget, the rest from the KPI file."""
    frame = budget.assign(quarter=budget["month"].map(quarter_of))
    sums = frame.groupby("quarter", sort=False)[COLUMNS[1:]].sum()
    result: dict[str, dict[str, float]] = {}
    for row in kpis.itertuples(index=False):
        q = row.quarter
        if q not in sums.index:
            raise BudgetDataError(f"The sample KPI file names quarter '{q}', which has no months in the budget.")
        s = sums.loc[q]
        result[q] = {
            "length-of-stay": float(row.average_length_of_stay_days),
            "overtime": 100 * float(s["actual_overtime_hours"]) / float(s["actual_worked_hours"]),
            "hppd": hppd(float(s["actual_worked_hours"]), float(s["actual_patient_days"])),
            "falls": 1000 * float(row.falls) / float(s["actual_patient_days"]),
            "rn-turnover": float(row.rn_turnover_annualized_pct),
            "patient-experience": float(row.would_recommend_pct),
        }
    return result


def target_met(value: float, target: float, better: str) -> bool | None:
    """Whether a KPI met its target; None when neither direction is better (a budgeted level)."""
    if better == "lower":
        return value <= target
    if better == "higher":
        return value >= target
    return None


# --- consistency of the sample data ------------------------------------------------------------

def consistency_problems(frame, beds: int, tolerance: float = 0.01) -> list[str]:
    """Every way the sample budget fails to add up (the unit tests expect none)."""
    problems = []
    for row in frame.to_dict("records"):
        m = row["month"]
        for side in ("budget", "actual"):
            g = lambda name: float(row[f"{side}_{name}"])  # noqa: E731
            if abs(g("paid_hours") - g("worked_hours") - g("nonproductive_hours")) > tolerance:
                problems.append(f"{m} {side}: paid hours are not worked + non-productive hours")
            if g("overtime_hours") + g("agency_hours") > g("worked_hours"):
                problems.append(f"{m} {side}: overtime and agency hours exceed worked hours")
            if g("overtime_cost") + g("agency_cost") > g("worked_labor_cost"):
                problems.append(f"{m} {side}: overtime and agency cost exceed worked labor cost")
            if min(g(name) for name in MEASURES) < 0:
                problems.append(f"{m} {side}: a negative figure")
            productive = g("worked_hours") / g("paid_hours")
            if not 0.70 <= productive <= 0.90:
                problems.append(f"{m} {side}: worked hours are {productive:.0%} of paid hours")
            if not 0 < g("patient_days") <= beds * row["days_in_month"]:
                problems.append(f"{m} {side}: more patient days than {beds} beds allow")
    return problems


def format_figure(figure: str, value: float) -> str:
    """An answer as the lab shows it once revealed: FTEs to one decimal, HPPD to two, money with a sign
    for variances (+ means more was spent than budgeted)."""
    if figure == "ftes":
        return f"{value:,.1f}"
    if figure == "actual_hppd":
        return f"{value:,.2f}"
    if figure.endswith("_variance"):
        return f"{'+' if value >= 0 else '−'}${abs(value):,.2f}"
    return f"${value:,.2f}"
