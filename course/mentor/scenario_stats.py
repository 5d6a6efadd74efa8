"""Scenarios across a cohort (endings reached, paths traveled, choices at each decision) and the
competency profiles that compare a learner with the cohort."""
from __future__ import annotations

from collections import Counter

from course.mentor.analytics import (CohortData, _scenario_events, readiness_profiles, scenario_competencies,
                                     scenario_decisions)


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


# --- competency profiles ----------------------------------------------------------------------

def per_decision_competencies(data: CohortData, catalog):
    """Learners x HLA domains: the mean competency change per decision over the counted runs.
    A sum over scenarios rises with every scenario played; per decision, a learner who played
    one scenario and one who played six stand on the same scale (-2 to +2)."""
    def build():
        totals = scenario_competencies(data, catalog)
        decisions = scenario_decisions(data).reindex(totals.index)
        return totals.div(decisions.where(decisions > 0), axis=0)

    return data.memo("per_decision_competencies", build)


def competency_profile(data: CohortData, catalog, learner_id: str | None = None):
    """One row per HLA domain: domain, name, cohort_scenario (mean over learners who played of
    their change per decision), learner_scenario, cohort_readiness, learner_readiness (None
    where there is nothing)."""
    import pandas as pd

    scen = per_decision_competencies(data, catalog)
    ready = readiness_profiles(data, catalog)
    rows = []
    for comp_id, comp in catalog.competencies.items():
        def pick(frame):
            if learner_id is None or learner_id not in frame.index:
                return None
            value = frame.at[learner_id, comp_id]
            return None if pd.isna(value) else float(value)

        cohort_s = float(scen[comp_id].mean()) if len(scen) and scen[comp_id].notna().any() else None
        cohort_r = float(ready[comp_id].mean()) if len(ready) and ready[comp_id].notna().any() else None
        rows.append((comp_id, comp.name, cohort_s, pick(scen), cohort_r, pick(ready)))
    return pd.DataFrame(rows, columns=["domain", "name", "cohort_scenario", "learner_scenario",
                                       "cohort_readiness", "learner_readiness"])
