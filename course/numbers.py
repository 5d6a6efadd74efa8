"""Numbers as people type them, read the same way in every box that takes one.

`read_number("2,000 hours", unit="paid hours a year")` reads 2000. Accepted: digits with an optional
decimal point ("1.5", ".5"), a sign ("-", "−", "+"), commas between thousands ("2,000", "110,680"),
a leading "$" where the box is in dollars, and the box's own unit after the number: its words in
the singular or plural, their usual short forms (yrs, hrs, %, FTE), and "a year", "per year", "/yr"
where the unit is a rate. A comma is never a decimal point (the course follows US usage): "1,5" is
refused with a message that says to type 1.5, rather than being read as 15 or guessed at.

Anything that cannot be read is refused with a sentence that quotes what was typed and says what
is expected. Nothing is ever guessed, rounded away or replaced by an earlier value.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_CHARS = 60  # longer than any number with its unit: "$110,680 US dollars a year" is 26

_NUMBER = re.compile(
    r"""^(?P<sign>[-+\u2212])?\s*(?P<dollar>\$|US\$)?\s*(?P<sign2>[-+\u2212])?\s*
        (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
        (?P<rest>.*)$""", re.VERBOSE)

# Words people use for the same unit; a unit's own words bring their whole group along.
_SYNONYMS = [
    {"year", "years", "yr", "yrs", "annual", "annually", "yearly"},
    {"hour", "hours", "hr", "hrs", "h"},
    {"day", "days"},
    {"week", "weeks", "wk", "wks", "weekly"},
    {"month", "months", "mo", "mos", "monthly"},
    {"percent", "percentage", "%", "pct"},
    {"point", "points", "pt", "pts"},
    {"dollar", "dollars", "usd", "us"},
    {"fte", "ftes"},
]
_RATE_WORDS = {"a", "an", "per", "each", "every", "/"}
_MONEY_WORDS = {"dollar", "dollars", "usd", "$"}
_NUMBER_WORDS = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000, "half": 0.5, "a half": 0.5,
}


@dataclass(frozen=True)
class Reading:
    """What a box held: the number (value), or a sentence saying why it could not be read (problem)."""

    typed: str
    value: float | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.value is not None

    @property
    def empty(self) -> bool:
        return not self.typed


def format_number(value: float) -> str:
    """A number as the course writes it: 1.5, 2,000, 110,680, -3.25."""
    return f"{value:,.10g}".replace("-", "−") if value < 0 else f"{value:,.10g}"


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("per cent", "percent").replace("%", " % ").replace("/", " / ")
    return [t.strip(".,;:!?()") for t in text.split() if t.strip(".,;:!?()")]


def unit_words(unit: str) -> set[str]:
    """Every word (and short form) that may follow a number in a box with this unit."""
    words = set()
    tokens = _tokens(unit)
    for token in tokens:
        words |= {token, token[:-1] if token.endswith("s") else token + "s"}
        for group in _SYNONYMS:
            if token in group:
                words |= group
    if "$" in unit:
        words |= _MONEY_WORDS
    if words & _RATE_WORDS:  # a rate ("paid hours a year"): "per year", "/yr" and "annually" say the same
        words |= _RATE_WORDS
    initials = "".join(t[0] for t in tokens if t != "/")
    if len(initials) > 1:  # "hours per patient day" -> HPPD, "percentage points" -> pp
        words.add(initials)
    return words


def _is_money(unit: str) -> bool:
    return bool(unit_words(unit) & _MONEY_WORDS)


def _example(typed: str, unit: str) -> str:
    word = typed.strip().lower()
    if word in _NUMBER_WORDS:
        return format_number(_NUMBER_WORDS[word])
    words = unit_words(unit)
    large = _is_money(unit) or ("hour" in words and not words & {"day", "week"})  # dollars, hours of practice
    return "2,000" if large else "6 or 1.5"


def read_number(raw, unit: str = "") -> Reading:
    """Read what a person typed into a number box whose figures are in `unit` ("" for a bare number)."""
    typed = raw.strip() if isinstance(raw, str) else ""
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    if not typed:
        return Reading("", problem="Type a number first.")
    if len(typed) > MAX_CHARS:
        return Reading(typed, problem=f"“{shown}” is too long to be a number: type just the number, "
                                      f"e.g. {_example('', unit)}.")
    match = _NUMBER.match(typed)
    if not match:
        return Reading(typed, problem=f"Could not read “{shown}” as a number: type digits, "
                                      f"e.g. {_example(typed, unit)}.")
    rest = match["rest"].strip()
    if re.match(r"^,\d", rest) and "," not in match["digits"]:
        point = typed.replace(",", ".", 1) if typed.count(",") == 1 else "1.5"
        return Reading(typed, problem=f"Could not read “{shown}”: use a point for decimals ({point}) "
                                      f"and commas only between thousands (2,000).")
    if rest[:1].isdigit() or rest[:1] in (".", ","):
        return Reading(typed, problem=f"Could not read “{shown}” as one number: type digits with at most "
                                      f"one decimal point, e.g. {_example('', unit)}.")
    allowed = unit_words(unit)
    extra = [t for t in _tokens(rest) if t not in allowed]
    if extra or (match["dollar"] and not _is_money(unit)) or (match["sign"] and match["sign2"]):
        if not unit:
            return Reading(typed, problem=f"Could not read “{shown}” as a number: type just the number, "
                                          f"e.g. {_example('', unit)}.")
        return Reading(typed, problem=f"Could not read “{shown}”: this box is in {unit}. Type the number, "
                                      f"e.g. {_example('', unit)}.")
    number = float(match["digits"].replace(",", ""))
    if (match["sign"] or match["sign2"] or "+") in "-\u2212":
        number = -number
    if not math.isfinite(number):
        return Reading(typed, problem=f"“{shown}” is too large to be a figure here.")
    return Reading(typed, value=number)


# --- amounts, ratios and pasted columns (lesson 08's run chart, lesson 09's staffing grid) ------

def parse_amount(raw, *, what: str = "a number", example: str = "12 or 1.5",
                 unit: str = "") -> tuple[float | None, str | None]:
    """A figure of zero or more in `unit`: (value, None), (None, None) for an empty box, or
    (None, what to type instead). Read by read_number, so every box reads numbers the same way."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if not isinstance(raw, str):
        return None, f"Type {what}, such as {example}."
    reading = read_number(raw, unit)
    if not reading.ok:
        return None, reading.problem
    if reading.value < 0:
        return None, f"Type {what} of zero or more: it cannot be negative."
    return reading.value, None


_RATIO = re.compile(r"^(\S+)\s*(?::|to)\s*(\S+)$")


def parse_patients_per_nurse(raw) -> tuple[float | None, str | None]:
    """A nurse-to-patient ratio as patients per nurse: "4", "1:4", "1 : 4", "1 to 4" all give 4."""
    unit = "patients per nurse"
    if isinstance(raw, str):
        match = _RATIO.match(raw.strip())
        if match:
            left, problem_left = parse_amount(match.group(1), what="a ratio", example="1:4")
            right, problem_right = parse_amount(match.group(2), what="a ratio", example="1:4")
            if not (problem_left or problem_right or left is None or right is None):
                if left == 1:
                    return right, None
                if right == 1:  # "4:1" written the other way round
                    return left, None
            return None, "Write the ratio as one nurse to so many patients, such as 1:4, or just 4."
    return parse_amount(raw, what="a number of patients per nurse", example="4 or 1:4", unit=unit)


def parse_list(raw, *, what: str = "a value", example: str = "2.4", unit: str = "") -> tuple[list[float], list[str]]:
    """Values typed or pasted one a line (a spreadsheet column, or a row with tabs or semicolons).
    Returns (values, problems), each problem naming the line and what it held."""
    if not isinstance(raw, str):
        return [], ["The values could not be read."]
    values, problems = [], []
    for n, line in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        for cell in re.split(r"[\t;]", line):
            cell = cell.strip()
            if not cell:
                continue
            value, problem = parse_amount(cell, what=what, example=example, unit=unit)
            if problem:
                shown = cell if len(cell) <= 20 else cell[:20] + "…"
                problems.append(f"Line {n} (“{shown}”): {problem}")
            elif value is not None:
                values.append(value)
    return values, problems
