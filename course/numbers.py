"""Numbers as people type them: "12", "1.5", "2,080", "160 h", "1:4", "１２" or "١٢".

Used by the tools where a learner types their own figures (lesson 08's run chart, lesson 09's
staffing grid). Each function returns (value, problem): a value, or None with a sentence that
says what to type instead. A comma is a thousands separator only where it separates groups of
three digits ("2,080"); "1,5" is refused with a hint to write 1.5, never read as 15.
"""
from __future__ import annotations

import math
import re
import unicodedata

MAX_CHARS = 40
# digits, at most one point; commas only between groups of three digits
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$|^\d+,\d{4,}$")
# words and symbols people put after a figure: "160 h", "12 hours", "4 patients", "5%"
_UNIT = re.compile(r"^(?:%|[a-z]+\.?(?: [a-z]+\.?)*)$")
_RATIO = re.compile(r"^(\S+)\s*(?::|to)\s*(\S+)$")


def _ascii_digits(text: str) -> str:
    """Full-width and other scripts' decimal digits as ASCII ("１２" and "١٢" become "12")."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def _split_unit(text: str) -> tuple[str, str]:
    """("160", "h") from "160 h" or "160h"; the unit is lower-cased."""
    match = re.match(r"^([\d.,]*)\s*(.*)$", text)
    return match.group(1), match.group(2).strip().lower()


def parse_amount(raw, *, what: str = "a number", example: str = "12 or 1.5") -> tuple[float | None, str | None]:
    """A non-negative number with an optional unit after it. (None, None) for an empty box."""
    if raw is None:
        return None, None
    if not isinstance(raw, str):
        return None, f"Type {what}, such as {example}."
    text = _ascii_digits(raw).strip().replace("\u2212", "-")
    if not text:
        return None, None
    if len(text) > MAX_CHARS:
        return None, f"That is too long for {what}: type just the figure, such as {example}."
    if text.startswith("-"):
        return None, f"Type {what} of zero or more: it cannot be negative."
    if text.startswith("+"):
        text = text[1:].lstrip()
    number, unit = _split_unit(text)
    if not number or (unit and not _UNIT.match(unit)):
        return None, f"Type {what}, such as {example}, using digits."
    if _DECIMAL_COMMA.match(number):
        return None, f"Write decimals with a point: {number.replace(',', '.')}, not {number}."
    if not _NUMBER.match(number) or number == ".":
        return None, f"Type {what}, such as {example}: digits, an optional decimal point, and commas only between thousands (2,080)."
    value = float(number.replace(",", ""))
    if not math.isfinite(value):
        return None, f"Type {what}, such as {example}."
    return value, None


def parse_patients_per_nurse(raw) -> tuple[float | None, str | None]:
    """A nurse-to-patient ratio as patients per nurse: "4", "1:4", "1 : 4", "1 to 4" all give 4."""
    if isinstance(raw, str):
        text = _ascii_digits(raw).strip()
        match = _RATIO.match(text)
        if match:
            left, problem_left = parse_amount(match.group(1), what="a ratio", example="1:4")
            right, problem_right = parse_amount(match.group(2), what="a ratio", example="1:4")
            if problem_left or problem_right or left is None or right is None:
                return None, "Write the ratio as one nurse to so many patients, such as 1:4, or just 4."
            if left == 1:
                return right, None
            if right == 1:  # "4:1" written the other way round
                return left, None
            return None, "Write the ratio as one nurse to so many patients, such as 1:4, or just 4."
    return parse_amount(raw, what="a number of patients per nurse", example="4 or 1:4")


def parse_list(raw, *, what: str = "a value", example: str = "2.4") -> tuple[list[float], list[str]]:
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
            value, problem = parse_amount(cell, what=what, example=example)
            if problem:
                shown = cell if len(cell) <= 20 else cell[:20] + "…"
                problems.append(f"Line {n} (“{shown}”): {problem}")
            elif value is not None:
                values.append(value)
    return values, problems
