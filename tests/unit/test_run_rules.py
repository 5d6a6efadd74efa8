"""Lesson 08's run chart rules (course/engine/run_rules.py): each rule with a series that triggers it and
one that does not, points on the median, repeated values, too few points, the runs limits against
a brute-force count, the rules in words, and the sample unit's data."""
from itertools import combinations

import pytest

from course.engine.run_rules import (MIN_USEFUL, SeriesError, analyse, count_runs, describe, find_shifts, find_trends,
                              read_series, runs_limits, signal_words, summary)

SHIFT, TREND = 6, 5
LABELS = [f"M{i + 1}" for i in range(30)]


def run(values):
    return analyse(values, shift_points=SHIFT, trend_points=TREND)


# --- rule 1, the shift ---------------------------------------------------------------------------------

def test_six_points_below_the_median_are_a_shift():
    values = [6, 2, 7, 3, 6, 2, 7, 3, 1.5, 1, 1.5, 1, 1.5, 1, 6, 7]  # median 2.5
    a = run(values)
    assert a.median == 2.5
    assert [(s.start, s.end, s.direction, s.points) for s in a.shifts] == [(8, 13, "below", 6)]
    assert a.signals == ["shift"]


def test_five_points_on_one_side_are_not_a_shift():
    values = [6, 2, 7, 3, 6, 2, 7, 3, 1.5, 1, 1.5, 1, 1.5, 6, 7, 6]  # the sixth low month is gone
    a = run(values)
    assert a.shifts == () and a.longest_side == 5
    assert describe(a, LABELS, "lower")[0] == ("shift", "No shift: no 6 or more points in a row on one side of "
                                                         "the median (the longest run on one side is 5).")


def test_a_point_on_the_median_neither_adds_to_nor_breaks_a_shift():
    # median 5: three below, one on the median, three below: a shift of six, not seven, and not broken
    values = [9, 9, 9, 1, 9, 9, 2, 1, 2, 5, 1, 2, 1, 9, 9]
    a = run(values)
    assert a.median == 5 and a.on_median == (9,)
    assert [(s.start, s.end, s.points) for s in a.shifts] == [(6, 12, 6)]
    # with only five off the median around it, the point on the median does not make it six
    b = run([9, 9, 9, 1, 9, 9, 9, 2, 1, 5, 1, 2, 1, 9, 2])
    assert b.median == 5 and b.on_median == (9,) and b.shifts == () and b.longest_side == 5


def test_shifts_above_and_below_are_both_found_and_worded_with_the_direction_wanted():
    values = [9, 9, 8, 9, 8, 9, 5, 1, 2, 1, 2, 1, 2, 5]
    a = run(values)
    assert [s.direction for s in a.shifts] == ["above", "below"]
    words = [text for rule, text in describe(a, LABELS, "lower") if rule == "shift"]
    assert words[0].startswith("A shift: 6 points above the median, from M1 to M6.")
    assert "wrong direction for this indicator" in words[0]
    assert "the direction you want" in words[1]
    higher = [text for rule, text in describe(a, LABELS, "higher") if rule == "shift"]
    assert "the direction you want" in higher[0] and "wrong direction" in higher[1]


# --- rule 2, the trend -----------------------------------------------------------------------------------

def test_five_points_going_down_are_a_trend_and_four_are_not():
    a = run([3, 5, 3, 5, 9, 8, 7, 6, 5, 6, 4, 6, 4, 6])
    assert [(t.start, t.end, t.direction, t.points) for t in a.trends] == [(4, 8, "down", 5)]
    b = run([3, 5, 3, 5, 9, 8, 7, 6, 7, 4, 6, 4, 6, 4])
    assert b.trends == () and b.longest_trend == 4


def test_a_repeated_value_neither_adds_to_nor_breaks_a_trend():
    # 81, 84, 84, 87, 90, 93: five points rising, the repeat counted once (the lesson's self-check)
    found, longest = find_trends([81, 84, 84, 87, 90, 93], TREND)
    assert longest == 5 and [(t.start, t.end, t.points) for t in found] == [(0, 5, 5)]
    # equal values at the start: the trend starts from the last of them
    found, _ = find_trends([90, 90, 87, 84, 81, 78], TREND)
    assert [(t.start, t.end, t.direction) for t in found] == [(1, 5, "down")]
    # four distinct values with repeats are still only four points
    found, longest = find_trends([1, 2, 2, 3, 3, 4, 3], TREND)
    assert found == [] and longest == 4


def test_a_flat_series_has_no_trend():
    assert find_trends([2, 2, 2, 2, 2, 2, 2], TREND) == ([], 1)
    assert find_trends([], TREND) == ([], 0)


# --- rule 3, runs -------------------------------------------------------------------------------------------

def test_runs_are_counted_by_crossings_skipping_points_on_the_median():
    runs, above, below = count_runs([1, 5, 3, 5, 1, 3, 1], 3)
    assert (runs, above, below) == (3, 2, 3)  # below | above, above | below, below: the 3s skipped


def test_too_few_runs_are_a_signal():
    values = [8] * 12 + [1] * 12  # two long runs
    a = run(values)
    assert a.runs.runs == 2 and a.runs.verdict == "too-few"
    assert "runs-too-few" in a.signals
    assert any(t.startswith("Too few runs: 2") for _, t in describe(a, LABELS, "lower"))


def test_too_many_runs_are_a_signal():
    values = [8, 1] * 12  # alternating: 24 runs
    a = run(values)
    assert a.runs.runs == 24 and a.runs.verdict == "too-many" and "runs-too-many" in a.signals
    assert any("two processes are mixed" in t for _, t in describe(a, LABELS, "lower"))


def test_an_ordinary_number_of_runs_is_no_signal():
    values = [6, 2, 7, 3, 6, 2, 7, 3, 1.5, 1, 1.5, 1, 1.5, 6, 7, 6]
    a = run(values)
    assert a.runs.fewest <= a.runs.runs <= a.runs.most and a.runs.verdict is None


def test_too_few_points_off_the_median_leave_the_runs_rule_unjudged():
    values = [3, 3, 3, 3, 3, 1, 5, 1, 5, 1, 5, 3, 3, 3]  # median 3: only 6 points off it
    a = run(values)
    assert a.runs.useful == 6 < MIN_USEFUL and a.runs.verdict == "not-enough-points" and a.runs.fewest is None
    assert any("not enough points off the median" in t for _, t in describe(a, LABELS, "lower"))
    assert any(rule == "median" and t.startswith("8 points sit exactly on the median")
               for rule, t in describe(a, LABELS, "lower"))


def _brute_force_limits(above, below, tail):
    """Count every arrangement of the points (no formula) and read the limits off the counts."""
    n = above + below
    counts = {}
    for ups in combinations(range(n), above):
        sides = [1 if i in ups else -1 for i in range(n)]
        r = 1 + sum(1 for i in range(1, n) if sides[i] != sides[i - 1])
        counts[r] = counts.get(r, 0) + 1
    total = sum(counts.values())
    fewest = max(r for r in range(2, n + 2) if sum(c for k, c in counts.items() if k < r) / total <= tail)
    most = min(r for r in range(1, n + 1) if sum(c for k, c in counts.items() if k > r) / total <= tail)
    return fewest, most


@pytest.mark.parametrize("above, below", [(5, 5), (6, 6), (6, 7), (7, 7), (8, 6), (8, 8)])
def test_runs_limits_match_a_brute_force_count(above, below):
    assert runs_limits(above, below) == _brute_force_limits(above, below, 0.025)


def test_runs_limits_need_ten_points_off_the_median_on_both_sides():
    assert runs_limits(5, 4) is None and runs_limits(10, 0) is None
    assert runs_limits(5, 5) == (3, 9)  # the smallest chart the rule applies to


# --- rule 4, the astronomical point, and the summary --------------------------------------------------------

def test_the_farthest_point_is_named_for_the_learner_to_judge():
    values = [3, 4, 3, 4, 3, 4, 15, 3, 4, 3, 4, 3]
    a = run(values)
    assert a.farthest == 6
    text = dict(describe(a, LABELS, "lower"))["astronomical"]
    assert "a judgment, not a formula" in text and "M7 (15, median 3.5)" in text


def test_summary_and_signal_words():
    assert signal_words(run([8] * 12 + [1] * 12)) == "a shift and too few runs"
    quiet = run([6, 2, 7, 3, 6, 2, 7, 3, 1.5, 1, 1.5, 1, 1.5, 6, 7, 6])
    assert signal_words(quiet) == "" and summary(quiet).startswith("No signal of non-random change")


def test_a_series_needs_values():
    with pytest.raises(ValueError):
        analyse([], shift_points=SHIFT, trend_points=TREND)


def test_find_shifts_reports_the_longest_side():
    assert find_shifts([1, 1, 5, 5, 5], 3, SHIFT) == ([], 3)


# --- the sample unit's data -----------------------------------------------------------------------------------

def test_the_sample_falls_show_one_shift_from_january_2025():
    from course.catalog import load
    from course.engine.run_chart_entry import month_labels
    from course.engine.run_rules import DATA_DIR

    cat = load()
    sample = cat.quality.run_chart.sample
    series = read_series(DATA_DIR / sample.file, sample.count_column)
    assert len(series.months) == 24 and series.months[0] == "2023-07" and series.months[-1] == "2025-06"
    assert series.rates[0] == round(1000 * series.counts[0] / series.patient_days[0], 2)
    a = analyse(series.rates, shift_points=int(cat.facts["run-chart-shift-points"].value),
                trend_points=int(cat.facts["run-chart-trend-points"].value))
    labels = month_labels(series.months[0], len(series.months))
    assert a.signals == ["shift"]
    assert dict(describe(a, labels, "lower"))["shift"].startswith(
        "A shift: 6 points below the median, from Jan 2025 to Jun 2025.")
    for days, month in zip(series.patient_days, series.months):  # 4 West has 32 beds
        assert 0 < days <= 32 * 31


@pytest.mark.parametrize("body, message", [
    ("month,patient_days,falls\n2023-07,900,3\n2023-09,900,3\n", "skips a month"),
    ("month,patient_days,falls\n2023-07,0,3\n", "impossible value"),
    ("month,patient_days,falls\n2023-07,900,x\n", "not a month, a count and patient days"),
    ("month,patient_days,falls\n", "no rows"),
])
def test_damaged_sample_data_is_refused_with_a_reason(tmp_path, body, message):
    path = tmp_path / "falls.csv"
    path.write_text("# a comment\n" + body)
    with pytest.raises(SeriesError, match=message):
        read_series(path, "falls")
    with pytest.raises(SeriesError, match="could not be read"):
        read_series(tmp_path / "missing.csv", "falls")
