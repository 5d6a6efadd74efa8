"""One read of a cohort, and the per-learner tables every mentor view starts from.

load_cohort() reads a cohort's learners and events once (SQLAlchemy Core selects with bound
parameters through pandas.read_sql); every view is then a function of that snapshot and the
catalog, so the dashboard draws all of them from one read. The views themselves live beside
this module: item_stats (self-checks), scenario_stats (scenarios and competency profiles),
help_flags (who may need help) and learner_record (one learner). pandas is imported inside the
functions: `import course` stays light. Only mentor pages (behind the MentorGate), the export
and the CLI use these modules; no learner page imports them.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from course.engine.progress import lesson_progress
from course.store.stamps import now
from course.store.tables import events, learners

SCENARIO_PREFIX = "scenario:"
ENDING_SUFFIX = "/ending"
READINESS_PREFIX = "into-management/"


@dataclass
class CohortData:
    """One read of a cohort: its learners and every event of theirs (responses parsed)."""

    cohort_id: str | None
    learners: object  # DataFrame: learner_id, name, is_demo, created_at, last_seen
    events: object  # DataFrame: id, learner_id, lesson, item, kind, response, correct, score, at
    loaded_at: datetime
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key, build):
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


def _cohort_filter(column, cohort_id):
    return column.is_(None) if cohort_id is None else column == cohort_id


def load_cohort(store, cohort_id: str | None, learner_id: str | None = None) -> CohortData:
    """Learners of a cohort (None: learners without one) and all their events, oldest first."""
    import pandas as pd

    # timestamps come back as stored (text on SQLite) and are parsed by pandas in one go: much
    # faster than a Python datetime per row on a 1,000-learner cohort
    def raw(column, name):
        return sa.type_coerce(column, sa.String).label(name)

    who = sa.select(learners.c.id.label("learner_id"), learners.c.display_name.label("name"),
                    learners.c.is_demo, raw(learners.c.created_at, "created_at"), raw(learners.c.last_seen, "last_seen")
                    ).where(_cohort_filter(learners.c.cohort_id, cohort_id))
    what = (sa.select(events.c.id, events.c.learner_id, events.c.lesson, events.c.item, events.c.kind,
                      events.c.response, events.c.correct, events.c.score, raw(events.c.created_at, "at"))
            .join(learners, learners.c.id == events.c.learner_id)
            .where(_cohort_filter(learners.c.cohort_id, cohort_id)).order_by(events.c.id))
    if learner_id is not None:
        who = who.where(learners.c.id == learner_id)
        what = what.where(events.c.learner_id == learner_id)
    with store.engine.connect() as conn:
        people = pd.read_sql(who, conn)
        acts = pd.read_sql(what, conn)
    for frame, columns in ((people, ("created_at", "last_seen")), (acts, ("at",))):
        for column in columns:
            frame[column] = _stamps(frame[column])
    people["is_demo"] = people["is_demo"].astype(bool)
    acts["response"] = _parse_all(acts["response"].tolist())
    acts["correct"] = acts["correct"].astype("boolean")
    return CohortData(cohort_id, people, acts, now())


def nullable_bool(value) -> bool | None:
    """A nullable boolean cell as True, False or None (pandas gives NA for a missing one)."""
    if value is None:
        return None
    try:
        return bool(value)
    except TypeError:  # pd.NA refuses bool()
        return None


def _stamps(column):
    """Stored timestamps (ISO text from SQLite, datetimes from PostgreSQL) as UTC pandas times."""
    import pandas as pd

    values = [v.isoformat() if hasattr(v, "isoformat") else v for v in column.tolist()]
    return pd.to_datetime(pd.Series(values, index=column.index, dtype=object), utc=True, format="ISO8601")


def _parse_all(texts: list) -> list[dict]:
    """Every stored response as a dict: one json.loads over all of them, row by row only if one
    of them is broken."""
    try:
        values = json.loads("[" + ",".join(texts) + "]")
        if len(values) == len(texts):
            return [v if isinstance(v, dict) else {"value": v} for v in values]
    except (TypeError, ValueError):
        pass
    return [_parse(text) for text in texts]


def _parse(text):
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {"value": value}


# --- calendar days ------------------------------------------------------------------------------

def local_zone():
    """The server's time zone: "today" and the dates a mentor reads follow the calendar on the
    server's clock, not 24-hour periods counted back from now."""
    return datetime.now().astimezone().tzinfo


def local_date(stamp):
    """The calendar date of a stored (UTC) time in the server's zone; None for a missing one."""
    if stamp is None or stamp != stamp:  # None or NaT
        return None
    return stamp.astimezone(local_zone()).date()


def calendar_days_since(stamps, at):
    """Whole calendar days from each stamp's date to `at`'s date (0: the same day), in the
    server's zone: 23:50 yesterday is 1 day ago, 00:10 today is 0, whatever the hour now."""
    import pandas as pd

    zone = local_zone()
    today = pd.Timestamp(at).tz_convert(zone).normalize()
    return (today - stamps.dt.tz_convert(zone).dt.normalize()).dt.days.astype("Int64")


# --- which lessons count ------------------------------------------------------------------------

def course_lessons(catalog) -> list:
    """Lessons that are published or already have content, in course order."""
    with_content = set(catalog.item_lesson.values())
    with_content |= {e.lesson for e in catalog.exercises.values()}
    with_content |= {sc.lesson for sc in catalog.scenarios.values()}
    return [lesson for lesson in catalog.course.lessons
            if lesson.status == "published" or lesson.id in with_content]


# --- learner progress and the learners x lessons matrix ------------------------------------------

def _states(data: CohortData) -> dict[str, dict[str, dict]]:
    """{learner: {item: latest state}} like Store.latest_state, built for the whole cohort."""
    def build():
        ev = _after_resets(data.events)
        result: dict[str, dict[str, dict]] = {lid: {} for lid in data.learners["learner_id"]}
        if ev.empty:
            return result
        attempts = ev.groupby(["learner_id", "item"], sort=False)["id"].transform("size")
        keep = ~ev.duplicated(["learner_id", "item"], keep="last")  # events are in id order
        last, counts = ev[keep], attempts[keep].tolist()
        columns = [last[c].tolist() for c in ("learner_id", "item", "kind", "lesson", "response", "correct",
                                              "score", "at")]
        for (lid, item, kind, lesson, response, correct, score, at), n in zip(zip(*columns), counts):
            result.setdefault(lid, {})[item] = {
                "kind": kind, "lesson": lesson, "response": response, "correct": nullable_bool(correct),
                "score": score, "attempts": int(n), "at": at}
        return result

    return data.memo("states", build)


def _after_resets(ev):
    """The events after each item's latest "reset" (a learner's "Try this again"), as Store.latest_state
    counts them: the reset itself and everything before it drop out."""
    resets = ev["kind"] == "reset"
    if not resets.any():
        return ev
    last_reset = ev["id"].where(resets).groupby([ev["learner_id"], ev["item"]]).transform("max")
    return ev[~(ev["id"] <= last_reset)]  # no reset in the group: NaN compares False, the row stays


def lesson_table(data: CohortData, catalog):
    """Long table: learner_id, lesson, done (parts), total (parts), share, status."""
    import pandas as pd

    def build():
        lessons = course_lessons(catalog)
        rows = []
        for learner_id, state in _states(data).items():
            for lesson in lessons:
                p = lesson_progress(catalog, lesson.id, state)
                rows.append((learner_id, lesson.id, p.done, p.total, p.done / p.total if p.total else 0.0,
                             p.status))
        return pd.DataFrame(rows, columns=["learner_id", "lesson", "done", "total", "share", "status"])

    return data.memo("lessons", build)


def first_tries(data: CohortData):
    """The first answer of each learner to each self-check item."""
    def build():
        answers = data.events[data.events["kind"] == "answer"]
        return answers.groupby(["learner_id", "item"], sort=False).head(1)

    return data.memo("first_tries", build)


def learner_progress(data: CohortData, catalog):
    """One row per learner: name, lessons_done, lessons_started, items_answered, first_try_share,
    last_active, days_inactive, is_demo. Sorted by name."""
    return data.memo(("progress", id(catalog)), lambda: _learner_progress(data, catalog)).copy()


def _learner_progress(data: CohortData, catalog):
    import pandas as pd

    table = lesson_table(data, catalog)
    people = data.learners.set_index("learner_id")
    if table.empty:
        done = started = pd.Series(0, index=people.index)
    else:
        done = table[table["status"] == "complete"].groupby("learner_id").size()
        started = table[table["status"] != "not started"].groupby("learner_id").size()
    tries = first_tries(data)
    answered = tries.groupby("learner_id").size()
    right = tries.assign(ok=tries["correct"].fillna(False).astype(bool)).groupby("learner_id")["ok"].sum()
    last_event = data.events.groupby("learner_id")["at"].max()
    frame = pd.DataFrame(index=people.index)
    frame["name"] = people["name"]
    frame["lessons_done"] = done.reindex(people.index, fill_value=0).astype(int)
    frame["lessons_started"] = started.reindex(people.index, fill_value=0).astype(int)
    frame["items_answered"] = answered.reindex(people.index, fill_value=0).astype(int)
    frame["first_try_share"] = (right.reindex(people.index, fill_value=0)
                                / frame["items_answered"].where(frame["items_answered"] > 0))
    last = pd.concat([last_event.reindex(people.index), people["last_seen"]], axis=1).max(axis=1)
    frame["last_active"] = last
    frame["days_inactive"] = calendar_days_since(last, data.loaded_at)
    frame["is_demo"] = people["is_demo"]
    frame = frame.reset_index().rename(columns={"index": "learner_id"})
    return frame.sort_values(["name", "learner_id"], key=lambda s: s.str.casefold()).reset_index(drop=True)


def lesson_matrix(data: CohortData, catalog):
    """Learners x lessons: the share of each lesson's parts done (0..1), rows in roster order,
    plus the matching status matrix ("complete", "in progress", "not started")."""
    table = lesson_table(data, catalog)
    order = learner_progress(data, catalog)["learner_id"]
    columns = [lesson.id for lesson in course_lessons(catalog)]
    share = table.pivot(index="learner_id", columns="lesson", values="share").reindex(index=order, columns=columns)
    status = table.pivot(index="learner_id", columns="lesson", values="status").reindex(index=order, columns=columns)
    return share.fillna(0.0), status.fillna("not started")


# --- scenario events and competency tables -------------------------------------------------

def _scenario_events(data: CohortData):
    def build():
        ev = data.events
        ev = ev[(ev["kind"] == "scenario") & ev["item"].str.startswith(SCENARIO_PREFIX)].copy()
        ev["scenario"] = ev["item"].str.slice(len(SCENARIO_PREFIX)).str.removesuffix(ENDING_SUFFIX)
        ev["action"] = [r.get("action") for r in ev["response"]]
        ev["run"] = [r.get("run") for r in ev["response"]]
        return ev

    return data.memo("scenario_events", build)


def _counted_choices(data: CohortData):
    """The choice events that count: each learner's latest finished run of every scenario (a
    replay replaces the earlier run, so practice does not inflate a profile; a replay left midway
    does not, so the profile describes the runs whose endings are reported). A scenario never
    finished counts its latest run."""
    def build():
        ev = _scenario_events(data)
        keys = ["learner_id", "scenario"]
        finished = ev[ev["action"] == "end"].groupby(keys)["run"].last()
        latest = finished.combine_first(ev[ev["action"] == "start"].groupby(keys)["run"].last())
        choices = ev[ev["action"] == "choice"]
        keep = [latest.get((lid, sid)) == run for lid, sid, run in
                zip(choices["learner_id"], choices["scenario"], choices["run"])]
        return choices.loc[keep] if keep else choices.iloc[0:0]  # an empty mask would select no columns

    return data.memo("counted_choices", build)


def scenario_decisions(data: CohortData):
    """Per learner: how many decisions the counted runs hold (the denominator that makes two
    learners comparable however many scenarios each has played)."""
    return _counted_choices(data).groupby("learner_id").size()


def scenario_competencies(data: CohortData, catalog):
    """Learners x HLA domains: the sum of choice deltas over the counted runs (_counted_choices).
    A sum grows with the scenarios played: the capstone reports it as the learner's own total;
    mentor views compare per decision (scenario_stats.competency_profile)."""
    import pandas as pd

    def build():
        comps = list(catalog.competencies)
        choices = _counted_choices(data)
        totals: dict[str, Counter] = {}
        for lid, response in zip(choices["learner_id"], choices["response"]):
            deltas = response.get("deltas") or {}
            counter = totals.setdefault(lid, Counter())
            for comp, delta in deltas.items():
                if comp in catalog.competencies and isinstance(delta, (int, float)):
                    counter[comp] += delta
        frame = pd.DataFrame.from_dict({lid: dict(c) for lid, c in totals.items()}, orient="index",
                                       columns=comps)
        return frame.reindex(columns=comps).fillna(0).astype(float)

    return data.memo("scenario_competencies", build)


def _ratings_in(response: dict, statement_domain: dict[str, str], domains: set[str]) -> list[tuple[str, float]]:
    """(domain, rating 1-5) pairs in a readiness response, whichever shape the widget saves:
    {statement: n}, {domain: n}, {"ratings": {...}} or {"statement": id, "value": n}."""
    found = []

    def take(mapping):
        for key, value in mapping.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5:
                continue
            if key in statement_domain:
                found.append((statement_domain[key], float(value)))
            elif key in domains:
                found.append((key, float(value)))

    take(response)
    for value in response.values():
        if isinstance(value, dict):
            take(value)
    single = response.get("statement")
    for key in ("value", "rating", "level"):
        if single in statement_domain and isinstance(response.get(key), (int, float)):
            found.append((statement_domain[single], float(response[key])))
    return found


def readiness_profiles(data: CohortData, catalog):
    """Learners x HLA domains: the mean self-rating (1-5) from the readiness self-assessment
    (events whose item starts with 'into-management/'); empty when nobody has taken it."""
    import pandas as pd

    comps = list(catalog.competencies)
    assessment = getattr(catalog, "self_assessment", None)
    statement_domain = {s.id: d.competency for d in assessment.domains for s in d.statements} if assessment else {}
    ev = data.events
    mine = ev[ev["item"].str.startswith(READINESS_PREFIX) & (ev["kind"] != "visit")]
    if mine.empty:
        return pd.DataFrame(columns=comps, dtype=float)
    latest = mine.groupby(["learner_id", "item"]).tail(1)
    ratings: dict[str, dict[str, list[float]]] = {}
    for lid, response in zip(latest["learner_id"], latest["response"]):
        for domain, value in _ratings_in(response, statement_domain, set(comps)):
            ratings.setdefault(lid, {}).setdefault(domain, []).append(value)
    frame = pd.DataFrame.from_dict(
        {lid: {d: sum(v) / len(v) for d, v in doms.items()} for lid, doms in ratings.items()},
        orient="index", columns=comps)
    return frame.reindex(columns=comps).astype(float)
