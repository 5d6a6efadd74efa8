"""Exports: every xAPI statement is well formed (actor, ADL verb, object, result, context,
timestamp), the CSV has its columns and one row per event, and `course export` writes both."""
import csv
import io
import json
import re
import uuid
from datetime import datetime

import pytest

from course.mentor import export
from course.cli.main import main as cli_main

from .cohort_fixture import MARKUP_NAME, build

BASE = "https://lms.example.edu/courses/clinops"
IRI = re.compile(r"^https?://[^\s]+$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def cohort(store):
    build(store)
    return store


def check_statement(s: dict, base: str) -> None:
    """The parts of an xAPI 1.0.3 statement this course promises, checked field by field."""
    assert set(s) <= {"id", "actor", "verb", "object", "result", "context", "timestamp"}
    assert {"id", "actor", "verb", "object", "context", "timestamp"} <= set(s)
    uuid.UUID(s["id"])
    actor = s["actor"]
    assert actor["objectType"] == "Agent" and isinstance(actor["name"], str)
    assert set(actor["account"]) == {"homePage", "name"}
    assert IRI.match(actor["account"]["homePage"]) and actor["account"]["name"]
    verb = s["verb"]
    assert verb["id"] in {f"http://adlnet.gov/expapi/verbs/{v}"
                          for v in ("answered", "completed", "experienced", "passed", "failed")}
    assert verb["display"]["en-US"] == verb["id"].rsplit("/", 1)[1]
    obj = s["object"]
    assert obj["objectType"] == "Activity" and IRI.match(obj["id"]) and obj["id"].startswith(base + "/")
    assert isinstance(obj["definition"]["name"]["en-US"], str) and obj["definition"]["name"]["en-US"]
    assert IRI.match(obj["definition"]["type"])
    if "result" in s:
        result = s["result"]
        assert set(result) <= {"success", "score", "response", "completion"}
        if "success" in result:
            assert isinstance(result["success"], bool)
        if "score" in result:
            assert -1 <= result["score"]["scaled"] <= 1
        if "response" in result:
            assert isinstance(result["response"], str)
    context = s["context"]
    grouping = context["contextActivities"]["grouping"]
    assert grouping and all(IRI.match(g["id"]) and g["id"].startswith(base + "/lessons/") for g in grouping)
    assert all(IRI.match(k) for k in context["extensions"])
    assert any(k.endswith("/extensions/cohort") for k in context["extensions"])
    assert ISO.match(s["timestamp"])
    datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))


def test_every_xapi_statement_is_well_formed(cohort, fixture_catalog):
    statements = export.xapi_statements(cohort, "c1", BASE, fixture_catalog)
    assert len(statements) == cohort.count_events() - 2  # all of c1; Dan (c2) has 2 events
    for statement in statements:
        check_statement(statement, BASE)
    assert json.loads(json.dumps(statements)) == statements
    assert len({s["id"] for s in statements}) == len(statements)


def test_verbs_follow_what_happened(cohort, fixture_catalog):
    statements = export.xapi_statements(cohort, "c1", BASE, fixture_catalog)
    by_verb = {}
    for s in statements:
        by_verb.setdefault(s["verb"]["display"]["en-US"], []).append(s)
    assert set(by_verb) == {"answered", "experienced", "passed", "failed"}
    live = next(s for s in statements if "live-session" in " ".join(s["context"]["extensions"]))
    assert live["object"]["id"] == f"{BASE}/items/q-single" and live["result"]["response"] == "c"
    assert live["context"]["extensions"][f"{BASE}/extensions/live-session"] == "KM4Q7P"
    passed, failed = by_verb["passed"][0], by_verb["failed"][0]
    assert passed["object"]["id"] == f"{BASE}/scenarios/night-shift" and passed["result"]["success"] is True
    assert failed["result"]["score"]["scaled"] == 0.0 and failed["actor"]["account"]["name"] == "ben"
    first = next(s for s in statements if s["object"]["id"].endswith("/items/q-single"))
    assert first["result"] == {"success": False, "score": {"scaled": 0.0}, "response": "a"}
    assert first["object"]["definition"]["interactionType"] == "choice"
    assert first["context"]["contextActivities"]["grouping"][0]["definition"]["name"]["en-US"] == "Alpha"
    assert first["context"]["extensions"][f"{BASE}/extensions/cohort"] == "c1"
    choice = next(s for s in statements if "/decisions/" in s["object"]["id"])
    assert choice["context"]["contextActivities"]["parent"][0]["id"] == f"{BASE}/scenarios/night-shift"
    reflection = next(s for s in statements if s["object"]["id"].endswith("/reflection")
                      and s["actor"]["name"] == MARKUP_NAME)
    assert reflection["result"]["response"].startswith("<script>")  # data, not markup: JSON carries it as text


def test_statement_ids_are_stable_across_exports(cohort, fixture_catalog):
    a = export.xapi_statements(cohort, "c1", BASE, fixture_catalog)
    b = export.xapi_statements(cohort, "c1", BASE, fixture_catalog)
    assert [s["id"] for s in a] == [s["id"] for s in b]  # re-sending to an LRS does not duplicate


def test_csv_columns_rows_and_formula_safety(cohort):
    cohort.ensure_learner("=cmd|' /c calc'!a0", "=cmd|' /c calc'!A0", "c1")
    cohort.record(learner_id="=cmd|' /c calc'!a0", lesson="alpha", item="alpha/reflection", kind="reflection",
                  response={"text": "hi"})
    text, count = export.cohort_csv(cohort, "c1")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == export.CSV_COLUMNS
    assert count == len(rows) == cohort.count_events() - 2
    assert {r["cohort"] for r in rows} == {"c1"} and "Dan Other-Cohort" not in text
    first = rows[0]
    assert json.loads(first["response"]) == {"choice": "a"} and first["correct"] == "0" and first["score"] == "0.0"
    assert ISO.match(first["timestamp"])
    evil = next(r for r in rows if "calc" in r["learner_id"])
    assert evil["learner_id"].startswith("'=") and evil["learner_name"].startswith("'=")  # shown, never run
    all_text, all_count = export.cohort_csv(cohort)
    assert all_count == cohort.count_events()


@pytest.mark.parametrize("evil", ["=hyperlink(\"http://x\")", "+1+1", "-2+3", "@sum(1)", "\t=1"])
def test_every_text_cell_of_every_csv_is_safe_to_open(cohort, evil, tmp_path, monkeypatch, cat):
    cohort.ensure_learner(evil.casefold(), evil, "c1")
    cohort.record(learner_id=evil.casefold(), cohort_id="c1", lesson="alpha", item=evil, kind="reflection",
                  response={"text": evil})
    from course.mentor import analytics

    files = [export.cohort_csv(cohort, "c1")[0],
             export.roster_csv(analytics.learner_progress(analytics.load_cohort(cohort, "c1"), cat))]
    monkeypatch.setenv("COURSE_DB_URL", cohort.url)
    out = tmp_path / "all.csv"
    assert cli_main(["export", "--format", "csv", "--out", str(out)]) == 0
    files.append(out.read_text(encoding="utf-8"))
    for text in files:
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert any(evil in cell for cell in cells)
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], text[:300]


def test_export_without_a_cohort_holds_every_learner(cohort, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DB_URL", cohort.url)
    out = tmp_path / "everyone.csv"
    assert cli_main(["export", "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == cohort.count_events()
    assert len({r["cohort"] for r in rows}) >= 2  # learners of every cohort, not only those without one


def test_unknown_cohort_is_refused(cohort):
    with pytest.raises(ValueError, match="no cohort"):
        export.cohort_csv(cohort, "nope")


def test_cli_export_writes_csv_and_xapi(cohort, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DB_URL", cohort.url)
    out = tmp_path / "c1.csv"
    assert cli_main(["export", "--format", "csv", "--out", str(out), "--cohort", "c1"]) == 0
    assert out.read_text().splitlines()[0] == ",".join(export.CSV_COLUMNS)
    out = tmp_path / "c1.json"
    assert cli_main(["export", "--format", "xapi", "--out", str(out), "--cohort", "c1", "--base-iri", BASE]) == 0
    statements = json.loads(out.read_text())
    assert statements and all(s["object"]["id"].startswith(BASE) for s in statements)
    assert "statements" in capsys.readouterr().out
    assert cli_main(["export", "--format", "csv", "--out", str(out), "--cohort", "missing"]) == 1


def test_download_link_is_a_data_uri_and_zips_large_files():
    link = export.download_link("a,b\n1,2\n", "x.csv", "text/csv", "Download")
    assert link.startswith('<a class="course-download" download="x.csv" href="data:text/csv;base64,')
    big = "learner,answer\n" + "someone,something\n" * 200_000
    zipped = export.download_link(big, "big.csv", "text/csv", "Download")
    assert 'download="big.csv.zip"' in zipped and "application/zip" in zipped
    evil = export.download_link("x", '"><img src=x onerror=alert(1)>.csv', "text/csv", "<b>")
    assert "<img" not in evil and "<b>" not in evil
