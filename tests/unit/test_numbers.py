"""The one reader for typed numbers: what people type is read as they meant it, or refused with a
message that quotes it; nothing is guessed (course/numbers.py)."""
import pytest

from course.numbers import format_number, read_number, parse_amount, parse_list, parse_patients_per_nurse


@pytest.mark.parametrize("typed, unit, value", [
    ("1.5", "years", 1.5), ("  1.5  ", "years", 1.5), (".5", "years", 0.5), ("5.", "years", 5),
    ("6", "years", 6), ("5 years", "years", 5), ("1 year", "years", 1), ("6 yrs.", "years", 6), ("5years", "years", 5),
    ("8 lessons", "lessons", 8), ("8 lesson", "lessons", 8),
    ("2,000 hours", "paid hours a year", 2000), ("2,000 paid hours a year", "paid hours a year", 2000),
    ("2,080 hrs/yr", "paid hours a year", 2080), ("2000", "paid hours a year", 2000),
    ("52.2 FTEs", "FTEs", 52.2), ("52.2 fte", "FTEs", 52.2),
    ("$110,680 a year", "US dollars a year", 110680), ("110,680 dollars per year", "US dollars a year", 110680),
    ("$110,680", "US dollars a year", 110680), ("110680/yr", "US dollars a year", 110680),
    ("-$1,200", "US dollars", -1200), ("$-1,200", "US dollars", -1200), ("−3,400.50", "US dollars", -3400.5),
    ("+250 USD", "US dollars", 250), ("1,234,567.89", "US dollars", 1234567.89),
    ("29%", "percent", 29), ("29 percent", "percent", 29), ("29 per cent", "percent", 29),
    ("3.2 pp", "percentage points", 3.2), ("3.2 points", "percentage points", 3.2),
    ("8.2 HPPD", "hours per patient day", 8.2), ("8.2 hours per patient day", "hours per patient day", 8.2),
    ("3 hours a week", "hours a week", 3), ("2.5 hrs/wk", "hours a week", 2.5),
    ("۱.۵", "years", 1.5),  # Persian digits are digits
    ("4", "", 4), ("-1.5", "", -1.5),
])
def test_what_people_type_is_read_as_they_meant_it(typed, unit, value):
    reading = read_number(typed, unit)
    assert reading.ok and reading.problem is None, reading
    assert reading.value == pytest.approx(value)


@pytest.mark.parametrize("typed, unit, says", [
    ("six", "years", "Could not read “six” as a number: type digits, e.g. 6."),
    ("ninety", "US dollars a year", "Could not read “ninety” as a number: type digits, e.g. 90."),
    ("1,5", "years", "Could not read “1,5”: use a point for decimals (1.5) and commas only between thousands"),
    ("52,2", "FTEs", "use a point for decimals (52.2)"),
    ("5 days", "years", "Could not read “5 days”: this box is in years. Type the number, e.g. 6 or 1.5."),
    ("$5", "years", "this box is in years"),
    ("29 %", "", "Could not read “29 %” as a number: type just the number"),
    ("2,000 hours", "FTEs", "this box is in FTEs"),
    ("1.2.3", "", "as one number"), ("12,3456", "", "as one number"), ("1 234", "", "as one number"),
    ("1e3", "", "Could not read “1e3”"), ("nan", "", "Could not read “nan”"), ("inf", "", "Could not read “inf”"),
    ("👩‍⚕️", "years", "Could not read “👩‍⚕️” as a number"), ("--4", "", "Could not read “--4”"),
    ("about 5", "years", "Could not read “about 5”"), ("6 years and a half", "years", "this box is in years"),
    ("9" * 61, "", "too long to be a number"), ("", "years", "Type a number first."),
    ("   ", "years", "Type a number first."),
])
def test_what_cannot_be_read_is_refused_with_a_message_that_quotes_it(typed, unit, says):
    reading = read_number(typed, unit)
    assert not reading.ok and reading.value is None
    assert says in reading.problem


def test_an_empty_box_is_told_apart_from_an_unreadable_one():
    assert read_number("", "years").empty and not read_number("six", "years").empty
    assert read_number(None, "years").empty  # a tampered widget value is treated as nothing typed


@pytest.mark.parametrize("value, text", [(1.5, "1.5"), (2000, "2,000"), (110680, "110,680"), (6.0, "6"),
                                         (-3.25, "−3.25"), (52.24, "52.24")])
def test_numbers_are_written_back_the_way_the_course_writes_them(value, text):
    assert format_number(value) == text


# --- the lessons 08-09 helpers, built on the same reader -------------------------------------

@pytest.mark.parametrize("typed, unit, value", [
    ("12", "", 12), ("1.5", "", 1.5), ("2,080", "", 2080), ("1,250.5", "", 1250.5), ("  27.5  ", "", 27.5),
    (".5", "", 0.5), ("160 h", "hours a year", 160), ("160 hours", "hours a year", 160), ("12 hours", "hours", 12),
    ("7.5 HPPD", "hours per patient day", 7.5), ("95%", "percent", 95), ("+4", "", 4),
    ("１２", "", 12), ("١٢", "", 12), ("१२", "", 12), ("0", "", 0), ("4 patients", "patients", 4),
])
def test_amounts_as_people_type_them(typed, unit, value):
    assert parse_amount(typed, unit=unit) == (value, None)


@pytest.mark.parametrize("typed, hint", [
    ("1,5", "use a point for decimals (1.5)"),
    ("12,50", "use a point for decimals"),
    ("-3", "cannot be negative"),
    ("−3", "cannot be negative"),
    ("🙂", "Could not read “🙂” as a number"),
    ("12 🙂", "type just the number"),
    ("twelve", "type digits, e.g. 12"),
    ("1.2.3", "as one number"),
    ("1" * 61, "too long"),
])
def test_an_amount_that_cannot_be_read_says_what_to_type(typed, hint):
    value, problem = parse_amount(typed)
    assert value is None and hint in problem


def test_an_empty_amount_box_is_neither_a_value_nor_a_problem():
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
    assert problems[0].startswith("Line 2 (“2,4”): ") and "use a point for decimals (2.4)" in problems[0]
    assert problems[1].startswith("Line 3 (“abc”)") and "cannot be negative" in problems[2]
    assert parse_list(None) == ([], ["The values could not be read."])
