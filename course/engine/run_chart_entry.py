"""Lesson 08's run chart entry: what the learner typed (indicator, direction, first month, values),
checked and cleaned in the kernel, and the month labels it implies. No widgets here.
"""
from __future__ import annotations

import datetime as dt

from course.numbers import parse_list
from course import keys
from course.text import clean_text
from course.engine.run_rules import MONTH

INDICATOR_MAX = 80
MAX_VALUE = 1_000_000
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
FIRST_YEAR = 2000


item_id = keys.run_chart  # the event key this tool saves under


def years(today: dt.date | None = None) -> list[int]:
    """The years a first month may fall in: from FIRST_YEAR to this year, newest first."""
    this = (today or dt.date.today()).year
    return list(range(this, FIRST_YEAR - 1, -1))


def month_labels(start: str, count: int) -> list[str]:
    """["Jul 2023", "Aug 2023", ...] from "2023-07"."""
    year, month = int(start[:4]), int(start[5:]) - 1
    out = []
    for i in range(count):
        y, m = year + (month + i) // 12, (month + i) % 12
        out.append(f"{MONTH_NAMES[m][:3]} {y}")
    return out


def validate_entry(raw, content, *, today: dt.date | None = None) -> tuple[dict | None, list[str]]:
    """({"indicator", "better", "start", "values"}, []) or (None, [what each field needs])."""
    if not isinstance(raw, dict):
        return None, ["The run chart could not be read: reload the page."]
    rc = content.run_chart
    problems = []
    indicator = clean_text(raw.get("indicator")) if isinstance(raw.get("indicator"), str) else ""
    if len(indicator) < 3:
        problems.append(f"“{rc.indicator.label}”: name the indicator, e.g. “Falls per 1,000 patient days”.")
    elif len(indicator) > INDICATOR_MAX:
        problems.append(f"“{rc.indicator.label}”: keep it under {INDICATOR_MAX} characters (now {len(indicator)}).")
    better = raw.get("better")
    if better not in [o.id for o in rc.better_options]:
        problems.append(f"“{rc.better.label}”: choose one.")
    month, year = raw.get("month"), raw.get("year")
    if month not in range(1, 13) or year not in years(today):
        problems.append(f"“{rc.start.label}”: choose the month and the year of your first value.")
    values, value_problems = parse_list(raw.get("values"), what="a value", example="2.4")
    problems += [f"“{rc.values.label}”, {p[0].lower()}{p[1:]}" for p in value_problems]
    if not value_problems:
        too_big = [v for v in values if v > MAX_VALUE]
        if too_big:
            problems.append(f"“{rc.values.label}”: {too_big[0]:,.0f} is larger than a monthly indicator can be.")
        elif not rc.min_points <= len(values) <= rc.max_points:
            problems.append(f"“{rc.values.label}”: a run chart here takes {rc.min_points} to {rc.max_points} monthly "
                            f"values; you have typed {len(values)}.")
    if problems:
        return None, problems
    start = f"{year}-{month:02d}"
    if start > (today or dt.date.today()).strftime("%Y-%m"):
        return None, [f"“{rc.start.label}”: the first month cannot be in the future."]
    return {"indicator": indicator, "better": better, "start": start, "values": values}, []


def from_saved(saved, content) -> dict | None:
    """A saved entry, checked again (None if it no longer fits the content)."""
    if not isinstance(saved, dict) or not isinstance(saved.get("start"), str) or not MONTH.match(saved["start"]):
        return None
    values = saved.get("values")
    if not isinstance(values, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                               for v in values):
        return None
    raw = {"indicator": saved.get("indicator"), "better": saved.get("better"), "month": int(saved["start"][5:]),
           "year": int(saved["start"][:4]), "values": values_text(values)}
    entry, problems = validate_entry(raw, content)
    return entry if not problems else None


def values_text(values) -> str:
    """Values one a line, as the learner would type them (no exponent, no trailing zeros)."""
    return "\n".join(f"{v:.10g}" for v in values)
