"""Lesson 08's PDSA plan: one Plan-Do-Study-Act cycle for the indicator on the learner's run chart,
checked in the kernel (course/engine/pdsa.py), saved, shown back as one page, and restored.

A refused save keeps every field as typed and lists which field needs what.
"""
from __future__ import annotations

import ipywidgets as w

from course.engine import pdsa
from course.engine import run_chart_entry
from course.ui.common import actions, esc, html_box, save_note, status_html


def _lines(text: str) -> str:
    return "<br>".join(esc(line) for line in text.split("\n"))


def plan_html(plan: dict, content) -> str:
    """The cycle as one page. Everything the learner typed is escaped."""
    p = content.pdsa
    parts = []
    for field in p.fields:
        if field.id == "act":
            value = p.act_label(plan.get("act", pdsa.ACT_UNDECIDED))
        else:
            value = plan.get(field.id)
        if not value:
            continue
        parts.append(f'<div class="course-plan-part"><p class="course-plan-label">{esc(field.label)}</p>'
                     f'<p dir="auto">{_lines(value)}</p></div>')
    return (f'<article class="course-plan-page course-pdsa-page"><p class="course-eyebrow">My PDSA cycle · one page</p>'
            f'<div class="course-plan-fields">{"".join(parts)}</div></article>')


def run_chart_indicator(session, lesson: str) -> str | None:
    saved = session.state(lesson).get(run_chart_entry.item_id(lesson))
    response = saved.get("response") if saved else None
    chart = response.get("chart") if isinstance(response, dict) else None
    indicator = chart.get("indicator") if isinstance(chart, dict) else None
    return indicator if isinstance(indicator, str) and indicator else None


class PdsaPlanWidget(w.VBox):
    def __init__(self, content, session):
        super().__init__()
        self.content, self.session = content, session
        self.p = content.pdsa
        self.lesson = content.lesson
        self.item = pdsa.item_id(self.lesson)
        self.add_class("course-card")
        self.add_class("course-pdsa-plan")
        self.add_class("course-form")
        wide = {"description_width": "initial"}
        self.intro = html_box(f'<p class="course-eyebrow">Exercise · a test of change on your unit</p>'
                              f'<h3 class="course-h3">{esc(self.p.title)}</h3><p>{esc(self.p.instructions)}</p>')
        self.indicator_note = html_box("", "course-pdsa-indicator")
        self.inputs = {}
        rows = [self.indicator_note]
        for field in self.p.fields:
            if field.id == "act":
                widget = w.Dropdown(options=[(o.label, o.id) for o in self.p.act_options], value=pdsa.ACT_UNDECIDED,
                                    description=field.label, style=wide)
            elif field.id in pdsa.SINGLE_LINE:
                widget = w.Text(continuous_update=False, description=field.label, style=wide, layout=w.Layout(width="100%"))
            else:
                widget = w.Textarea(continuous_update=False, description=field.label, rows=3, style=wide, layout=w.Layout(width="100%"))
            self.inputs[field.id] = widget
            rows += [widget, html_box(f'<p class="course-hint course-q-hint">{esc(field.hint)}</p>')]
        self.form = w.VBox(rows)
        self.save_button = w.Button(description="Save my PDSA plan", button_style="primary", layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box("", "course-pdsa-status")
        self.page = html_box("", "course-pdsa-output")
        self.children = [self.intro, self.form, actions(self.save_button, self.status), self.page]
        self._restore()
        self._show_indicator()
        session.on_identity(self._restore)
        session.on_change(self._show_indicator)  # a run chart drawn above: name its indicator here

    def values(self) -> dict:
        return {fid: widget.value for fid, widget in self.inputs.items()}

    def _show_indicator(self) -> None:
        indicator = run_chart_indicator(self.session, self.lesson)
        self.indicator_note.value = (f'<p class="course-hint" dir="auto">{esc(self.p.indicator_note.format(indicator=indicator))}'
                                     f'</p>' if indicator else "")

    def save(self) -> None:
        clean, problems = pdsa.validate_plan(self.values(), self.p)
        if problems:
            items = "".join(f"<li>{esc(text)}</li>" for text in problems.values())
            n = len(problems)
            self.status.value = (status_html("info", f"Not saved yet: {n} {'part needs' if n == 1 else 'parts need'} "
                                                     "attention. Everything you typed is still here.")
                                 + f'<ul class="course-form-problems">{items}</ul>')
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise", response={"plan": clean})
        self.status.value = status_html("ok" if saved == "saved" else "warn", f"PDSA plan saved. {save_note(saved)}")
        self.page.value = plan_html(clean, self.content)
        self.save_button.description = "Save changes"

    def _restore(self) -> None:
        typed = {fid: v for fid, v in self.values().items() if fid != "act"}
        if any(typed.values()):
            return  # never overwrite what the learner is typing
        saved = self.session.state(self.lesson).get(self.item)
        response = saved.get("response") if saved else None
        if not isinstance(response, dict):
            return
        plan, _problems = pdsa.validate_plan(response.get("plan"), self.p, stored=True)
        if not pdsa.is_complete(plan, self.p):
            return
        for fid, value in plan.items():
            self.inputs[fid].value = value
        self.page.value = plan_html(plan, self.content)
        self.save_button.description = "Save changes"
        self.status.value = status_html("ok", "Your saved plan is shown below; come back after the test to fill in "
                                              "Study and Act.")
