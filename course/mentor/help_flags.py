"""Who may need a word from their mentor, and why: a nudge, not a verdict.

Each reason needs enough evidence before it lists anyone (a first-try share of 4 self-checks
is mostly luck; one scenario that ended poorly is one bad afternoon), and the list is ranked by
reason, the most urgent first: a learner gone quiet may be about to drop out; one who keeps
missing self-checks is stuck now; poor scenario endings are worth a conversation.
"""
from __future__ import annotations

from course.mentor.analytics import CohortData, _scenario_events, learner_progress

INACTIVE_DAYS = 14
LOW_FIRST_TRY = 0.5  # share correct on the first try below which a learner may need help
MIN_ITEMS_FOR_SCORE = 10  # judge a first-try share only on this many self-checks or more
MIN_POOR_ENDINGS = 2  # "every scenario ended poorly" only once this many scenarios were finished
REASON_ORDER = ("inactive", "first-try", "endings")  # the most urgent first


def needs_help(data: CohortData, catalog, inactive_days: int = INACTIVE_DAYS,
               low_first_try: float = LOW_FIRST_TRY):
    """Learners who may need a word from their mentor: learner_id, name, reason (in words, every
    reason that holds), first_reason (one of REASON_ORDER), lessons_done, last_active. Ranked by
    the first reason, then by how far it goes (longest quiet, lowest share, most poor endings),
    then by the number of reasons."""
    import pandas as pd

    progress = learner_progress(data, catalog)
    ev = _scenario_events(data)
    ends = ev[ev["action"] == "end"]
    ends = ends.assign(rating=[r.get("rating") for r in ends["response"]])
    latest = ends.groupby(["learner_id", "scenario"])["rating"].last()  # a replay replaces the run
    finished = latest.groupby("learner_id").size()
    poor = (latest == "poor").groupby("learner_id").sum()
    rows = []
    for row in progress.itertuples(index=False):
        found = []  # (kind, severity: larger is more urgent, words)
        if pd.notna(row.days_inactive) and row.days_inactive >= inactive_days:
            found.append(("inactive", int(row.days_inactive), f"no activity for {int(row.days_inactive)} days"))
        if row.items_answered >= MIN_ITEMS_FOR_SCORE and row.first_try_share < low_first_try:
            found.append(("first-try", 1 - row.first_try_share,
                          f"right on the first try in {row.first_try_share:.0%} of {row.items_answered} "
                          f"self-checks (below {low_first_try:.0%})"))
        n_finished, n_poor = int(finished.get(row.learner_id, 0)), int(poor.get(row.learner_id, 0))
        if n_finished >= MIN_POOR_ENDINGS and n_poor == n_finished:
            found.append(("endings", n_poor, f"all {n_finished} scenarios finished so far ended poorly"))
        if found:
            found.sort(key=lambda f: REASON_ORDER.index(f[0]))
            kind, severity, _ = found[0]
            rows.append((row.learner_id, row.name, "; ".join(f[2] for f in found), kind, row.lessons_done,
                         row.last_active, REASON_ORDER.index(kind), -severity, -len(found)))
    frame = pd.DataFrame(rows, columns=["learner_id", "name", "reason", "first_reason", "lessons_done",
                                        "last_active", "_rank", "_severity", "_n"])
    frame = frame.sort_values(["_rank", "_severity", "_n", "name"], kind="stable",
                              key=lambda s: s.str.casefold() if s.name == "name" else s)
    return frame.drop(columns=["_rank", "_severity", "_n"]).reset_index(drop=True)
