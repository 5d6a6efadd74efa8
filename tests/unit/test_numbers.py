"""Numbers as people type them (course/numbers.py): decimals with a point, thousands with commas,
units after the figure, other scripts' digits, ratios; everything else refused with what to type."""
import pytest

from course.numbers import parse_amount, parse_list, parse_patients_per_nurse


@pytest.mark.parametrize("typed, value", [
    ("12", 12), ("1.5", 1.5), ("2,080", 2080), ("1,250.5", 1250.5), ("  27.5  ", 27.5), (".5", 0.5),
    ("160 h", 160), ("160h", 160), ("12 hours", 12), ("7.5 HPPD", 7.5), ("95%", 95), ("+4", 4),
    ("１２", 12), ("١٢", 12), ("१२", 12), ("0", 0),
])
def test_what_people_type_is_read(typed, value):
    assert parse_amount(typed) == (value, None)


@pytest.mark.parametrize("typed, hint", [
    ("1,5", "Write decimals with a point: 1.5, not 1,5."),
    ("12,50", "Write decimals with a point: 12.50"),
    ("-3", "cannot be negative"),
    ("−3", "cannot be negative"),
    ("🙂", "using digits"),
    ("12 🙂", "using digits"),
    ("twelve", "using digits"),
    ("1.2.3", "commas only between thousands"),
    ("20,80", "Write decimals with a point"),
    ("1" * 41, "too long"),
])
def test_what_cannot_be_read_is_refused_with_what_to_type(typed, hint):
    value, problem = parse_amount(typed)
    assert value is None and hint in problem


def test_an_empty_box_is_neither_a_value_nor_a_problem():
    assert parse_amount("") == (None, None) and parse_amount("   ") == (None, None)
    assert parse_amount(None) == (None, None)
    assert parse_amount(42)[1]  # a client that sends a number where text belongs


@pytest.mark.parametrize("typed", ["4", "1:4", "1 : 4", "1 to 4", "4:1", "4 patients"])
def test_ratios_as_people_say_them(typed):
    assert parse_patients_per_nurse(typed) == (4, None)


@pytest.mark.parametrize("typed", ["2:3", "1:x", "a:b"])
def test_a_ratio_that_is_not_one_nurse_to_so_many_is_refused(typed):
    value, problem = parse_patients_per_nurse(typed)
    assert value is None and "1:4" in problem


def test_a_list_typed_or_pasted_from_a_spreadsheet():
    values, problems = parse_list("3.4\n4.4\r\n\n2,080\t5\n1;2\n")
    assert values == [3.4, 4.4, 2080, 5, 1, 2] and problems == []


def test_a_list_names_the_line_of_each_problem():
    values, problems = parse_list("3.4\n2,4\nabc\n-1")
    assert values == [3.4]
    assert problems[0] == "Line 2 (“2,4”): Write decimals with a point: 2.4, not 2,4."
    assert problems[1].startswith("Line 3 (“abc”)") and "cannot be negative" in problems[2]
    assert parse_list(None) == ([], ["The values could not be read."])
