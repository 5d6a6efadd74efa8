"""Lesson 07's budget lab: the sample unit budget as a table and a chart, and numeric steps checked in the kernel.

Each step asks for figures the learner computes from one month of the sample budget (FTEs, HPPD,
the flexible budget, the variance split). The answer key comes from course/engine/budget.py and stays in
this object: nothing the page can read holds an answer until the learner has answered right or
used up their tries. A wrong try brings the formula; the last one brings the answer.
"""
from __future__ import annotations

import base64

import ipywidgets as w

from course import keys
from course.engine import budget
from course.numbers import format_number, read_number
from course.ui.common import drawn_png, esc, html_box, save_note, scroll_table, status_html
from course.engine.grading import score_for
from course.ui.learner.quiz import tries_rule, verdict_html
from course.ui.learner.quiz_inputs import NUMBER_MAX

WORKED_OUT = "the answer and how it is worked out"

SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


item_id = keys.budget_lab  # the key is built in course/keys.py


def fte_hours(catalog, content) -> float:
    return catalog.facts[content.budget_lab.fte_fact].value


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _signed_money(value: float) -> str:
    return f"{'+' if value >= 0 else '−'}${abs(value):,.0f}"


def _signed_percent(value: float) -> str:
    return f"{'+' if value >= 0 else '−'}{abs(value):.1f}%"


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{SHORT_MONTHS[int(number) - 1]} {year}"


# --- the data as a table ------------------------------------------------------------------------

def _table(caption: str, groups: list[tuple[str, list[tuple[str, str]]]], rows: list[tuple[str, list[str]]]) -> str:
    """A table with grouped column headers, in a region that scrolls sideways on a narrow screen."""
    top = '<th scope="col" rowspan="2">Month</th>' + "".join(
        f'<th scope="colgroup" colspan="{len(cols)}">{esc(name)}</th>' if len(cols) > 1
        else f'<th scope="col" rowspan="2">{esc(name)}<br><span class="course-muted">{esc(cols[0][1])}</span></th>'
        for name, cols in groups)
    second = "".join(f'<th scope="col">{esc(sub)}</th>' for _name, cols in groups if len(cols) > 1
                     for _col, sub in cols)
    colgroups = "".join(f'<colgroup span="{len(cols)}"></colgroup>' for _name, cols in groups)
    body = "".join(
        f'<tr{" class=course-total-row" if head == "Year" else ""}><th scope="row">{esc(head)}</th>'
        + "".join(f'<td class="course-num">{esc(v)}</td>' for v in values) + "</tr>"
        for head, values in rows)
    return scroll_table(caption, f'<table class="course-table course-budget-table">'
                                 f'<colgroup span="1"></colgroup>{colgroups}<thead><tr>{top}</tr><tr>{second}</tr>'
                                 f'</thead><tbody>{body}</tbody></table>')


def data_html(frame, content) -> str:
    """The sample budget as two readable tables: volume and hours, then costs; a year row at the end."""
    unit = content.unit
    records = frame.to_dict("records")
    year = budget.totals(frame)

    def rows(columns, fmt):
        out = [(_month_label(r["month"]), [fmt(r[c]) for c in columns]) for r in records]
        out.append(("Year", [fmt(year[c]) for c in columns]))
        return out

    hours_cols = ["budget_patient_days", "actual_patient_days", "budget_worked_hours", "actual_worked_hours",
                  "actual_nonproductive_hours", "budget_paid_hours", "actual_paid_hours", "actual_overtime_hours",
                  "actual_agency_hours"]
    hours = _table(
        f"Volume and nursing hours by month ({unit.fiscal_year})",
        [("Patient days", [("", "Budget"), ("", "Actual")]), ("Worked hours", [("", "Budget"), ("", "Actual")]),
         ("Non-productive hours", [("", "actual")]), ("Paid hours", [("", "Budget"), ("", "Actual")]),
         ("Overtime hours", [("", "actual, part of worked")]), ("Agency hours", [("", "actual, part of worked")])],
        rows(hours_cols, _count))
    cost_cols = ["budget_worked_labor_cost", "actual_worked_labor_cost", "actual_overtime_cost", "actual_agency_cost",
                 "budget_nonproductive_labor_cost", "actual_nonproductive_labor_cost", "budget_supply_cost",
                 "actual_supply_cost"]
    costs = _table(
        f"Costs by month in US dollars, rounded to whole dollars ({unit.fiscal_year})",
        [("Cost of worked hours", [("", "Budget"), ("", "Actual")]), ("Overtime cost", [("", "actual, part of worked")]),
         ("Agency cost", [("", "actual, part of worked")]),
         ("Non-productive pay", [("", "Budget"), ("", "Actual")]), ("Supplies", [("", "Budget"), ("", "Actual")])],
        rows(cost_cols, _money))
    return (f'<p class="course-eyebrow">Sample data · fictional</p>'
            f'<h3 class="course-h3">{esc(unit.name)}: a {unit.beds}-bed {esc(unit.kind)}, '
            f'fiscal year {esc(unit.fiscal_year)}</h3>'
            f'{status_html("info", unit.note)}'
            f'<p class="course-hint">The file is <code>assets/data/unit-budget.csv</code> in the course folder; '
            f'<code>assets/data/README.md</code> explains every column.</p>{hours}{costs}')


class BudgetCard(w.VBox):
    """A card showing the sample budget (or `frame`, for a test): `html_of(frame, content)` makes its HTML."""

    css_class = ""
    html_of = None

    def __init__(self, content, frame=None):
        super().__init__()
        frame = budget.load_budget() if frame is None else frame
        self.add_class("course-card")
        self.add_class(self.css_class)
        self.children = [html_box(self.html_of(frame, content))]


class BudgetData(BudgetCard):
    css_class = "course-budget-data"
    html_of = staticmethod(data_html)


# --- the chart ----------------------------------------------------------------------------------

def chart_png(labels: list[str], budgeted: list[float], actual: list[float], title: str, xlabel: str,
              keep: bool = False) -> bytes:
    """Grouped bars, budget beside actual, in thousands of dollars; `keep`: the course's sample
    budget, the same chart for everyone, drawn once and kept (ui/figure_cache.py)."""

    def draw(ax):
        xs = list(range(len(labels)))
        width = 0.4
        ax.bar([x - width / 2 for x in xs], [v / 1000 for v in budgeted], width=width, color="#c9d3de",
               edgecolor="#3d4f61", hatch="//", label="Budget")
        ax.bar([x + width / 2 for x in xs], [v / 1000 for v in actual], width=width, color="#1f5f8b",
               label="Actual")
        ax.set_xticks(xs, labels, fontsize=8)
        low = min(budgeted + actual) / 1000
        ax.set_ylim(max(0, low * 0.85), max(budgeted + actual) / 1000 * 1.06)  # a cut axis: said in the label
        ax.set_ylabel("Cost of worked hours\n(thousands of US dollars; axis starts above zero)", fontsize=9)
        ax.set_xlabel(xlabel, fontsize=9)
        ax.set_title(title, fontsize=11)
        ax.legend(loc="upper left", fontsize=9, frameon=False)
        ax.grid(axis="y", color="#d5dde5", linewidth=0.8)
        ax.set_axisbelow(True)

    return drawn_png(draw, (8.6, 4.4), sample_inputs=[labels, budgeted, actual, title, xlabel] if keep else None)


def chart_html(frame, content, keep: bool = False) -> str:
    unit = content.unit
    records = frame.to_dict("records")
    labels = [SHORT_MONTHS[int(r["month"].split("-")[1]) - 1] for r in records]
    names = [budget.month_name(r["month"]) for r in records]
    planned = [r["budget_worked_labor_cost"] for r in records]
    spent = [r["actual_worked_labor_cost"] for r in records]
    diffs = [a - b for a, b in zip(spent, planned)]
    over = [n for n, d in zip(names, diffs) if d > 0]
    under = [n for n, d in zip(names, diffs) if d < 0]
    worst = max(range(len(diffs)), key=lambda i: diffs[i])
    year = budget.totals(frame)
    year_diff = year["actual_worked_labor_cost"] - year["budget_worked_labor_cost"]
    title = f"{unit.name} (fictional): cost of worked hours, budget and actual"
    xlabel = f"Month, fiscal year {unit.fiscal_year}"
    png = chart_png(labels, planned, spent, title, xlabel, keep)
    alt = (f"Bar chart of {unit.name}'s monthly cost of worked hours, budget beside actual, {unit.fiscal_year}. "
           f"Actual was above budget in {len(over)} of {len(names)} months, most in {names[worst]} "
           f"({_signed_money(diffs[worst])}), and below budget in {len(under)} "
           f"({', '.join(under) if under else 'none'}). Over the year: budget {_money(year['budget_worked_labor_cost'])}, "
           f"actual {_money(year['actual_worked_labor_cost'])}, a difference of {_signed_money(year_diff)}. "
           f"The table below the chart gives every figure.")
    rows = "".join(
        f'<tr><th scope="row">{esc(n)}</th><td class="course-num">{_money(b)}</td><td class="course-num">{_money(a)}</td>'
        f'<td class="course-num">{_signed_money(a - b)}</td><td class="course-num">{_signed_percent((a - b) / b * 100)}</td></tr>'
        for n, b, a in zip(names, planned, spent))
    b_year, a_year = year["budget_worked_labor_cost"], year["actual_worked_labor_cost"]
    rows += (f'<tr class="course-total-row"><th scope="row">Year</th><td class="course-num">{_money(b_year)}</td>'
             f'<td class="course-num">{_money(a_year)}</td><td class="course-num">{_signed_money(a_year - b_year)}</td>'
             f'<td class="course-num">{_signed_percent((a_year - b_year) / b_year * 100)}</td></tr>')
    table = scroll_table(
        "The chart as a table: cost of worked hours by month, US dollars (difference = actual − budget; "
        "+ means more was spent)",
        '<table class="course-table course-budget-chart-table">'
        '<thead><tr><th scope="col">Month</th><th scope="col">Budget</th><th scope="col">Actual</th>'
        '<th scope="col">Difference</th><th scope="col">Difference, %</th></tr></thead>'
        f'<tbody>{rows}</tbody></table>')
    img = (f'<img class="course-figure" src="data:image/png;base64,{base64.b64encode(png).decode()}" '
           f'alt="{esc(alt)}">')
    return (f'<p class="course-eyebrow">Chart · fictional data</p>'
            f'<h3 class="course-h3">Budget versus actual, month by month</h3>{img}{table}')


class BudgetChart(BudgetCard):
    css_class = "course-budget-chart"

    def __init__(self, content, frame=None):
        self.keep = frame is None  # the sample budget: its chart is kept once drawn
        super().__init__(content, frame)

    def html_of(self, frame, content) -> str:
        return chart_html(frame, content, keep=self.keep)


# --- one step of the lab --------------------------------------------------------------------------

class BudgetStep(w.VBox):
    """One numeric step: the learner's figures are checked here against budget.lab_answers()."""

    def __init__(self, step, content, catalog, session, frame=None):
        super().__init__()
        self.step, self.content, self.session = step, content, session
        self.lesson = content.lesson
        self.item = item_id(self.lesson, step.id)
        frame = budget.load_budget() if frame is None else frame
        row = budget.month_row(frame, content.budget_lab.month)
        hours = fte_hours(catalog, content)
        self.inputs = budget.lab_inputs(row, hours)
        self._answers = budget.lab_answers(row, hours)  # kernel only: never copied into a widget before the end
        self.attempts = 0
        self.correct = False
        self.done = False
        self.add_class("course-card")
        self.add_class("course-budget-step")
        self.add_class(f"course-budget-step-{step.id}")

        count = len(step.fields)
        self.prompt = html_box(
            f'<p class="course-eyebrow">Budget lab · self-check · type {"a number" if count == 1 else f"{count} numbers"}'
            f'</p><h3 class="course-h3">{esc(step.title)}</h3>'
            f'<p class="course-lab-prompt">{esc(step.prompt.format(**self.inputs))}</p>'
            f'<p class="course-hint course-tries-rule">{esc(tries_rule(step.max_tries, WORKED_OUT))}</p>')
        self.boxes = {}
        rows = []
        for field in step.fields:
            box = w.Text(value="", description=field.label, placeholder="a number", continuous_update=False,
                         style={"description_width": "initial"})
            self.boxes[field.figure] = box
            rows.append(w.HBox([box, html_box(f'<span class="course-unit">{esc(field.unit)}</span>')]))
        self.fields_box = w.VBox(rows)
        self.fields_box.add_class("course-budget-fields")
        self.check_button = w.Button(description="Check", button_style="primary", tooltip="Check your figures")
        self.check_button.on_click(lambda _b: self.check())
        self.again_button = w.Button(description="Try this again", tooltip="Work this step afresh, with all your tries")
        self.again_button.on_click(lambda _b: self.try_again())
        self.again_button.layout.display = "none"
        self.status = html_box("", "course-quiz-status")
        self.feedback = html_box("", "course-feedback")
        self.children = [self.prompt, self.fields_box, w.HBox([self.check_button, self.again_button, self.status]),
                         self.feedback]
        self._restore()
        session.on_identity(self.refresh)

    # --- checking -----------------------------------------------------------------------------

    def response(self) -> tuple[dict | None, list[str]]:
        """({"values", "texts"}, []) or (None, one sentence per box that could not be read)."""
        values, texts, problems = {}, {}, []
        for field in self.step.fields:
            typed = self.boxes[field.figure].value
            typed = typed.strip() if isinstance(typed, str) else ""
            reading = read_number(typed, field.unit)
            if reading.ok:
                values[field.figure], texts[field.figure] = reading.value, typed[:NUMBER_MAX]
            else:
                problems.append(f"{field.label}: {reading.problem}")
        return ({"values": values, "texts": texts}, []) if not problems else (None, problems)

    def verdicts(self, values: dict) -> dict[str, bool]:
        return {f.figure: abs(values[f.figure] - self._answers[f.figure]) <= f.tolerance for f in self.step.fields}

    def check(self) -> None:
        if self.done:
            return
        response, problems = self.response()
        if response is None:  # not a try: nothing is counted or saved, and the old verdict goes
            self.feedback.value = ""
            self.status.value = status_html("info", " ".join(problems))
            return
        self.attempts += 1
        self.correct = all(self.verdicts(response["values"]).values())
        self.done = self.correct or self.attempts >= self.step.max_tries
        score = score_for(self.correct, self.attempts, self.step.max_tries)
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="answer", response=response,
                                    correct=self.correct, score=score)
        self._show(response, saved)

    # --- showing ------------------------------------------------------------------------------

    def _field_lines(self, values: dict) -> str:
        verdicts = self.verdicts(values)
        lines = []
        for field in self.step.fields:
            mine, key = values[field.figure], self._answers[field.figure]
            if verdicts[field.figure]:
                lines.append(f'<li><span aria-hidden="true">✓</span> <strong>{esc(field.label)}:</strong> right.</li>')
                continue
            if abs(mine + key) <= field.tolerance and abs(key) > field.tolerance:
                why = "the size is right but the sign is not: a part that added cost is positive."
            elif mine < key:
                why = "your figure is lower than it should be."
            else:
                why = "your figure is higher than it should be."
            lines.append(f'<li><span aria-hidden="true">✗</span> <strong>{esc(field.label)}:</strong> {esc(why)}</li>')
        return f'<ul class="course-explain">{"".join(lines)}</ul>' if len(self.step.fields) > 1 or not self.done else ""

    def _show(self, response: dict, saved: str | None) -> None:
        head = verdict_html(self.correct, self.done, self.attempts, self.step.max_tries,
                            shown="how it is worked out", next_step="read the formula, then change your figures")
        body = self._field_lines(response["values"])
        if self.done:
            filled = self.step.explanation.format(
                **self.inputs, **{k: budget.format_figure(k, v) for k, v in self._answers.items()})
            answers = "; ".join(f"{f.label} {budget.format_figure(f.figure, self._answers[f.figure])}"
                                for f in self.step.fields)
            texts = response.get("texts") or {}
            counted = "; ".join(
                f"{f.label} from {self._with_unit(f, self._answers[f.figure] - f.tolerance)} to "
                f"{self._with_unit(f, self._answers[f.figure] + f.tolerance)} "
                f"(you typed “{texts.get(f.figure) or format_number(response['values'][f.figure])}”)"
                for f in self.step.fields)
            body += (f'<p><strong>Answer:</strong> {esc(answers)}.</p><p class="course-why">{esc(filled)}</p>'
                     f'<p class="course-hint">Counted as right: {esc(counted)}.</p>')
        else:
            body += f'<p class="course-why"><strong>The formula:</strong> {esc(self.step.hint.format(**self.inputs))}</p>'
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self._lock(self.done)  # before the verdict shows, so a reader never meets a live box under "Correct"
        self.status.value = ""
        self.feedback.value = head + body + note
        self.check_button.description = "Answered" if self.done else "Check again"
        self.again_button.layout.display = None if self.done else "none"

    @staticmethod
    def _with_unit(field, value: float) -> str:
        shown = budget.format_figure(field.figure, value)
        return shown if "$" in shown else f"{shown} {field.unit}"  # dollars carry their sign already

    def _lock(self, locked: bool) -> None:
        for box in self.boxes.values():
            box.disabled = locked
        self.check_button.disabled = locked

    def try_again(self) -> None:
        """Work the step afresh: a reset event (first tries stay stored for the mentor)."""
        if not self.done:
            return
        self.session.record(lesson=self.lesson, item=self.item, kind="reset",
                            response={"tries": self.attempts, "correct": self.correct})
        self.attempts, self.done, self.correct = 0, False, False
        for box in self.boxes.values():
            box.value = ""
        self.feedback.value = ""
        self.status.value = status_html("info", f"Work it afresh. {tries_rule(self.step.max_tries, WORKED_OUT)}")
        self.check_button.description = "Check"
        self.again_button.layout.display = "none"
        self._lock(False)

    # --- restoring ----------------------------------------------------------------------------

    def _restore(self) -> None:
        saved = self.session.state(self.lesson).get(self.item)
        if not saved or saved["kind"] != "answer":
            return
        response = saved["response"] if isinstance(saved["response"], dict) else {}
        values, texts = response.get("values"), response.get("texts") or {}
        if not isinstance(values, dict) or set(values) != set(self.boxes) \
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
            return  # the step changed since, or a damaged row: start afresh
        for figure, box in self.boxes.items():
            text = texts.get(figure)
            unit = next(f.unit for f in self.step.fields if f.figure == figure)
            box.value = text if isinstance(text, str) and read_number(text, unit).value == values[figure] \
                else format_number(values[figure])
        self.attempts = int(saved["attempts"])
        self.correct = bool(saved["correct"])
        self.done = self.correct or self.attempts >= self.step.max_tries
        self._show({"values": values, "texts": texts}, None)

    def refresh(self) -> None:
        """The learner signed in: show what they saved before."""
        if self.attempts == 0:
            self._restore()
