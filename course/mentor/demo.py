"""A synthetic cohort for trying the mentor dashboard and for benchmarks (`course demo-cohort`).

Learners are invented, and everything about them is marked as demo data: the cohort and every
learner carry is_demo=True, their ids start with "demo:", and the dashboard labels the cohort
DEMO DATA. What they do is drawn from the real content: they answer the real self-checks (often
wrong first, then right, picking the distractors people tend to pick), play the real scenarios
through course.engine.scenarios.Run (so every path is one the engine allows), sort the real exercise
cards and write short reflections. Progress varies: some finish, many are midway, some stalled.
"""
from __future__ import annotations

import json
import random
import time
from datetime import timedelta

from course.mentor.analytics import course_lessons
from course.identity import validate_cohort
from course.engine.scenarios import Run
from course.store.stamps import new_key, now
from course.engine.grading import score_for
from course.keys import scenario as scenario_item, scenario_ending as ending_item

MAX_LEARNERS = 5000

FIRST = ["Amara", "Ben", "Carmen", "Dev", "Elena", "Farah", "Gabriel", "Hana", "Ibrahim", "Jada", "Kofi",
         "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tamika", "Uma", "Victor",
         "Wei", "Ximena", "Yusuf", "Zoe", "Aiden", "Beatriz", "Chidi", "Dana", "Emeka", "Fatima", "Grace",
         "Hiro", "Isabel", "Jamal", "Keiko", "Luis", "Mei", "Noah", "Olga", "Pablo", "Rania", "Sofia",
         "Tariq", "Valentina", "Will", "Yara", "Ana", "Kwame", "Leah", "Marcus", "Nia", "Rohan", "Sana",
         "Theo", "Aisha", "Diego", "Ines", "Jonah"]
LAST = ["Adeyemi", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Johnson",
        "Kowalski", "Lopez", "Mensah", "Nguyen", "Okafor", "Patel", "Quintero", "Rivera", "Singh", "Thompson",
        "Usman", "Vargas", "Williams", "Xu", "Yamamoto", "Zhang", "Ali", "Baker", "Castillo", "Dubois",
        "Eriksen", "Flores", "Gupta", "Hughes", "Ivanova", "Jones", "Kim", "Lee", "Morales", "Novak",
        "Owusu", "Park", "Reyes", "Sato", "Torres", "Ueda", "Walker", "Yilmaz", "Abubakar", "Bianchi"]

OPENINGS = ["What surprised me most was", "I had not realized", "Reading this made me think about",
            "Looking back at my own unit,", "The part I want to work on is", "I recognized my manager in"]
MIDDLES = ["how much of the job is about budgets and staffing rather than care itself",
           "how often a manager has to say no to a good idea because of money",
           "that leading former peers is one of the hardest parts of the move",
           "how a short huddle can prevent a bad shift",
           "that I already do some of these duties informally as a charge nurse",
           "how important it is to close the loop with staff after a complaint",
           "how much data and reporting a manager handles every week",
           "that escalation is a skill and not a failure"]
CLOSINGS = ["I will ask my manager to let me sit in on a budget meeting.",
            "Next month I want to lead a huddle myself.",
            "I am going to write down the decisions I make on each shift for a few weeks.",
            "I want to talk this through with my mentor before I apply for anything.",
            "I still need to think about whether I want to leave bedside care.",
            "I will look for a committee I can join this year."]


def _names(rng: random.Random, n: int) -> list[str]:
    seen, names = set(), []
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}. {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return names


class _Clock:
    """A learner's own timeline: each action a few minutes after the last, never past `end`."""

    def __init__(self, rng, start, end):
        self.rng, self.at, self.end = rng, start, end

    def tick(self, minutes=(1, 6)):
        self.at = min(self.end, self.at + timedelta(minutes=self.rng.uniform(*minutes)))
        return self.at



def _difficulty(item_id: str) -> float:
    """A fixed difficulty per item, so every cohort finds the same items hard."""
    return random.Random(f"difficulty:{item_id}").uniform(-0.3, 0.2)


def _answer(item, catalog, rng: random.Random, right: bool) -> dict:
    """A response to a real item: right, or wrong in the way people tend to be wrong."""
    kind = item.kind
    distractor = random.Random(f"distractor:{item.id}")  # the popular wrong answer of this item
    if kind == "single":
        if right:
            return {"choice": next(o.id for o in item.options if o.correct)}
        wrong = [o.id for o in item.options if not o.correct]
        favourite = distractor.choice(wrong)
        return {"choice": favourite if rng.random() < 0.6 else rng.choice(wrong)}
    if kind == "multiple":
        correct = sorted(o.id for o in item.options if o.correct)
        if right:
            return {"choices": correct}
        wrong = [o.id for o in item.options if not o.correct]
        chosen = set(correct)
        if wrong and (rng.random() < 0.65 or len(correct) == 1):
            chosen.add(distractor.choice(wrong) if rng.random() < 0.6 else rng.choice(wrong))
        elif len(correct) > 1:
            chosen.discard(rng.choice(correct))
        return {"choices": sorted(chosen)}
    if kind == "numeric":
        answer = catalog.answer_of(item)
        if right:
            return {"value": answer, "text": f"{answer:g}"}
        factor = rng.choice([0.5, 0.75, 1.25, 1.5, 2.0])
        value = round(answer * factor, 2) if answer else rng.randint(1, 10)
        if abs(value - answer) <= item.tolerance:
            value = answer + item.tolerance + 1
        return {"value": value, "text": f"{value:g}"}
    if kind == "ordering":
        order = [s.id for s in item.steps]
        if right:
            return {"order": order}
        i = distractor.randrange(len(order) - 1) if rng.random() < 0.6 else rng.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
        return {"order": order}
    raise ValueError(f"unknown item kind {kind}")


def _play(scenario, rng, skill: float, finish: bool):
    """One run through the real scenario engine; yields (choice, response) like the player."""
    run, run_id = Run(scenario), new_key()[:12]
    yield None, {"run": run_id, "action": "start"}
    while not run.finished:
        offered = run.choices()
        expert = [c for c in offered if c.expert]
        others = [c for c in offered if not c.expert]
        pick = expert[0] if expert and (rng.random() < 0.3 + 0.6 * skill or not others) else rng.choice(others)
        node_id = run.node_id
        choice = run.choose(pick.id)
        yield choice, {"run": run_id, "action": "choice", "node": node_id, "choice": choice.id,
                       "step": len(run.steps), "deltas": dict(choice.deltas)}
        if not finish and not run.finished and rng.random() < 0.5:
            return
    ending = run.node.ending
    yield ending, {"run": run_id, "action": "end", "ending": run.node_id, "rating": ending.rating,
                   "path": [c for _, c in run.steps], "totals": dict(run.totals)}


PDSA_CHANGES = [
    ("purposeful hourly rounding for patients at high fall risk on nights",
     "falls per 1,000 patient days; rounds completed; call-light wait for other patients"),
    ("a bed-exit alarm check at every handoff for high-risk patients",
     "falls; alarms found on at handoff; nurses' time at handoff"),
    ("a visible turn clock at the bedside of patients with a Braden score of 12 or less",
     "pressure injuries; turns documented; patients' sleep"),
    ("a daily line-necessity question at the safety huddle",
     "CLABSI per 1,000 line days; lines removed when no longer needed; line reinsertions"),
]


def _tool_events(cat, lesson_id: str, rng) -> list[tuple[str, dict]]:
    """(item, response) for lessons 08 and 09's tools, made with the tools' own checks so every demo
    entry is one the real widgets would have saved."""
    from course.engine import pdsa
    from course.engine import run_chart_entry
    from course.engine import staffing
    from course.engine.run_rules import DATA_DIR, analyse, read_series

    out = []
    quality, people = cat.quality, cat.staffing
    if quality is not None and lesson_id == quality.lesson:
        sample = quality.run_chart.sample
        series = read_series(DATA_DIR / sample.file, sample.count_column)
        own = rng.random() < 0.5
        values = [round(max(0.0, v + rng.uniform(-0.8, 0.8)), 2) for v in series.rates] if own else list(series.rates)
        entry, problems = run_chart_entry.validate_entry(
            {"indicator": sample.indicator, "better": sample.better, "month": int(series.months[0][5:]),
             "year": int(series.months[0][:4]), "values": run_chart_entry.values_text(values)}, quality)
        if not problems:
            rc = quality.run_chart
            analysis = analyse(entry["values"], shift_points=int(cat.facts[rc.shift_fact].value),
                               trend_points=int(cat.facts[rc.trend_fact].value))
            out.append((run_chart_entry.item_id(lesson_id),
                        {"chart": entry, "source": "own" if own else "sample", "signals": analysis.signals,
                         "median": analysis.median}))
        change, measure = rng.choice(PDSA_CHANGES)
        raw = {"aim": f"Reduce the rate on our unit by {rng.choice([20, 25, 30])}% by the end of the next quarter",
               "change": f"Test {change}.", "prediction": "Fewer events on the test shifts, with little extra work.",
               "measure": measure, "who": "Two volunteer nurses with the charge nurse",
               "when": f"{rng.choice(['Three nights', 'One week', 'Five day shifts'])} from next Monday"}
        plan, problems = pdsa.validate_plan(raw, quality.pdsa)
        if not problems:
            out.append((pdsa.item_id(lesson_id), {"plan": plan}))
    if people is not None and lesson_id == people.lesson:
        beds = rng.choice([20, 24, 28, 30, 32, 36])
        method = rng.choice(staffing.METHODS)
        raw = {"unit": "", "beds": str(beds), "average_census": f"{beds * rng.uniform(0.75, 0.95):.1f}",
               "lowest_census": "", "method": method, "patients_per_nurse": rng.choice(["1:4", "4", "1:5", "5"]),
               "hppd": rng.choice(["7.5", "8", "9.2"]), "shift_hours": rng.choice(staffing.SHIFT_LENGTHS),
               "others_per_shift": rng.choice(["", "1"]), "pto_hours": rng.choice(["", "160", "200"])}
        fte_hours = cat.facts[people.staffing_grid.fte_fact].value
        inputs, problems = staffing.validate(raw, fte_hours)
        if not problems:
            at = staffing.row(inputs.average_census, inputs, fte_hours)
            out.append((staffing.item_id(lesson_id), {"inputs": inputs.as_dict(), "result": {
                "staff_per_shift": at.staff, "positions_per_day": at.positions, "ftes": round(at.ftes, 2),
                "ftes_with_pto": round(at.ftes_with_pto, 2)}}))
    return out


def _reflection(rng) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}. {rng.choice(CLOSINGS)}"


def make_demo_cohort(store, learners: int, cohort: str, seed: int = 7, catalog=None) -> dict:
    """Create (or re-create) a demo cohort of `learners` invented learners. Refuses a cohort
    that holds real learners."""
    from course import catalog as catalog_mod

    started = time.perf_counter()
    cat = catalog or catalog_mod.default()
    cohort_id = validate_cohort(cohort)
    if not cohort_id:
        raise ValueError("Give the demo cohort a name, e.g. --cohort demo-spring.")
    if not 1 <= learners <= MAX_LEARNERS:
        raise ValueError(f"--learners must be between 1 and {MAX_LEARNERS}.")
    existing = store.cohort(cohort_id)
    if existing and not existing["is_demo"]:
        raise ValueError(f"Cohort '{cohort_id}' holds real learners; choose another name for demo data.")
    store.delete_demo_learners(cohort_id)
    store.ensure_cohort(cohort_id, cohort_id, is_demo=True)

    rng = random.Random(f"{seed}:{cohort_id}")
    lessons = course_lessons(cat)
    end = now()
    learner_rows, event_rows = [], []
    for index, name in enumerate(_names(rng, learners)):
        learner_id = f"demo:{cohort_id}:{index + 1:05d}"
        skill = rng.betavariate(5, 2)
        persona = rng.choices(["stalled", "midway", "finished", "new"], weights=[20, 50, 20, 10])[0]
        joined = end - timedelta(days=rng.uniform(2, 8) if persona == "new" else rng.uniform(20, 75))
        stop = end - timedelta(days=rng.uniform(15, 40)) if persona == "stalled" else end - timedelta(
            hours=rng.uniform(1, 24 * 6))
        stop = max(stop, joined + timedelta(hours=1))
        reach = {"stalled": rng.randint(1, max(1, len(lessons) // 3)), "midway": rng.randint(1, max(1, len(lessons) - 1)),
                 "finished": len(lessons), "new": 1}[persona]
        clock = _Clock(rng, joined, stop)

        def add(lesson, item, kind, response, correct=None, score=None):
            event_rows.append(dict(idempotency_key=new_key(), learner_id=learner_id, cohort_id=cohort_id,
                                   lesson=lesson, item=item, kind=kind,
                                   response=json.dumps(response, ensure_ascii=False), correct=correct,
                                   score=score, created_at=clock.tick()))

        for number, lesson in enumerate(lessons[:reach]):
            partial = number == reach - 1 and persona != "finished"
            share = rng.uniform(0.2, 0.9) if partial else 1.0
            # sessions spread over the learner's active weeks; the last one ends near `stop`
            session_at = joined + (stop - joined) * (number + 1) / reach - timedelta(hours=rng.uniform(0.5, 3))
            clock.at = max(clock.at, joined, session_at)
            for item_id in cat.lesson_items(lesson.id):
                if rng.random() > share:
                    continue
                item = cat.items[item_id]
                p_right = min(0.97, max(0.05, skill + _difficulty(item_id)))
                for attempt in range(1, item.max_tries + 1):
                    right = rng.random() < (p_right if attempt == 1 else 0.8)
                    response = _answer(item, cat, rng, right)
                    correct = item.check(response)  # the item kind's own rule, as the self-check uses
                    add(lesson.id, item_id, "answer", response, correct, score_for(correct, attempt, item.max_tries))
                    if correct:
                        break
            for exercise in (e for e in cat.exercises.values() if e.lesson == lesson.id):
                if rng.random() > share:
                    continue
                sorting = {c.id: (c.answer if rng.random() < min(0.95, skill + 0.2)
                                  else rng.choice([k.id for k in exercise.categories])) for c in exercise.cards}
                right = sum(sorting[c.id] == c.answer for c in exercise.cards)
                add(lesson.id, exercise.id, "exercise", {"sorting": sorting}, right == len(exercise.cards),
                    round(right / len(exercise.cards), 3))
                if rng.random() < 0.7:
                    inventory = [c.id for c in exercise.cards if c.answer == exercise.inventory_category
                                 and rng.random() < 0.4]
                    add(lesson.id, exercise.id + "-inventory", "exercise", {"already_do": sorted(inventory)})
            for sc in (s for s in cat.scenarios.values() if s.lesson == lesson.id):
                if rng.random() > share:
                    continue
                plays = 2 if rng.random() < 0.2 else 1
                for play in range(plays):
                    finish = not partial or rng.random() < 0.7
                    run_skill = min(1.0, skill + 0.2 * play)  # a replay usually goes better
                    for step, response in _play(sc, rng, run_skill, finish):
                        if response["action"] == "end":
                            add(sc.lesson, ending_item(sc.id), "scenario", response, step.rating == "strong",
                                {"strong": 1.0, "mixed": 0.5, "poor": 0.0}[step.rating])
                        elif response["action"] == "choice":
                            add(sc.lesson, scenario_item(sc.id), "scenario", response, step.expert)
                        else:
                            add(sc.lesson, scenario_item(sc.id), "scenario", response)
            if lesson.reflection and (not partial) and rng.random() < 0.8:
                add(lesson.id, f"{lesson.id}/reflection", "reflection", {"text": _reflection(rng)})
            if cat.self_assessment and lesson.id == cat.self_assessment.lesson and not partial:
                ratings = {s.id: max(1, min(5, round(rng.gauss(1.5 + 3 * skill, 0.8))))
                           for d in cat.self_assessment.domains for s in d.statements}
                overall = sum(ratings.values()) / len(ratings)  # saved as the self-assessment widget saves it
                add(lesson.id, f"{lesson.id}/{cat.self_assessment.id}", "exercise", {"ratings": ratings},
                    None, round(overall / 5, 3))
            if not partial:
                for item, response in _tool_events(cat, lesson.id, rng):
                    add(lesson.id, item, "exercise", response)
        last = clock.at if clock.at > joined else joined
        learner_rows.append(dict(id=learner_id, display_name=name, cohort_id=cohort_id, is_demo=True,
                                 created_at=joined, last_seen=last))
    store.add_learners_and_events(learner_rows, event_rows)
    store.audit("demo-cohort", f"{cohort_id}: {learners} learners, {len(event_rows)} events")
    return {"cohort": cohort_id, "learners": learners, "events": len(event_rows),
            "seconds": time.perf_counter() - started}
