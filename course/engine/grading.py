"""The score a self-check answer earns, shared by the widgets that grade and the demo cohorts that
imitate them (so a demo learner's scores read as a real one's)."""
from __future__ import annotations


def score_for(correct: bool, attempt: int, max_tries: int) -> float:
    """Full marks on the first try, less for each extra try, none when not found."""
    if not correct:
        return 0.0
    return round(max(0.0, 1 - (attempt - 1) / max_tries), 3)
