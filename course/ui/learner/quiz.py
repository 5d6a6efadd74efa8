"""Self-check items: single choice, multiple select, numeric and ordering.

The answer key stays in the kernel: the browser receives option labels only, checking happens
here, and a value the item does not offer is refused. Feedback explains every option.
"""
from __future__ import annotations

import random

import ipywidgets as w
from markupsafe import Markup

from course.catalog import Catalog
from course.schema.quiz import MultipleChoice, Numeric, Ordering, SingleChoice
from course.numbers import format_number, read_number
from course.keys import HINT as HINT_SUFFIX
from course.ui.common import button, esc, hbox, html_box, rejected, save_note, shared, status_html, vbox
from course.ui.html import render
from course.ui.learner.feedback_thread import WorkFeedback

CHOOSE = "Choose…"
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
NUMBER_MAX = 60  # characters of a typed number kept with the answer


def tries_rule(max_tries: int, what: str = "the answer and the reasons") -> str:
    """The rule, said before the first try: 'Up to 3 tries; after the third the answer and the reasons are shown.'"""
    if max_tries == 1:
        return f"One try; after it {what} are shown."
    return f"Up to {max_tries} tries; after the {ORDINALS.get(max_tries, f'{max_tries}th')} {what} are shown."


def hint_item(item_id: str) -> str:
    return item_id + HINT_SUFFIX


def score_for(correct: bool, attempt: int, max_tries: int) -> float:
    """Full marks on the first try, less for each extra try, none when not found."""
    if not correct:
        return 0.0
    return round(max(0.0, 1 - (attempt - 1) / max_tries), 3)


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

        kind_label = {"single": "Choose one answer", "multiple": "Select all that apply",
                      "numeric": "Type a number", "ordering": "Put the steps in order"}[item.kind]
        self.prompt = html_box(render("quiz_intro.html.j2", kind_label=kind_label, prompt=item.prompt,
                                      rule=tries_rule(item.max_tries)))
        self.inputs = self._build_inputs()  # in the card itself: a list of controls needs no box
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
        parts = [self.prompt, *self.inputs, self.check_button]
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

    # --- inputs -----------------------------------------------------------------------------

    def _build_inputs(self) -> list[w.DOMWidget]:
        item = self.item
        if isinstance(item, SingleChoice):
            self.radio = w.RadioButtons(options=[(o.text, o.id) for o in item.options], value=None,
                                        layout=shared("wide"), style=shared("description"))
            self.radio.add_class("course-choices")
            return [self.radio]
        if isinstance(item, MultipleChoice):
            self.boxes = {o.id: w.Checkbox(value=False, description=o.text, indent=False,
                                           layout=shared("wide"), style=shared("checkbox")) for o in item.options}
            for box in self.boxes.values():
                box.add_class("course-choices")
            return list(self.boxes.values())
        if isinstance(item, Numeric):
            self.number = w.Text(value="", description="Your answer", placeholder="a number",
                                 continuous_update=False, layout=shared("layout"), style=shared("text"))
            return [hbox([self.number, html_box(f'<span class="course-unit">{esc(item.unit)}</span>')])]
        if isinstance(item, Ordering):
            shuffled = list(item.steps)
            rng = random.Random(item.id)  # the same order for everyone, never the answer itself
            while [s.id for s in shuffled] == [s.id for s in item.steps]:
                rng.shuffle(shuffled)
            choices = [(CHOOSE, None)] + [(s.text, s.id) for s in shuffled]
            self.slots = [w.Dropdown(options=choices, index=0, description=f"Step {n}",
                                     layout=shared("wide"), style=shared("description"))
                          for n in range(1, len(item.steps) + 1)]
            for slot in self.slots:
                slot.add_class("course-ordering")
            return list(self.slots)
        raise TypeError(f"unsupported item kind {item.kind}")

    def response(self) -> tuple[dict | None, str | None]:
        """(what the learner chose, None), validated against what the item offers; or (None, what to do)."""
        item = self.item
        if isinstance(item, SingleChoice):
            offered = {o.id for o in item.options}
            if self.radio.value is None:
                return None, "Choose one of the answers first."
            if self.radio.value not in offered:
                rejected(item.id, self.radio.value)
                return None, "Choose one of the answers first."
            return {"choice": self.radio.value}, None
        if isinstance(item, MultipleChoice):
            chosen = sorted(oid for oid, box in self.boxes.items() if box.value is True)
            return ({"choices": chosen}, None) if chosen else (None, "Select at least one answer first.")
        if isinstance(item, Numeric):
            typed = self.number.value if isinstance(self.number.value, str) else ""
            reading = read_number(typed, item.unit)
            if not reading.ok:
                return None, reading.problem
            return {"value": reading.value, "text": typed.strip()[:NUMBER_MAX]}, None
        if isinstance(item, Ordering):
            offered = {s.id for s in item.steps}
            order = [slot.value for slot in self.slots]
            for value in order:
                if value is not None and value not in offered:
                    rejected(item.id, value)
                    return None, "Put a different step in each place first."
            if None in order or len(set(order)) != len(order):
                return None, "Put a different step in each place first."
            return {"order": order}, None
        return None, "This self-check cannot be answered here."

    # --- checking ---------------------------------------------------------------------------

    def is_correct(self, response: dict) -> bool:
        item = self.item
        if isinstance(item, SingleChoice):
            return next(o for o in item.options if o.id == response["choice"]).correct
        if isinstance(item, MultipleChoice):
            return set(response["choices"]) == {o.id for o in item.options if o.correct}
        if isinstance(item, Numeric):
            return abs(response["value"] - self.catalog.answer_of(item)) <= item.tolerance
        if isinstance(item, Ordering):
            return response["order"] == [s.id for s in item.steps]
        return False

    def check(self) -> None:
        if self.done:
            return
        response, problem = self.response()
        if response is None:  # not a try: nothing is counted or saved, and the old verdict goes
            self.feedback.value = ""
            self.status.value = status_html("info", problem)
            return
        self.attempts += 1
        self.correct = self.is_correct(response)
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
        self._clear_inputs()
        # Controls first, words last: the browser gets the messages in order, so when a reader sees
        # "Answer it afresh" the boxes and the button are already open again.
        self._lock(False)
        self.check_button.description = "Check answer"
        self.feedback.value = self.hint_box.value = ""
        self._arrange()
        self.status.value = status_html("info", f"Answer it afresh. {tries_rule(self.item.max_tries)}")

    def _clear_inputs(self) -> None:
        item = self.item
        if isinstance(item, SingleChoice):
            self.radio.value = None
        elif isinstance(item, MultipleChoice):
            for box in self.boxes.values():
                box.value = False
        elif isinstance(item, Numeric):
            self.number.value = ""
        else:
            for slot in self.slots:
                slot.index = 0

    # --- showing ----------------------------------------------------------------------------

    def _show(self, response: dict, saved: str | None) -> None:
        tries_left = self.item.max_tries - self.attempts
        if self.correct:
            head = status_html("ok", f"Correct{' on the first try' if self.attempts == 1 else ''}.")
        elif self.done:
            head = status_html("bad", "Not this time. The answer and the reasons are below.")
        else:
            head = status_html("bad", f"Not quite. {tries_left} more "
                                      f"{'try' if tries_left == 1 else 'tries'}: read why, then change your answer.")
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self._lock(self.done)  # before the verdict is drawn, as in try_again
        self.check_button.description = "Answered" if self.done else "Check again"
        self.status.value = ""
        self.feedback.value = head + self._explain(response) + note
        self._arrange()

    def _lock(self, locked: bool) -> None:
        for child in self._input_widgets():
            child.disabled = locked
        self.check_button.disabled = locked
        # the finished look: the learner's own choice stays clearly readable (assets/css/course.css)
        (self.add_class if locked else self.remove_class)("course-quiz-done")

    def _input_widgets(self):
        item = self.item
        if isinstance(item, SingleChoice):
            return [self.radio]
        if isinstance(item, MultipleChoice):
            return list(self.boxes.values())
        if isinstance(item, Numeric):
            return [self.number]
        return list(self.slots)

    def _explain(self, response: dict) -> str:
        item, final = self.item, self.done
        if isinstance(item, (SingleChoice, MultipleChoice)):
            chosen = {response.get("choice")} | set(response.get("choices", []))
            rows = []
            for option in item.options:
                picked = option.id in chosen
                if not (final or picked):
                    continue
                if final:
                    verdict = "Right answer" if option.correct else "Wrong answer"
                else:
                    verdict = "Your choice"
                mark = "✓" if (option.correct and final) else ("✗" if final else "•")
                rows.append(
                    f'<li class="{"course-right" if option.correct and final else "course-option"}">'
                    f'<span aria-hidden="true">{mark}</span> <strong>{esc(verdict)}'
                    f'{" (you chose it)" if picked and final else ""}:</strong> {esc(option.text)}'
                    f'<br><span class="course-why">{esc(option.feedback)}</span></li>')
            if isinstance(item, MultipleChoice) and not final:
                missing = len({o.id for o in item.options if o.correct} - chosen)
                if missing:
                    rows.append(f'<li class="course-option"><span aria-hidden="true">ℹ</span> {missing} correct '
                                f'{"option is" if missing == 1 else "options are"} not selected yet.</li>')
            # each row carries its own mark (✓, ✗, •), so the list shows no bullet of its own
            return f'<ul class="course-explain course-explain-marked">{"".join(rows)}</ul>'
        if isinstance(item, Numeric):
            answer = self.catalog.answer_of(item)
            value = response["value"]
            if self.correct:
                text = item.feedback.correct
            else:
                text = item.feedback.too_low if value < answer else item.feedback.too_high
            out = f'<p class="course-why">{esc(text)}</p>'
            if final:
                out += (f'<p><strong>Answer:</strong> {answer:,.10g} {esc(item.unit)}. '
                        f'{esc(item.explanation)}</p>')
            return out
        if isinstance(item, Ordering):
            right = sum(a == b for a, b in zip(response["order"], [s.id for s in item.steps]))
            if not final:
                return (f'<p class="course-why">{right} of {len(item.steps)} steps are in the right place. '
                        f'{esc(item.feedback.incorrect)}</p>')
            steps = "".join(f'<li><strong>{esc(s.text)}</strong><br><span class="course-why">{esc(s.why)}</span></li>'
                            for s in item.steps)
            lead = item.feedback.correct if self.correct else item.feedback.incorrect
            return f'<p class="course-why">{esc(lead)}</p><p>The order, and why:</p><ol class="course-explain">{steps}</ol>'
        return ""

    # --- restoring --------------------------------------------------------------------------

    def _restore(self) -> None:
        state = self.session.state(self.lesson)
        if self.item.hint and state.get(hint_item(self.item.id)):
            self._reveal_hint()  # asked for in this run before: shown again
        saved = state.get(self.item.id)
        if not saved or saved["kind"] != "answer":
            return
        response = saved["response"]
        if not self._apply(response):
            return  # content changed since: start this item afresh
        self.attempts = saved["attempts"]
        self.correct = bool(saved["correct"])
        self.done = self.correct or self.attempts >= self.item.max_tries
        self._show(response, None)

    def refresh(self) -> None:
        """Called when the learner signs in: show what they saved before."""
        if self.attempts == 0:
            self._restore()

    def _apply(self, response: dict) -> bool:
        item = self.item
        try:
            if isinstance(item, SingleChoice):
                self.radio.value = response["choice"]
            elif isinstance(item, MultipleChoice):
                for oid, box in self.boxes.items():
                    box.value = oid in response["choices"]
            elif isinstance(item, Numeric):
                self.number.value = response.get("text") or format_number(response["value"])
            elif isinstance(item, Ordering):
                for slot, value in zip(self.slots, response["order"], strict=True):
                    slot.value = value
            return True
        except Exception:
            return False


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
