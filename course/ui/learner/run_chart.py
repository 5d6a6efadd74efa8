"""Lesson 08's run chart tool: the learner's own monthly values (or the sample unit's), drawn with
the median and the run rules applied in words, saved and restored.

The entry is checked in the kernel (course/engine/run_chart_entry.py), the rules applied by
course/engine/run_rules.py; the chart is a matplotlib image with alt text, and the same figures follow
as a table. Everything the learner typed is escaped where it is shown.
"""
from __future__ import annotations

import base64

import ipywidgets as w

from course.engine import run_chart_entry as entry_mod
from course.numbers import parse_list
from course.engine.run_rules import DATA_DIR, SeriesError, analyse, describe, fmt, read_series, summary
from course.ui.common import actions, choice_dropdown, drawn_png, esc, html_box, rejected, save_note, status_html

MAX_TYPED = 2000  # characters of the typed values kept, to restore them as typed
SIDE_WORDS = {1: "above", -1: "below", 0: "on the median"}
LINE, MEDIAN, SHIFT, TREND = "#1f5f8b", "#3d4f61", "#a84f00", "#2e7d4f"


def rule_thresholds(catalog, content) -> tuple[int, int]:
    rc = content.run_chart
    return int(catalog.facts[rc.shift_fact].value), int(catalog.facts[rc.trend_fact].value)


def chart_png(labels, analysis, indicator: str) -> bytes:
    """The run chart: values joined in time order, the median dashed, shift and trend points marked
    with their own shapes (the legend names them; colour is never the only cue)."""
    values = analysis.values
    xs = list(range(len(values)))

    def draw(ax):
        ax.plot(xs, values, color=LINE, marker="o", markersize=5, linewidth=1.6, label="Monthly value")
        ax.axhline(analysis.median, color=MEDIAN, linestyle="--", linewidth=1.2,
                   label=f"Median ({fmt(analysis.median)})")
        in_shift = sorted({i for s in analysis.shifts for i in range(s.start, s.end + 1) if i not in analysis.on_median})
        if in_shift:
            ax.scatter(in_shift, [values[i] for i in in_shift], s=90, marker="s", facecolors="none",
                       edgecolors=SHIFT, linewidths=1.8, label="Part of a shift", zorder=3)
        in_trend = sorted({i for t in analysis.trends for i in range(t.start, t.end + 1)})
        if in_trend:
            ax.scatter(in_trend, [values[i] for i in in_trend], s=110, marker="^", facecolors="none",
                       edgecolors=TREND, linewidths=1.6, label="Part of a trend", zorder=3)
        step = 1 if len(values) <= 14 else 2
        ax.set_xticks(xs[::step], [labels[i] for i in xs[::step]], rotation=45, ha="right", fontsize=8)
        ax.set_ylabel(indicator if len(indicator) <= 40 else indicator[:39] + "…", fontsize=9)
        ax.set_title(f"Run chart: {indicator}"[:90], fontsize=11)
        ax.grid(axis="y", color="#d5dde5", linewidth=0.8)
        ax.set_axisbelow(True)
        low, high = min(values), max(values)
        pad = (high - low) * 0.15 or 1
        ax.set_ylim(max(0, low - pad) if low >= 0 else low - pad, high + pad)
        ax.legend(loc="best", fontsize=8, frameon=False)

    return drawn_png(draw, (8.6, 4.2))


def alt_text(entry: dict, labels, analysis) -> str:
    values = analysis.values
    return (f"Run chart of {entry['indicator']}, {labels[0]} to {labels[-1]}: {len(values)} monthly values from "
            f"{fmt(min(values))} to {fmt(max(values))}, median {fmt(analysis.median)}. {summary(analysis)} "
            f"The table below the chart lists every value.")


def table_html(labels, analysis) -> str:
    from course.engine.run_rules import sides

    in_shift = {i for s in analysis.shifts for i in range(s.start, s.end + 1)}
    in_trend = {i for t in analysis.trends for i in range(t.start, t.end + 1)}
    rows = []
    for i, (label, value, side) in enumerate(zip(labels, analysis.values, sides(analysis.values, analysis.median))):
        marks = [m for m, where in (("in a shift", in_shift), ("in a trend", in_trend)) if i in where and
                 not (m == "in a shift" and side == 0)]
        rows.append(f'<tr><th scope="row">{esc(label)}</th><td class="course-num">{esc(fmt(value))}</td>'
                    f'<td>{SIDE_WORDS[side]}</td><td>{esc(", ".join(marks)) or "—"}</td></tr>')
    return ('<div class="course-table-scroll" role="region" aria-label="Run chart values (scrolls on a narrow '
            'screen)" tabindex="0"><table class="course-table course-run-table"><caption>The chart as a table '
            f'(median {esc(fmt(analysis.median))})</caption><thead><tr><th scope="col">Month</th>'
            '<th scope="col">Value</th><th scope="col">Against the median</th><th scope="col">Signal</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def result_html(entry: dict, analysis, source_note: str = "") -> str:
    labels = entry_mod.month_labels(entry["start"], len(entry["values"]))
    png = chart_png(labels, analysis, entry["indicator"])
    img = (f'<img class="course-figure" src="data:image/png;base64,{base64.b64encode(png).decode()}" '
           f'alt="{esc(alt_text(entry, labels, analysis))}">')
    findings = "".join(f'<li class="course-run-{rule}">{esc(text)}</li>'
                       for rule, text in describe(analysis, labels, entry["better"]))
    kind = "ok" if not analysis.signals else "info"
    return (f'<h4 class="course-h4" dir="auto">{esc(entry["indicator"])}</h4>{source_note}{img}'
            f'{status_html(kind, summary(analysis))}'
            f'<h4 class="course-h4">The rules, applied to your chart</h4><ul class="course-run-findings">{findings}</ul>'
            f'{table_html(labels, analysis)}')


class RunChartTool(w.VBox):
    def __init__(self, content, catalog, session):
        super().__init__()
        self.content, self.catalog, self.session = content, catalog, session
        self.rc = content.run_chart
        self.lesson = content.lesson
        self.item = entry_mod.item_id(self.lesson)
        self.shift_points, self.trend_points = rule_thresholds(catalog, content)
        self.sample_text: str | None = None  # the values as loaded from the sample, to tell sample from own data
        self.add_class("course-card")
        self.add_class("course-run-chart")
        self.add_class("course-form")
        rc = self.rc
        wide = {"description_width": "initial"}
        self.intro = html_box(f'<p class="course-eyebrow">Exercise · uses your own unit</p>'
                              f'<h3 class="course-h3">{esc(rc.title)}</h3><p>{esc(rc.instructions)}</p>')
        self.indicator = w.Text(continuous_update=False, description=rc.indicator.label, style=wide, layout=w.Layout(width="100%"))
        self.better = choice_dropdown([(o.label, o.id) for o in rc.better_options], rc.better.label, style=wide)
        self.month = choice_dropdown([(name, i + 1) for i, name in enumerate(entry_mod.MONTH_NAMES)],
                                     f"{rc.start.label}: month", style=wide)
        self.year = choice_dropdown([(str(y), y) for y in entry_mod.years()], f"{rc.start.label}: year", style=wide)
        self.values = w.Textarea(continuous_update=False, description=rc.values.label, rows=8, style=wide, layout=w.Layout(width="100%"))
        self.sample_button = w.Button(description=rc.sample.button, tooltip=rc.sample.button,
                                      layout=w.Layout(width="auto"))
        self.sample_button.on_click(lambda _b: self.load_sample())
        self.draw_button = w.Button(description=rc.draw_button, button_style="primary", layout=w.Layout(width="auto"))
        self.draw_button.on_click(lambda _b: self.draw())
        self.status = html_box("", "course-run-status")
        self.output = html_box("", "course-run-output")

        def hint(text):
            return html_box(f'<p class="course-hint course-q-hint">{esc(text)}</p>')

        self.form = w.VBox([self.indicator, hint(rc.indicator.hint), self.better, hint(rc.better.hint),
                            self.month, self.year, hint(rc.start.hint), self.values, hint(rc.values.hint)])
        self.children = [self.intro, actions(self.sample_button), self.form,
                         actions(self.draw_button, self.status), self.output]
        self._restore()
        session.on_identity(self._restore)

    # --- the page's values ------------------------------------------------------------------------

    def raw(self) -> dict:
        return {"indicator": self.indicator.value, "better": self.better.value, "month": self.month.value,
                "year": self.year.value, "values": self.values.value}

    def source(self) -> str:
        same = (self.sample_text is not None and self.values.value == self.sample_text
                and self.indicator.value.strip() == self.rc.sample.indicator)
        return "sample" if same else "own"

    # --- actions ------------------------------------------------------------------------------

    def load_sample(self) -> None:
        sample = self.rc.sample
        try:
            series = read_series(DATA_DIR / sample.file, sample.count_column)
        except SeriesError as exc:
            self.status.value = status_html("warn", f"{exc} Type your own values instead.")
            return
        self.indicator.value = sample.indicator
        self.better.value = sample.better
        self.year.value = int(series.months[0][:4])
        self.month.value = int(series.months[0][5:])
        self.sample_text = entry_mod.values_text(series.rates)
        self.values.value = self.sample_text
        self.status.value = status_html("info", sample.note + " Draw the chart, or change the values first.")

    def draw(self) -> None:
        raw = self.raw()
        for name, allowed in (("better", [None] + [o.id for o in self.rc.better_options]),
                              ("month", [None] + list(range(1, 13))), ("year", [None] + entry_mod.years())):
            if raw[name] not in allowed:
                rejected("run chart", raw[name])
        entry, problems = entry_mod.validate_entry(raw, self.content)
        if problems:
            items = "".join(f"<li>{esc(p)}</li>" for p in problems)
            self.status.value = (status_html("info", "Not drawn yet: "
                                             + ("one thing to fix." if len(problems) == 1 else
                                                f"{len(problems)} things to fix."))
                                 + f'<ul class="course-form-problems">{items}</ul>')
            return
        source = self.source()
        analysis = analyse(entry["values"], shift_points=self.shift_points, trend_points=self.trend_points)
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise",
                                    response={"chart": entry, "typed": raw["values"][:MAX_TYPED], "source": source,
                                              "signals": analysis.signals, "median": analysis.median})
        self.output.value = result_html(entry, analysis, self._source_note(source))
        self.status.value = status_html("ok" if saved == "saved" else "warn", f"Run chart drawn. {save_note(saved)}")
        self.draw_button.description = "Draw it again"

    def _source_note(self, source: str) -> str:
        return f'<p class="course-hint">{esc(self.rc.sample.note)}</p>' if source == "sample" else ""

    # --- restoring ------------------------------------------------------------------------------

    def _restore(self) -> None:
        if self.indicator.value or self.values.value:
            return  # never overwrite what the learner is typing
        saved = self.session.state(self.lesson).get(self.item)
        response = saved.get("response") if saved else None
        entry = entry_mod.from_saved(response.get("chart"), self.content) if isinstance(response, dict) else None
        if entry is None:
            return
        self.indicator.value, self.better.value = entry["indicator"], entry["better"]
        self.year.value, self.month.value = int(entry["start"][:4]), int(entry["start"][5:])
        typed = response.get("typed")
        same = isinstance(typed, str) and parse_list(typed)[0] == entry["values"]
        self.values.value = typed if same else entry_mod.values_text(entry["values"])  # as they typed it
        if response.get("source") == "sample":
            self.sample_text = self.values.value
        analysis = analyse(entry["values"], shift_points=self.shift_points, trend_points=self.trend_points)
        self.output.value = result_html(entry, analysis, self._source_note(response.get("source")))
        self.status.value = status_html("ok", "Your saved run chart is shown below; change the values and draw it "
                                              "again at any time.")
        self.draw_button.description = "Draw it again"
