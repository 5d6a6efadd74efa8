"""Lesson 07's unit KPI dashboard: one fictional unit's measures by quarter against its targets.

Overtime and hours per patient day come from the sample budget, the rest from the sample KPI file
(both in assets/data/); the targets and the reading notes are content. Whether a target was met is
said in words beside each figure, never by colour alone.
"""
from __future__ import annotations

import ipywidgets as w

from course.engine import budget
from course.ui.common import esc, html_box, scroll_table, status_html


def _fmt(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _target(kpi) -> str:
    sign = {"lower": "≤ ", "higher": "≥ ", "none": ""}[kpi.better]
    return sign + _fmt(kpi.target, kpi.decimals) + (" (budget)" if kpi.better == "none" else "")


def _cell(kpi, value: float) -> str:
    met = budget.target_met(value, kpi.target, kpi.better)
    if met is None:
        word = "above budget" if value > kpi.target else ("below budget" if value < kpi.target else "on budget")
        tag, cls = f"· {word}", "course-kpi-level"
    else:
        tag, cls = ("✓ met", "course-kpi-met") if met else ("✗ missed", "course-kpi-missed")
    return (f'<td class="course-num {cls}">{_fmt(value, kpi.decimals)} '
            f'<span class="course-kpi-tag">{esc(tag)}</span></td>')


def dashboard_html(content, values: dict[str, dict[str, float]], quarters: list[tuple[str, str]]) -> str:
    dash, unit = content.kpi_dashboard, content.unit
    head = "".join(f'<th scope="col">{esc(q)}<br><span class="course-muted">{esc(months)}</span></th>'
                   for q, months in quarters)
    rows = "".join(
        f'<tr><th scope="row">{esc(k.label)}<br><span class="course-muted">{esc(k.unit)}</span></th>'
        f'<td class="course-num">{esc(_target(k))}</td>'
        + "".join(_cell(k, values[q][k.id]) for q, _m in quarters) + "</tr>"
        for k in dash.kpis)
    notes = "".join(f'<li><strong>{esc(k.label)}.</strong> {esc(k.how_to_read)}</li>' for k in dash.kpis)
    return (f'<p class="course-eyebrow">Dashboard · fictional data</p><h3 class="course-h3">{esc(dash.title)}</h3>'
            f'<p>{esc(dash.intro)}</p>{status_html("info", unit.note)}'
            + scroll_table(f"{unit.name}, fiscal year {unit.fiscal_year}: each figure with whether it met the target",
                           f'<table class="course-table course-kpi-table">'
                           f'<thead><tr><th scope="col">Measure</th><th scope="col">Target</th>{head}</tr></thead>'
                           f'<tbody>{rows}</tbody></table>')
            + f'<h4 class="course-h4">How to read each measure</h4><ul class="course-kpi-notes">{notes}</ul>')


class KpiDashboard(w.VBox):
    def __init__(self, content, budget_frame=None, kpi_frame=None):
        super().__init__()
        budget_frame = budget.load_budget() if budget_frame is None else budget_frame
        kpi_frame = budget.load_kpis() if kpi_frame is None else kpi_frame
        values = budget.quarterly_kpis(budget_frame, kpi_frame)
        quarters = [(str(q), str(m)) for q, m in zip(kpi_frame["quarter"], kpi_frame["months"])]
        self.add_class("course-card")
        self.add_class("course-kpi-dashboard")
        self.children = [html_box(dashboard_html(content, values, quarters))]
