"""Check-ins on the development plan's 30, 60 and 90-day goals (course/mentor/checkins.py), on SQLite
and PostgreSQL: a status and a line from the learner or their mentor, nobody else; shown under the
plan and in the dashboard; in the CSV and xAPI exports."""
from __future__ import annotations

import csv
import io
import json

import pytest

from course.mentor import feedback_export
from course.mentor.checkins import COMMENT_MAX, CheckIns
from course.mentor.feedback import FeedbackError, learner_viewer, mentor_viewer
from course.capstone.plan import goals_item
from course.store.core import Store
from course.ui.learner.goal_checkins import GoalCheckIns, PlanCheckIns

from .mentor_cohorts import mentored_cohorts
from .sessions import account_identity, account_session
from .test_feedback_export import BASE, check_statement

GOALS = {"30-days": {"goal": "Lead the <b>morning</b> huddle twice", "domain": "leadership",
                     "action": "Ask my manager on Monday"},
         "1-year": {"goal": "Apply for a charge role", "domain": "leadership", "action": "Update my CV"}}


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


@pytest.fixture
def world(db_url, cat):
    store = Store(db_url)
    people = mentored_cohorts(store, learners=("ana", "ben"))
    mo, zed, ana, ben = people["mo"], people["zed"], people["ana"], people["ben"]
    ident = account_identity
    session = account_session(db_url, ana)
    session.record(lesson=cat.development_plan.lesson, item=goals_item(cat.development_plan),
                   kind="exercise", response={"goals": GOALS, "supporters": ""})
    return dict(store=store, session=session, ana=learner_viewer(ident(ana)), ben=learner_viewer(ident(ben)),
                mo=mentor_viewer(ident(mo), store, granted=False), zed=mentor_viewer(ident(zed), store, granted=False))


def test_check_ins_from_both_sides_and_nobody_else(world, cat):
    service, ana, mo = CheckIns(world["store"]), world["ana"], world["mo"]
    near = {"30-days", "60-days", "90-days"}
    service.add(ana, ana.id, "capstone", "30-days", "on track", "Asked;\nfirst one next week", near)
    service.add(mo, ana.id, "capstone", "30-days", "done", "Saw her run it: calm and clear.", near)
    history = service.of(ana, ana.id)["30-days"]
    assert [(c.author_role, c.status) for c in history] == [("learner", "on track"), ("mentor", "done")]
    assert history[0].comment == "Asked; first one next week"  # one line
    assert service.of(world["ben"], ana.id) == {} and service.of(world["zed"], ana.id) == {}
    for intruder in (world["ben"], world["zed"]):
        with pytest.raises(FeedbackError):
            service.add(intruder, ana.id, "capstone", "30-days", "done", "", near)
    for horizon, status, comment in (("1-year", "done", ""), ("30-days", "finished", ""),
                                     ("30-days", "done", "x" * (COMMENT_MAX + 1)), ("30-days", "done", 7)):
        with pytest.raises(FeedbackError):
            service.add(ana, ana.id, "capstone", horizon, status, comment, near)


def test_the_learner_checks_in_under_the_plan_and_the_mentor_beside_it(world, cat):
    box = PlanCheckIns(cat, world["session"]).children[0]
    assert list(box.boxes) == ["30-days"]  # only near goals that were saved
    shown, status, line, _note = box.boxes["30-days"]
    assert "Lead the &lt;b&gt;morning&lt;/b&gt; huddle twice" in shown.value and "No check-in yet" in shown.value
    status.value = "on track"
    line.value = "<script>x</script> first huddle done"
    box.submit("30-days")
    assert "Status: <strong>on track</strong>" in shown.value and "&lt;script&gt;" in shown.value
    mentor_box = GoalCheckIns(world["store"], world["mo"], world["ana"].id, cat.development_plan, GOALS)
    seen_by_mentor = mentor_box.boxes["30-days"][0].value
    assert "(you)" not in seen_by_mentor and "Ana Ruiz</bdi> (learner)" in seen_by_mentor
    mentor_box.boxes["30-days"][1].value = "done"
    mentor_box.submit("30-days")
    box.show()
    assert "Status: <strong>done</strong>, set by <bdi>Mo Mentor</bdi> (mentor)" in shown.value


def test_check_ins_are_in_the_exports(world, cat):
    service, ana = CheckIns(world["store"]), world["ana"]
    service.add(ana, ana.id, "capstone", "30-days", "changed", "Swapped for a safety walk-round", {"30-days"})
    statements = feedback_export.xapi_statements(world["store"], "spring-2027", BASE, cat)
    progressed = [s for s in statements if s["verb"]["display"]["en-US"] == "progressed"]
    assert len(progressed) == 1
    s = progressed[0]
    assert s["object"]["id"] == f"{BASE}/activities/capstone%2Fdevelopment-plan/30-days"
    assert s["result"]["extensions"][f"{BASE}/extensions/goal-status"] == "changed"
    s_for_check = dict(s, verb={"id": "http://adlnet.gov/expapi/verbs/commented", "display": {"en-US": "commented"}})
    check_statement(s_for_check)  # every other field as an LRS validates it
    text, _n = feedback_export.cohort_csv(world["store"], "spring-2027", cat)
    row = next(r for r in csv.reader(io.StringIO(text)) if r[6] == "check-in")
    assert row[5] == "capstone/development-plan/30-days" and json.loads(row[7])["status"] == "changed"
