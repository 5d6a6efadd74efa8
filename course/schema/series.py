"""The sample unit's monthly series (assets/data/*.csv) that lesson 08's content names: read and
checked once, so `course check` and the run chart tool read the same file the same way."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class SeriesError(Exception):
    """The sample data is missing or does not have the expected shape."""


@dataclass(frozen=True)
class Series:
    months: tuple[str, ...]  # "YYYY-MM", consecutive
    counts: tuple[int, ...]
    patient_days: tuple[int, ...]

    @property
    def rates(self) -> tuple[float, ...]:
        """Events per 1,000 patient days, to two decimals as a quality report shows them."""
        return tuple(round(1000 * c / d, 2) for c, d in zip(self.counts, self.patient_days))


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def read_series(path: Path | str, count_column: str) -> Series:
    """Monthly counts and patient days from a CSV (comment lines start with #)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    except OSError as exc:
        raise SeriesError(f"The sample data could not be read ({exc.__class__.__name__}).") from exc
    months, counts, days = [], [], []
    for n, r in enumerate(rows, 1):
        try:
            month, count, pd = r["month"], int(r[count_column]), int(r["patient_days"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SeriesError(f"Row {n} of the sample data is not a month, a count and patient days.") from exc
        if not MONTH.match(month) or count < 0 or pd <= 0:
            raise SeriesError(f"Row {n} of the sample data has an impossible value.")
        if months and month != next_month(months[-1]):
            raise SeriesError(f"The sample data skips a month before {month}.")
        months.append(month)
        counts.append(count)
        days.append(pd)
    if not months:
        raise SeriesError("The sample data has no rows.")
    return Series(tuple(months), tuple(counts), tuple(days))
