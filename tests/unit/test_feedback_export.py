"""Feedback, rubric scores and requests in the exports: the CSV gets one row per message in the
events' columns (formula-safe), and each message becomes an xAPI 1.0.3 statement whose rubric
scores are in result.score and result.extensions; `course export` writes both."""
from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import datetime

import pytest

from course.accounts.service import Accounts
from course.cli.main import main as cli_main
from course.mentor import feedback_export
from course.mentor.feedback import Feedback, learner_viewer, mentor_viewer
from course.store.core import Store

from .mentor_cohorts import mentored_cohorts
from .sessions import account_identity

BASE = "https://lms.example.edu/courses/clinops"
IRI = re.compile(r"^https?://[^\s]+$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


@pytest.fixture
def threads(db_url, cat):
    store = Store(db_url)
    people = mentored_cohorts(store, learners=("ana", "cy"))
    mo, ana, cy = people["mo"], people["ana"], people["cy"]
    mentor = mentor_viewer(account_identity(mo), store, granted=False)
    learner, other = learner_viewer(account_identity(ana)), learner_viewer(account_identity(cy))
    fb = Feedback(store)
    store.record(learner_id=ana.id, cohort_id="spring-2027", lesson="communication", item="sbar-pumps",
                 kind="exercise", response={"draft": {"situation": "Pumps short."}})
    fb.post(learner, ana.id, "the-role", "role-scope", "=HYPERLINK(\"http://evil\") why is B right?", kind="request")
    fb.post(mentor, ana.id, "the-role", "role-scope", "Because only a manager owns the budget.")
    fb.post(mentor, ana.id, "communication", "sbar-pumps", "Make the ask specific.",
            rubric=cat.rubrics["sbar-draft"], scores={"specific-ask": 1, "headline": 2})
    fb.post(learner, ana.id, "communication", "sbar-pumps", "Will do!")
    fb.post(other, cy.id, "the-role", "the-role/reflection", "Another cohort's question.", kind="request")
    return store


def check_statement(s: dict) -> None:
    """xAPI 1.0.3 (what an LRS such as Learning Locker validates), field by field."""
    assert set(s) <= {"id", "actor", "verb", "object", "result", "context", "timestamp"}
    uuid.UUID(s["id"])
    assert s["actor"]["objectType"] == "Agent" and set(s["actor"]["account"]) == {"homePage", "name"}
    assert IRI.match(s["actor"]["account"]["homePage"]) and s["actor"]["account"]["name"]
    assert s["verb"]["id"] in {"http://adlnet.gov/expapi/verbs/commented", "http://adlnet.gov/expapi/verbs/asked"}
    assert s["verb"]["display"]["en-US"] == s["verb"]["id"].rsplit("/", 1)[1]
    assert s["object"]["objectType"] == "Activity" and s["object"]["id"].startswith(BASE + "/")
    assert IRI.match(s["object"]["definition"]["type"]) and s["object"]["definition"]["name"]["en-US"]
    result = s["result"]
    assert set(result) <= {"success", "score", "response", "completion", "extensions", "duration"}
    assert isinstance(result["response"], str)
    if "score" in result:
        score = result["score"]
        assert score["min"] <= score["raw"] <= score["max"] and -1 <= score["scaled"] <= 1
    for key in list(result.get("extensions", {})) + list(s["context"]["extensions"]):
        assert IRI.match(key)
    grouping = s["context"]["contextActivities"]["grouping"]
    assert grouping and all(g["id"].startswith(BASE + "/lessons/") for g in grouping)
    assert ISO.match(s["timestamp"])
    datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))


def test_xapi_statements_carry_feedback_scores_and_requests(threads, cat):
    statements = feedback_export.xapi_statements(threads, "spring-2027", BASE, cat)
    feedback = [s for s in statements if s["verb"]["display"]["en-US"] in ("commented", "asked")]
    assert len(feedback) == 4 and len(statements) == 5  # plus Ana's saved SBAR draft; nothing of fall-2027
    for statement in feedback:
        check_statement(statement)
    assert json.loads(json.dumps(statements)) == statements
    asked = next(s for s in feedback if s["verb"]["display"]["en-US"] == "asked")
    assert asked["actor"]["name"] == "Ana Ruiz" and asked["result"]["completion"] is True  # answered
    assert asked["object"]["id"] == f"{BASE}/items/role-scope"
    scored = next(s for s in feedback if "score" in s["result"])
    assert scored["actor"]["name"] == "Mo Mentor" and scored["object"]["id"] == f"{BASE}/activities/sbar-pumps"
    assert scored["result"]["score"] == {"raw": 3, "min": 0, "max": 4, "scaled": 0.75}
    assert scored["result"]["extensions"][f"{BASE}/extensions/rubric"] == "sbar-draft"
    assert scored["result"]["extensions"][f"{BASE}/extensions/rubric-scores"] == {"specific-ask": 1, "headline": 2}
    assert scored["context"]["extensions"][f"{BASE}/extensions/learner"] == Accounts(threads).by_login("ana").id
    again = feedback_export.xapi_statements(threads, "spring-2027", BASE, cat)
    assert [s["id"] for s in again] == [s["id"] for s in statements]  # stable ids


def test_csv_rows_for_feedback_are_in_the_events_columns_and_formula_safe(threads, cat):
    text, count = feedback_export.cohort_csv(threads, "spring-2027", cat)
    rows = list(csv.reader(io.StringIO(text)))
    assert count == len(rows) - 1 == 5
    feedback = [r for r in rows[1:] if r[6] in ("comment", "reply", "request")]
    assert [r[6] for r in feedback] == ["request", "comment", "comment", "reply"]
    request = json.loads(feedback[0][7].lstrip("'"))
    assert request["text"].startswith("=HYPERLINK") and request["answered_at"]
    assert not any(cell.startswith("=") for r in rows for cell in r)
    scored = json.loads(feedback[2][7])
    assert scored["rubric"] == "sbar-draft" and scored["scores"] == {"specific-ask": 1, "headline": 2}
    assert feedback[2][9] == "0.75"


def test_course_export_writes_the_feedback_too(threads, db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DB_URL", db_url)
    out = tmp_path / "all.json"
    assert cli_main(["export", "--format", "xapi", "--out", str(out), "--base-iri", BASE]) == 0
    verbs = [s["verb"]["display"]["en-US"] for s in json.loads(out.read_text(encoding="utf-8"))]
    assert verbs.count("asked") == 2 and verbs.count("commented") == 3
    csv_out = tmp_path / "spring.csv"
    assert cli_main(["export", "--format", "csv", "--out", str(csv_out), "--cohort", "spring-2027"]) == 0
    assert "Make the ask specific." in csv_out.read_text(encoding="utf-8")
    assert "Another cohort" not in csv_out.read_text(encoding="utf-8")
