"""The readiness self-assessment's scoring (lesson 04): ratings checked, averaged per HLA domain, the
weakest domains found, change between the first and latest take (the widget is
course/ui/learner/self_assessment.py)."""
from __future__ import annotations

from course import keys
from course.schema.self_assessment import SelfAssessment

SCALE = (1, 2, 3, 4, 5)
UNRATED = 0  # the "Choose a rating…" prompt (ipywidgets treats None as no option at all)
EVEN_SPREAD = 0.5  # if every domain is within this of the others, no domain is "weakest"
WEAKEST_COUNT = 2


def item_id(assessment: SelfAssessment) -> str:
    return keys.self_assessment(assessment.lesson, assessment.id)

def validate_ratings(raw, assessment: SelfAssessment, *, stored: bool = False) -> tuple[dict | None, str | None]:
    """{statement id: 1..5} for every statement, or (None, a message).

    `stored=True` re-reads a saved take: statements removed from the content since are dropped
    and ones added since are simply unrated, so old takes still compare.
    """
    if not isinstance(raw, dict):
        return None, "The ratings could not be read."
    statement_ids = [s.id for d in assessment.domains for s in d.statements]
    clean = {}
    for sid, value in raw.items():
        if sid not in statement_ids:
            if stored:
                continue
            return None, "A rating came for a statement this assessment does not have."
        if value is None and not stored:
            continue
        if type(value) is not int or value not in SCALE:
            if stored:
                continue
            return None, "A rating must be a whole number from 1 to 5."
        clean[sid] = value
    if not stored:
        left = [sid for sid in statement_ids if sid not in clean]
        if left:
            return None, f"Rate every statement first ({len(left)} still to rate)."
    if not clean:
        return None, "No ratings."
    return clean, None

def domain_scores(ratings: dict, assessment: SelfAssessment) -> dict[str, float | None]:
    """The mean rating per domain (None where nothing in the domain was rated), in content order."""
    scores = {}
    for domain in assessment.domains:
        values = [ratings[s.id] for s in domain.statements if s.id in ratings]
        scores[domain.competency] = round(sum(values) / len(values), 2) if values else None
    return scores

def weakest_domains(scores: dict[str, float | None], count: int = WEAKEST_COUNT) -> list[str]:
    """The lowest-scoring domains: the `count` lowest, plus any tied with the last of them.

    Empty when the profile is even (every domain within EVEN_SPREAD of the others): then no
    domain stands out, and naming one would mislead.
    """
    rated = [(d, s) for d, s in scores.items() if s is not None]
    if not rated:
        return []
    values = [s for _, s in rated]
    if max(values) - min(values) < EVEN_SPREAD:
        return []
    ordered = sorted(rated, key=lambda ds: ds[1])  # stable: ties keep content order
    cutoff = ordered[min(count, len(ordered)) - 1][1]
    return [d for d, s in ordered if s <= cutoff and s < max(values)]

def change(first: dict[str, float | None], latest: dict[str, float | None]) -> dict[str, float | None]:
    return {d: (round(latest[d] - first[d], 2) if latest.get(d) is not None and first.get(d) is not None else None)
            for d in latest}

def load_takes(session, assessment: SelfAssessment) -> list[dict]:
    """Every saved take, oldest first, as {"ratings", "scores", "at"}; unreadable ones skipped."""
    takes = []
    for event in session.history(item_id(assessment)):
        response = event.get("response")
        ratings, _ = validate_ratings(response.get("ratings") if isinstance(response, dict) else None,
                                      assessment, stored=True)
        if ratings:
            takes.append({"ratings": ratings, "scores": domain_scores(ratings, assessment),
                          "at": event.get("created_at")})
    return takes
