"""Lesson 06's SBAR exercise: draft, check your own draft, then compare with a model answer.

Three steps, each opened by the one before: (1) the learner drafts Situation, Background,
Assessment and Recommendation for a given case; (2) ticks a checklist against their own draft and
reads the guidance for each question; (3) reveals the model answer beside their draft.
The model answer stays in the kernel until step 3 is asked for by a learner who has saved a
draft: it is in no widget's state before then, so the browser cannot read it early. Drafts are
shown through Textarea (text, not markup) and escaped wherever they appear in HTML.
"""
from __future__ import annotations

import ipywidgets as w

from course.engine.sbar import SbarContent, validate_draft
from course.ui.common import KEPT_NOTE, Draft, esc, html_box, problems_html, rejected, save_note, status_html

CHECKLIST_SUFFIX = "/checklist"
REVEAL_SUFFIX = "/reveal"


def _paragraphs(text: str) -> str:
    """Escaped text with the learner's line breaks kept."""
    return "<br>".join(esc(line) for line in text.splitlines())


class SbarExercise(w.VBox):
    def __init__(self, content: SbarContent, session):
        super().__init__()
        self.content, self.session = content, session
        self.lesson, self.item = content.lesson, content.id
        self.unsaved = Draft(session, self.lesson, self.item)  # what a refused save held (not the SBAR draft itself)
        self.saved_draft: dict | None = None  # the last draft that passed the checks and was recorded
        self.checked = False  # the checklist has been gone through
        self.revealed = False
        self.add_class("course-card")
        self.add_class("course-sbar")

        case = "".join(f"<p>{esc(p)}</p>" for p in content.case)
        intro = html_box(
            f'<p class="course-eyebrow">Exercise · SBAR</p><h3 class="course-h3">{esc(content.title)}</h3>'
            f'<p>{esc(content.instructions)}</p>'
            f'<div class="course-sbar-case"><h4 class="course-h4">The situation: {esc(content.case_title)}</h4>'
            f'{case}<p><strong>Who you will speak to:</strong> {esc(content.listener)}</p></div>')

        # Step 1: the draft
        self.fields: dict[str, w.Textarea] = {}
        draft_children = [html_box('<h4 class="course-h4">Step 1: write your SBAR</h4>')]
        for part in content.parts:
            area = w.Textarea(continuous_update=False, value="", description=part.label,
                              style={"description_width": "initial"}, rows=4 if part.id != "situation" else 2,
                              layout=w.Layout(width="100%"))
            area.add_class(f"course-sbar-{part.id}")
            self.fields[part.id] = area
            draft_children += [area, html_box(f'<p class="course-hint">{esc(part.hint)} '
                                              f'Up to {part.max_chars} characters.</p>')]
        self.save_button = w.Button(description="Save my draft", button_style="primary")
        self.save_button.on_click(lambda _b: self.save_draft())
        self.draft_status = html_box()
        self.draft_problems = html_box()
        draft_children += [w.HBox([self.save_button, self.draft_status]), self.draft_problems]

        # Step 2: the self-check
        self.ticks = {item.id: w.Checkbox(value=False, description=item.question, indent=False,
                                          layout=w.Layout(width="100%")) for item in content.checklist}
        self.check_button = w.Button(description="Check my draft", button_style="primary")
        self.check_button.on_click(lambda _b: self.check())
        self.guidance = html_box("", "course-feedback")
        self.step2 = w.VBox([
            html_box('<h4 class="course-h4">Step 2: check your own draft</h4>'
                     '<p>Read your draft again, then check each question you can honestly answer “yes” to. '
                     'Be strict: nobody else sees your answers, and the guidance is most useful where you '
                     'leave a box empty.</p>'),
            *self.ticks.values(), w.HBox([self.check_button]), self.guidance])
        self.step2.layout.display = "none"

        # Step 3: the model answer (empty until revealed)
        self.reveal_button = w.Button(description="Reveal the model answer", button_style="primary")
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.reveal_status = html_box()
        self.model = html_box("", "course-sbar-model")
        self.step3 = w.VBox([
            html_box('<h4 class="course-h4">Step 3: compare with a model answer</h4>'
                     '<p>The model is one good way to say it, not the only one. Compare what each part '
                     'does, not the wording.</p>'),
            w.HBox([self.reveal_button, self.reveal_status]), self.model])
        self.step3.layout.display = "none"

        self.children = [intro, *draft_children, self.step2, self.step3]
        self._restore()
        session.on_identity(self._refresh)

    # --- step 1 ---------------------------------------------------------------------------------

    def save_draft(self) -> None:
        raw = {}
        for part_id, area in self.fields.items():
            if not isinstance(area.value, str):
                rejected(self.content.id, area.value)
            raw[part_id] = area.value
        draft, problems = validate_draft(raw, self.content)
        if draft is None:
            self.unsaved.keep({k: v for k, v in raw.items() if isinstance(v, str)})
            self._say_problems(problems)
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise", response={"draft": draft})
        self.unsaved.clear()
        self.saved_draft = draft
        self.draft_problems.value = ""
        self.draft_status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))
        self.save_button.description = "Save changes"
        self.step2.layout.display = None
        if self.revealed:
            self._show_model()  # the comparison follows the latest saved draft

    # --- step 2 ---------------------------------------------------------------------------------

    def check(self) -> None:
        if self.saved_draft is None:  # the step is hidden until then; a tampered page could still click
            rejected(self.content.id, "checklist before a saved draft")
            self.guidance.value = status_html("info", "Save your draft first.")
            return
        ticked = []
        for item_id, box in self.ticks.items():
            if box.value is True:
                ticked.append(item_id)
            elif box.value is not False:
                rejected(self.content.id, box.value)
        total = len(self.content.checklist)
        saved = self.session.record(lesson=self.lesson, item=self.item + CHECKLIST_SUFFIX, kind="exercise",
                                    response={"ticked": ticked}, score=round(len(ticked) / total, 3))
        self._show_guidance(ticked, saved)

    def _show_guidance(self, ticked: list[str], saved: str | None) -> None:
        total = len(self.content.checklist)
        rows = []
        for item in self.content.checklist:
            yes = item.id in ticked
            rows.append(f'<li><span aria-hidden="true">{"✓" if yes else "✗"}</span> '
                        f'<strong>{"Yes" if yes else "Not yet"}:</strong> {esc(item.question)}'
                        f'<br><span class="course-why">{esc(item.guidance)}</span></li>')
        if len(ticked) == total:
            head = f"You answered yes to all {total} questions. Compare with the model answer to test that."
        else:
            head = (f"You answered yes to {len(ticked)} of {total}. The guidance below shows how to strengthen "
                    "the rest; edit your draft and save it again whenever you like.")
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self.guidance.value = (status_html("ok" if len(ticked) == total else "info", head)
                               + f'<ul class="course-explain">{"".join(rows)}</ul>' + note)
        self.checked = True
        self.check_button.description = "Check again"
        self.step3.layout.display = None

    # --- step 3 ---------------------------------------------------------------------------------

    def reveal(self) -> None:
        if self.saved_draft is None or not self.checked:
            rejected(self.content.id, "reveal before a saved draft and checklist")
            self.reveal_status.value = status_html("info", "Save your draft and check it against the list first.")
            return
        if not self.revealed:
            self.session.record(lesson=self.lesson, item=self.item + REVEAL_SUFFIX, kind="exercise",
                                response={"revealed": True})
        self.revealed = True
        self.reveal_status.value = ""
        self._show_model()

    def _show_model(self) -> None:
        model = {m.part: m for m in self.content.model_answer}
        rows = []
        for part in self.content.parts:
            mine = self.saved_draft.get(part.id, "")
            rows.append(f'<tr><th scope="row">{esc(part.label)}</th>'
                        f'<td class="course-sbar-mine">{_paragraphs(mine)}</td>'
                        f'<td>{esc(model[part.id].text)}'
                        f'<p class="course-why"><strong>Why it works:</strong> {esc(model[part.id].why)}</p></td></tr>')
        self.model.value = (
            '<table class="course-table course-sbar-compare"><caption>Your saved draft beside the model answer'
            '</caption><thead><tr><th scope="col">Part</th><th scope="col">Your draft</th>'
            f'<th scope="col">Model answer</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            '<p class="course-hint">Where the model does something yours does not, is that a difference of style '
            'or of substance? Edit your draft and save it again: the comparison updates.</p>')
        self.reveal_button.description = "Model answer shown"
        self.reveal_button.disabled = True

    # --- restoring ------------------------------------------------------------------------------

    def _say_problems(self, problems: list[str]) -> None:
        self.draft_status.value = status_html("info", f"Not saved yet: a few things to fix first. {KEPT_NOTE}")
        self.draft_problems.value = problems_html(problems)

    def _restore(self) -> None:
        self._restore_saved()
        unsaved = self.unsaved.load()
        if unsaved is None:
            return
        for part_id, area in self.fields.items():  # a save refused last time: what was written comes back
            if isinstance(unsaved.get(part_id), str):
                area.value = unsaved[part_id]
        _draft, problems = validate_draft({p: a.value for p, a in self.fields.items()}, self.content)
        if problems:
            self._say_problems(problems)

    def _restore_saved(self) -> None:
        state = self.session.state(self.lesson)
        saved = state.get(self.item)
        response = saved.get("response") if saved else None
        draft, _problems = validate_draft(response.get("draft") if isinstance(response, dict) else None,
                                          self.content)
        if draft is None:  # nothing saved, or it no longer fits the content: start fresh
            return
        for part_id, area in self.fields.items():
            area.value = draft[part_id]
        self.saved_draft = draft
        self.draft_status.value = status_html("ok", "Your saved draft is shown; edit it and save again any time.")
        self.save_button.description = "Save changes"
        self.step2.layout.display = None
        checklist = state.get(self.item + CHECKLIST_SUFFIX)
        ticked_raw = checklist["response"].get("ticked") if checklist and isinstance(checklist.get("response"), dict) else None
        if isinstance(ticked_raw, list):
            ticked = [t for t in ticked_raw if t in self.ticks]
            for item_id, box in self.ticks.items():
                box.value = item_id in ticked
            self._show_guidance(ticked, None)
        if self.checked and state.get(self.item + REVEAL_SUFFIX):
            self.revealed = True
            self._show_model()

    def _refresh(self) -> None:
        if self.saved_draft is None:
            self._restore()
