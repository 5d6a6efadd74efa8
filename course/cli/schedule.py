"""`course cohort schedule`: when each lesson is due for a cohort.

    course cohort schedule spring-2027                       the cohort's dates
    course cohort schedule spring-2027 the-role 2027-03-14   lesson the-role due on that date
    course cohort schedule spring-2027 the-role none         no date for it any more
"""
from __future__ import annotations

import sys

from course.catalog import load
from course.errors import ContentError
from course.mentor.schedule import Schedule, ScheduleError, parse_due
from course.errors import StoreError
from course.store.core import Store


def cmd_cohort_schedule(args) -> int:
    try:
        catalog = load()
        schedule = Schedule(Store())
        lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
        if args.lesson is None:
            if schedule.store.cohort(args.code) is None:
                raise ScheduleError(f"There is no cohort '{args.code}'.")
            dates = schedule.dates(args.code)
            if not dates:
                print(f"No lesson has a due date in {args.code} yet.")
            for lesson_id, due in sorted(dates.items(), key=lambda kv: kv[1]):
                lesson = lessons.get(lesson_id)
                print(f"{due.isoformat()}  lesson {lesson.number if lesson else '?'}  {lesson_id}")
            return 0
        if args.date is None:
            raise ScheduleError("Give the date too, for example: course cohort schedule "
                                f"{args.code} {args.lesson} 2027-03-14 (or 'none' to clear it).")
        lesson_id = args.lesson if args.lesson in lessons else next(
            (lid for lid, lesson in lessons.items() if args.lesson in (str(lesson.number), f"{lesson.number:02d}")),
            args.lesson)  # "06" or "6" names lesson 06 too
        due = parse_due(args.date)
        schedule.set_due(args.code, lesson_id, due, lesson_ids=set(lessons))
    except (ScheduleError, StoreError, ContentError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    lesson = lessons[lesson_id]
    said = f"due on {due:%A}, {due:%B} {due.day}, {due.year}" if due else "has no due date any more"
    print(f"Lesson {lesson.number} ({lesson.title}) {said} in {args.code}.")
    return 0


def add_commands(cohort_sub) -> None:
    schedule = cohort_sub.add_parser("schedule", help="when each lesson is due for a cohort")
    schedule.add_argument("code", help="the cohort, e.g. spring-2027")
    schedule.add_argument("lesson", nargs="?", help="a lesson's id (the-role) or number (01)")
    schedule.add_argument("date", nargs="?", help="2027-03-14 or 3/14/2027; 'none' clears it")
    schedule.set_defaults(func=cmd_cohort_schedule)
