"""Lessons 08 and 09's saved tool entries in words, for a mentor's view of one learner: the run
chart (indicator, months, what the rules found), the PDSA plan (field by field) and the staffing
grid (the result at the average census). Returns plain text; the caller escapes it.
"""
from __future__ import annotations


def describe_entry(catalog, item: str, response) -> dict | None:
    """{label: text} for a run chart, PDSA plan or staffing grid event; None for any other item."""
    from course.engine import pdsa
    from course.engine import run_chart_entry
    from course.engine import staffing

    if not isinstance(response, dict):
        return None
    quality, people = catalog.quality, catalog.staffing
    if quality is not None and item == run_chart_entry.item_id(quality.lesson):
        return _run_chart(catalog, quality, response)
    if quality is not None and item == pdsa.item_id(quality.lesson):
        plan, _ = pdsa.validate_plan(response.get("plan"), quality.pdsa, stored=True)
        out = {}
        for field in quality.pdsa.fields:
            if field.id == "act":
                out[field.label] = quality.pdsa.act_label(plan.get("act", pdsa.ACT_UNDECIDED))
            elif field.id in plan:
                out[field.label] = plan[field.id]
        return {"PDSA cycle": out or "not readable"}
    if people is not None and item == staffing.item_id(people.lesson):
        fte_hours = catalog.facts[people.staffing_grid.fte_fact].value
        inputs = staffing.from_saved(response.get("inputs"), fte_hours)
        if inputs is None:
            return {"Staffing grid": "not readable"}
        return {"Staffing grid": {"Unit": inputs.unit or "—", "Steps": staffing.explain(inputs, fte_hours)}}
    return None


def _run_chart(catalog, quality, response) -> dict:
    from course.engine import run_chart_entry
    from course.engine.run_rules import analyse, signal_words

    entry = run_chart_entry.from_saved(response.get("chart"), quality)
    if entry is None:
        return {"Run chart": "not readable"}
    rc = quality.run_chart
    analysis = analyse(entry["values"], shift_points=int(catalog.facts[rc.shift_fact].value),
                       trend_points=int(catalog.facts[rc.trend_fact].value))
    labels = run_chart_entry.month_labels(entry["start"], len(entry["values"]))
    return {"Run chart": {"Indicator": entry["indicator"], "Months": f"{labels[0]} to {labels[-1]}",
                          "Data": "the sample unit's (fictional)" if response.get("source") == "sample" else "own",
                          "What the rules found": signal_words(analysis) or "no signal of non-random change"}}
