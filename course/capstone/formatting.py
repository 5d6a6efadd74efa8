"""How the plan's documents and the lesson write dates and numbers (plain text)."""
from __future__ import annotations

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
RATING_WORDS = {"strong": "a strong ending", "mixed": "a mixed ending", "poor": "a poor ending"}


def date_text(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def rating(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def signed(value) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.05:
        return "0" if float(value).is_integer() else "no change"
    text = f"{abs(value):g}" if float(value).is_integer() else f"{abs(value):.1f}"
    return ("+" if value > 0 else "−") + text


def plural(n: int, one: str, many: str | None = None) -> str:
    """“1 take”, “2 takes”."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
