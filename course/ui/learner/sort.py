"""Sort duties into categories, then take stock of which ones the learner already does."""
from __future__ import annotations

import ipywidgets as w

from course.schema.exercises import SortExercise
from course.ui.common import esc, html_box, rejected, save_note, status_html

INVENTORY_SUFFIX = "/inventory"


class SortExerciseWidget(w.VBox):
    def __init__(self, exercise: SortExercise, session):
        super().__init__()
        self.exercise, self.session = exercise, session
        self.add_class("course-card")
        self.add_class("course-sort")
        labels = {c.id: c.label for c in exercise.categories}
        self.labels = labels
        choices = [("Choose…", None)] + [(c.label, c.id) for c in exercise.categories]
        self.selects = {
            card.id: w.Dropdown(options=choices, index=0, description=card.text,
                                style={"description_width": "initial"}, layout=w.Layout(width="100%"))
            for card in exercise.cards
        }
        self.check_button = w.Button(description="Check my sorting", button_style="primary")
        self.check_button.on_click(lambda _b: self.check())
        self.status = html_box()
        self.feedback = html_box("", "course-feedback")

        inventory_cards = [c for c in exercise.cards if c.answer == exercise.inventory_category]
        self.inventory = {c.id: w.Checkbox(value=False, description=c.text, indent=False,
                                           layout=w.Layout(width="100%")) for c in inventory_cards}
        self.inventory_button = w.Button(description="Save my inventory", button_style="primary")
        self.inventory_button.on_click(lambda _b: self.save_inventory())
        self.inventory_result = html_box("", "course-feedback")
        self.inventory_part = w.VBox([
            html_box(f'<h3 class="course-h3">Part 2: where you stand today</h3>'
                     f'<p>{esc(exercise.inventory_prompt)}</p>'),
            *self.inventory.values(), self.inventory_button, self.inventory_result])
        self.inventory_part.layout.display = "none"  # after the sorting is checked

        self.children = [
            html_box(f'<p class="course-eyebrow">Exercise</p><h3 class="course-h3">{esc(exercise.title)}</h3>'
                     f'<p>{esc(exercise.instructions)}</p>'),
            *self.selects.values(), w.HBox([self.check_button, self.status]), self.feedback,
            self.inventory_part,
        ]
        self._restore()
        session.on_identity(self._refresh)

    def sorting(self) -> dict | None:
        answers = {}
        for card_id, select in self.selects.items():
            if select.value is None:
                return None
            if select.value not in self.labels:
                rejected(self.exercise.id, select.value)
                return None
            answers[card_id] = select.value
        return answers

    def check(self) -> None:
        answers = self.sorting()
        if answers is None:
            self.status.value = status_html("info", "Sort every duty first.")
            return
        right = sum(answers[c.id] == c.answer for c in self.exercise.cards)
        total = len(self.exercise.cards)
        saved = self.session.record(lesson=self.exercise.lesson, item=self.exercise.id, kind="exercise",
                                    response={"sorting": answers}, correct=right == total,
                                    score=round(right / total, 3))
        self._show_sorting(answers, saved)

    def _show_sorting(self, answers: dict, saved: str | None) -> None:
        cards = self.exercise.cards
        right = sum(answers[c.id] == c.answer for c in cards)
        rows = []
        for c in cards:
            ok = answers[c.id] == c.answer
            rows.append(
                f'<li><span aria-hidden="true">{"✓" if ok else "✗"}</span> '
                f'<strong>{esc(c.text)}</strong>: you said “{esc(self.labels[answers[c.id]])}”'
                f'{"" if ok else f"; usually “{esc(self.labels[c.answer])}”"}.'
                f'<br><span class="course-why">{esc(c.feedback)}</span></li>')
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self.status.value = ""
        self.feedback.value = (status_html("ok" if right == len(cards) else "info",
                                           f"{right} of {len(cards)} sorted as most managers would.")
                               + f'<ul class="course-explain">{"".join(rows)}</ul>' + note)
        self.check_button.description = "Check again"
        self.inventory_part.layout.display = None

    def save_inventory(self) -> None:
        done = sorted(cid for cid, box in self.inventory.items() if box.value is True)
        saved = self.session.record(lesson=self.exercise.lesson, item=self.exercise.id + INVENTORY_SUFFIX,
                                    kind="exercise", response={"already_do": done})
        self._show_inventory(done, saved)

    def _show_inventory(self, done: list[str], saved: str | None) -> None:
        texts = {c.id: c.text for c in self.exercise.cards}
        new = [cid for cid in self.inventory if cid not in done]
        total = len(self.inventory)
        parts = [status_html("ok", f"You already practice {len(done)} of the {total} manager duties in some form.")]
        if done:
            parts.append("<p><strong>Already in your experience</strong> (evidence for a future application):</p><ul>"
                         + "".join(f"<li>{esc(texts[c])}</li>" for c in done) + "</ul>")
        if new:
            parts.append("<p><strong>New to you</strong> (places to look for practice while still clinical):</p><ul>"
                         + "".join(f"<li>{esc(texts[c])}</li>" for c in new) + "</ul>")
        if saved:
            parts.append(f'<p class="course-save-note">{esc(save_note(saved))}</p>')
        self.inventory_result.value = "".join(parts)

    def _restore(self) -> None:
        state = self.session.state(self.exercise.lesson)
        sorting = state.get(self.exercise.id)
        if sorting and sorting["kind"] == "exercise":
            answers = sorting["response"].get("sorting", {})
            if set(answers) == set(self.selects) and all(v in self.labels for v in answers.values()):
                for cid, value in answers.items():
                    self.selects[cid].value = value
                self._show_sorting(answers, None)
        inventory = state.get(self.exercise.id + INVENTORY_SUFFIX)
        if inventory:
            done = [c for c in inventory["response"].get("already_do", []) if c in self.inventory]
            for cid, box in self.inventory.items():
                box.value = cid in done
            self._show_inventory(done, None)

    def _refresh(self) -> None:
        if not self.feedback.value:
            self._restore()
