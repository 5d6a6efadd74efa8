"""Lesson 09's staffing grid: the learner's census, ratio or hours per patient day and shift length
turned into staff on every shift, shift positions a day and FTEs (course/engine/staffing.py), saved and
restored.

Numbers are read the way people type them ("32", "27.5", "1:4", "2,080"); a refused input is named
with what to type instead, and nothing typed is cleared.
"""
from __future__ import annotations

import ipywidgets as w

from course.engine import staffing
from course.facts import FactView
from course.ui.common import actions, choice_dropdown, esc, html_box, rejected, save_note, status_html

NUMBER_FIELDS = ("beds", "average_census", "lowest_census", "patients_per_nurse", "hppd", "others_per_shift",
                 "pto_hours")


def grid_html(inputs: staffing.Inputs, fte_hours: float) -> str:
    rows = staffing.grid(inputs, fte_hours)
    pto = bool(inputs.pto_hours)
    head = ["Census", "Nurses with patients"]
    if inputs.others_per_shift:
        head.append("All staff")
    head += ["Positions a day", "FTEs"]
    if pto:
        head.append("FTEs with PTO")
    average = staffing.row(inputs.average_census, inputs, fte_hours)
    body = []
    for r in rows + [average]:
        is_average = r is average
        cells = [f'<th scope="row">{"Average, " if is_average else ""}{esc(staffing.num(r.census, 2))}</th>',
                 f'<td class="course-num">{r.nurses}</td>']
        if inputs.others_per_shift:
            cells.append(f'<td class="course-num">{r.staff}</td>')
        cells += [f'<td class="course-num">{r.positions}</td>', f'<td class="course-num">{r.ftes:,.1f}</td>']
        if pto:
            cells.append(f'<td class="course-num">{r.ftes_with_pto:,.1f}</td>')
        body.append(f'<tr{" class=course-total-row" if is_average else ""}>{"".join(cells)}</tr>')
    what = (f"one nurse to {staffing.num(inputs.patients_per_nurse, 2)} patients" if inputs.method == "ratio"
            else f"{staffing.num(inputs.hppd, 2)} hours per patient day")
    caption = (f"Staff on every shift by census, at {esc(what)}, {inputs.shift_hours}-hour shifts"
               + (f", with {inputs.others_per_shift} more who {'takes' if inputs.others_per_shift == 1 else 'take'} "
                  f"no patients (all staff)" if inputs.others_per_shift else "") + (f"; FTEs with PTO include {staffing.num(inputs.pto_hours)} hours of paid time off per "
                              f"FTE" if pto else "") + "; the last row is your average census")
    return ('<div class="course-table-scroll" role="region" aria-label="Staffing grid (scrolls on a narrow screen)" '
            f'tabindex="0"><table class="course-table course-staffing-table"><caption>{caption}</caption><thead><tr>'
            + "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
            + f'</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def result_html(inputs: staffing.Inputs, fte_hours: float, content, ratio_fact) -> str:
    grid = content.staffing_grid
    unit = f' for <span dir="auto">{esc(inputs.unit)}</span>' if inputs.unit else ""
    steps = "".join(f"<li>{esc(line)}</li>" for line in staffing.explain(inputs, fte_hours))
    at = staffing.row(inputs.average_census, inputs, fte_hours)
    headline = (f"{at.staff} staff on every shift and {staffing.num(at.ftes_with_pto if inputs.pto_hours else at.ftes)} "
                f"FTEs at your average census")
    return (f'<h4 class="course-h4">Your staffing grid{unit}</h4>{status_html("ok", headline + ".")}'
            f'<ol class="course-staffing-steps">{steps}</ol>{grid_html(inputs, fte_hours)}'
            f'<p class="course-hint">{esc(grid.law_note)}</p>'
            f'<div class="course-staffing-fact">{FactView(ratio_fact)._repr_html_()}</div>')


class StaffingGridWidget(w.VBox):
    def __init__(self, content, catalog, session):
        super().__init__()
        self.content, self.session = content, session
        self.grid = content.staffing_grid
        self.lesson = content.lesson
        self.item = staffing.item_id(self.lesson)
        self.fte_hours = catalog.facts[self.grid.fte_fact].value
        self.ratio_fact = catalog.facts[self.grid.ratio_fact]
        self.add_class("course-card")
        self.add_class("course-staffing-grid")
        self.add_class("course-form")
        wide = {"description_width": "initial"}
        f = self.grid.fields
        self.inputs = {"unit": w.Text(continuous_update=False, description=f["unit"].label, style=wide, layout=w.Layout(width="100%"))}
        for fid in NUMBER_FIELDS:
            self.inputs[fid] = w.Text(continuous_update=False, description=f[fid].label, style=wide)
        self.inputs["method"] = choice_dropdown([(o.label, o.id) for o in self.grid.method_options],
                                                f["method"].label, style=wide)
        self.inputs["shift_hours"] = choice_dropdown([(f"{h} hours", h) for h in staffing.SHIFT_LENGTHS],
                                                     f["shift_hours"].label, style=wide)
        self.rows = {}
        for fid in staffing.FIELDS:
            row = w.VBox([self.inputs[fid], html_box(f'<p class="course-hint course-q-hint">{esc(f[fid].hint)}</p>')])
            row.add_class(f"course-staffing-{fid.replace('_', '-')}")
            self.rows[fid] = row
        self.inputs["method"].observe(lambda _c: self._show_method(), names="value")
        self.intro = html_box(f'<p class="course-eyebrow">Exercise · uses your own unit</p>'
                              f'<h3 class="course-h3">{esc(self.grid.title)}</h3><p>{esc(self.grid.instructions)}</p>')
        self.button = w.Button(description=self.grid.button, button_style="primary", layout=w.Layout(width="auto"))
        self.button.on_click(lambda _b: self.work_out())
        self.status = html_box("", "course-staffing-status")
        self.output = html_box("", "course-staffing-output")
        self.form = w.VBox([self.rows[fid] for fid in staffing.FIELDS])
        self.children = [self.intro, self.form, actions(self.button, self.status), self.output]
        self._show_method()
        self._restore()
        session.on_identity(self._restore)

    def _show_method(self) -> None:
        method = self.inputs["method"].value
        self.rows["patients_per_nurse"].layout.display = None if method in (None, "ratio") else "none"
        self.rows["hppd"].layout.display = None if method in (None, "hppd") else "none"

    def raw(self) -> dict:
        return {fid: widget.value for fid, widget in self.inputs.items()}

    def work_out(self) -> None:
        raw = self.raw()
        if raw["method"] not in (None, *staffing.METHODS):
            rejected("staffing grid", raw["method"])
        if raw["shift_hours"] not in (None, *staffing.SHIFT_LENGTHS):
            rejected("staffing grid", raw["shift_hours"])
        inputs, problems = staffing.validate(raw, self.fte_hours)
        if problems:
            labels = self.grid.fields
            items = "".join(f"<li><strong>{esc(labels[fid].label if fid in labels else 'The form')}:</strong> "
                            f"{esc(text)}</li>" for fid, text in problems.items())
            n = len(problems)
            self.status.value = (status_html("info", f"Not worked out yet: {n} {'box needs' if n == 1 else 'boxes need'} "
                                                     "attention. Everything you typed is still here.")
                                 + f'<ul class="course-form-problems">{items}</ul>')
            return
        at = staffing.row(inputs.average_census, inputs, self.fte_hours)
        response = {"inputs": inputs.as_dict(),
                    "result": {"staff_per_shift": at.staff, "positions_per_day": at.positions,
                               "ftes": round(at.ftes, 2), "ftes_with_pto": round(at.ftes_with_pto, 2)}}
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise", response=response)
        self.output.value = result_html(inputs, self.fte_hours, self.content, self.ratio_fact)
        self.status.value = status_html("ok" if saved == "saved" else "warn", f"Staffing worked out. {save_note(saved)}")
        self.button.description = "Work it out again"

    def _restore(self) -> None:
        if any(self.inputs[fid].value for fid in ("unit", *NUMBER_FIELDS)):
            return  # never overwrite what the learner is typing
        saved = self.session.state(self.lesson).get(self.item)
        response = saved.get("response") if saved else None
        inputs = staffing.from_saved(response.get("inputs"), self.fte_hours) if isinstance(response, dict) else None
        if inputs is None:
            return
        values = inputs.as_dict()
        for fid in staffing.FIELDS:
            value = values[fid]
            if fid in ("method", "shift_hours"):
                self.inputs[fid].value = value
            elif fid == "unit":
                self.inputs[fid].value = value
            else:
                self.inputs[fid].value = "" if value is None else staffing.num(value, 2)
        self.output.value = result_html(inputs, self.fte_hours, self.content, self.ratio_fact)
        self.status.value = status_html("ok", "Your saved grid is shown below; change any figure and work it out again.")
        self.button.description = "Work it out again"
