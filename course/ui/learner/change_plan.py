"""Lesson 07's change plan: the learner plans how to put a given policy into practice on a unit they know.

The fields come from content (course/content/operations_toolkit.yaml). Every value from the page is
checked here (type, length, options offered); the saved plan is shown back as a one-page plan with
everything the learner typed escaped, and it is restored in a new kernel or after signing in.
"""
from __future__ import annotations

import ipywidgets as w

from course import keys
from course.ui.common import (KEPT_NOTE, Draft, choice_dropdown, esc, html_box, problems_html, save_note,
                              status_html)
from course.engine.change_plan import validate_plan


item_id = keys.change_plan  # the key is built in course/keys.py


def _paragraphs(text: str) -> str:
    return "<br>".join(esc(line) for line in text.split("\n"))


def plan_html(plan: dict, plan_content) -> str:
    """The one-page plan. Every value the learner typed is escaped."""
    policy = plan_content.policy
    first = plan_content.fields[0]
    where = plan.get(first.id, "")
    items = "".join(f'<div class="course-plan-part"><p class="course-plan-label">{esc(f.label)}</p>'
                    f'<p>{_paragraphs(plan.get(f.id, "—"))}</p></div>' for f in plan_content.fields[1:])
    summary = "".join(f"<p>{esc(p)}</p>" for p in policy.text)
    return (f'<article class="course-plan-page"><p class="course-eyebrow">My change plan · one page</p>'
            f'<h4 class="course-h4">Putting “{esc(policy.title)}” into practice</h4>'
            f'<p><strong>{esc(first.label)}</strong> {_paragraphs(where)}</p>'
            f'<div class="course-plan-fields">{items}</div>'
            f'<details class="course-cert-details"><summary>The policy, as issued</summary>{summary}</details>'
            f'</article>')


class ChangePlanWidget(w.VBox):
    def __init__(self, content, session):
        super().__init__()
        self.content, self.session = content.change_plan, session
        self.lesson = content.lesson
        self.item = item_id(self.lesson)
        self.draft = Draft(session, self.lesson, self.item)
        self.add_class("course-card")
        self.add_class("course-change-plan")
        self.add_class("course-form")
        policy = self.content.policy
        self.intro = html_box(
            f'<p class="course-eyebrow">Exercise · uses a unit you know</p>'
            f'<h3 class="course-h3">{esc(self.content.title)}</h3><p>{esc(self.content.instructions)}</p>'
            f'<div class="course-policy"><p class="course-prompt">The policy: {esc(policy.title)}</p>'
            + "".join(f"<p>{esc(p)}</p>" for p in policy.text)
            + f'<p class="course-hint">{esc(policy.note)}</p></div>')
        self.inputs = {}
        rows = []
        for field in self.content.fields:
            if field.kind == "choice":
                widget = choice_dropdown([(o, o) for o in field.options], field.label,
                                         style={"description_width": "initial"})
            elif field.kind == "line":
                widget = w.Text(continuous_update=False, value="", description=field.label, style={"description_width": "initial"},
                                layout=w.Layout(width="100%"))
            else:
                widget = w.Textarea(continuous_update=False, value="", description=field.label, rows=3,
                                    style={"description_width": "initial"}, layout=w.Layout(width="100%"))
            self.inputs[field.id] = widget
            rows.append(widget)
            rows.append(html_box(f'<p class="course-hint course-q-hint">{esc(field.hint)}</p>'))
        self.form = w.VBox(rows)
        self.save_button = w.Button(description="Save my plan", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box()
        self.plan = html_box("", "course-plan-output")
        self.children = [self.intro, self.form, w.HBox([self.save_button, self.status]), self.plan]
        self._restore()
        session.on_identity(self._restore)

    def values(self) -> dict:
        return {fid: widget.value for fid, widget in self.inputs.items()}

    def save(self) -> None:
        clean, problems = validate_plan(self.values(), self.content)
        if problems:
            self.draft.keep(self.values())  # kept here and in the store until a save goes through
            self._say_problems(problems)
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise", response={"plan": clean})
        self.draft.clear()
        self.status.value = status_html("ok" if saved == "saved" else "warn", f"Plan saved. {save_note(saved)}")
        self.plan.value = plan_html(clean, self.content)
        self.save_button.description = "Save changes"

    def _say_problems(self, problems: list[str]) -> None:
        self.status.value = (status_html("info", f"Not saved yet: {len(problems)} "
                                                 f"{'part needs' if len(problems) == 1 else 'parts need'} attention. "
                                                 + KEPT_NOTE)
                             + problems_html(problems))

    def _restore(self) -> None:
        if any(v for v in self.values().values()):
            return  # never overwrite what the learner is typing
        saved = self.session.state(self.lesson).get(self.item)
        plan, _problems = validate_plan(saved["response"].get("plan"), self.content, stored=True) \
            if saved and isinstance(saved.get("response"), dict) else ({}, [])
        if plan:
            for fid, value in plan.items():
                self.inputs[fid].value = value
            self.plan.value = plan_html(plan, self.content)
            self.save_button.description = "Save changes"
            self.status.value = status_html("ok", "Your saved plan is shown below; change it and save again any time.")
        draft = self.draft.load()
        if draft is not None:  # refused last time: what was typed comes back, with what it needs
            for field in self.content.fields:
                value = draft.get(field.id)
                if field.kind == "choice" and value not in field.options:
                    value = None
                elif field.kind != "choice" and not isinstance(value, str):
                    value = ""
                self.inputs[field.id].value = value
            problems = validate_plan(self.values(), self.content, stored=True)[1]
            if problems:
                self._say_problems(problems)
