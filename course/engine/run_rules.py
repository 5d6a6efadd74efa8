"""Lesson 08's run chart: the median and the run rules of Perla, Provost and Murray (2011), which
the Institute for Healthcare Improvement teaches, applied to a learner's own monthly values.

- A shift: `shift_points` or more points in a row on the same side of the median. Points on the
  median neither add to a shift nor break it.
- A trend: `trend_points` or more points in a row all going up or all going down. A point equal to
  the one before it neither adds to a trend nor breaks it.
- Too few or too many runs: a run is a series of points on one side of the median (points on it
  are skipped). The limits are computed exactly from the distribution of the number of runs for
  this chart's own counts above and below the median (Swed and Eisenhart, 1943, the source of the
  table in Perla et al.), with about a 5% chance of a false signal from the two tails together.
  The rule needs at least MIN_USEFUL points off the median.
- An astronomical point: a judgment, not a formula. The analysis names the point farthest from
  the median for the learner to judge.

Pure Python, no widgets and no pandas; the thresholds come from facts.yaml through the caller.
The sample unit's monthly counts (assets/data/) are read by course/schema/series.py.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import lru_cache
from math import comb

from course.paths import DATA_DIR  # noqa: F401 (callers find the sample data from here)
from course.schema.series import MONTH, Series, SeriesError, next_month, read_series  # noqa: F401 (callers use them from here)

MIN_USEFUL = 10  # points off the median the runs rule needs (where the published table starts)
TAIL = 0.025  # each tail of the runs distribution: about 5% in all


@dataclass(frozen=True)
class Stretch:
    """A signal over consecutive points: start and end are indexes into the values (inclusive)."""

    start: int
    end: int
    direction: str  # "above" / "below" the median for a shift; "up" / "down" for a trend
    points: int  # how many points count toward it (points on the median or repeated values do not)


@dataclass(frozen=True)
class RunsCheck:
    runs: int
    useful: int  # points not on the median
    fewest: int | None  # fewer runs than this is a signal; None when there are too few useful points
    most: int | None  # more runs than this is a signal

    @property
    def verdict(self) -> str | None:
        """"too-few", "too-many", None (no signal), or "not-enough-points"."""
        if self.fewest is None:
            return "not-enough-points"
        if self.runs < self.fewest:
            return "too-few"
        if self.runs > self.most:
            return "too-many"
        return None


@dataclass(frozen=True)
class Analysis:
    values: tuple[float, ...]
    median: float
    on_median: tuple[int, ...]  # indexes of points exactly on the median
    shifts: tuple[Stretch, ...]
    longest_side: int  # the longest run of points on one side (to say "the longest is 4")
    trends: tuple[Stretch, ...]
    longest_trend: int
    runs: RunsCheck
    farthest: int  # index of the point farthest from the median (ties: the first)
    shift_points: int
    trend_points: int

    @property
    def signals(self) -> list[str]:
        found = []
        if self.shifts:
            found.append("shift")
        if self.trends:
            found.append("trend")
        if self.runs.verdict in ("too-few", "too-many"):
            found.append(f"runs-{self.runs.verdict}")
        return found


def sides(values, median: float) -> list[int]:
    """+1 above the median, -1 below, 0 on it."""
    return [(v > median) - (v < median) for v in values]


def find_shifts(values, median: float, shift_points: int) -> tuple[list[Stretch], int]:
    """Every maximal stretch of `shift_points` or more points on one side, and the longest stretch."""
    found, longest = [], 0
    current, count, start, end = 0, 0, None, None
    for i, side in enumerate(sides(values, median) + [None]):
        if side == 0:
            continue  # on the median: neither adds to a shift nor breaks it
        if side is not None and side == current:
            count, end = count + 1, i
            continue
        if current and count >= shift_points:
            found.append(Stretch(start, end, "above" if current > 0 else "below", count))
        longest = max(longest, count)
        current, count, start, end = side, 1, i, i
    return found, longest


def find_trends(values, trend_points: int) -> tuple[list[Stretch], int]:
    """Every maximal stretch of `trend_points` or more points all going up or all going down, and
    the longest. Repeated values count once: a point equal to the one before it neither adds to a
    trend nor breaks it."""
    groups: list[list] = []  # [first index, last index, value] of each run of equal values
    for i, v in enumerate(values):
        if groups and v == groups[-1][2]:
            groups[-1][1] = i
        else:
            groups.append([i, i, v])
    steps = [1 if groups[k][2] > groups[k - 1][2] else -1 for k in range(1, len(groups))]
    found, longest = [], min(len(groups), 1)
    k = 0
    while k < len(steps):
        j = k
        while j + 1 < len(steps) and steps[j + 1] == steps[k]:
            j += 1
        points = j - k + 2  # j - k + 1 steps in one direction join j - k + 2 points
        longest = max(longest, points)
        if points >= trend_points:
            # from the last of the equal values it starts from, to the first of those it ends on
            found.append(Stretch(groups[k][1], groups[j + 1][0], "up" if steps[k] > 0 else "down", points))
        k = j + 1
    return found, longest


def count_runs(values, median: float) -> tuple[int, int, int]:
    """(runs, points above, points below); points on the median are skipped."""
    useful = [s for s in sides(values, median) if s != 0]
    runs = sum(1 for i, s in enumerate(useful) if i == 0 or s != useful[i - 1])
    return runs, useful.count(1), useful.count(-1)


def _runs_probabilities(above: int, below: int) -> dict[int, float]:
    """P(number of runs = r) for a random order of `above` and `below` points (Swed and Eisenhart)."""
    total = comb(above + below, above)
    out = {}
    for r in range(2, above + below + 1):
        k = r // 2
        if r % 2 == 0:
            ways = 2 * comb(above - 1, k - 1) * comb(below - 1, k - 1)
        else:
            ways = comb(above - 1, k - 1) * comb(below - 1, k) + comb(above - 1, k) * comb(below - 1, k - 1)
        if ways:
            out[r] = ways / total
    return out


@lru_cache(maxsize=512)
def runs_limits(above: int, below: int) -> tuple[int, int] | None:
    """(fewest, most): fewer runs than `fewest` or more than `most` would happen by chance less
    than TAIL of the time each. None when there are fewer than MIN_USEFUL points off the median."""
    if above + below < MIN_USEFUL or not above or not below:
        return None
    probabilities = _runs_probabilities(above, below)
    fewest, cumulative = 1, 0.0
    for r in sorted(probabilities):
        if cumulative + probabilities[r] > TAIL:
            break
        cumulative += probabilities[r]
        fewest = r + 1
    most, cumulative = above + below, 0.0
    for r in sorted(probabilities, reverse=True):
        if cumulative + probabilities[r] > TAIL:
            break
        cumulative += probabilities[r]
        most = r - 1
    return max(fewest, 2), most


def analyse(values, *, shift_points: int, trend_points: int) -> Analysis:
    values = tuple(float(v) for v in values)
    if not values:
        raise ValueError("a run chart needs values")
    median = statistics.median(values)
    shifts, longest_side = find_shifts(values, median, shift_points)
    trends, longest_trend = find_trends(values, trend_points)
    runs, above, below = count_runs(values, median)
    limits = runs_limits(above, below)
    check = RunsCheck(runs, above + below, *(limits or (None, None)))
    farthest = max(range(len(values)), key=lambda i: (abs(values[i] - median), -i))
    return Analysis(values=values, median=median, on_median=tuple(i for i, v in enumerate(values) if v == median),
                    shifts=tuple(shifts), longest_side=longest_side, trends=tuple(trends),
                    longest_trend=longest_trend, runs=check, farthest=farthest, shift_points=shift_points,
                    trend_points=trend_points)


# --- the rules in words ------------------------------------------------------------------------------

def fmt(value: float) -> str:
    """A value as the learner would write it: no trailing zeros, thousands with commas."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _better_words(direction: str, better: str) -> str:
    """Whether a shift or trend goes the way the learner wants this indicator to go."""
    good = {"lower": ("below", "down"), "higher": ("above", "up")}.get(better)
    if good is None:
        return ""
    return (" That is the direction you want for this indicator." if direction in good
            else " That is the wrong direction for this indicator: find out what changed.")


def describe(analysis: Analysis, labels: list[str], better: str) -> list[tuple[str, str]]:
    """(rule, sentence) for every rule, in the order the lesson teaches them."""
    a = analysis
    lines = []
    if a.shifts:
        for s in a.shifts:
            lines.append(("shift", f"A shift: {s.points} points {s.direction} the median, from {labels[s.start]} "
                                   f"to {labels[s.end]}.{_better_words(s.direction, better)}"))
    else:
        lines.append(("shift", f"No shift: no {a.shift_points} or more points in a row on one side of the median "
                               f"(the longest run on one side is {a.longest_side})."))
    if a.trends:
        for t in a.trends:
            word = "going up" if t.direction == "up" else "going down"
            lines.append(("trend", f"A trend: {t.points} points in a row {word}, from {labels[t.start]} to "
                                   f"{labels[t.end]}.{_better_words(t.direction, better)}"))
    else:
        lines.append(("trend", f"No trend: no {a.trend_points} or more points in a row all going up or all going "
                               f"down (the longest is {a.longest_trend})."))
    r = a.runs
    verdict = r.verdict
    if verdict == "not-enough-points":
        lines.append(("runs", f"Runs: not enough points off the median to judge ({r.useful}; the rule needs at "
                              f"least {MIN_USEFUL}). Keep plotting."))
    elif verdict == "too-few":
        lines.append(("runs", f"Too few runs: {r.runs}, where chance alone would give between {r.fewest} and "
                              f"{r.most} for {r.useful} points off the median. Points stay on one side for longer "
                              f"than chance explains: something changed."))
    elif verdict == "too-many":
        lines.append(("runs", f"Too many runs: {r.runs}, where chance alone would give between {r.fewest} and "
                              f"{r.most} for {r.useful} points off the median. Points cross the median more often "
                              f"than chance explains, which often means two processes are mixed in one chart (two "
                              f"shifts, two units, or a count that alternates by design)."))
    else:
        lines.append(("runs", f"Runs: {r.runs}, within the {r.fewest} to {r.most} that chance alone gives for "
                              f"{r.useful} points off the median: no signal."))
    far = a.farthest
    lines.append(("astronomical", f"An astronomical point is a judgment, not a formula: the point farthest from "
                                  f"the median is {labels[far]} ({fmt(a.values[far])}, median {fmt(a.median)}). "
                                  f"Would everyone who knows this indicator call it obviously different from the "
                                  f"rest? If so, treat it as a signal and find out what happened that month."))
    if a.on_median:
        n = len(a.on_median)
        lines.append(("median", f"{n} {'point sits' if n == 1 else 'points sit'} exactly on the median: "
                                f"{'it neither counts' if n == 1 else 'they neither count'} toward a shift nor "
                                f"{'breaks' if n == 1 else 'break'} one, and {'is' if n == 1 else 'are'} left out "
                                f"when counting runs."))
    return lines


SIGNAL_NAMES = {"shift": "a shift", "trend": "a trend", "runs-too-few": "too few runs",
                "runs-too-many": "too many runs"}


def signal_words(analysis: Analysis) -> str:
    """"a shift and too few runs", or "" when the rules find no signal."""
    listed = [SIGNAL_NAMES[f] for f in analysis.signals]
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def summary(analysis: Analysis) -> str:
    """One sentence: is there a signal of non-random change?"""
    words = signal_words(analysis)
    if not words:
        return ("No signal of non-random change by the probability-based rules: the ups and downs look like the "
                "ordinary variation of this process. A change you made has not shown yet, or has not changed the "
                "process.")
    return f"Signal of non-random change: {words}. Look for what changed in the process at that time."
