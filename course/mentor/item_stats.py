"""Self-checks across a cohort: who answered each item, the share right on the first try, the wrong
answer chosen most often, and an order "hardest first" that weighs the evidence.

A share from five answers is mostly noise: 1 of 5 right looks harder than 30 of 100, yet says
far less. "Hardest first" therefore ranks items by the upper end of a confidence interval of
their first-try share (Wilson score, about 90% one-sided), so an item leads only when even a
generous reading of its answers is low, and items with fewer than MIN_ANSWERS_TO_RANK answers
come after every item with enough.
"""
from __future__ import annotations

import math
from collections import Counter

from course.mentor.analytics import CohortData, first_tries

MIN_ANSWERS_TO_RANK = 10  # items answered by fewer learners are listed after the ranked ones
WILSON_Z = 1.28  # one-sided ~90%: "the share is very likely no higher than this"


def wilson_upper(right: int, n: int, z: float = WILSON_Z) -> float | None:
    """The upper end of the Wilson score interval of right/n (None when nobody answered)."""
    if n <= 0:
        return None
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return min(1.0, (centre + spread) / (1 + z * z / n))


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
    chosen wrong answer on a first try, in words), top_wrong_count, share_upper (how high the
    first-try share could plausibly be, given how few answered: see wilson_upper)."""
    import pandas as pd

    tries = first_tries(data)
    order = {lesson.id: i for i, lesson in enumerate(catalog.course.lessons)}
    rows = []
    by_item = {item: group for item, group in tries.groupby("item", sort=False)}
    for item_id, item in catalog.items.items():
        lesson = catalog.item_lesson[item_id]
        group = by_item.get(item_id)
        if group is None or group.empty:
            rows.append((lesson, item_id, item.kind, item.prompt, 0, None, 0, "", 0, None, order.get(lesson, 99)))
            continue
        correct = group["correct"].fillna(False).astype(bool)
        counts = Counter()
        for response in group.loc[~correct, "response"]:
            counts.update(_wrong_labels(item, response, catalog))
        top, top_n = counts.most_common(1)[0] if counts else ("", 0)
        rows.append((lesson, item_id, item.kind, item.prompt, len(group), float(correct.mean()),
                     int((~correct).sum()), top, top_n, wilson_upper(int(correct.sum()), len(group)),
                     order.get(lesson, 99)))
    frame = pd.DataFrame(rows, columns=["lesson", "item", "kind", "prompt", "learners", "first_try_share",
                                        "wrong_first", "top_wrong", "top_wrong_count", "share_upper", "_order"])
    return frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def hardest_first(frame):
    """item_analysis rows, the hardest first by the evidence: items with at least
    MIN_ANSWERS_TO_RANK answers by the upper end of their first-try share, then the thinly
    answered ones (by the same bound), then the unanswered."""
    ranked = frame.assign(_thin=frame["learners"] < MIN_ANSWERS_TO_RANK, _none=frame["learners"] == 0)
    ranked = ranked.sort_values(["_none", "_thin", "share_upper", "first_try_share"], na_position="last",
                                kind="stable")
    return ranked.drop(columns=["_thin", "_none"]).reset_index(drop=True)


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
