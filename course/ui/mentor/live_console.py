"""The mentor's side of a live session: choose a cohort and a sequence of prompts, open the session,
show the join code big, watch the answers arrive as a bar chart, reveal, move on, close.

Built only after the mentor gate lets the mentor in. A daemon thread polls the store about once a
second and redraws the chart when the counts change (no reload); it stops when the session closes
or the widget is closed, and it ends with the kernel. The chart shows counts, never names; who
has not answered is behind a button, for the mentor's own screen. An optional timer counts down
each prompt on the projected page. `?prompt=<ref>&cohort=<id>` in the page's address (the
dashboard's "Ask in a live session" link) fills in the cohort and adds the prompt.
"""
from __future__ import annotations

import os
import time
from urllib.parse import parse_qs

import ipywidgets as w

from course.identity import validate_cohort
from course.mentor import live
from course.mentor.live import LiveError
from course.mentor.live_poll import POLL_SECONDS
from course.mentor.live_prompts import letter, prompt_for
from course.errors import StoreError
from course.ui.common import esc, html_box, status_html
from course.ui.learner.live_join import LivePage, feedback_html, prompt_html
from course.ui.mentor.live_picker import PromptPicker

BAR_MAX_PX = 320
TIMERS = [("No timer", 0), ("30 seconds", 30), ("1 minute", 60), ("90 seconds", 90), ("2 minutes", 120),
          ("3 minutes", 180), ("5 minutes", 300)]


def texts_html(tally) -> str:
    """An open question's answers as a numbered list, without names (safe to project)."""
    noun = "answer" if tally.answers == 1 else "answers"
    items = "".join(f"<li><bdi>{esc(t)}</bdi></li>" for t in tally.texts)
    body = f'<ol class="course-live-texts">{items}</ol>' if items else '<p class="course-hint">No answers yet.</p>'
    return (f'<section class="course-live-chart" aria-label="Answers"><p class="course-live-caption">'
            f'{tally.answers} {noun} from {tally.joined} joined learner{"s" * (tally.joined != 1)}</p>{body}</section>')


def wanted_from_address() -> tuple[str | None, str | None]:
    """(prompt ref, cohort) from the page's query string, as Voila passes it to the kernel."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    prompt = (query.get("prompt") or [None])[0]
    cohort = (query.get("cohort") or [None])[0]
    return (prompt if prompt and len(prompt) <= 130 else None), (cohort if cohort and len(cohort) <= 60 else None)


def chart_html(prompt, tally, revealed: bool) -> str:
    """The answers as an HTML bar chart that is also a table: option, count, bar.

    The table is the text alternative: a screen reader reads option and count; the bars are
    decoration. The right option is marked (in words) only once revealed: the room may be
    looking at this page on a projector."""
    if prompt.kind == "open":
        return texts_html(tally)
    top = max([n for _, n in tally.counts] + [1])
    rows = []
    for i, (option, count) in enumerate(tally.counts):
        width = round(BAR_MAX_PX * count / top) if count else 0
        right = option.correct and revealed
        mark = f' <span class="course-live-right">✓ {esc(prompt.right_label)}</span>' if right else ""
        rows.append(
            f'<tr class="{"course-live-row-right" if right else "course-live-row"}">'
            f'<th scope="row"><span class="course-live-letter">{letter(i)}.</span> {esc(option.text)}{mark}</th>'
            f'<td class="course-num">{count}</td>'
            f'<td class="course-live-barcell"><span class="course-bar course-live-bar{" course-live-bar-right" if right else ""}" '
            f'style="width:{width}px" aria-hidden="true"></span></td></tr>')
    people = "learner" if tally.answers == 1 else "learners"
    noun = "answer" if tally.answers == 1 else "answers"
    each = " (each could select several options)" if prompt.kind == "multiple" else ""
    caption = f"{tally.answers} {noun} from {tally.joined} joined {people if tally.joined == 1 else 'learners'}{each}"
    return (f'<table class="course-chart course-live-chart"><caption>{esc(caption)}</caption>'
            '<thead><tr><th scope="col">Option</th><th scope="col">Answers</th>'
            '<th scope="col"><span class="course-sr">Bar</span></th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def join_address(code: str) -> str | None:
    """The live page with the code in it, at the address the mentor opened this page with."""
    from course.ui.mentor.invite_panel import page_origin

    origin = page_origin()
    return f"{origin}voila/render/live.ipynb?code={code}" if "://" in origin else None


def qr_svg(text: str) -> str:
    """A QR code a phone camera opens, as inline SVG (segno writes it; nothing is fetched)."""
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#1b2a3a", title="QR code of the join link")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code of the join link" ', 1)


def waiting_html(names: list[str]) -> str:
    """Who joined and has not answered this prompt yet (the mentor's own screen only)."""
    if not names:
        return '<p class="course-live-waiting">Everyone who joined has answered.</p>'
    listed = ", ".join(f"<bdi>{esc(n)}</bdi>" for n in names)
    return f'<p class="course-live-waiting"><strong>Not answered yet ({len(names)}):</strong> {listed}</p>'


def joined_html(names: list[str]) -> str:
    """Who has joined, for the mentor (learners never see each other's names here)."""
    if not names:
        return '<p class="course-hint">Nobody has joined yet.</p>'
    listed = ", ".join(f"<bdi>{esc(n)}</bdi>" for n in names)
    return f'<p class="course-live-joined"><strong>Joined ({len(names)}):</strong> {listed}</p>'


def code_html(live_session) -> str:
    spaced = " ".join(live_session.code)
    address = join_address(live_session.code)
    where = ""
    if address:
        local = any(h in address for h in ("://127.", "://localhost", "://[::1]"))
        where = (f'<div class="course-live-where"><div class="course-live-qr">{qr_svg(address)}</div>'
                 f'<p>Or point a phone camera at the code, or type <strong>{esc(address)}</strong>.</p>'
                 + ('<p class="course-hint">This page was opened as this computer itself, so the link works only '
                    'here. For phones in the room, serve the course on the network (README, “Serving for a '
                    'room”) and open this page at its network address.</p>' if local else "") + '</div>')
    return (f'<div class="course-live-code" role="group" aria-label="Join code">'
            f'<p class="course-eyebrow">Join code · cohort {esc(live_session.cohort)}</p>'
            f'<p class="course-live-code-value" aria-label="{esc(spaced)}">{esc(live_session.code)}</p>'
            '<p>Learners: sign in, choose <strong>Join a live session</strong> on the course home, '
            'and type this code.</p>' + where + '</div>')


class LiveConsole(LivePage):
    def __init__(self, catalog, store, poll_seconds: float = POLL_SECONDS, autostart: bool = True,
                 wanted: tuple[str | None, str | None] | None = None):
        super().__init__(poll_seconds, autostart)
        self.catalog, self.store = catalog, store
        self.add_class("course-live-console")
        self.shown: tuple | None = None  # (position, revealed) on screen
        self.signature: tuple | None = None  # the counts on screen
        self.empty_ok: str | None = None  # a cohort without learners the mentor chose to open anyway
        self.deadline: float | None = None  # when the current prompt's timer runs out (monotonic)

        # setting up
        self.cohort = w.Combobox(description="Cohort code", placeholder="e.g. spring-2027", ensure_option=False,
                                 continuous_update=False, style={"description_width": "initial"},
                                 layout=w.Layout(width="100%", max_width="30em"))
        self.cohort.observe(lambda _c: self._cohort_changed(), names="value")
        self.picker = PromptPicker(catalog, on_change=self._chosen_changed)
        self.timer = w.Dropdown(options=TIMERS, value=0, description="Timer for each prompt",
                                style={"description_width": "initial"})
        self.start_button = w.Button(description="Start the live session", button_style="primary",
                                     tooltip="Open the session and show its join code")
        self.start_button.on_click(lambda _b: self.start())
        self.resume_picker = w.Dropdown(description="Open sessions", style={"description_width": "initial"},
                                        layout=w.Layout(width="100%", max_width="36em"))
        self.resume_button = w.Button(description="Resume", tooltip="Continue this open session")
        self.resume_button.on_click(lambda _b: self.resume(self.resume_picker.value))
        self.close_other_button = w.Button(description="Close it", tooltip="Close this open session")
        self.close_other_button.on_click(lambda _b: self.close_other(self.resume_picker.value))

        # running
        self.code = html_box()
        self.prompt = html_box("", "course-live-prompt")
        self.clock = html_box("", "course-live-clock")
        self.chart = html_box("", "course-live-chart-box")
        self.waiting_toggle = w.ToggleButton(value=False, description="Show who has not answered",
                                             tooltip="Names, for your own screen: hide them before projecting")
        self.waiting_toggle.observe(lambda _c: self._draw_waiting(), names="value")
        self.waiting = html_box("", "course-live-waiting-box")
        self.reveal_button = w.Button(description="Reveal answers", button_style="primary",
                                      tooltip="Show the right answer and the feedback to everyone")
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.next_button = w.Button(description="Next prompt", tooltip="Move everyone to the next prompt")
        self.next_button.on_click(lambda _b: self.next())
        self.close_button = w.Button(description="Close session", button_style="danger",
                                     tooltip="End the session for everyone")
        self.close_button.on_click(lambda _b: self.close_session())
        self.feedback = html_box("", "course-feedback")
        self.again_button = w.Button(description="Open another session", button_style="primary")
        self.again_button.on_click(lambda _b: self.show_setup())
        self.message = html_box("", "course-live-message")
        for button in (self.start_button, self.resume_button, self.close_other_button, self.reveal_button,
                       self.next_button, self.close_button, self.again_button, self.waiting_toggle):
            button.add_class("course-live-button")
        self.show_setup()
        prompt, cohort = wanted if wanted is not None else wanted_from_address()
        if cohort:
            self.cohort.value = cohort
        if prompt:
            self.picker.add(prompt)  # a ref the content does not have is refused and logged

    @property
    def chosen(self) -> list[str]:
        return self.picker.chosen

    # --- setting up -----------------------------------------------------------------------------

    def show_setup(self) -> None:
        with self._lock:
            self._stop()
            self.live, self.shown, self.signature = None, None, None
            try:
                self.cohort.options = live.known_cohorts(self.store)
                others = live.open_sessions(self.store)
            except StoreError as exc:
                self.message.value = status_html("warn", str(exc))
                others = []
            self.resume_picker.options = [(s.describe(), s.id) for s in others]
            self.resume_picker.value = others[0].id if others else None
            self._chosen_changed()
            parts = [html_box('<h2 class="course-h3">Open a live session</h2>'
                              '<p>Choose the cohort, then the prompts to ask, in order: a saved set for one of the '
                              'facilitator guide\'s session plans, or any self-check, scenario decision or open '
                              'question found by a few of its words. Learners answer from their own page; you see '
                              'the answers arrive, reveal the feedback, and move on.</p>'),
                     self.cohort, self.picker, self.timer, self.start_button, self.message]
            if others:
                parts += [html_box('<h2 class="course-h3">Sessions still open</h2><p>Reloading the page does '
                                   'not end a session: resume it here, or close it.</p>'),
                          self.resume_picker, w.HBox([self.resume_button, self.close_other_button])]
            self.children = parts

    def add_prompt(self, ref) -> None:
        with self._lock:
            self.picker.add(ref)

    def _chosen_changed(self) -> None:
        self.start_button.disabled = not self.picker.chosen

    def _cohort_changed(self) -> None:
        self.empty_ok = None
        self.start_button.description = "Start the live session"

    def start(self) -> None:
        with self._lock:
            cohort = self.cohort.value.strip() if isinstance(self.cohort.value, str) else ""
            try:
                validate_cohort(cohort)
            except ValueError as exc:
                self.message.value = status_html("warn", str(exc))
                return
            try:
                if cohort and self.empty_ok != cohort and live.cohort_size(self.store, cohort) == 0:
                    self.empty_ok = cohort  # a second press opens it: a cohort may fill up as people sign in
                    self.start_button.description = "Open it anyway"
                    known = cohort in (self.cohort.options or ())
                    self.message.value = status_html("warn", (
                        f"Cohort “{cohort}” has no learners yet" + ("" if known else " and is not one this course "
                                                                                      "knows: is the code mistyped?")
                        + ". Nobody could join. Check the code, or press “Open it anyway”."))
                    return
                opened = live.open_session(self.store, self.catalog, cohort, self.picker.chosen)
            except (LiveError, StoreError) as exc:
                self.message.value = status_html("warn", str(exc))
                return
            self.picker.clear()
            self._cohort_changed()
            self._run(opened)

    def resume(self, session_id) -> None:
        with self._lock:
            found = live.get_session(self.store, session_id) if isinstance(session_id, str) else None
            if found is None or not found.is_open:
                self.message.value = status_html("info", "That session is no longer open.")
                self.show_setup()
                return
            self._run(found)

    def close_other(self, session_id) -> None:
        with self._lock:
            if isinstance(session_id, str) and live.get_session(self.store, session_id):
                live.close(self.store, session_id)
                self.message.value = status_html("ok", "Closed.")
            self.show_setup()

    # --- running --------------------------------------------------------------------------------

    def _run(self, opened) -> None:
        self.live = opened
        self.message.value = ""
        self.code.value = code_html(opened)
        self.waiting_toggle.value = False
        self._draw(opened)
        actions = w.HBox([self.reveal_button, self.next_button, self.close_button])
        actions.add_class("course-live-actions")
        self.children = [self.code, self.prompt, self.clock, self.chart, actions, self.waiting_toggle, self.waiting,
                         self.message, self.feedback]
        self._start_polling("live-console")

    def _draw(self, latest, force_chart: bool = True) -> None:
        """Show the session as stored (another mentor tab may have moved it on)."""
        self.live = latest
        prompt = prompt_for(self.catalog, latest.current)
        if (latest.position, latest.revealed) != self.shown:
            if self.shown is None or self.shown[0] != latest.position:
                self.deadline = time.monotonic() + self.timer.value if self.timer.value else None
            self.shown = (latest.position, latest.revealed)
            self.prompt.value = prompt_html(prompt, latest.position + 1, len(latest.prompts))
            self.feedback.value = ('<h3 class="course-h4">Feedback, as learners now see it</h3>'
                                   + feedback_html(prompt, None)) if latest.revealed else ""
            self.reveal_button.disabled = latest.revealed
            self.reveal_button.description = "Close answers" if prompt.kind == "open" else "Reveal answers"
            self.next_button.disabled = not latest.has_next
            self.next_button.description = "Next prompt" if latest.has_next else "Last prompt"
            force_chart = True
        self._draw_clock(latest.revealed)
        counts = live.tally(self.store, self.catalog, latest)
        if force_chart or counts.signature() != self.signature:
            self.signature = counts.signature()
            self.chart.value = chart_html(prompt, counts, latest.revealed) + joined_html(
                live.joined_names(self.store, latest))
            self._draw_waiting()

    def _draw_clock(self, revealed: bool) -> None:
        if self.deadline is None or revealed:
            self.clock.value = ""
            return
        left = max(0, int(round(self.deadline - time.monotonic())))
        self.clock.value = (f'<p class="course-live-timer" role="timer">Time left: {left // 60}:{left % 60:02d}</p>'
                            if left else '<p class="course-live-timer course-live-timer-up" role="status">'
                                         'Time is up.</p>')

    def _draw_waiting(self) -> None:
        shown = self.live is not None and self.waiting_toggle.value
        self.waiting_toggle.description = "Hide who has not answered" if shown else "Show who has not answered"
        self.waiting.value = waiting_html(live.not_answered(self.store, self.live)) if shown else ""

    def poll(self):
        """One look at the store (the poll thread calls this every second). False stops polling."""
        with self._lock:
            if self.live is None:
                return False
            latest = live.get_session(self.store, self.live.id)
            if latest is None or not latest.is_open:
                self._show_closed(self.live)
                return False
            self._draw(latest, force_chart=False)
            return True

    def _move(self, move) -> None:
        """One of the mentor's moves on the open session; a refused one is said in the message line."""
        with self._lock:
            if self.live is None:
                return
            try:
                move()
            except (LiveError, StoreError) as exc:
                self.message.value = status_html("warn", str(exc))

    def reveal(self) -> None:
        self._move(lambda: self._draw(live.reveal(self.store, self.live.id)))

    def next(self) -> None:
        def next_prompt():
            self._draw(live.next_prompt(self.store, self.live.id, self.live.position))
            self.message.value = ""

        self._move(next_prompt)

    def close_session(self) -> None:
        self._move(lambda: self._show_closed(live.close(self.store, self.live.id)))

    def _show_closed(self, closed) -> None:
        self._stop()
        summary = live.session_summary(self.store, closed.id)
        self.live, self.shown, self.signature, self.deadline = None, None, None, None
        joined, answers = summary["joined"], summary["answers"]
        self.message.value = status_html(
            "ok", f"Session {closed.code} is closed: {joined} joined and {answers} answer{'s' * (answers != 1)} "
                  f"{'was' if answers == 1 else 'were'} saved. They appear in the cohort dashboard as live answers.")
        self.children = [html_box('<h2 class="course-h3">Session closed</h2>'), self.message, self.again_button]

