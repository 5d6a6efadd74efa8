"""Sort duties into categories, then take stock of which ones the learner already does."""
from __future__ import annotations

import ipywidgets as w

from course.schema.exercises import SortExercise
from course.ui.common import CHOOSE, LazyHTML, button, esc, html_box, rejected, save_note, shared, status_html, vbox
from course.ui.html import render

INVENTORY_SUFFIX = "/inventory"


class SortExerciseWidget(w.VBox):
    """Part 1, the sorting, is on the page from the start; part 2, the inventory, is built when the
    sorting has been checked (until then it would only be models the browser fetches and hides)."""

    def __init__(self, exercise: SortExercise, session):
        super().__init__(layout=shared("layout"))
        self.exercise, self.session = exercise, session
        self.add_class("course-card")
        self.add_class("course-sort")
        labels = {c.id: c.label for c in exercise.categories}
        self.labels = labels
        choices = [(CHOOSE, None)] + [(c.label, c.id) for c in exercise.categories]
        self.selects = {
            card.id: w.Dropdown(options=choices, index=0, description=card.text,
                                style=shared("description-initial"), layout=shared("wide"))
            for card in exercise.cards
        }
        self.check_button = button("Check my sorting", primary=True)
        self.check_button.on_click(lambda _b: self.check())
        self.status = LazyHTML(self._arrange)
        self.feedback = LazyHTML(self._arrange, "course-feedback")
        self.inventory: dict[str, w.Checkbox] = {}
        self.inventory_part: w.VBox | None = None  # built by _open_inventory
        self.intro = html_box(render("sort_intro.html.j2", title=exercise.title, instructions=exercise.instructions))
        self._arrange()
        self._restore()
        session.on_identity(self._refresh)

    def _arrange(self, _added=None) -> None:
        """The parts there are, in order (the messages and part 2 are made when first needed)."""
        later = [self.status.widget, self.feedback.widget, self.inventory_part]
        self.children = [self.intro, *self.selects.values(), self.check_button, *(x for x in later if x is not None)]

    def _open_inventory(self) -> None:
        if self.inventory_part is not None:
            return
        exercise = self.exercise
        inventory_cards = [c for c in exercise.cards if c.answer == exercise.inventory_category]
        self.inventory = {c.id: w.Checkbox(value=False, description=c.text, indent=False,
                                           layout=shared("wide"), style=shared("checkbox")) for c in inventory_cards}
        self.inventory_button = button("Save my inventory", primary=True)
        self.inventory_button.on_click(lambda _b: self.save_inventory())
        self.inventory_result = html_box("", "course-feedback")
        self.inventory_part = vbox([
            html_box(render("sort_inventory_intro.html.j2", prompt=exercise.inventory_prompt)),
            *self.inventory.values(), self.inventory_button, self.inventory_result])
        self._arrange()

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
        self._open_inventory()

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
            self._open_inventory()
            done = [c for c in inventory["response"].get("already_do", []) if c in self.inventory]
            for cid, box in self.inventory.items():
                box.value = cid in done
            self._show_inventory(done, None)

    def _refresh(self) -> None:
        if not self.feedback.value:
            self._restore()
