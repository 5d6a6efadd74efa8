"""The card of a self-check item: its question, tries, hint, "Try this again", verdict and saving.

The answer key stays in the kernel: the browser receives option labels only, checking happens
here, and a value the item does not offer is refused. What differs by kind (single choice,
multiple select, numeric, ordering: the controls, reading and explaining a response) is in
course/ui/learner/quiz_inputs.py, so this card holds no switch on the kind.
"""
from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from course.catalog import Catalog
from course.engine.grading import score_for
from course.keys import HINT as HINT_SUFFIX
from course.ui.common import button, esc, html_box, save_note, shared, status_html, vbox
from course.ui.html import render
from course.ui.learner.feedback_thread import WorkFeedback
from course.ui.learner.quiz_inputs import input_for

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def tries_rule(max_tries: int, what: str = "the answer and the reasons") -> str:
    """The rule, said before the first try: 'Up to 3 tries; after the third the answer and the reasons are shown.'"""
    if max_tries == 1:
        return f"One try; after it {what} are shown."
    return f"Up to {max_tries} tries; after the {ORDINALS.get(max_tries, f'{max_tries}th')} {what} are shown."


def verdict_html(correct: bool, done: bool, attempts: int, max_tries: int, shown: str = "the reasons",
                 next_step: str = "read why, then change your answer") -> str:
    """The headline after a try: right, out of tries (the answer and `shown` are below), or how
    many tries are left and what to do next (the budget lab says its own `shown` and `next_step`)."""
    if correct:
        return status_html("ok", f"Correct{' on the first try' if attempts == 1 else ''}.")
    if done:
        return status_html("bad", f"Not this time. The answer and {shown} are below.")
    left = max_tries - attempts
    return status_html("bad", f"Not quite. {left} more {'try' if left == 1 else 'tries'}: {next_step}.")


def hint_item(item_id: str) -> str:
    return item_id + HINT_SUFFIX


class MessagePart:
    """One part of an item's message (its status line, its hint or its feedback): setting `value`
    redraws the one HTML model that shows all three."""

    def __init__(self, redraw):
        self._value, self._redraw = "", redraw

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, html: str) -> None:
        if html != self._value:
            self._value = html
            self._redraw()


class QuizItem(w.VBox):
    """One self-check item, checked in the kernel and saved through the session.

    Few models: the question is one HTML model, everything the item says back is another, and
    each control is one model sharing the page's layout and style; the hint and "try again"
    buttons exist only once the item offers them."""

    def __init__(self, item, catalog: Catalog, session, number: int | None = None):
        super().__init__(layout=shared("layout"))
        self.item, self.catalog, self.session = item, catalog, session
        self.lesson = catalog.item_lesson[item.id]
        self.attempts = 0
        self.done = False
        self.correct = False
        self.hint_shown = False
        self.add_class("course-card")
        self.add_class("course-quiz")
        self.add_class(f"course-item-{item.id}")  # lets tests and styles find one item

        self.input = input_for(item)  # the controls of this item's kind
        self.prompt = html_box(render("quiz_intro.html.j2", kind_label=self.input.label, prompt=item.prompt,
                                      rule=tries_rule(item.max_tries)))
        self.check_button = button("Check answer", primary=True, tooltip="Check your answer")
        self.check_button.on_click(lambda _b: self.check())
        # The hint reaches the page only when asked for: the message stays empty until then.
        self.hint_button: w.Button | None = None
        if item.hint:
            self.hint_button = button("Show a hint", tooltip="Show a hint (not the answer)")
            self.hint_button.on_click(lambda _b: self.show_hint())
        self.again_button: w.Button | None = None  # made when the item is finished
        self.message: w.HTML | None = None  # made when the item first has something to say
        self.thread: WorkFeedback | None = None  # the mentor's thread, once someone is signed in
        self.status, self.hint_box, self.feedback = (MessagePart(self._draw_message) for _ in range(3))
        self._arrange()
        self._restore()

    def _draw_message(self) -> None:
        if self.message is None:
            self.message = html_box("", "course-quiz-message")
            self._arrange()
        self.message.value = render("quiz_message.html.j2", status=Markup(self.status.value),
                                    hint=Markup(self.hint_box.value), feedback=Markup(self.feedback.value))

    def offers(self, which: str) -> bool:
        """Whether the item shows its "hint" or its "again" button now."""
        wanted = self.hint_button if which == "hint" else self.again_button
        return wanted is not None and wanted in self.children

    def _arrange(self) -> None:
        """The card's parts, in order: the question, the inputs, the buttons it offers now (Check; the
        hint until shown or finished; Try again once finished), what it says back, the mentor's
        thread. The buttons sit in the card itself, on one row (assets/css/course.css), not in a box."""
        parts = [self.prompt, *self.input.widgets, self.check_button]  # a list of controls needs no box
        if self.hint_button is not None and not (self.hint_shown or self.done):
            parts.append(self.hint_button)
        if self.done:
            if self.again_button is None:
                self.again_button = button("Try this again",
                                           tooltip="Answer this self-check afresh, with all your tries")
                self.again_button.on_click(lambda _b: self.try_again())
            parts.append(self.again_button)
        parts += [x for x in (self.message, self.thread) if x is not None]
        if tuple(parts) != self.children:
            self.children = parts

    # --- checking ---------------------------------------------------------------------------

    def check(self) -> None:
        if self.done:
            return
        response, problem = self.input.response()
        if response is None:  # not a try: nothing is counted or saved, and the old verdict goes
            self.feedback.value = ""
            self.status.value = status_html("info", problem)
            return
        self.attempts += 1
        self.correct = self.item.check(response)
        self.done = self.correct or self.attempts >= self.item.max_tries
        score = score_for(self.correct, self.attempts, self.item.max_tries)
        saved = self.session.record(lesson=self.lesson, item=self.item.id, kind="answer",
                                    response=response, correct=self.correct, score=score)
        self._show(response, saved)

    def show_hint(self) -> None:
        if not self.item.hint or self.hint_shown:
            return
        self.session.record(lesson=self.lesson, item=hint_item(self.item.id), kind="hint",
                            response={"tries_before": self.attempts})
        self._reveal_hint()

    def _reveal_hint(self) -> None:
        self.hint_shown = True
        self.hint_box.value = (f'<p class="course-hint-text"><strong>Hint:</strong> {esc(self.item.hint)}</p>'
                               if self.item.hint else "")
        self._arrange()

    def try_again(self) -> None:
        """Answer the item afresh: a reset event, so progress follows the new run (first tries stay stored)."""
        if not self.done:
            return
        self.session.record(lesson=self.lesson, item=self.item.id, kind="reset",
                            response={"tries": self.attempts, "correct": self.correct})
        if self.hint_shown:
            self.session.record(lesson=self.lesson, item=hint_item(self.item.id), kind="reset", response={})
        self.attempts, self.done, self.correct, self.hint_shown = 0, False, False, False
        self.input.clear()
        # Controls first, words last: the browser gets the messages in order, so when a reader sees
        # "Answer it afresh" the boxes and the button are already open again.
        self._lock(False)
        self.check_button.description = "Check answer"
        self.feedback.value = self.hint_box.value = ""
        self._arrange()
        self.status.value = status_html("info", f"Answer it afresh. {tries_rule(self.item.max_tries)}")

    # --- showing ----------------------------------------------------------------------------

    def _show(self, response: dict, saved: str | None) -> None:
        head = verdict_html(self.correct, self.done, self.attempts, self.item.max_tries)
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        # Controls first, words last (as in try_again): when a reader sees the verdict, the boxes are
        # locked and "Try this again" is already there.
        self._lock(self.done)
        self.check_button.description = "Answered" if self.done else "Check again"
        self._arrange()
        self.status.value = ""
        self.feedback.value = head + self.input.explain(response, self.correct, self.done) + note

    def _lock(self, locked: bool) -> None:
        self.input.lock(locked)
        self.check_button.disabled = locked
        # the finished look: the learner's own choice stays clearly readable (assets/css/course.css)
        (self.add_class if locked else self.remove_class)("course-quiz-done")

    # --- restoring --------------------------------------------------------------------------

    def _restore(self) -> None:
        state = self.session.state(self.lesson)
        if self.item.hint and state.get(hint_item(self.item.id)):
            self._reveal_hint()  # asked for in this run before: shown again
        saved = state.get(self.item.id)
        if not saved or saved["kind"] != "answer":
            return
        response = saved["response"]
        if not self.input.restore(response):
            return  # content changed since: start this item afresh
        self.attempts = saved["attempts"]
        self.correct = bool(saved["correct"])
        self.done = self.correct or self.attempts >= self.item.max_tries
        self._show(response, None)

    def refresh(self) -> None:
        """Called when the learner signs in: show what they saved before."""
        if self.attempts == 0:
            self._restore()


def with_mentor_thread(widget: QuizItem) -> QuizItem:
    """"Ask my mentor" about this self-check, and the mentor's answer, inside its card: built when
    someone is signed in (a preheated page learns who visits later), not for every visitor."""
    session = widget.session

    def attach() -> None:
        if session.identity and widget.thread is None:
            widget.thread = WorkFeedback(session, widget.lesson, widget.item.id, widget.catalog.rubrics,
                                         "this self-check")
            widget._arrange()

    attach()
    session.on_identity(attach)
    return widget


def quiz(item_ids, catalog: Catalog, session):
    """One or more items, each in its own card."""
    widgets = [QuizItem(catalog.items[i], catalog, session) for i in item_ids]
    for widget in widgets:
        session.on_identity(widget.refresh)
        with_mentor_thread(widget)
    return widgets[0] if len(widgets) == 1 else vbox(widgets)
