"""Cohort views for mentors, computed with pandas from the events of one cohort.

load_cohort() reads a cohort's learners and events once (SQLAlchemy Core selects with bound
parameters through pandas.read_sql); every view is then a function of that snapshot and the
catalog, so the dashboard draws all of them from one read. pandas is imported inside the
functions: `import course` stays light. Only mentor pages (behind the MentorGate), the export
and the CLI use this module; no learner page imports it.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from course.engine.progress import lesson_progress
from course.keys import HINT as HINT_SUFFIX
from course.store.stamps import now
from course.store.tables import events, learners

SCENARIO_PREFIX = "scenario:"
ENDING_SUFFIX = "/ending"
READINESS_PREFIX = "into-management/"
INACTIVE_DAYS = 14
LOW_FIRST_TRY = 0.5  # share correct on the first try below which a learner may need help
MIN_ITEMS_FOR_SCORE = 4  # judge a first-try share only on this many items or more
RATINGS = ("strong", "mixed", "poor")


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


def _bool(value) -> bool | None:
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
                "kind": kind, "lesson": lesson, "response": response, "correct": _bool(correct),
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
    frame["days_inactive"] = ((data.loaded_at - last).dt.total_seconds() // 86400).astype("Int64")
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


# --- item analysis -------------------------------------------------------------------------------

def _wrong_labels(item, response: dict, catalog) -> list[str]:
    """What a wrong answer chose, in words (the labels a mentor recognizes)."""
    kind = item.kind
    if kind == "single":
        option = next((o for o in item.options if o.id == response.get("choice")), None)
        return [option.text] if option else []
    if kind == "multiple":
        chosen = set(response.get("choices") or [])
        wrong = [o.text for o in item.options if o.id in chosen and not o.correct]
        if wrong:
            return wrong
        return ["Missed a right option: " + o.text for o in item.options if o.correct and o.id not in chosen][:1]
    if kind == "numeric":
        value = response.get("value")
        return [f"{value:,.10g} {item.unit}"] if isinstance(value, (int, float)) else []
    if kind == "ordering":
        order = response.get("order") or []
        right = [s.id for s in item.steps]
        texts = {s.id: s.text for s in item.steps}
        return [f"Misplaced: {texts[s]}" for i, s in enumerate(order) if s in texts and i < len(right)
                and right[i] != s][:1]
    return []


def item_analysis(data: CohortData, catalog):
    """One row per self-check item (course order): lesson, item, kind, prompt, learners (who
    answered), first_try_share (right on the first try), wrong_first (count), top_wrong (the most
    chosen wrong answer on a first try, in words), top_wrong_count."""
    import pandas as pd

    tries = first_tries(data)
    order = {lesson.id: i for i, lesson in enumerate(catalog.course.lessons)}
    rows = []
    by_item = {item: group for item, group in tries.groupby("item", sort=False)}
    for item_id, item in catalog.items.items():
        lesson = catalog.item_lesson[item_id]
        group = by_item.get(item_id)
        if group is None or group.empty:
            rows.append((lesson, item_id, item.kind, item.prompt, 0, None, 0, "", 0, order.get(lesson, 99)))
            continue
        correct = group["correct"].fillna(False).astype(bool)
        counts = Counter()
        for response in group.loc[~correct, "response"]:
            counts.update(_wrong_labels(item, response, catalog))
        top, top_n = counts.most_common(1)[0] if counts else ("", 0)
        rows.append((lesson, item_id, item.kind, item.prompt, len(group), float(correct.mean()),
                     int((~correct).sum()), top, top_n, order.get(lesson, 99)))
    frame = pd.DataFrame(rows, columns=["lesson", "item", "kind", "prompt", "learners", "first_try_share",
                                        "wrong_first", "top_wrong", "top_wrong_count", "_order"])
    return frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


# --- scenarios: paths, endings, choices -------------------------------------------------------------

def _scenario_events(data: CohortData):
    def build():
        ev = data.events
        ev = ev[(ev["kind"] == "scenario") & ev["item"].str.startswith(SCENARIO_PREFIX)].copy()
        ev["scenario"] = ev["item"].str.slice(len(SCENARIO_PREFIX)).str.removesuffix(ENDING_SUFFIX)
        ev["action"] = [r.get("action") for r in ev["response"]]
        ev["run"] = [r.get("run") for r in ev["response"]]
        return ev

    return data.memo("scenario_events", build)


def scenario_endings(data: CohortData, catalog):
    """One row per scenario ending: scenario, ending, title, rating, runs, learners, share (of the
    scenario's finished runs). Endings nobody reached are listed with 0."""
    import pandas as pd

    ev = _scenario_events(data)
    ends = ev[ev["action"] == "end"]
    ends = ends.assign(ending=[r.get("ending") for r in ends["response"]])
    rows = []
    for sid, sc in catalog.scenarios.items():
        mine = ends[ends["scenario"] == sid]
        total = len(mine)
        for node in sc.nodes:
            if not node.ending:
                continue
            reached = mine[mine["ending"] == node.id]
            rows.append((sid, sc.title, node.id, node.ending.title, node.ending.rating, len(reached),
                         reached["learner_id"].nunique(), len(reached) / total if total else 0.0))
    return pd.DataFrame(rows, columns=["scenario", "scenario_title", "ending", "title", "rating", "runs",
                                       "learners", "share"])


def scenario_paths(data: CohortData, catalog, top: int = 5):
    """The most traveled complete paths per scenario: scenario, path (choice texts), ending,
    rating, runs, share, expert (the path an experienced manager takes)."""
    import pandas as pd

    from course.engine.scenarios import expert_path

    ev = _scenario_events(data)
    ends = ev[ev["action"] == "end"]
    rows = []
    for sid, sc in catalog.scenarios.items():
        mine = ends[ends["scenario"] == sid]
        if mine.empty:
            continue
        texts = {c.id: c.text for n in sc.nodes for c in n.choices}
        expert = tuple(c for _, c in (expert_path(sc) or []) if c)
        counts = Counter((tuple(r.get("path") or []), r.get("ending")) for r in mine["response"])
        for (path, ending), runs in counts.most_common(top):
            node = next((n for n in sc.nodes if n.id == ending), None)
            rows.append((sid, [texts.get(c, c) for c in path], node.ending.title if node and node.ending else ending,
                         node.ending.rating if node and node.ending else "", runs, runs / len(mine),
                         path == expert))
    return pd.DataFrame(rows, columns=["scenario", "path", "ending", "rating", "runs", "share", "expert"])


def scenario_choices(data: CohortData, catalog):
    """How the cohort chose at each decision: scenario, node, choice, text, expert, picks, share."""
    import pandas as pd

    ev = _scenario_events(data)
    picks = ev[ev["action"] == "choice"]
    picks = picks.assign(node=[r.get("node") for r in picks["response"]],
                         choice=[r.get("choice") for r in picks["response"]])
    counts = picks.groupby(["scenario", "node", "choice"]).size()
    rows = []
    for sid, sc in catalog.scenarios.items():
        for node in sc.nodes:
            if not node.choices:
                continue
            at_node = sum(int(counts.get((sid, node.id, c.id), 0)) for c in node.choices)
            for c in node.choices:
                n = int(counts.get((sid, node.id, c.id), 0))
                rows.append((sid, node.id, c.id, c.text, c.expert, n, n / at_node if at_node else 0.0))
    return pd.DataFrame(rows, columns=["scenario", "node", "choice", "text", "expert", "picks", "share"])


def scenario_summary(data: CohortData, catalog):
    """Per scenario: learners who started, runs started, runs finished, share of strong endings."""
    import pandas as pd

    ev = _scenario_events(data)
    rows = []
    for sid, sc in catalog.scenarios.items():
        mine = ev[ev["scenario"] == sid]
        starts = mine[mine["action"] == "start"]
        ends = mine[mine["action"] == "end"]
        strong = sum(r.get("rating") == "strong" for r in ends["response"])
        rows.append((sid, sc.title, starts["learner_id"].nunique(), len(starts), len(ends),
                     strong / len(ends) if len(ends) else None))
    return pd.DataFrame(rows, columns=["scenario", "title", "learners", "runs_started", "runs_finished",
                                       "strong_share"])


# --- competency profiles -------------------------------------------------------------------------

def scenario_competencies(data: CohortData, catalog):
    """Learners x HLA domains: the sum of choice deltas over each learner's latest finished run of
    every scenario (a replay replaces the earlier run, so practice does not inflate a profile; a
    replay left midway does not, so the profile describes the runs whose endings are reported).
    A scenario never finished counts its latest run."""
    import pandas as pd

    def build():
        ev = _scenario_events(data)
        comps = list(catalog.competencies)
        keys = ["learner_id", "scenario"]
        finished = ev[ev["action"] == "end"].groupby(keys)["run"].last()
        latest = finished.combine_first(ev[ev["action"] == "start"].groupby(keys)["run"].last())
        choices = ev[ev["action"] == "choice"]
        keep = [latest.get((lid, sid)) == run for lid, sid, run in
                zip(choices["learner_id"], choices["scenario"], choices["run"])]
        totals: dict[str, Counter] = {}
        for lid, response in zip(choices.loc[keep, "learner_id"], choices.loc[keep, "response"]):
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


def competency_profile(data: CohortData, catalog, learner_id: str | None = None):
    """One row per HLA domain: domain, name, cohort_scenario (mean over learners who played),
    learner_scenario, cohort_readiness, learner_readiness (None where there is nothing)."""
    import pandas as pd

    scen = scenario_competencies(data, catalog)
    ready = readiness_profiles(data, catalog)
    rows = []
    for comp_id, comp in catalog.competencies.items():
        def pick(frame):
            if learner_id is None or learner_id not in frame.index:
                return None
            value = frame.at[learner_id, comp_id]
            return None if pd.isna(value) else float(value)

        cohort_s = float(scen[comp_id].mean()) if len(scen) else None
        cohort_r = float(ready[comp_id].mean()) if len(ready) and ready[comp_id].notna().any() else None
        rows.append((comp_id, comp.name, cohort_s, pick(scen), cohort_r, pick(ready)))
    return pd.DataFrame(rows, columns=["domain", "name", "cohort_scenario", "learner_scenario",
                                       "cohort_readiness", "learner_readiness"])


# --- who may need help -----------------------------------------------------------------------------

def needs_help(data: CohortData, catalog, inactive_days: int = INACTIVE_DAYS,
               low_first_try: float = LOW_FIRST_TRY):
    """Learners who may need a word from their mentor, each with the reasons (in words):
    no activity for `inactive_days`, a low first-try share, or only poor scenario endings."""
    import pandas as pd

    progress = learner_progress(data, catalog)
    ev = _scenario_events(data)
    ends = ev[ev["action"] == "end"]
    ratings = ends.assign(rating=[r.get("rating") for r in ends["response"]]).groupby("learner_id")["rating"]
    only_poor = ratings.agg(lambda s: bool(len(s)) and all(v == "poor" for v in s))
    rows = []
    for row in progress.itertuples(index=False):
        reasons = []
        if pd.notna(row.days_inactive) and row.days_inactive >= inactive_days:
            reasons.append(f"no activity for {int(row.days_inactive)} days")
        if row.items_answered >= MIN_ITEMS_FOR_SCORE and row.first_try_share < low_first_try:
            reasons.append(f"right on the first try in {row.first_try_share:.0%} of {row.items_answered} "
                           f"self-checks (below {low_first_try:.0%})")
        if bool(only_poor.get(row.learner_id, False)):
            reasons.append("every scenario played so far ended poorly")
        if reasons:
            rows.append((row.learner_id, row.name, "; ".join(reasons), row.lessons_done, row.last_active,
                         len(reasons)))
    frame = pd.DataFrame(rows, columns=["learner_id", "name", "reason", "lessons_done", "last_active", "_n"])
    return (frame.sort_values(["_n", "name"], ascending=[False, True], kind="stable")
            .drop(columns="_n").reset_index(drop=True))


# --- live sessions (course/mentor/live.py records one "live" event per answer) ----------------------------------

def _live_prompt(catalog, ref):
    try:
        from course.mentor.live import prompt_for

        return prompt_for(catalog, ref)
    except Exception:  # content changed since, or live sessions are not installed
        return None


def _live_answer_text(prompt, response: dict) -> str:
    chosen = [response["choice"]] if "choice" in response else list(response.get("choices") or [])
    if prompt is None:
        return ", ".join(map(str, chosen)) or "—"
    texts = {o.id: o.text for o in prompt.options}
    return "; ".join(texts.get(c, str(c)) for c in chosen) or "—"


def live_summary(data: CohortData, catalog):
    """One row per question asked in a live session: code, opened (first answer), prompt, answers,
    share correct (or choosing as an experienced manager would), the most chosen answer."""
    import pandas as pd

    ev = data.events[data.events["kind"] == "live"]
    rows = []
    for (session, ref), group in ev.groupby([[r.get("session") for r in ev["response"]],
                                             [r.get("prompt") for r in ev["response"]]], sort=False):
        prompt = _live_prompt(catalog, ref)
        counts = Counter(_live_answer_text(prompt, r) for r in group["response"])
        top, n = counts.most_common(1)[0]
        correct = group["correct"].fillna(False).astype(bool)
        rows.append((group["response"].iloc[0].get("code", ""), group["at"].min(),
                     prompt.label if prompt else ref, len(group), float(correct.mean()), top, n))
    return pd.DataFrame(rows, columns=["code", "at", "prompt", "answers", "correct_share", "top_answer",
                                       "top_count"])


# --- one learner ------------------------------------------------------------------------------------

def learner_detail(data: CohortData, catalog, learner_id: str) -> dict:
    """Everything one learner did: answers (per item), scenario runs, reflections, plans and
    other exercise entries, live-session answers. Texts are returned as stored: the caller
    escapes them."""
    ev = data.events[data.events["learner_id"] == learner_id]
    hints = ev[ev["kind"] == "hint"]["item"].str.removesuffix(HINT_SUFFIX).value_counts()
    resets = ev[ev["kind"] == "reset"]["item"].value_counts()
    answers = []
    for item_id, group in ev[ev["kind"] == "answer"].groupby("item", sort=False):
        item = catalog.items.get(item_id)
        first, last = group.iloc[0], group.iloc[-1]
        answers.append({
            "item": item_id, "lesson": first["lesson"], "prompt": item.prompt if item else item_id,
            "tries": len(group), "runs": int(resets.get(item_id, 0)) + 1, "hints": int(hints.get(item_id, 0)),
            "first_try_correct": _bool(first["correct"]), "correct": _bool(last["correct"]),
            "answer": describe_response(item, last["response"], catalog) if item else json.dumps(last["response"]),
            "at": last["at"]})
    runs = []
    scen = _scenario_events(data)
    scen = scen[scen["learner_id"] == learner_id]
    for (sid, run), group in scen.groupby(["scenario", "run"], sort=False):
        sc = catalog.scenarios.get(sid)
        texts = {c.id: c.text for n in sc.nodes for c in n.choices} if sc else {}
        chosen = [texts.get(r.get("choice"), r.get("choice")) for r in
                  group.loc[group["action"] == "choice", "response"]]
        end = group[group["action"] == "end"]
        ending = None
        if not end.empty:
            response = end.iloc[-1]["response"]
            node = next((n for n in sc.nodes if n.id == response.get("ending")), None) if sc else None
            ending = {"title": node.ending.title if node and node.ending else response.get("ending"),
                      "rating": response.get("rating")}
        runs.append({"scenario": sid, "title": sc.title if sc else sid, "choices": chosen, "ending": ending,
                     "at": group["at"].max()})
    reflections = [{"lesson": r.lesson, "text": r.response.get("text", ""), "at": r.at}
                   for r in ev[ev["kind"] == "reflection"].groupby("item").tail(1).itertuples()]
    live = []
    for r in ev[ev["kind"] == "live"].itertuples():
        prompt = _live_prompt(catalog, r.response.get("prompt"))
        live.append({"prompt": prompt.label if prompt else r.response.get("prompt", r.item),
                     "answer": _live_answer_text(prompt, r.response), "correct": _bool(r.correct),
                     "code": r.response.get("code", ""), "at": r.at})
    others = ev[~ev["kind"].isin(["answer", "scenario", "reflection", "visit", "live", "hint", "reset", "draft"])]
    plans = [{"lesson": group["lesson"].iloc[-1], "item": item, "kind": group["kind"].iloc[-1],
              "response": _current_entry(list(group["response"])), "at": group["at"].iloc[-1]}
             for item, group in others.groupby("item", sort=False)]
    return {"answers": answers, "runs": runs, "reflections": reflections, "plans": plans, "live": live}


LOG_ACTIONS = {"add", "edit", "delete"}


def _current_entry(responses: list[dict]) -> dict:
    """The latest response of an item; for a log (add / edit / delete events, such as the
    experience log) the entries that stand after replaying every change."""
    if responses and all(isinstance(r.get("id"), str) and r.get("action") in LOG_ACTIONS for r in responses):
        entries: dict[str, object] = {}
        for r in responses:
            if r["action"] == "delete":
                entries.pop(r["id"], None)
            else:
                entries[r["id"]] = r.get("entry")
        return {"entries": list(entries.values())}
    return responses[-1] if responses else {}


def describe_response(item, response: dict, catalog) -> str:
    """A stored answer in words."""
    kind = item.kind
    if kind == "single":
        return next((o.text for o in item.options if o.id == response.get("choice")), "—")
    if kind == "multiple":
        chosen = set(response.get("choices") or [])
        return "; ".join(o.text for o in item.options if o.id in chosen) or "—"
    if kind == "numeric":
        value = response.get("value")
        return f"{value:,.10g} {item.unit}" if isinstance(value, (int, float)) else "—"
    if kind == "ordering":
        texts = {s.id: s.text for s in item.steps}
        return " → ".join(texts.get(s, s) for s in response.get("order") or []) or "—"
    return "—"


def since(days: int) -> datetime:
    return now() - timedelta(days=days)
