"""A cohort's rhythm: lessons due by a date. The mentor sets them (`course cohort schedule`, or the
dashboard's Schedule tab); a learner's home page shows what is due next; the dashboard marks who is
behind. Days are calendar days (a date, not 24-hour periods), on the server's UTC calendar."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa

from course.store.feedback_tables import cohort_schedule
from course.store.core import Store
from course.store.stamps import now

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
CLEAR_WORDS = {"", "none", "no date", "-", "—"}


class ScheduleError(ValueError):
    """A date or lesson that cannot be scheduled; the message says what to type instead."""


def parse_due(raw) -> dt.date | None:
    """A due date as people type it: 2027-03-14 or 3/14/2027 (month first, as in the US); empty or
    "none" clears it. Refused with an example otherwise."""
    if not isinstance(raw, str):
        raise ScheduleError("Type a date such as 2027-03-14.")
    text = raw.strip()
    if text.casefold() in CLEAR_WORDS:
        return None
    try:
        match = _US_DATE.match(text)
        if match:
            month, day, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScheduleError(f"“{text[:40]}” is not a date: type it as 2027-03-14 or 3/14/2027.") from None


def today() -> dt.date:
    return now().date()


def days_word(due: dt.date, on: dt.date) -> str:
    """'due today', 'due tomorrow', 'due in 5 days', '1 day overdue', '3 days overdue'."""
    days = (due - on).days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days > 1:
        return f"due in {days} days"
    return f"{-days} day{'s' * (days != -1)} overdue"


class Schedule:
    def __init__(self, store: Store):
        self.store = store

    def set_due(self, cohort_id: str, lesson_id: str, due_on: dt.date | None, set_by: str | None = None,
                lesson_ids: set[str] | None = None) -> None:
        """Set (or with None clear) when a lesson is due for a cohort."""
        if self.store.cohort(cohort_id) is None:
            raise ScheduleError(f"There is no cohort '{cohort_id}'.")
        if lesson_ids is not None and lesson_id not in lesson_ids:
            raise ScheduleError(f"There is no lesson '{lesson_id}' in the course.")
        key = (cohort_schedule.c.cohort_id == cohort_id) & (cohort_schedule.c.lesson == lesson_id)
        with self.store._write() as conn:
            conn.execute(cohort_schedule.delete().where(key))
            if due_on is not None:
                conn.execute(cohort_schedule.insert().values(cohort_id=cohort_id, lesson=lesson_id, due_on=due_on,
                                                             set_by=set_by, set_at=now()))

    def dates(self, cohort_id: str | None) -> dict[str, dt.date]:
        """lesson id -> due date for a cohort (nothing for learners without one)."""
        if cohort_id is None:
            return {}
        query = sa.select(cohort_schedule.c.lesson, cohort_schedule.c.due_on).where(
            cohort_schedule.c.cohort_id == cohort_id)
        with self.store.engine.connect() as conn:
            return {lesson: due for lesson, due in conn.execute(query)}


@dataclass(frozen=True)
class Due:
    lesson: object  # catalog Lesson
    due_on: dt.date
    words: str  # "due in 5 days", "2 days overdue"

    @property
    def overdue(self) -> bool:
        return self.words.endswith("overdue")


def due_for(catalog, dates: dict[str, dt.date], complete: set[str], on: dt.date) -> list[Due]:
    """The scheduled lessons not complete yet, soonest (or most overdue) first."""
    lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
    found = [Due(lessons[lid], due, days_word(due, on)) for lid, due in dates.items()
             if lid in lessons and lid not in complete]
    return sorted(found, key=lambda d: (d.due_on, d.lesson.number))
