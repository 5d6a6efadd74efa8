"""Exports for mentors: a cohort's events as CSV, and as xAPI statements for a learning record
store (ADL verbs; actor by account; activities under the course's base IRI).

`course export --format csv|xapi --out FILE [--cohort NAME]` and the dashboard's download links
both come from here. The base IRI is COURSE_XAPI_BASE_IRI, or --base-iri, or a placeholder under
example.org that an LRS will accept but that a real deployment should replace.
"""
from __future__ import annotations

import base64
import csv
import functools
import io
import json
import os
import uuid
import zipfile
from datetime import timezone
from urllib.parse import quote

import sqlalchemy as sa

from course.keys import HINT as HINT_SUFFIX
from course.store.stamps import as_utc
from course.store.tables import events, learners
from course.text import esc

DEFAULT_BASE_IRI = "https://course.example.org/clinical-operations-manager"
ALL = "*all*"  # every learner, whatever their cohort (None means: learners without a cohort)

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {name: ADL + name for name in ("answered", "completed", "experienced", "passed", "failed", "interacted",
                                       "attempted")}
NOT_STATEMENTS = {"draft"}  # what a refused save held: kept for the learner, not a learning record
ACTIVITY_TYPES = {
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "simulation": "http://adlnet.gov/expapi/activities/simulation",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
}
INTERACTION_TYPES = {"single": "choice", "multiple": "choice", "numeric": "numeric", "ordering": "sequencing"}

CSV_COLUMNS = ["learner_id", "learner_name", "cohort", "is_demo", "lesson", "item", "kind", "response",
               "correct", "score", "timestamp"]

ZIP_ABOVE = 2_000_000  # bytes: a larger download is zipped, so the page carries less
LINK_LIMIT = 8_000_000  # bytes: above this (even zipped) a data: link is too heavy; use the CLI


def base_iri(override: str | None = None) -> str:
    return (override or os.environ.get("COURSE_XAPI_BASE_IRI") or DEFAULT_BASE_IRI).rstrip("/")


@functools.lru_cache(maxsize=20_000)  # the same lessons, items and extensions recur in every export
def _iri(base: str, *parts: str) -> str:
    return "/".join([base] + [quote(str(p), safe="-_.~:") for p in parts])


def event_rows(store, cohort=ALL):
    """Every event of the chosen learners, oldest first, with the learner's name and cohort."""
    query = (sa.select(events.c.id, events.c.idempotency_key, events.c.learner_id,
                       learners.c.display_name, learners.c.cohort_id, learners.c.is_demo, events.c.lesson,
                       events.c.item, events.c.kind, events.c.response, events.c.correct, events.c.score,
                       events.c.created_at)
             .join(learners, learners.c.id == events.c.learner_id).order_by(events.c.id))
    if cohort is None:
        query = query.where(learners.c.cohort_id.is_(None))
    elif cohort != ALL:
        query = query.where(learners.c.cohort_id == cohort)
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            yield row


def _check_cohort(store, cohort) -> None:
    if cohort not in (ALL, None) and store.cohort(cohort) is None:
        raise ValueError(f"There is no cohort '{cohort}' in the store.")


def iso(stamp) -> str:
    stamp = as_utc(stamp).astimezone(timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


# --- CSV ---------------------------------------------------------------------------------------------

def cohort_csv(store, cohort=ALL) -> tuple[str, int]:
    """(CSV text, number of rows): one row per event, responses as JSON."""
    _check_cohort(store, cohort)
    out = io.StringIO()
    writer = _SafeWriter(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in event_rows(store, cohort):
        writer.writerow([row["learner_id"], row["display_name"], row["cohort_id"] or "",
                         int(bool(row["is_demo"])), row["lesson"], row["item"], row["kind"],
                         row["response"] if isinstance(row["response"], str)
                         else json.dumps(row["response"], ensure_ascii=False),
                         "" if row["correct"] is None else int(row["correct"]),
                         "" if row["score"] is None else row["score"], iso(row["created_at"])])
        count += 1
    return out.getvalue(), count


def _csv_safe(text) -> str:
    """Keep a spreadsheet from running a learner's text as a formula (CSV injection)."""
    text = "" if text is None else str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _SafeWriter:
    """csv.writer that guards every text cell (ids, names, items, responses alike); numbers pass."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row) -> None:
        self._writer.writerow([_csv_safe(cell) if isinstance(cell, str) else cell for cell in row])


def invitations_csv(rows) -> str:
    """(name, link) pairs, as `course cohort invite` writes them."""
    out = io.StringIO()
    writer = _SafeWriter(out)
    writer.writerow(["name", "invitation link (single use, 14 days)"])
    for row in rows:
        writer.writerow(list(row))
    return out.getvalue()


def roster_csv(progress) -> str:
    """The dashboard's roster (analytics.learner_progress) as CSV."""
    out = io.StringIO()
    writer = _SafeWriter(out)
    writer.writerow(["learner_id", "learner_name", "lessons_done", "lessons_started", "items_answered",
                     "first_try_share", "last_active", "is_demo"])
    for r in progress.itertuples(index=False):
        share = "" if r.first_try_share != r.first_try_share else round(float(r.first_try_share), 3)
        writer.writerow([r.learner_id, r.name, r.lessons_done, r.lessons_started, r.items_answered,
                         share, iso(r.last_active.to_pydatetime()) if r.last_active == r.last_active else "",
                         int(bool(r.is_demo))])
    return out.getvalue()


# --- xAPI ----------------------------------------------------------------------------------------------

def _response_text(item, response: dict) -> str:
    """result.response in the cmi.interaction style ('a[,]b' for choices and sequences)."""
    if item is not None:
        if item.kind == "single":
            return str(response.get("choice", ""))
        if item.kind == "multiple":
            return "[,]".join(response.get("choices") or [])
        if item.kind == "numeric":
            value = response.get("value")
            return "" if value is None else f"{value:g}"
        if item.kind == "ordering":
            return "[,]".join(response.get("order") or [])
    if isinstance(response.get("text"), str):
        return response["text"]
    return json.dumps(response, ensure_ascii=False, sort_keys=True)


def statement(row, base: str, catalog, lessons: dict | None = None) -> dict:
    """One xAPI statement for one stored event (`lessons`: id -> Lesson, passed in by bulk exports)."""
    response = json.loads(row["response"]) if isinstance(row["response"], str) else row["response"]
    if not isinstance(response, dict):
        response = {"value": response}
    lesson_id, item_id, kind = row["lesson"], row["item"], row["kind"]
    if lessons is None:
        lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
    lesson_name = lessons[lesson_id].title if lesson_id in lessons else lesson_id
    result: dict = {}
    parent = live_code = None
    if row["correct"] is not None:
        result["success"] = bool(row["correct"])
    if row["score"] is not None:
        result["score"] = {"scaled": max(-1.0, min(1.0, float(row["score"])))}

    item = catalog.items.get(item_id) if kind == "answer" else None
    if kind == "answer":
        verb = "answered"
        obj_id = _iri(base, "items", item_id)
        definition = {"name": {"en-US": item.prompt if item else item_id}, "type": ACTIVITY_TYPES["interaction"],
                      "interactionType": INTERACTION_TYPES.get(item.kind, "other") if item else "other"}
        result["response"] = _response_text(item, response)
    elif kind == "scenario" and item_id.startswith("scenario:"):
        sid = item_id.removeprefix("scenario:").removesuffix("/ending")
        sc = catalog.scenarios.get(sid)
        scenario_act = {"objectType": "Activity", "id": _iri(base, "scenarios", sid),
                        "definition": {"name": {"en-US": sc.title if sc else sid},
                                       "type": ACTIVITY_TYPES["simulation"]}}
        action = response.get("action")
        if action == "choice":
            verb = "answered"
            node = response.get("node", "")
            obj_id = _iri(base, "scenarios", sid, "decisions", node)
            definition = {"name": {"en-US": f"{sc.title if sc else sid}: decision {response.get('step', '')}".strip()},
                          "type": ACTIVITY_TYPES["interaction"], "interactionType": "choice"}
            result["response"] = str(response.get("choice", ""))
            parent = scenario_act
        elif action == "end":
            rating = response.get("rating")
            verb = {"strong": "passed", "poor": "failed"}.get(rating, "completed")
            obj_id, definition = scenario_act["id"], scenario_act["definition"]
            result["completion"] = True
            result["response"] = str(response.get("ending", ""))
        else:  # the start of a run
            verb = "experienced"
            obj_id, definition = scenario_act["id"], scenario_act["definition"]
    elif kind == "reflection":
        verb = "answered"
        obj_id = _iri(base, "lessons", lesson_id, "reflection")
        prompt = lessons[lesson_id].reflection if lesson_id in lessons else None
        definition = {"name": {"en-US": f"Reflection: {lesson_name}"}, "type": ACTIVITY_TYPES["interaction"],
                      "interactionType": "long-fill-in"}
        if prompt:
            definition["description"] = {"en-US": prompt}
        result["response"] = _response_text(None, response)
    elif kind == "live":  # an answer given in a mentor's live session (course/mentor/live.py)
        verb = "answered"
        ref = str(response.get("prompt", item_id.removeprefix("live:")))
        if ref.startswith("scenario:"):
            sid, _, node = ref.removeprefix("scenario:").partition("/")
            obj_id = _iri(base, "scenarios", sid, "decisions", node)
            sc = catalog.scenarios.get(sid)
            name = f"{sc.title if sc else sid}: live decision"
        else:
            obj_id = _iri(base, "items", ref)
            name = catalog.items[ref].prompt if ref in catalog.items else ref
        definition = {"name": {"en-US": name}, "type": ACTIVITY_TYPES["interaction"], "interactionType": "choice"}
        chosen = [response["choice"]] if "choice" in response else list(response.get("choices") or [])
        result["response"] = "[,]".join(map(str, chosen))
        live_code = response.get("code")
    elif kind in ("hint", "reset"):  # a hint asked for; "Try this again" (a new attempt at the item)
        verb = "interacted" if kind == "hint" else "attempted"
        target = item_id.removesuffix(HINT_SUFFIX)
        obj_id = _iri(base, "items", target)
        asked = catalog.items.get(target)
        definition = {"name": {"en-US": asked.prompt if asked else target}, "type": ACTIVITY_TYPES["interaction"]}
    elif kind == "complete":
        verb = "completed"
        obj_id = _iri(base, "lessons", lesson_id)
        definition = {"name": {"en-US": lesson_name}, "type": ACTIVITY_TYPES["lesson"]}
        result.setdefault("completion", True)
    elif kind == "visit":
        verb = "experienced"
        obj_id = _iri(base, "lessons", lesson_id)
        definition = {"name": {"en-US": lesson_name}, "type": ACTIVITY_TYPES["lesson"]}
    else:  # exercises, planners, self-assessments and anything added later
        verb = "answered"
        obj_id = _iri(base, "activities", item_id)
        exercise = catalog.exercises.get(item_id)
        definition = {"name": {"en-US": exercise.title if exercise else item_id},
                      "type": ACTIVITY_TYPES["interaction"], "interactionType": "other"}
        result["response"] = _response_text(None, response)

    context = {
        "contextActivities": {"grouping": [{
            "objectType": "Activity", "id": _iri(base, "lessons", lesson_id),
            "definition": {"name": {"en-US": lesson_name}, "type": ACTIVITY_TYPES["lesson"]}}]},
        "extensions": {_iri(base, "extensions", "cohort"): row["cohort_id"],
                       _iri(base, "extensions", "demo-data"): bool(row["is_demo"])},
        "platform": "Becoming a Clinical Operations Manager (Voila)",
        "language": "en-US",
    }
    if parent:
        context["contextActivities"]["parent"] = [parent]
    if kind == "live" and live_code:
        context["extensions"][_iri(base, "extensions", "live-session")] = str(live_code)
    out = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/events/{row['idempotency_key']}")),
        "actor": {"objectType": "Agent", "name": row["display_name"],
                  "account": {"homePage": base, "name": row["learner_id"]}},
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": obj_id, "definition": definition},
        "context": context,
        "timestamp": iso(row["created_at"]),
    }
    if result:
        out["result"] = result
    return out


def xapi_statements(store, cohort=ALL, base: str | None = None, catalog=None) -> list[dict]:
    from course import catalog as catalog_mod

    _check_cohort(store, cohort)
    cat = catalog or catalog_mod.default()
    root = base_iri(base)
    lessons = {lesson.id: lesson for lesson in cat.course.lessons}
    return [statement(row, root, cat, lessons) for row in event_rows(store, cohort)
            if row["kind"] not in NOT_STATEMENTS]


def cohort_xapi_json(store, cohort=ALL, base_iri: str | None = None, catalog=None) -> tuple[str, int]:
    """(a JSON array of statements, as an LRS's POST /statements accepts, count)."""
    found = xapi_statements(store, cohort, base_iri, catalog)
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")), len(found)


# --- downloads from a Voila page ---------------------------------------------------------------------

def download_link(payload: str, filename: str, mime: str, label: str) -> str | None:
    """An <a download> with a data: URI; zipped when large; None when even the zip is too large
    for a browser link (then the CLI is the way)."""
    data = payload.encode("utf-8")
    if len(data) > ZIP_ABOVE:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr(filename, data)
        data, filename, mime = buffer.getvalue(), filename + ".zip", "application/zip"
        label += " (zipped)"
        if len(data) > LINK_LIMIT:
            return None
    encoded = base64.b64encode(data).decode("ascii")
    size = f"{len(data) / 1024:.0f} KB" if len(data) < 1_000_000 else f"{len(data) / 1_000_000:.1f} MB"
    return (f'<a class="course-download" download="{esc(filename)}" href="data:{mime};base64,{encoded}">'
            f'{esc(label)}</a> <span class="course-muted">({esc(filename)}, {size})</span>')


def cohort_label(store, cohort) -> str:
    if cohort == ALL:
        return "all learners"
    if cohort is None:
        return "learners without a cohort"
    row = store.cohort(cohort)
    return row["name"] if row else cohort


__all__ = ["cohort_csv", "xapi_statements", "cohort_xapi_json", "roster_csv", "download_link", "ALL",
           "VERBS", "CSV_COLUMNS"]
