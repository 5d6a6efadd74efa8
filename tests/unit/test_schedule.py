"""A cohort's schedule (course/mentor/schedule.py) on SQLite and PostgreSQL: dates as people type
them, calendar days, the learner's home shows what is due next, the dashboard marks who is behind,
and `course cohort schedule` sets and clears dates."""
from __future__ import annotations

import datetime as dt

import pytest

from course.cli import main as cli
from course.accounts.service import Accounts
from course.mentor.schedule import Schedule, ScheduleError, days_word, parse_due, today
from course.store.core import Store
from course.ui.mentor.dashboard import Dashboard
from course.ui.learner.mentor_notice import notice_html

from .sessions import account_session
from .test_mentor_dashboard import html_widgets

GOOD = "Meadow-lantern-cobalt-42"


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


def test_dates_are_read_as_people_type_them():
    assert parse_due("2027-03-14") == parse_due(" 3/14/2027 ") == dt.date(2027, 3, 14)
    assert parse_due("") is None and parse_due("none") is None
    for bad in ("14.3.2027", "2027-02-30", "next friday", "13/14/2027", None, 5):
        with pytest.raises(ScheduleError):
            parse_due(bad)


def test_days_are_calendar_days():
    on = dt.date(2026, 12, 1)
    assert days_word(dt.date(2026, 12, 1), on) == "due today"
    assert days_word(dt.date(2026, 12, 2), on) == "due tomorrow"
    assert days_word(dt.date(2026, 12, 6), on) == "due in 5 days"
    assert days_word(dt.date(2026, 11, 30), on) == "1 day overdue"
    assert days_word(dt.date(2026, 11, 28), on) == "3 days overdue"


def test_the_home_shows_what_is_due_and_the_dashboard_who_is_behind(db_url, cat):
    store = Store(db_url)
    accounts = Accounts(store)
    mo = accounts.create("Mo Mentor", "mentor", login="mo", password=GOOD)
    accounts.create_cohort("spring-2027", mo.id)
    ana = accounts.create("Ana <b>Ruiz</b>", "learner", login="ana", password=GOOD, cohort="spring-2027")
    schedule = Schedule(store)
    lessons = {lesson.id for lesson in cat.course.lessons}
    schedule.set_due("spring-2027", "the-role", today() - dt.timedelta(days=2), lesson_ids=lessons)
    schedule.set_due("spring-2027", "education", today() + dt.timedelta(days=5), lesson_ids=lessons)
    with pytest.raises(ScheduleError):
        schedule.set_due("spring-2027", "no-such-lesson", today(), lesson_ids=lessons)
    with pytest.raises(ScheduleError):
        schedule.set_due("no-such-cohort", "the-role", today())

    learner = account_session(db_url, ana)
    home = notice_html(cat, learner, lambda lesson: lesson.notebook)
    assert home.index("The role of") < home.index("The education path")  # the overdue one first
    assert "2 days overdue" in home and "due in 5 days" in home and "01-the-role.ipynb" in home
    assert "The role of" not in notice_html(cat, learner, lambda lesson: lesson.notebook, {"the-role"})

    mentor = account_session(db_url, mo)  # a mentor's account has no cohort of its own
    dash = Dashboard(cat, mentor, "spring-2027")
    overview = "".join(html_widgets(dash.sections["Overview"]))
    assert "1 learner is behind the cohort&#x27;s schedule (Ana &lt;b&gt;Ruiz&lt;/b&gt;)" in overview
    dash.tabs.selected_index = 2
    tab = dash.sections["Schedule"].children[0]
    assert "Lesson 1, 2 days overdue" in tab.behind.value and "Ana &lt;b&gt;Ruiz&lt;/b&gt;" in tab.behind.value
    tab.fields["the-role"].value = "31/12/2027"
    tab.submit()
    assert "Not saved" in tab.status.value and tab.fields["the-role"].value == "31/12/2027"  # kept as typed
    assert schedule.dates("spring-2027")["the-role"] == today() - dt.timedelta(days=2)
    tab.fields["the-role"].value = ""
    tab.fields["communication"].value = "3/14/2027"
    tab.submit()
    assert set(schedule.dates("spring-2027")) == {"education", "communication"}
    assert tab.fields["communication"].value == "2027-03-14" and "Nobody is behind" in tab.behind.value


def test_the_command_sets_lists_and_clears(db_url, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DB_URL", db_url)
    Accounts(Store(db_url)).create_cohort("spring-2027")
    assert cli.main(["cohort", "schedule", "spring-2027", "06", "2027-03-14"]) == 0
    assert "due on Sunday, March 14, 2027" in capsys.readouterr().out
    assert cli.main(["cohort", "schedule", "spring-2027"]) == 0
    assert "2027-03-14  lesson 6  communication" in capsys.readouterr().out
    assert cli.main(["cohort", "schedule", "spring-2027", "communication", "14.3.2027"]) == 1
    assert "type it as 2027-03-14" in capsys.readouterr().err
    assert cli.main(["cohort", "schedule", "spring-2027", "communication", "none"]) == 0
    assert Schedule(Store(db_url)).dates("spring-2027") == {}
