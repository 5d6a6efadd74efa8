"""Lesson 09's staffing grid: from census, a ratio or hours per patient day (HPPD) and the shift
length to staff on every shift, shift positions a day and FTEs, with lesson 07's arithmetic.

- Staff on a shift: census ÷ patients per nurse, or census × HPPD ÷ 24, rounded up to whole people
  (a ratio is a maximum, and nobody schedules part of a nurse), plus staff who take no patients.
- Shift positions a day: staff on a shift × shifts a day (3 of 8 hours, 2 of 12 hours).
- The days-off factor: a position is covered 7 days a week by people paid for a 40-hour week
  (2,080 ÷ 52), so each position needs 7 × shift hours ÷ 40 FTEs: 1.4 on 8-hour shifts, 2.1 on
  12-hour shifts. FTEs = shift positions × factor. Lesson 07's example: 32 patients at 1:4 on
  8-hour shifts = 8 × 3 = 24 positions × 1.4 = 33.6 FTEs.
- Paid time off: if each FTE is paid for PTO hours it does not work, FTEs × 2,080 ÷ (2,080 − PTO).

validate() reads what a learner typed (strings, as the page sends them) and returns the clean
inputs or a problem per field; nothing here knows about widgets.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from course.numbers import parse_amount, parse_patients_per_nurse
from course import keys
from course.text import clean_text

SHIFT_LENGTHS = (8, 12)
METHODS = ("ratio", "hppd")
WEEKS_PER_YEAR = 52
DAYS_PER_WEEK = 7
HOURS_PER_DAY = 24
MAX_BEDS = 120
MAX_ROWS = 60
MAX_PATIENTS_PER_NURSE = 12
HPPD_RANGE = (1.0, 30.0)
MAX_OTHERS = 10
MAX_PTO_SHARE = 0.25  # paid time off above a quarter of paid hours is almost certainly a typing slip
UNIT_MAX_CHARS = 80
SMALL_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
FIELDS = ("unit", "beds", "average_census", "lowest_census", "method", "patients_per_nurse", "hppd",
          "shift_hours", "others_per_shift", "pto_hours")


item_id = keys.staffing_grid  # the event key this tool saves under


@dataclass(frozen=True)
class Inputs:
    unit: str
    beds: int
    average_census: float
    lowest_census: int
    method: str  # "ratio" or "hppd"
    patients_per_nurse: float | None
    hppd: float | None
    shift_hours: int
    others_per_shift: int
    pto_hours: float

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Row:
    census: float
    nurses_exact: float  # before rounding up
    nurses: int  # nurses with patients on every shift
    staff: int  # plus those who take no patients
    positions: int  # shift positions a day
    ftes: float
    ftes_with_pto: float


def week_hours(fte_hours: float) -> float:
    return fte_hours / WEEKS_PER_YEAR


def shifts_per_day(shift_hours: int) -> int:
    return HOURS_PER_DAY // shift_hours


def days_off_factor(shift_hours: int, fte_hours: float = 2080) -> float:
    """FTEs that cover one shift position 7 days a week: 7 × shift hours ÷ a 40-hour week."""
    return DAYS_PER_WEEK * shift_hours / week_hours(fte_hours)


def pto_factor(pto_hours: float, fte_hours: float = 2080) -> float:
    """How many paid FTEs it takes to work the hours of one FTE when each is paid for PTO it does not work."""
    if not 0 <= pto_hours < fte_hours:
        raise ValueError("paid time off must be at least 0 and less than an FTE's paid hours")
    return fte_hours / (fte_hours - pto_hours)


def full_time_fte(shift_hours: int, fte_hours: float = 2080) -> float:
    """The FTE of a nurse working as many whole shifts a week as fit in 40 hours: 1.0 on 8-hour
    shifts (five), 0.9 on 12-hour shifts (three, 36 hours)."""
    shifts = math.floor(week_hours(fte_hours) / shift_hours)
    return shifts * shift_hours / week_hours(fte_hours)


def nurses_exact(census: float, inputs: Inputs) -> float:
    if inputs.method == "ratio":
        return census / inputs.patients_per_nurse
    return census * inputs.hppd / HOURS_PER_DAY


def row(census: float, inputs: Inputs, fte_hours: float = 2080) -> Row:
    exact = nurses_exact(census, inputs)
    nurses = math.ceil(round(exact, 9))  # 8.0000000001 from floating point is 8, not 9
    staff = nurses + inputs.others_per_shift
    per_day = shifts_per_day(inputs.shift_hours)
    positions = staff * per_day
    # a ratio staffs whole people on every shift; an HPPD budget funds the hours themselves, and the
    # rounding shows up as some shifts with one more nurse than others
    funded = staff if inputs.method == "ratio" else exact + inputs.others_per_shift
    ftes = funded * per_day * days_off_factor(inputs.shift_hours, fte_hours)
    return Row(census, exact, nurses, staff, positions, ftes, ftes * pto_factor(inputs.pto_hours, fte_hours))


def grid(inputs: Inputs, fte_hours: float = 2080) -> list[Row]:
    """One row per census, from the lowest the learner plans for up to every bed filled."""
    return [row(c, inputs, fte_hours) for c in range(inputs.lowest_census, inputs.beds + 1)]


# --- what the learner typed -----------------------------------------------------------------------

def _whole(raw, what: str, example: str, low: int, high: int, required: bool = True, unit: str = ""):
    value, problem = parse_amount(raw, what=what, example=example, unit=unit)
    if problem:
        return None, problem
    if value is None:
        return None, (f"Type {what}, such as {example}." if required else None)
    if not value.is_integer():
        return None, f"Type a whole number for {what}, such as {example}."
    if not low <= value <= high:
        return None, f"Type {what} from {low} to {high}."
    return int(value), None


def validate(raw, fte_hours: float = 2080) -> tuple[Inputs | None, dict[str, str]]:
    """(inputs, {}) or (None, {field: what to type instead}). `raw` is what the page holds:
    strings for typed boxes, the chosen value for the two choices."""
    if not isinstance(raw, dict):
        return None, {"form": "The form could not be read: reload the page."}
    problems: dict[str, str] = {}
    unit = raw.get("unit") or ""
    if not isinstance(unit, str):
        problems["unit"] = "The unit's name could not be read."
        unit = ""
    unit = clean_text(unit)
    if len(unit) > UNIT_MAX_CHARS:
        problems["unit"] = f"Keep the unit's name under {UNIT_MAX_CHARS} characters (now {len(unit)})."

    beds, problems["beds"] = _whole(raw.get("beds"), "the number of beds", "32", 1, MAX_BEDS, unit="beds")
    census, problem = parse_amount(raw.get("average_census"), what="the average census", example="27.5",
                                   unit="patients")
    if problem or census is None:
        problems["average_census"] = problem or "Type the unit's average census (patients at a time), such as 27.5."
    elif census <= 0:
        problems["average_census"] = "Type an average census above 0."
    elif beds is not None and census > beds:
        problems["average_census"] = f"The average census cannot be more than the {beds} beds."
    lowest, problems["lowest_census"] = _whole(raw.get("lowest_census"), "the lowest census to plan for", "20", 1,
                                               beds or MAX_BEDS, required=False, unit="patients")
    if lowest is None and not problems["lowest_census"] and beds is not None:
        lowest = max(1, beds - 12)  # left empty: the last dozen beds, where staffing decisions are made
    if lowest is not None and census is not None and not problems.get("average_census") and lowest > census:
        problems["lowest_census"] = (f"Plan from a census at or below your average ({census:g}), so the grid "
                                     f"includes it; or leave it empty.")
    if beds is not None and lowest is not None and beds - lowest + 1 > MAX_ROWS:
        problems["lowest_census"] = f"The grid shows at most {MAX_ROWS} census levels: start nearer your bed count."

    method = raw.get("method")
    ratio = hppd = None
    if method not in METHODS:
        problems["method"] = "Choose how your unit sets staffing: a ratio or hours per patient day."
    elif method == "ratio":
        ratio, problem = parse_patients_per_nurse(raw.get("patients_per_nurse"))
        if problem or ratio is None:
            problems["patients_per_nurse"] = problem or "Type the patients per nurse, such as 4 or 1:4."
        elif not 1 <= ratio <= MAX_PATIENTS_PER_NURSE:
            problems["patients_per_nurse"] = f"Type from 1 to {MAX_PATIENTS_PER_NURSE} patients per nurse."
    else:
        hppd, problem = parse_amount(raw.get("hppd"), what="hours per patient day", example="7.5",
                                   unit="hours per patient day")
        if problem or hppd is None:
            problems["hppd"] = problem or "Type the hours per patient day, such as 7.5."
        elif not HPPD_RANGE[0] <= hppd <= HPPD_RANGE[1]:
            problems["hppd"] = f"Type from {HPPD_RANGE[0]:g} to {HPPD_RANGE[1]:g} hours per patient day."

    shift = raw.get("shift_hours")
    if shift not in SHIFT_LENGTHS:
        problems["shift_hours"] = "Choose 8-hour or 12-hour shifts."
    others, problems["others_per_shift"] = _whole(raw.get("others_per_shift"), "staff who take no patients", "1",
                                                  0, MAX_OTHERS, required=False, unit="staff")
    pto, problem = parse_amount(raw.get("pto_hours"), what="hours of paid time off", example="160",
                              unit="hours a year")
    limit = MAX_PTO_SHARE * fte_hours
    if problem:
        problems["pto_hours"] = problem
    elif pto is not None and pto > limit:
        problems["pto_hours"] = (f"Type the paid time off per FTE a year, up to {limit:,.0f} hours "
                                 f"(a quarter of {fte_hours:,.0f}): for example 160.")

    problems = {k: v for k, v in problems.items() if v}
    if problems:
        return None, problems
    return Inputs(unit=unit, beds=beds, average_census=census, lowest_census=lowest, method=method,
                  patients_per_nurse=ratio, hppd=hppd, shift_hours=shift, others_per_shift=others or 0,
                  pto_hours=pto or 0.0), {}


def from_saved(saved, fte_hours: float = 2080) -> Inputs | None:
    """Inputs saved earlier (a dict of clean values), checked again; None if they no longer fit."""
    if not isinstance(saved, dict):
        return None
    try:
        raw = {k: saved.get(k) for k in FIELDS}
        for key in ("beds", "average_census", "lowest_census", "patients_per_nurse", "hppd", "others_per_shift",
                    "pto_hours"):
            value = raw.get(key)
            raw[key] = "" if value is None else (f"{value:g}" if isinstance(value, (int, float))
                                                   and not isinstance(value, bool) else "x")
    except (TypeError, ValueError):
        return None
    inputs, problems = validate(raw, fte_hours)
    return inputs if not problems else None


# --- the result in words -----------------------------------------------------------------------------

def num(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def explain(inputs: Inputs, fte_hours: float = 2080) -> list[str]:
    """The arithmetic at the average census, one step per sentence, with the learner's own figures."""
    at = row(inputs.average_census, inputs, fte_hours)
    census = num(inputs.average_census, 2)
    lines = []
    if inputs.method == "ratio":
        ppn = num(inputs.patients_per_nurse, 2)
        lines.append(f"At your average census of {census} and one nurse to {ppn} patients: {census} ÷ {ppn} = "
                     f"{num(at.nurses_exact, 2)}, so {at.nurses} nurses with patients on every shift (rounded up: a "
                     f"ratio is a maximum, not an average).")
    else:
        hours = inputs.average_census * inputs.hppd
        lines.append(f"At your average census of {census} and {num(inputs.hppd, 2)} hours per patient day: "
                     f"{census} × {num(inputs.hppd, 2)} = {num(hours, 1)} nursing hours a day, ÷ 24 = "
                     f"{num(at.nurses_exact, 2)} nurses on duty at any time; rounded up, {at.nurses} on every shift.")
    if inputs.others_per_shift:
        lines.append(f"Adding {inputs.others_per_shift} who {'takes' if inputs.others_per_shift == 1 else 'take'} no "
                     f"patients (such as a charge nurse): {at.staff} staff on every shift.")
    per_day = shifts_per_day(inputs.shift_hours)
    factor = days_off_factor(inputs.shift_hours, fte_hours)
    week = week_hours(fte_hours)
    lines.append(f"On {inputs.shift_hours}-hour shifts there are {per_day} shifts a day: {at.staff} × {per_day} = "
                 f"{at.positions} shift positions a day.")
    lead = (f"Each position is covered 7 days a week by people paid for {num(week)}-hour weeks "
            f"({fte_hours:,.0f} ÷ 52), so it takes 7 × {inputs.shift_hours} ÷ {num(week)} = {num(factor, 2)} FTEs "
            f"(the days-off factor): ")
    if inputs.method == "ratio":
        lines.append(lead + f"{at.positions} × {num(factor, 2)} = {num(at.ftes)} FTEs.")
    else:
        funded = (at.nurses_exact + inputs.others_per_shift) * per_day
        lines.append(lead + f"an HPPD budget funds the hours themselves, {num(funded, 2)} positions a day rather than "
                            f"{at.positions}, so {num(funded, 2)} × {num(factor, 2)} = {num(at.ftes)} FTEs; scheduling "
                            f"whole people means some shifts have one nurse more than others.")
    if inputs.pto_hours:
        worked = fte_hours - inputs.pto_hours
        lines.append(f"With {num(inputs.pto_hours)} hours of paid time off per FTE a year, each FTE works "
                     f"{num(worked)} of its {fte_hours:,.0f} paid hours: {num(at.ftes)} × {fte_hours:,.0f} ÷ "
                     f"{num(worked)} = {num(at.ftes_with_pto)} FTEs to budget.")
    total = at.ftes_with_pto
    full = full_time_fte(inputs.shift_hours, fte_hours)
    shifts_a_week = SMALL_NUMBERS.get(round(full * week / inputs.shift_hours), "")
    lines.append(f"A nurse working {shifts_a_week} {inputs.shift_hours}-hour shifts a week is {num(full * week)} hours, "
                 f"{full:.1f} FTE: {num(total)} FTEs is about {math.ceil(round(total / full, 9))} such nurses if "
                 f"everyone worked full time. Part-time staff raise the number of people; vacancies and leave "
                 f"lower the number actually available.")
    return lines
