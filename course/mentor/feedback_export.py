"""Feedback threads and requests in the exports, beside the events (course/mentor/export.py):

- CSV: one more row per message, in the events CSV's columns (kind comment, reply or request; the
  response a JSON object with the author, the text, the rubric and its scores, and when a request
  was answered; score the rubric's share of its maximum).
- xAPI: a statement per message: a mentor's comment has the mentor as actor and verb `commented`,
  a learner's reply `commented`, a question `asked`; the object is the learner's work; rubric
  scores travel in result.score (raw, min, max, scaled) and result.extensions, with the rubric's id.
- Goal check-ins (course/mentor/checkins.py) likewise: CSV kind `check-in`, item the goal
  (`capstone/development-plan/30-days`); xAPI verb `progressed`, the status in result.extensions.

`course export` and the dashboard's Export tab call the functions at the bottom.
"""
from __future__ import annotations

import io
import json
import uuid

import sqlalchemy as sa

from course.keys import GOALS as GOALS_SUFFIX  # the plan's goals item: <lesson>/development-plan
from course.mentor import export
from course.store.feedback_tables import feedback_messages as messages
from course.store.feedback_tables import goal_checkins as checkins
from course.store.tables import learners

VERBS = {"comment": "commented", "reply": "commented", "request": "asked", "check-in": "progressed"}
VERB_IRIS = {verb: export.ADL + verb for verb in set(VERBS.values())}


def feedback_rows(store, cohort=export.ALL, table=messages):
    """Every message (or check-in) on the chosen learners' work, oldest first, with the learner's name
    and cohort."""
    query = (sa.select(table, learners.c.display_name, learners.c.cohort_id.label("learner_cohort"),
                       learners.c.is_demo)
             .join(learners, learners.c.id == table.c.learner_id).order_by(table.c.id))
    if cohort is None:
        query = query.where(learners.c.cohort_id.is_(None))
    elif cohort != export.ALL:
        query = query.where(learners.c.cohort_id == cohort)
    with store.engine.connect() as conn:
        yield from conn.execute(query).mappings()


def _scores(row, rubrics: dict):
    """(scores dict, raw total, maximum) for a scored message, else ({}, None, None)."""
    scores = json.loads(row["scores"]) if row["scores"] else {}
    rubric = rubrics.get(row["rubric"]) if row["rubric"] else None
    if not scores or rubric is None:
        return scores, None, None
    return scores, sum(scores.values()), rubric.top * len(scores)


def _response(row, scores) -> dict:
    found = {"author": row["author_name"], "author_role": row["author_role"], "text": row["body"]}
    if row["rubric"]:
        found |= {"rubric": row["rubric"], "scores": scores}
    if row["kind"] == "request":
        found["answered_at"] = export.iso(row["closed_at"]) if row["closed_at"] else None
    return found


def goal_item(row) -> str:
    return f"{row['lesson']}{GOALS_SUFFIX}/{row['horizon']}"


def feedback_csv_rows(store, cohort, rubrics: dict) -> list[list]:
    rows = []
    for row in feedback_rows(store, cohort):
        scores, raw, top = _scores(row, rubrics)
        rows.append([row["learner_id"], row["display_name"], row["learner_cohort"] or "", int(bool(row["is_demo"])),
                     row["lesson"], row["work"], row["kind"], json.dumps(_response(row, scores), ensure_ascii=False),
                     "", "" if raw is None else round(raw / top, 3), export.iso(row["created_at"])])
    for row in feedback_rows(store, cohort, checkins):
        said = {"author": row["author_name"], "author_role": row["author_role"], "status": row["status"],
                "text": row["comment"]}
        rows.append([row["learner_id"], row["display_name"], row["learner_cohort"] or "", int(bool(row["is_demo"])),
                     row["lesson"], goal_item(row), "check-in", json.dumps(said, ensure_ascii=False), "", "",
                     export.iso(row["created_at"])])
    return rows


def work_activity(base: str, catalog, lesson_id: str, work: str) -> dict:
    """The learner's piece of work as an xAPI activity (the same ids as the events' statements)."""
    if work.endswith("/reflection"):
        return {"id": export._iri(base, "lessons", lesson_id, "reflection"), "name": "Reflection"}
    if work.startswith("scenario:"):
        sid = work.removeprefix("scenario:").removesuffix("/ending")
        scenario = catalog.scenarios.get(sid)
        return {"id": export._iri(base, "scenarios", sid), "name": scenario.title if scenario else sid}
    if work in catalog.items:
        return {"id": export._iri(base, "items", work), "name": catalog.items[work].prompt}
    return {"id": export._iri(base, "activities", work), "name": work}


def feedback_statement(row, base: str, catalog, lessons: dict) -> dict:
    scores, raw, top = _scores(row, catalog.rubrics)
    lesson_id = row["lesson"]
    lesson_name = lessons[lesson_id].title if lesson_id in lessons else lesson_id
    verb = VERBS[row["kind"]]
    work = work_activity(base, catalog, lesson_id, row["work"])
    result = {"response": row["body"]}
    if raw is not None:
        result["score"] = {"raw": raw, "min": 0, "max": top, "scaled": round(raw / top, 4) if top else 0}
        result["extensions"] = {export._iri(base, "extensions", "rubric"): row["rubric"],
                                export._iri(base, "extensions", "rubric-scores"): scores}
    if row["kind"] == "request":
        result["completion"] = row["closed_at"] is not None  # answered by a mentor
    extensions = {export._iri(base, "extensions", "cohort"): row["learner_cohort"],
                  export._iri(base, "extensions", "demo-data"): bool(row["is_demo"]),
                  export._iri(base, "extensions", "learner"): row["learner_id"]}
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/feedback/{row['idempotency_key']}")),
        "actor": {"objectType": "Agent", "name": row["author_name"],
                  "account": {"homePage": base, "name": row["author_id"]}},
        "verb": {"id": VERB_IRIS[verb], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": work["id"],
                   "definition": {"name": {"en-US": work["name"]}, "type": export.ACTIVITY_TYPES["interaction"]}},
        "result": result,
        "context": {"contextActivities": {"grouping": [{
            "objectType": "Activity", "id": export._iri(base, "lessons", lesson_id),
            "definition": {"name": {"en-US": lesson_name}, "type": export.ACTIVITY_TYPES["lesson"]}}]},
            "extensions": extensions, "platform": "Becoming a Clinical Operations Manager (Voila)",
            "language": "en-US"},
        "timestamp": export.iso(row["created_at"]),
    }


def checkin_statement(row, base: str, lessons: dict) -> dict:
    lesson_id = row["lesson"]
    lesson_name = lessons[lesson_id].title if lesson_id in lessons else lesson_id
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/check-ins/{row['idempotency_key']}")),
        "actor": {"objectType": "Agent", "name": row["author_name"],
                  "account": {"homePage": base, "name": row["author_id"]}},
        "verb": {"id": VERB_IRIS["progressed"], "display": {"en-US": "progressed"}},
        "object": {"objectType": "Activity",  # a part of the plan's own activity (the events' statements)
                   "id": export._iri(base, "activities", f"{row['lesson']}{GOALS_SUFFIX}", row["horizon"]),
                   "definition": {"name": {"en-US": f"Development plan goal: {row['horizon']}"},
                                  "type": export.ACTIVITY_TYPES["interaction"]}},
        "result": {"response": row["comment"], "completion": row["status"] == "done",
                   "extensions": {export._iri(base, "extensions", "goal-status"): row["status"]}},
        "context": {"contextActivities": {"grouping": [{
            "objectType": "Activity", "id": export._iri(base, "lessons", lesson_id),
            "definition": {"name": {"en-US": lesson_name}, "type": export.ACTIVITY_TYPES["lesson"]}}]},
            "extensions": {export._iri(base, "extensions", "cohort"): row["learner_cohort"],
                           export._iri(base, "extensions", "demo-data"): bool(row["is_demo"]),
                           export._iri(base, "extensions", "learner"): row["learner_id"]},
            "platform": "Becoming a Clinical Operations Manager (Voila)", "language": "en-US"},
        "timestamp": export.iso(row["created_at"]),
    }


# --- the exports with feedback (what `course export` and the dashboard write) -------------------------

def cohort_csv(store, cohort, catalog) -> tuple[str, int]:
    """The events CSV, then one row per feedback message; (text, rows)."""
    text, count = export.cohort_csv(store, cohort)
    rows = feedback_csv_rows(store, cohort, catalog.rubrics)
    out = io.StringIO()
    writer = export._SafeWriter(out)
    for row in rows:
        writer.writerow(row)
    return text + out.getvalue(), count + len(rows)


def xapi_statements(store, cohort, base: str | None, catalog) -> list[dict]:
    root = export.base_iri(base)
    lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
    return (export.xapi_statements(store, cohort, base, catalog)
            + [feedback_statement(row, root, catalog, lessons) for row in feedback_rows(store, cohort)]
            + [checkin_statement(row, root, lessons) for row in feedback_rows(store, cohort, checkins)])


def cohort_xapi_json(store, cohort, base: str | None, catalog) -> tuple[str, int]:
    found = xapi_statements(store, cohort, base, catalog)
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")), len(found)
