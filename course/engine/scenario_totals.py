"""One learner's scenario competency profile: per HLA domain, the sum of the choice deltas of their
latest finished run of every scenario (a replay replaces the earlier run, so practice does not
inflate a profile; a replay left midway does not, so the profile describes the runs whose endings
are reported). A scenario never finished counts its latest run. The same rule as the mentor
analytics' cohort table (course/mentor/analytics.scenario_competencies), for one learner in plain
Python: totalling one learner's choices needs no pandas.
"""
from __future__ import annotations


def latest_run(run_events: list[dict], ending_events: list[dict]):
    """The run that counts: the last one that reached an ending, else the last one started."""
    finished = [e["response"].get("run") for e in ending_events if _action(e) == "end"]
    if finished:
        return finished[-1]
    started = [e["response"].get("run") for e in run_events if _action(e) == "start"]
    return started[-1] if started else None


def run_totals(run_events: list[dict], ending_events: list[dict], competencies) -> dict[str, float] | None:
    """Domain -> net change from the choices of the run that counts (None if the scenario was never played)."""
    if not run_events and not ending_events:
        return None
    run = latest_run(run_events, ending_events)
    totals = {c: 0.0 for c in competencies}
    for e in run_events:
        if _action(e) != "choice" or e["response"].get("run") != run:
            continue
        for comp, delta in (e["response"].get("deltas") or {}).items():
            if comp in totals and isinstance(delta, (int, float)) and not isinstance(delta, bool):
                totals[comp] += delta
    return totals


def _action(event: dict):
    response = event.get("response")
    return response.get("action") if event.get("kind") == "scenario" and isinstance(response, dict) else None
