"""Reading one learner's saved work, part by part: each function takes the Sources of one plan and
returns what that part holds (a record from model.py), or None / () when the learner has not saved
it. What a part holds is read back through the same checks that saved it, so a damaged or outdated
event is left out rather than shown. The registry (parts.py) names which function reads which part.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from course import keys
from course.capstone.goals import validate_goals
from course.capstone.model import (AssessmentPart, BudgetLabPart, CertificationRow, FieldsPart, Goal, GoalsPart,
                                   KeptComment, LogEntry, PathStep, PathwayPart, ReflectionText, RunChartPart,
                                   ScenarioPart, ScenarioRun, StaffingPart)
from course.capstone.plan import goals_item, kept_feedback_item
from course.engine import pdsa, run_chart_entry, staffing
from course.engine.certifications import STATUS_TEXT, evaluate_all, situation_from, validate_answers
from course.engine.pathway import years_range
from course.engine.profile import load_profile
from course.engine.run_rules import analyse, describe, signal_words, summary
from course.engine.scenario_totals import run_totals
from course.store.stamps import as_utc
from course.text import clean_text
# Read-back checks that still live beside their widgets (issue 12 moves this domain logic to engine/).
from course.engine.change_plan import validate_plan as validate_change_plan
from course.engine.experience_log import load_entries
from course.engine.self_assessment import change, load_takes, weakest_domains

KEPT_MAX = 50  # kept comments read back; more than any plan needs
BODY_MAX = 2000  # a kept comment's text, as a feedback message caps it


@dataclass(frozen=True)
class Sources:
    """Where one plan reads from: the catalog, the learner's session (or a StoreReader), every
    item's latest event (all lessons), and the day the plan is made."""
    catalog: object
    session: object
    state: dict
    today: dt.date

    @property
    def content(self):
        return self.catalog.development_plan

    @functools.cached_property
    def profile(self):
        return load_profile(self.session)

    def response(self, item: str) -> dict | None:
        saved = self.state.get(item)
        response = saved.get("response") if saved else None
        return response if isinstance(response, dict) else None


def stamp(value) -> dt.datetime | None:
    return as_utc(value) if isinstance(value, dt.datetime) else None


def profile(src: Sources):
    return src.profile


def pathway(src: Sources) -> PathwayPart | None:
    response = src.response(keys.PATHWAY)
    summary_ = response.get("plan") if response else None
    if not isinstance(summary_, dict) or not isinstance(summary_.get("steps"), list):
        return None
    content = src.catalog.pathways
    route_id = summary_.get("route")
    route = next((r for r in content.routes if r.id == route_id), None) if content else None
    steps = []
    for raw in summary_["steps"]:
        try:
            steps.append(PathStep(id=str(raw["id"]), kind=str(raw["kind"]), label=str(raw["label"]),
                                  start=float(raw["start"]), years=float(raw["years"]),
                                  years_high=float(raw["years_high"]), status=str(raw.get("status", "planned"))))
        except (KeyError, TypeError, ValueError):
            continue  # one damaged step never hides the rest
    if not steps:
        return None
    try:
        low, high = (float(x) for x in summary_.get("total_years", [])[:2])
        years_text = years_range(low, high)
    except (TypeError, ValueError):
        years_text = ""
    labels = {s.id: s.label for s in content.steps} if content else {}
    done = tuple(labels.get(d, "") for d in summary_.get("done", []) if isinstance(d, str) and labels.get(d))
    return PathwayPart(route=route.label if route else str(route_id or "your route"), years_text=years_text,
                       origin=str(summary_.get("origin", "from now")), steps=tuple(steps), done=done)


def experience_log(src: Sources) -> tuple[LogEntry, ...]:
    content = src.catalog.experience_log
    if content is None:
        return ()
    entries = load_entries(src.session, content.lesson, set(src.catalog.competencies))
    ordered = sorted(entries.values(), key=lambda e: (e["year"], e["month"]), reverse=True)
    return tuple(LogEntry(e["what"], e["month"], e["year"], e["domain"], e["note"]) for e in ordered)


def self_assessment(src: Sources) -> AssessmentPart | None:
    assessment = src.catalog.self_assessment
    takes = load_takes(src.session, assessment) if assessment is not None else []
    if not takes:
        return None
    first, latest = takes[0], takes[-1]
    return AssessmentPart(takes=len(takes), first=first["scores"], latest=latest["scores"],
                          change=change(first["scores"], latest["scores"]),
                          weakest=tuple(weakest_domains(latest["scores"])),
                          first_at=stamp(first["at"]), latest_at=stamp(latest["at"]))


def certifications(src: Sources) -> tuple[CertificationRow, ...]:
    content = src.catalog.certifications
    response = src.response(keys.certifications(content.lesson)) if content is not None else None
    if response is None:
        return ()
    answers, problem = validate_answers(response.get("answers"), content)
    if problem:
        return ()
    verdicts = evaluate_all(content, situation_from(src.profile, answers), src.catalog.facts)
    return tuple(CertificationRow(v.certification.abbreviation, v.certification.name, STATUS_TEXT[v.status],
                                  v.summary) for v in verdicts)


def scenarios(src: Sources) -> ScenarioPart | None:
    """The endings reached, and the competency profile of the runs that count (engine/scenario_totals)."""
    catalog = src.catalog
    lessons = {lesson.id: lesson.number for lesson in catalog.course.lessons}
    runs, totals = [], None
    for sid, sc in sorted(catalog.scenarios.items(), key=lambda kv: (lessons.get(kv[1].lesson, 99), kv[1].title)):
        ended = src.response(keys.scenario_ending(sid))
        if ended is not None:
            node = next((n for n in sc.nodes if n.id == ended.get("ending") and n.ending), None)
            rating = ended.get("rating") if ended.get("rating") in ("strong", "mixed", "poor") else None
            runs.append(ScenarioRun(sid, sc.title, lessons.get(sc.lesson, 0), rating,
                                    node.ending.title if node else None))
        played = run_totals(src.session.history(keys.scenario(sid)), src.session.history(keys.scenario_ending(sid)),
                            catalog.competencies)
        if played is not None:
            totals = {c: (totals or {}).get(c, 0.0) + v for c, v in played.items()}
    if totals is None and not runs:
        return None
    return ScenarioPart(totals=totals or {c: 0.0 for c in catalog.competencies}, runs=tuple(runs))


def sbar(src: Sources) -> FieldsPart | None:
    content = src.catalog.sbar
    response = src.response(content.id) if content is not None else None
    draft = response.get("draft") if response else None
    if not isinstance(draft, dict):
        return None
    fields = tuple((p.label, draft[p.id]) for p in content.parts if isinstance(draft.get(p.id), str) and draft[p.id])
    return FieldsPart(content.case_title, fields) if fields else None


def budget_lab(src: Sources) -> BudgetLabPart | None:
    ops = src.catalog.operations
    if ops is None:
        return None
    answered = right = 0
    for step in ops.budget_lab.steps:
        saved = src.state.get(keys.budget_lab(ops.lesson, step.id))
        if saved and saved.get("kind") == "answer":
            answered += 1
            right += bool(saved.get("correct"))
    return BudgetLabPart(right, answered, len(ops.budget_lab.steps)) if answered else None


def change_plan(src: Sources) -> FieldsPart | None:
    ops = src.catalog.operations
    response = src.response(keys.change_plan(ops.lesson)) if ops is not None else None
    if response is None:
        return None
    plan, _problems = validate_change_plan(response.get("plan"), ops.change_plan, stored=True)
    fields = tuple((f.label, plan[f.id]) for f in ops.change_plan.fields if f.id in plan)
    return FieldsPart(ops.change_plan.policy.title, fields) if fields else None


def run_chart(src: Sources) -> RunChartPart | None:
    content = src.catalog.quality
    response = src.response(run_chart_entry.item_id(content.lesson)) if content is not None else None
    entry = run_chart_entry.from_saved(response.get("chart"), content) if response else None
    if entry is None:
        return None
    rc, facts = content.run_chart, src.catalog.facts
    analysis = analyse(entry["values"], shift_points=int(facts[rc.shift_fact].value),
                       trend_points=int(facts[rc.trend_fact].value))
    labels = run_chart_entry.month_labels(entry["start"], len(entry["values"]))
    findings = tuple(text for rule, text in describe(analysis, labels, entry["better"]) if rule != "median")
    return RunChartPart(indicator=entry["indicator"], first=labels[0], last=labels[-1], points=len(labels),
                        median=analysis.median, findings=findings, summary=summary(analysis),
                        signals=signal_words(analysis), sample=response.get("source") == "sample")


def pdsa_plan(src: Sources) -> tuple[tuple[str, str], ...]:
    content = src.catalog.quality
    response = src.response(pdsa.item_id(content.lesson)) if content is not None else None
    if response is None:
        return ()
    plan, _problems = pdsa.validate_plan(response.get("plan"), content.pdsa, stored=True)
    if not pdsa.is_complete(plan, content.pdsa):
        return ()
    out = []
    for field in content.pdsa.fields:
        if field.id == "act":
            out.append((field.label, content.pdsa.act_label(plan.get("act", pdsa.ACT_UNDECIDED))))
        elif field.id in plan:
            out.append((field.label, plan[field.id]))
    return tuple(out)


def staffing_grid(src: Sources) -> StaffingPart | None:
    content = src.catalog.staffing
    response = src.response(staffing.item_id(content.lesson)) if content is not None else None
    if response is None:
        return None
    fte_hours = src.catalog.facts[content.staffing_grid.fte_fact].value
    inputs = staffing.from_saved(response.get("inputs"), fte_hours)
    if inputs is None:
        return None
    at = staffing.row(inputs.average_census, inputs, fte_hours)
    return StaffingPart(unit=inputs.unit, staff_per_shift=at.staff,
                        ftes=at.ftes_with_pto if inputs.pto_hours else at.ftes,
                        steps=tuple(staffing.explain(inputs, fte_hours)))


def reflections(src: Sources) -> tuple[ReflectionText, ...]:
    out = []
    for lesson in src.catalog.course.lessons:
        response = src.response(keys.reflection(lesson.id))
        text = response.get("text") if response else None
        if isinstance(text, str) and text.strip():
            out.append(ReflectionText(lesson.id, lesson.number, lesson.title, text))
    return tuple(out)


def goals(src: Sources) -> GoalsPart | None:
    content = src.content
    saved = src.state.get(goals_item(content))
    if not saved:
        return None
    clean, _ = validate_goals(saved.get("response"), content, set(src.catalog.competencies), stored=True)
    if not clean or not clean["goals"]:
        return None
    goals_ = tuple(Goal(h.id, h.label, h.short, clean["goals"][h.id]["goal"], clean["goals"][h.id]["domain"],
                        clean["goals"][h.id]["action"]) for h in content.horizons if h.id in clean["goals"])
    saved_at = stamp(saved.get("at"))
    start = saved_at.date() if saved_at else src.today
    return GoalsPart(goals=goals_, supporters=clean["supporters"], saved_at=saved_at,
                     review_by=start + dt.timedelta(days=content.review_days))


def kept_feedback(src: Sources) -> tuple[KeptComment, ...]:
    """The mentor comments the learner chose to keep (lesson 10), as they read when kept. The page
    saved them from the learner's own threads, read in the kernel; each is checked again here."""
    response = src.response(kept_feedback_item(src.content))
    kept = response.get("kept") if response else None
    if not isinstance(kept, list):
        return ()
    out = []
    for raw in kept[:KEPT_MAX]:
        try:
            day = dt.date.fromisoformat(raw["day"])
            comment = KeptComment(int(raw["id"]), clean_text(raw["work"])[:200], clean_text(raw["author"])[:200],
                                  day, clean_text(raw["body"], single_line=False)[:BODY_MAX])
        except (KeyError, TypeError, ValueError):
            continue  # one damaged entry never hides the rest
        if comment.body:
            out.append(comment)
    return tuple(out)
