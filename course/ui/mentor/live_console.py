"""The mentor's side of a live session: choose a cohort and a sequence of prompts, open the session,
show the join code big, watch the answers arrive as a bar chart, reveal, move on, close.

Built only after the mentor gate lets the mentor in. A daemon thread polls the store about once a
second and redraws the chart when the counts change (no reload); it stops when the session closes
or the widget is closed, and it ends with the kernel. The chart shows counts, never names.
"""
from __future__ import annotations

import threading

import ipywidgets as w

from course.mentor import live
from course.mentor.live import LiveError, POLL_SECONDS
from course.errors import StoreError
from course.ui.common import esc, html_box, rejected, status_html
from course.ui.learner.live_join import feedback_html, prompt_html

BAR_MAX_PX = 320


def chart_html(prompt, tally, revealed: bool) -> str:
    """The answers as an HTML bar chart that is also a table: option, count, bar.

    The table is the text alternative: a screen reader reads option and count; the bars are
    decoration. The right option is marked (in words) only once revealed: the room may be
    looking at this page on a projector."""
    top = max([n for _, n in tally.counts] + [1])
    rows = []
    for i, (option, count) in enumerate(tally.counts):
        width = round(BAR_MAX_PX * count / top) if count else 0
        right = option.correct and revealed
        mark = f' <span class="course-live-right">✓ {esc(prompt.right_label)}</span>' if right else ""
        rows.append(
            f'<tr class="{"course-live-row-right" if right else "course-live-row"}">'
            f'<th scope="row"><span class="course-live-letter">{live.letter(i)}.</span> {esc(option.text)}{mark}</th>'
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


class LiveConsole(w.VBox):
    def __init__(self, catalog, store, poll_seconds: float = POLL_SECONDS, autostart: bool = True):
        super().__init__()
        self.catalog, self.store = catalog, store
        self.poll_seconds, self.autostart = poll_seconds, autostart
        self.add_class("course-live-console")
        self._lock = threading.RLock()
        self.live: live.LiveSession | None = None
        self.poller: live.Poller | None = None
        self.shown: tuple | None = None  # (position, revealed) on screen
        self.signature: tuple | None = None  # the counts on screen
        self.chosen: list[str] = []  # prompt refs for the next session, in order
        self.prompts = {p.ref: p for p in live.available_prompts(catalog)}

        # setting up
        self.cohort = w.Combobox(description="Cohort code", placeholder="e.g. spring-2027", ensure_option=False,
                                 style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="30em"))
        self.picker = w.Dropdown(options=[("Choose a prompt…", None)] + [(p.label, p.ref) for p in self.prompts.values()],
                                 index=0, description="Prompt", style={"description_width": "initial"},
                                 layout=w.Layout(width="100%"))
        self.picker.add_class("course-live-picker")
        self.add_button = w.Button(description="Add to the session", tooltip="Add this prompt to the session")
        self.add_button.on_click(lambda _b: self.add_prompt(self.picker.value))
        self.remove_button = w.Button(description="Remove the last", tooltip="Remove the last prompt")
        self.remove_button.on_click(lambda _b: self.remove_last())
        self.chosen_html = html_box("", "course-live-chosen")
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
        self.chart = html_box("", "course-live-chart-box")
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
        for button in (self.add_button, self.remove_button, self.start_button, self.resume_button,
                       self.close_other_button, self.reveal_button, self.next_button, self.close_button,
                       self.again_button):
            button.add_class("course-live-button")
        self.show_setup()

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
            self._draw_chosen()
            parts = [html_box('<h2 class="course-h3">Open a live session</h2>'
                              '<p>Choose the cohort, then the prompts to ask, in order: self-checks from the '
                              'lessons or decisions from the scenarios. Learners answer from their own page; '
                              'you see the answers arrive, reveal the feedback, and move on.</p>'),
                     self.cohort, self.picker, w.HBox([self.add_button, self.remove_button]),
                     self.chosen_html, self.start_button, self.message]
            if others:
                parts += [html_box('<h2 class="course-h3">Sessions still open</h2><p>Reloading the page does '
                                   'not end a session: resume it here, or close it.</p>'),
                          self.resume_picker, w.HBox([self.resume_button, self.close_other_button])]
            self.children = parts

    def add_prompt(self, ref) -> None:
        with self._lock:
            if ref is None:
                self.message.value = status_html("info", "Choose a prompt first.")
                return
            if ref not in self.prompts:
                rejected("live console", ref)
                return
            if len(self.chosen) >= live.MAX_PROMPTS:
                self.message.value = status_html("warn", f"A session asks at most {live.MAX_PROMPTS} prompts.")
                return
            self.chosen.append(ref)
            self.message.value = ""
            self.picker.index = 0
            self._draw_chosen()

    def remove_last(self) -> None:
        with self._lock:
            if self.chosen:
                self.chosen.pop()
            self._draw_chosen()

    def _draw_chosen(self) -> None:
        if not self.chosen:
            self.chosen_html.value = '<p class="course-hint">No prompts added yet.</p>'
        else:
            items = "".join(f"<li>{esc(self.prompts[r].label)}</li>" for r in self.chosen)
            self.chosen_html.value = (f'<p><strong>The session will ask, in this order:</strong></p>'
                                      f'<ol class="course-live-list">{items}</ol>')
        self.start_button.disabled = not self.chosen

    def start(self) -> None:
        with self._lock:
            cohort = self.cohort.value if isinstance(self.cohort.value, str) else ""
            try:
                opened = live.open_session(self.store, self.catalog, cohort, self.chosen)
            except LiveError as exc:
                self.message.value = status_html("warn", str(exc))
                return
            except StoreError as exc:
                self.message.value = status_html("warn", str(exc))
                return
            self.chosen = []
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
        self._draw(opened)
        self.children = [self.code, self.prompt, self.chart,
                         w.HBox([self.reveal_button, self.next_button, self.close_button]),
                         self.message, self.feedback]
        self.children[3].add_class("course-live-actions")
        if self.autostart:
            self.poller = live.Poller(self.poll, self.poll_seconds, name="live-console").start()

    def _draw(self, latest, force_chart: bool = True) -> None:
        """Show the session as stored (another mentor tab may have moved it on)."""
        self.live = latest
        prompt = live.prompt_for(self.catalog, latest.current)
        if (latest.position, latest.revealed) != self.shown:
            self.shown = (latest.position, latest.revealed)
            self.prompt.value = prompt_html(prompt, latest.position + 1, len(latest.prompts))
            self.feedback.value = ('<h3 class="course-h4">Feedback, as learners now see it</h3>'
                                   + feedback_html(prompt, None)) if latest.revealed else ""
            self.reveal_button.disabled = latest.revealed
            self.next_button.disabled = not latest.has_next
            self.next_button.description = "Next prompt" if latest.has_next else "Last prompt"
            force_chart = True
        counts = live.tally(self.store, self.catalog, latest)
        if force_chart or counts.signature() != self.signature:
            self.signature = counts.signature()
            self.chart.value = chart_html(prompt, counts, latest.revealed) + joined_html(
                live.joined_names(self.store, latest))

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

    def reveal(self) -> None:
        with self._lock:
            if self.live is None:
                return
            try:
                self._draw(live.reveal(self.store, self.live.id))
            except (LiveError, StoreError) as exc:
                self.message.value = status_html("warn", str(exc))

    def next(self) -> None:
        with self._lock:
            if self.live is None:
                return
            try:
                self._draw(live.next_prompt(self.store, self.live.id, self.live.position))
                self.message.value = ""
            except (LiveError, StoreError) as exc:
                self.message.value = status_html("warn", str(exc))

    def close_session(self) -> None:
        with self._lock:
            if self.live is None:
                return
            try:
                closed = live.close(self.store, self.live.id)
            except (LiveError, StoreError) as exc:
                self.message.value = status_html("warn", str(exc))
                return
            self._show_closed(closed)

    def _show_closed(self, closed) -> None:
        self._stop()
        summary = live.session_summary(self.store, closed.id)
        self.live, self.shown, self.signature = None, None, None
        self.message.value = status_html(
            "ok", f"Session {closed.code} is closed: {summary['joined']} joined and {summary['answers']} answers "
                  f"were saved. They appear in the cohort dashboard as live answers.")
        self.children = [html_box('<h2 class="course-h3">Session closed</h2>'), self.message, self.again_button]

    def _stop(self) -> None:
        if self.poller:
            self.poller.stop()
            self.poller = None

    def close(self) -> None:
        self._stop()
        super().close()
