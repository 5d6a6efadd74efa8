"""Lesson 05's situational leadership matcher: up to three people from the learner's own team,
each with one task, matched to the leadership style that usually fits their readiness.

Every value from the page is checked in the kernel; what the learner typed is shown escaped.
The whole set is saved as one exercise event and restored (fields and result) in a new kernel.
"""
from __future__ import annotations

import ipywidgets as w

from course.engine.situational import ROLE_MAX, TASK_MAX, StyleMatcherContent, is_blank, validate_person
from course.ui.common import (KEPT_NOTE, Draft, choice_dropdown, esc, html_box, problems_html, rejected, save_note,
                              status_html)

WIDE = w.Layout(width="100%")
LABEL = {"description_width": "initial"}


class PersonRow(w.VBox):
    """One person and one task: two short texts and two choices."""

    def __init__(self, number: int, content: StyleMatcherContent):
        super().__init__()
        self.number = number
        self.add_class("course-matcher-person")
        self.role = w.Text(continuous_update=False, description=f"Person {number}: role (not a name)",
                           placeholder="e.g. New graduate nurse on nights", style=LABEL, layout=WIDE)
        self.task = w.Text(continuous_update=False, description=f"Person {number}: the task you would lead them on",
                           placeholder="e.g. Using the new bedside barcode scanners", style=LABEL, layout=WIDE)
        self.experience = choice_dropdown([(x.label, x.id) for x in content.experience],
                                          f"Person {number}: experience with this task", style=LABEL, layout=WIDE)
        self.confidence = choice_dropdown([(x.label, x.id) for x in content.confidence],
                                          f"Person {number}: confidence or willingness", style=LABEL, layout=WIDE)
        self.children = [html_box(f'<h4 class="course-h4">Person {number}</h4>'),
                         self.role, self.task, self.experience, self.confidence]

    def raw(self) -> dict:
        return {"role": self.role.value, "task": self.task.value,
                "experience": self.experience.value, "confidence": self.confidence.value}

    def fill(self, person: dict | None) -> None:
        person = person or {}
        self.role.value = person.get("role", "")
        self.task.value = person.get("task", "")
        self.experience.value = person.get("experience")
        self.confidence.value = person.get("confidence")


class StyleMatcher(w.VBox):
    def __init__(self, content: StyleMatcherContent, session):
        super().__init__()
        self.content, self.session = content, session
        self.lesson, self.item = content.lesson, content.id
        self.draft = Draft(session, self.lesson, self.item)
        self.add_class("course-card")
        self.add_class("course-matcher")
        self.rows = [PersonRow(i + 1, content) for i in range(content.max_people)]
        self.match_button = w.Button(description="Match the styles", button_style="primary")
        self.match_button.on_click(lambda _b: self.match())
        self.status = html_box()
        self.result = html_box("", "course-feedback", "course-matcher-result")
        self.children = [
            html_box(f'<p class="course-eyebrow">Exercise · your own team</p>'
                     f'<h3 class="course-h3">{esc(content.title)}</h3>'
                     f'<p>{esc(content.instructions)}</p>'
                     f'<p class="course-hint">{esc(content.no_team_hint)} {esc(content.privacy_note)} '
                     f'Roles up to {ROLE_MAX} characters, tasks up to {TASK_MAX}; fill in one, two or three people.</p>'),
            *self.rows, w.HBox([self.match_button, self.status]), self.result]
        self._restore()
        session.on_identity(self._refresh)

    # --- checking and saving --------------------------------------------------------------------

    def people(self) -> tuple[list[dict] | None, list[str]]:
        """The rows the learner filled in, checked; or (None, what to fix)."""
        people, problems = [], []
        exp_ids = {x.id for x in self.content.experience}
        conf_ids = {x.id for x in self.content.confidence}
        for row in self.rows:
            raw = row.raw()
            if is_blank(raw):
                continue
            for value, offered in ((raw["experience"], exp_ids), (raw["confidence"], conf_ids)):
                if value is not None and (not isinstance(value, str) or value not in offered):
                    rejected(self.content.id, value)  # the dropdowns offer nothing else
            person, problem = validate_person(raw, self.content)
            if problem:
                problems.append(f"Person {row.number}: {problem}")
            else:
                people.append(person)
        if problems:
            return None, problems
        if not people:
            return None, ["Describe at least one person and a task first."]
        return people, []

    def match(self) -> None:
        people, problems = self.people()
        if people is None:
            if any(not is_blank(row.raw()) for row in self.rows):
                self.draft.keep({"people": [row.raw() for row in self.rows]})
            self._say_problems(problems)
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise",
                                    response={"people": people})
        self.draft.clear()
        self.status.value = ""
        self._show(people, saved)

    # --- showing ----------------------------------------------------------------------------------

    def _show(self, people: list[dict], saved: str | None) -> None:
        exp_labels = {x.id: x.label for x in self.content.experience}
        conf_labels = {x.id: x.label for x in self.content.confidence}
        parts, used = [], []
        for number, person in enumerate(people, 1):
            rule, style = self.content.match(person["experience"], person["confidence"])
            used.append(style.id)
            parts.append(
                f'<div class="course-matcher-match">'
                f'<h4 class="course-h4">{esc(person["role"])}: {esc(person["task"])}</h4>'
                f'<p class="course-hint">{esc(exp_labels[person["experience"]])} · '
                f'{esc(conf_labels[person["confidence"]])}</p>'
                f'<p><strong>Suggested style: {esc(style.name)}</strong> '
                f'<span class="course-muted">(readiness {esc(rule.readiness)})</span></p>'
                f'<p><strong>Why:</strong> {esc(rule.why)}</p>'
                f'<p><strong>What you do:</strong> {esc(style.summary)}</p>'
                f'<p><strong>An example from a unit:</strong> {esc(style.looks_like)}</p>'
                f'<p><strong>Watch for:</strong> {esc(style.watch_for)}</p></div>')
        distinct = len(set(used))
        if len(people) > 1 and distinct > 1:
            head = (f"Your {len(people)} people call for {distinct} different styles: "
                    "no single way of leading would fit them all.")
        elif len(people) > 1:
            head = f"All {len(people)} call for the same style for these tasks; try another task and see if it changes."
        else:
            head = "Here is the style that usually fits. Add a second person to compare."
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self.result.value = (status_html("ok", head) + "".join(parts)
                             + f'<p class="course-why">{esc(self.content.closing)}</p>' + note)
        self.match_button.description = "Match again"

    # --- restoring --------------------------------------------------------------------------------

    def _say_problems(self, problems: list[str]) -> None:
        self.status.value = status_html("info", f"Almost: a few things to fill in first. {KEPT_NOTE}")
        self.result.value = problems_html(problems)

    def _restore(self) -> None:
        self._restore_saved()
        draft = self.draft.load()
        rows = draft.get("people") if draft else None
        if not isinstance(rows, list):
            return
        experience = {x.id for x in self.content.experience}
        confidence = {x.id for x in self.content.confidence}
        for row, raw in zip(self.rows, rows + [None] * len(self.rows)):  # refused last time: typed rows come back
            raw = raw if isinstance(raw, dict) else {}
            row.fill({"role": raw.get("role") if isinstance(raw.get("role"), str) else "",
                      "task": raw.get("task") if isinstance(raw.get("task"), str) else "",
                      "experience": raw.get("experience") if raw.get("experience") in experience else None,
                      "confidence": raw.get("confidence") if raw.get("confidence") in confidence else None})
        _people, problems = self.people()
        if problems:
            self._say_problems(problems)

    def _restore_saved(self) -> None:
        saved = self.session.state(self.lesson).get(self.item)
        if not saved or saved.get("kind") != "exercise":
            return
        raw_people = saved["response"].get("people") if isinstance(saved.get("response"), dict) else None
        if not isinstance(raw_people, list):
            return
        people = []
        for raw in raw_people[: len(self.rows)]:
            person, problem = validate_person(raw, self.content)
            if person:  # a row that no longer fits the content (it changed since) is left out
                people.append(person)
        if not people:
            return
        for row, person in zip(self.rows, people + [None] * len(self.rows)):
            row.fill(person)
        self._show(people, None)
        self.status.value = status_html("ok", "Your saved team is shown; change it and match again any time.")

    def _refresh(self) -> None:
        if not self.result.value:
            self._restore()
