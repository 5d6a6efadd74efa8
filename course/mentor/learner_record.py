"""Everything one learner did, for the mentor's "One learner" view, and the cohort's live-session
answers (course/mentor/live.py records one "live" event per answer)."""
from __future__ import annotations

import json
from collections import Counter

from course.mentor.analytics import CohortData, _scenario_events, nullable_bool
from course.mentor.item_stats import describe_response
from course.keys import HINT as HINT_SUFFIX


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
            "first_try_correct": nullable_bool(first["correct"]), "correct": nullable_bool(last["correct"]),
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
                     "answer": _live_answer_text(prompt, r.response), "correct": nullable_bool(r.correct),
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
