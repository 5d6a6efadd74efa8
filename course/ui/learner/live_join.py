"""The learner's side of a live session: type the join code, see the current prompt, answer once,
and read the feedback when the mentor reveals it. Built for a phone: one column, large targets.

A daemon thread polls the store about once a second for the mentor's moves (next prompt, reveal,
close) and redraws this widget; it stops when the session closes or the widget is closed. Option
labels are all the browser gets until the reveal; answers are checked in the kernel.
"""
from __future__ import annotations

import threading
import time

import ipywidgets as w

from course.mentor import live
from course.mentor.live import LiveError
from course.mentor.live_poll import POLL_SECONDS, Poller
from course.mentor.live_prompts import OPEN_TEXT_MAX, letter, prompt_for
from course.errors import StoreError
from course.ui.common import esc, html_box, status_html

JOIN_TRIES_BEFORE_WAIT = 5  # wrong codes in a row before each further try waits a little


def prompt_html(prompt, number: int, total: int) -> str:
    """The prompt as the learner (and the mentor) reads it; text from content is escaped."""
    kind = {"single": "Choose one", "multiple": "Select all that apply", "open": "Answer in a line"}[prompt.kind]
    source = "Scenario decision" if prompt.source == "scenario" else "Question"
    scene = "".join(f"<p>{esc(p)}</p>" for p in prompt.situation)
    return (f'<p class="course-eyebrow">{source} {number} of {total} · {kind}</p>{scene}'
            f'<p class="course-prompt">{esc(prompt.question)}</p>')


def feedback_html(prompt, chosen: set[str] | None) -> str:
    """Every option with its feedback, the right one(s) marked in words and symbols."""
    if prompt.kind == "open":
        return ('<p class="course-hint">An open question has no right answer: your mentor reads the answers '
                'out and the room talks them through.</p>')
    other = "Another choice" if prompt.source == "scenario" else "Not right"
    rows = []
    for i, option in enumerate(prompt.options):
        picked = chosen is not None and option.id in chosen
        verdict = prompt.right_label if option.correct else other
        mark = "✓" if option.correct else ("•" if prompt.source == "scenario" else "✗")
        mine = " · your answer" if picked else ""
        rows.append(f'<li class="{"course-right" if option.correct else "course-option"}">'
                    f'<strong><span aria-hidden="true">{mark}</span> {letter(i)}. {esc(verdict)}{mine}</strong>'
                    f'<br>{esc(option.text)}<br><span class="course-why">{esc(option.feedback)}</span></li>')
    return f'<ul class="course-explain course-live-feedback">{"".join(rows)}</ul>'


class LivePage(w.VBox):
    """A live session's page, the learner's or the mentor's: a poll thread (started once a session is
    on screen, unless `autostart` is off for a test) redraws it, and stops with the session or the page."""

    def __init__(self, poll_seconds: float = POLL_SECONDS, autostart: bool = True):
        super().__init__()
        self.poll_seconds, self.autostart = poll_seconds, autostart
        self._lock = threading.RLock()  # the poll thread and clicks both redraw
        self.live: live.LiveSession | None = None
        self.poller: Poller | None = None

    def _start_polling(self, name: str) -> None:
        if self.autostart:
            self.poller = Poller(self.poll, self.poll_seconds, name=name).start()

    def _stop(self) -> None:
        if self.poller:
            self.poller.stop()
            self.poller = None

    def close(self) -> None:
        self._stop()
        super().close()


class LiveJoin(LivePage):
    def __init__(self, catalog, session, code: str | None = None, poll_seconds: float = POLL_SECONDS,
                 autostart: bool = True):
        super().__init__(poll_seconds, autostart)
        self.catalog, self.session = catalog, session
        self.add_class("course-card")
        self.add_class("course-live")
        self.shown: tuple | None = None  # (position, revealed) on screen
        self.answer: dict | None = None  # this learner's stored answer to the prompt on screen
        self.input_widgets: list = []
        self.failures = 0
        self.next_try_at = 0.0

        self.title = html_box('<p class="course-eyebrow">Live session</p>')
        self.code_input = w.Text(value="", description="Join code", placeholder="e.g. K7QM2P",
                                 continuous_update=False, style={"description_width": "initial"},
                                 layout=w.Layout(width="100%"))
        self.code_input.add_class("course-live-code-input")
        self.code_input.observe(lambda _c: self.try_join(), names="value")  # Enter sends it
        self.join_button = w.Button(description="Join", button_style="primary", tooltip="Join the session")
        self.join_button.add_class("course-live-button")
        self.join_button.on_click(lambda _b: self.try_join())
        self.prompt = html_box("", "course-live-prompt")
        self.inputs = w.VBox()
        self.send_button = w.Button(description="Send answer", button_style="primary", tooltip="Send your answer")
        self.send_button.add_class("course-live-button")
        self.send_button.on_click(lambda _b: self.send())
        self.message = html_box("", "course-live-message")
        self.feedback = html_box("", "course-feedback")
        self.leave_button = w.Button(description="Leave this session", tooltip="Leave this session")
        self.leave_button.add_class("course-link-button")
        self.leave_button.on_click(lambda _b: self.leave())

        session.on_identity(self._on_identity)
        if code:
            self.code_input.value = code if len(code) <= 40 else ""  # joins at once if signed in
        self.render()

    # --- joining --------------------------------------------------------------------------------

    def _store(self):
        store = self.session.store()
        if store is None:
            self.message.value = status_html("warn", self.session.store_error or "The progress store cannot be opened.")
        return store

    def try_join(self) -> None:
        with self._lock:
            if self.live is not None or not self.code_input.value.strip():
                return
            if not self.session.identity:
                self.message.value = status_html("info", "Sign in above first, with your name and cohort code.")
                return
            wait = self.next_try_at - time.monotonic()
            if wait > 0:  # slows down anyone trying codes at random
                self.message.value = status_html("warn", f"Please wait {int(wait) + 1} seconds, then try again.")
                return
            if (store := self._store()) is None:  # the page says why
                return
            identity = self.session.identity
            try:
                joined = live.join(store, self.code_input.value, identity.key, identity.cohort)
            except LiveError as exc:
                self.failures += 1
                if self.failures >= JOIN_TRIES_BEFORE_WAIT:
                    self.next_try_at = time.monotonic() + min(30, 2 ** (self.failures - JOIN_TRIES_BEFORE_WAIT))
                self.message.value = status_html("warn", str(exc))
                return
            except StoreError as exc:
                self.message.value = status_html("warn", str(exc))
                return
            self.failures = 0
            self.live = joined
            self.message.value = ""
            self._show_current(joined)
            self._start_polling("live-join")

    def leave(self) -> None:
        with self._lock:
            self._stop()
            self.live, self.shown, self.answer = None, None, None
            self.code_input.value = ""
            self.message.value = status_html("info", "You left the session. Type a code to join again.")
            self.render()

    def _on_identity(self) -> None:
        with self._lock:
            if self.live is not None and (not self.session.identity
                                          or self.session.identity.cohort != self.live.cohort):
                self._stop()  # someone else signed in on this page: they join for themselves
                self.live, self.shown, self.answer = None, None, None
            self.render()
        if self.live is None and self.code_input.value.strip():
            self.try_join()

    # --- answering ------------------------------------------------------------------------------

    def _current_prompt(self):
        return prompt_for(self.catalog, self.live.current)

    def response(self) -> dict | None:
        prompt = self._current_prompt()
        if prompt.kind == "open":
            return {"text": self.text.value}
        if prompt.kind == "single":
            return {"choice": self.radio.value}
        return {"choices": [oid for oid, box in self.boxes.items() if box.value is True]}

    def send(self) -> None:
        with self._lock:
            if self.live is None or self.answer is not None or self.shown is None:
                return
            if (store := self._store()) is None:  # the page says why
                return
            identity = self.session.identity
            try:
                stored = live.submit(store, self.catalog, self.live.id, self.shown[0], identity.key,
                                     identity.cohort, self.response())
            except LiveError as exc:
                self.message.value = status_html("warn", str(exc))
                self._refresh_from_store()  # the prompt may have moved on: show what is current
                return
            except StoreError as exc:
                self.message.value = status_html("warn", str(exc) + " Try sending again.")
                return
            self.answer = stored
            self._show_answered()

    # --- following the mentor -------------------------------------------------------------------

    def poll(self):
        """One look at the store (the poll thread calls this every second). False stops polling."""
        with self._lock:
            if self.live is None:
                return False
            return self._refresh_from_store()

    def _refresh_from_store(self) -> bool:
        store = self.session.store()
        if store is None or self.live is None:
            return True
        latest = live.get_session(store, self.live.id)
        if latest is None or not latest.is_open:
            self._show_closed()
            return False
        if (latest.position, latest.revealed) != self.shown:
            self._show_current(latest)
        return True

    def _show_current(self, latest) -> None:
        self.live = latest
        prompt = self._current_prompt()
        moved = self.shown is None or self.shown[0] != latest.position
        self.shown = (latest.position, latest.revealed)
        store = self.session.store()
        self.answer = live.answer_of(store, latest.id, latest.position, self.session.identity.key) if store else None
        self.prompt.value = prompt_html(prompt, latest.position + 1, len(latest.prompts))
        if moved:
            self._build_inputs(prompt)
            if self.answer is None and not latest.revealed:
                self.message.value = ""
        self._apply_answer()
        if latest.revealed:
            self._show_revealed(prompt)
        elif self.answer is not None:
            self._show_answered()
        else:
            self.feedback.value = ""
            self._lock_inputs(False)
        self.render()

    def _build_inputs(self, prompt) -> None:
        if prompt.kind == "open":
            self.text = w.Textarea(value="", placeholder="One line: what you think", rows=2, continuous_update=False,
                                   layout=w.Layout(width="100%"))
            self.text.add_class("course-live-text")
            self.inputs.children = [html_box(f'<p class="course-hint">At most {OPEN_TEXT_MAX} characters. Your '
                                             'mentor sees the answers as a list, without names.</p>'), self.text]
            self.input_widgets = [self.text]
            return
        labels = [(f"{letter(i)}. {o.text}", o.id) for i, o in enumerate(prompt.options)]
        if prompt.kind == "single":
            self.radio = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="100%"))
            self.radio.add_class("course-choices")
            self.radio.add_class("course-live-choices")
            self.inputs.children = [self.radio]
            self.input_widgets = [self.radio]
        else:
            self.boxes = {oid: w.Checkbox(value=False, description=text, indent=False,
                                          layout=w.Layout(width="100%")) for text, oid in labels}
            box = w.VBox(list(self.boxes.values()))
            box.add_class("course-choices")
            box.add_class("course-live-choices")
            self.inputs.children = [box]
            self.input_widgets = list(self.boxes.values())

    def _apply_answer(self) -> None:
        if self.answer is None:
            return
        response = self.answer["response"]
        if "text" in response:
            self.text.value = response["text"]
        elif "choice" in response:
            self.radio.value = response["choice"]
        else:
            for oid, box in self.boxes.items():
                box.value = oid in response["choices"]

    def _lock_inputs(self, locked: bool) -> None:
        for widget in self.input_widgets:
            widget.disabled = locked
        self.send_button.disabled = locked

    def _chosen_text(self) -> str:
        prompt = self._current_prompt()
        if prompt.kind == "open":
            return f"“{self.answer['response']['text']}”"
        chosen = prompt.choices_in(self.answer["response"])
        return "; ".join(f"{prompt.letter(c)}. {next(o.text for o in prompt.options if o.id == c)}" for c in chosen)

    def _show_answered(self) -> None:
        self._lock_inputs(True)
        self.message.value = status_html("ok", f"Your answer is in: {self._chosen_text()}. "
                                               "Wait for your mentor to reveal the answers.")
        self.feedback.value = ""
        self.render()

    def _show_revealed(self, prompt) -> None:
        self._lock_inputs(True)
        if self.answer is None:
            head = status_html("info", "The answers are revealed. You did not answer this one; read why below.")
            chosen = None
        else:
            chosen = set(prompt.choices_in(self.answer["response"]))
            if prompt.kind == "open":
                head = status_html("ok", f"Your answer: {self._chosen_text()}. Your mentor has closed this question.")
            elif self.answer["correct"]:
                text = ("You made the same choice as an experienced manager." if prompt.source == "scenario"
                        else "Your answer is right.")
                head = status_html("ok", text)
            else:
                text = ("An experienced manager would choose differently; read why below." if prompt.source == "scenario"
                        else "Your answer was not the right one; read why below.")
                head = status_html("bad", text)
        self.message.value = head
        self.feedback.value = feedback_html(prompt, chosen)

    def _show_closed(self) -> None:
        self._stop()
        self.live, self.shown, self.answer = None, None, None
        self.code_input.value = ""
        self.prompt.value = ""
        self.feedback.value = ""
        self.message.value = status_html("ok", "The session has ended. Thank you for taking part: your answers "
                                               "are saved with your progress.")
        self.render()

    # --- layout ---------------------------------------------------------------------------------

    def render(self) -> None:
        with self._lock:
            if not self.session.identity:
                self.children = [self.title, html_box(
                    '<p>Sign in first (in JupyterLab: with your name and the cohort code your mentor gave '
                    'you, above), then type the join code shown by your mentor.</p>'), self.code_input, self.message]
                return
            if self.live is None:
                self.send_button.description = "Send answer"
                self.children = [self.title, html_box('<p>Type the join code your mentor shows, then press '
                                                      '<strong>Join</strong>.</p>'),
                                 self.code_input, self.join_button, self.message]
                return
            head = html_box(f'<p class="course-eyebrow">Live session {esc(self.live.code)}</p>')
            answering = self.answer is None and not self.live.revealed
            self.send_button.description = "Send answer"
            self.children = [head, self.prompt, self.inputs] + ([self.send_button] if answering else []) + [
                self.message, self.feedback, self.leave_button]
