"""The controls of a self-check, one class per item kind: the widgets, the response read (and
validated) from them, clearing, locking, restoring a saved response and explaining a verdict.

The card (course/ui/learner/quiz.py) knows nothing of kinds: a new kind is one class here and one
entry in INPUTS. Every value is checked in the kernel: an option or step the item does not offer is
refused and logged, as a tampered page could send one past the widget's own check.
"""
from __future__ import annotations

import random

import ipywidgets as w

from course.numbers import format_number, read_number
from course.schema.quiz import MultipleChoice, Numeric, Ordering, SingleChoice
from course.ui.common import esc, hbox, html_box, rejected, shared

CHOOSE = "Choose…"
NUMBER_MAX = 60  # characters of a typed number kept with the answer


class _Input:
    """What every kind shares. A subclass sets `label` (said above the question), builds `controls`
    (the widgets the learner changes, disabled when locked) and `widgets` (what the card shows: the
    controls, or a box around them), and reads, sets, clears and explains its responses."""

    label: str

    def __init__(self, item):
        self.item = item
        self.controls: list[w.DOMWidget] = []
        self.widgets: list[w.DOMWidget] = []

    def response(self) -> tuple[dict | None, str | None]:
        """(the learner's response, None), validated against what the item offers; or (None, what to do)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def lock(self, locked: bool) -> None:
        for control in self.controls:
            control.disabled = locked

    def restore(self, response: dict) -> bool:
        """Show a saved response; False when it no longer fits the item (its content changed since)."""
        try:
            self._set(response)
            return True
        except Exception:
            self.clear()  # nothing half-restored: the item starts afresh
            return False

    def _set(self, response: dict) -> None:
        raise NotImplementedError

    def explain(self, response: dict, correct: bool, final: bool) -> str:
        """Why the response is right or wrong; once `final`, the answer and the reasons too."""
        raise NotImplementedError


class _OptionsInput(_Input):
    """Single choice and multiple select: the explanation goes option by option."""

    def chosen(self, response: dict) -> set[str]:
        raise NotImplementedError

    def explain(self, response: dict, correct: bool, final: bool) -> str:
        chosen = self.chosen(response)
        rows = []
        for option in self.item.options:
            picked = option.id in chosen
            if not (final or picked):
                continue  # while tries remain, only the learner's own choices are explained
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
        rows += self._extra_rows(chosen, final)
        # each row carries its own mark (✓, ✗, •), so the list shows no bullet of its own
        return f'<ul class="course-explain course-explain-marked">{"".join(rows)}</ul>'

    def _extra_rows(self, chosen: set[str], final: bool) -> list[str]:
        return []


class SingleChoiceInput(_OptionsInput):
    label = "Choose one answer"

    def __init__(self, item: SingleChoice):
        super().__init__(item)
        self.radio = w.RadioButtons(options=[(o.text, o.id) for o in item.options], value=None,
                                    layout=shared("wide"), style=shared("description"))
        self.radio.add_class("course-choices")
        self.controls = self.widgets = [self.radio]

    def response(self):
        value = self.radio.value
        if value is not None and value not in {o.id for o in self.item.options}:
            rejected(self.item.id, value)
            value = None
        if value is None:
            return None, "Choose one of the answers first."
        return {"choice": value}, None

    def clear(self):
        self.radio.value = None

    def _set(self, response):
        self.radio.value = response["choice"]

    def chosen(self, response):
        return {response["choice"]}


class MultipleChoiceInput(_OptionsInput):
    label = "Select all that apply"

    def __init__(self, item: MultipleChoice):
        super().__init__(item)
        self.boxes = {o.id: w.Checkbox(value=False, description=o.text, indent=False,
                                       layout=shared("wide"), style=shared("checkbox")) for o in item.options}
        for box in self.boxes.values():
            box.add_class("course-choices")
        self.controls = self.widgets = list(self.boxes.values())

    def response(self):
        chosen = sorted(oid for oid, box in self.boxes.items() if box.value is True)  # a tampered value is no tick
        return ({"choices": chosen}, None) if chosen else (None, "Select at least one answer first.")

    def clear(self):
        for box in self.boxes.values():
            box.value = False

    def _set(self, response):
        for oid, box in self.boxes.items():
            box.value = oid in response["choices"]

    def chosen(self, response):
        return set(response["choices"])

    def _extra_rows(self, chosen, final):
        missing = 0 if final else len({o.id for o in self.item.options if o.correct} - chosen)
        if not missing:
            return []
        return [f'<li class="course-option"><span aria-hidden="true">ℹ</span> {missing} correct '
                f'{"option is" if missing == 1 else "options are"} not selected yet.</li>']


class NumericInput(_Input):
    label = "Type a number"

    def __init__(self, item: Numeric):
        super().__init__(item)
        self.number = w.Text(value="", description="Your answer", placeholder="a number",
                             continuous_update=False, layout=shared("layout"), style=shared("text"))
        self.controls = [self.number]
        self.widgets = [hbox([self.number, html_box(f'<span class="course-unit">{esc(item.unit)}</span>')])]

    def response(self):
        typed = self.number.value if isinstance(self.number.value, str) else ""
        reading = read_number(typed, self.item.unit)
        if not reading.ok:
            return None, reading.problem
        return {"value": reading.value, "text": typed.strip()[:NUMBER_MAX]}, None

    def clear(self):
        self.number.value = ""

    def _set(self, response):
        self.number.value = response.get("text") or format_number(response["value"])

    def explain(self, response, correct, final):
        item = self.item
        if correct:
            text = item.feedback.correct
        else:
            text = item.feedback.too_low if response["value"] < item.answer else item.feedback.too_high
        out = f'<p class="course-why">{esc(text)}</p>'
        if final:
            out += f'<p><strong>Answer:</strong> {item.answer:,.10g} {esc(item.unit)}. {esc(item.explanation)}</p>'
        return out


class OrderingInput(_Input):
    label = "Put the steps in order"

    def __init__(self, item: Ordering):
        super().__init__(item)
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
        self.controls = self.widgets = list(self.slots)

    def response(self):
        offered = {s.id for s in self.item.steps}
        order = [slot.value for slot in self.slots]
        for value in order:
            if value is not None and value not in offered:
                rejected(self.item.id, value)
                return None, "Put a different step in each place first."
        if None in order or len(set(order)) != len(order):
            return None, "Put a different step in each place first."
        return {"order": order}, None

    def clear(self):
        for slot in self.slots:
            slot.index = 0

    def _set(self, response):
        for slot, value in zip(self.slots, response["order"], strict=True):
            slot.value = value

    def explain(self, response, correct, final):
        item = self.item
        if not final:
            right = sum(a == b for a, b in zip(response["order"], [s.id for s in item.steps]))
            return (f'<p class="course-why">{right} of {len(item.steps)} steps are in the right place. '
                    f'{esc(item.feedback.incorrect)}</p>')
        steps = "".join(f'<li><strong>{esc(s.text)}</strong><br><span class="course-why">{esc(s.why)}</span></li>'
                        for s in item.steps)
        lead = item.feedback.correct if correct else item.feedback.incorrect
        return f'<p class="course-why">{esc(lead)}</p><p>The order, and why:</p><ol class="course-explain">{steps}</ol>'


INPUTS: dict[type, type[_Input]] = {SingleChoice: SingleChoiceInput, MultipleChoice: MultipleChoiceInput,
                                    Numeric: NumericInput, Ordering: OrderingInput}


def input_for(item) -> _Input:
    """The controls for one item, by its model class."""
    return INPUTS[type(item)](item)
