"""The feedback thread under a piece of work: what the mentor wrote (name, date, rubric scores),
the learner's replies, and the box to reply or to ask the mentor.

The same widget serves both sides: under the work in a lesson (the learner, who may reply or ask)
and in the dashboard's Feedback tab (a mentor, who comments and may score the work's rubric).
Who may read and write is decided in course/mentor/feedback.py from the signed-in account; the
messages are rendered by Jinja2 with autoescape, so what anyone typed is shown as text.
"""
from __future__ import annotations

import logging

import ipywidgets as w
import jinja2

from course.mentor.feedback import BODY_MAX, Feedback, FeedbackError, learner_viewer
from course.save_limits import SaveRate
from course.errors import StoreError
from course.ui.common import Draft, html_box, rejected, save_note, status_html

log = logging.getLogger("course")
_RATE = SaveRate()  # one kernel is one page: every thread on it shares the save rate of Session.record


def allow_send() -> bool:
    """False when this page sends faster than a person can (notes, check-ins, messages ask too)."""
    return _RATE.allow()

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
THREAD = _ENV.from_string("""
{% if messages %}
<div class="course-thread" role="group" aria-label="{{ heading }}">{# a group, not a landmark: one learner's view holds many threads #}
<h4 class="course-h4">{{ heading }}</h4>
<ol class="course-thread-list">
{% for m in messages %}
<li class="course-thread-msg course-thread-{{ m.author_role }}">
<p class="course-thread-meta"><strong><bdi>{{ m.author_name }}</bdi></strong>
 · {{ "mentor" if m.author_role == "mentor" else ("you" if mine(m) else "learner") }}
 · <time datetime="{{ m.created_at.isoformat() }}">{{ date(m.created_at) }}</time>
{% if m.kind == "request" %} · <span class="course-thread-ask">asked {{ "the mentor, waiting for an answer" if m.closed_at is none else "the mentor, answered" }}</span>{% endif %}
{% if unseen(m) %} <span class="course-badge course-badge-new">new</span>{% endif %}
</p>
<p class="course-thread-body">{{ m.body }}</p>
{% if m.scores and rubrics.get(m.rubric) %}{% set r = rubrics[m.rubric] %}
<table class="course-table course-rubric-scores"><caption>{{ r.title }} rubric: {{ m.scores.values()|sum }} of {{ r.top * m.scores|length }} on the {{ m.scores|length }} of {{ r.criteria|length }} criteria scored</caption>
<thead><tr><th scope="col">Criterion</th><th scope="col">Score</th><th scope="col">What it means</th></tr></thead><tbody>
{% for c in r.criteria if c.id in m.scores %}
<tr><th scope="row">{{ c.name }}</th><td>{{ m.scores[c.id] }} · {{ r.label_of(m.scores[c.id]) }}</td><td>{{ c.descriptors[m.scores[c.id]] }}</td></tr>
{% endfor %}
</tbody></table>
{% endif %}
</li>
{% endfor %}
</ol></div>
{% endif %}
""")
DESCRIPTORS = _ENV.from_string("""
<details class="course-rubric-guide"><summary>What each score means ({{ r.title }} rubric)</summary>
<table class="course-table"><thead><tr><th scope="col">Criterion</th>
{% for level in r.scale %}<th scope="col">{{ level.score }} · {{ level.label }}</th>{% endfor %}</tr></thead><tbody>
{% for c in r.criteria %}<tr><th scope="row">{{ c.name }}</th>{% for level in r.scale %}<td>{{ c.descriptors[level.score] }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></details>
""")


def _date(stamp) -> str:
    return f"{stamp:%B} {stamp.day}, {stamp.year}"  # March 14, 2027


def thread_html(messages, rubrics: dict, viewer, heading: str, fresh: set[int] = frozenset()) -> str:
    return THREAD.render(messages=messages, rubrics=rubrics, heading=heading, date=_date,
                         mine=lambda m: m.author_role == "learner" and not viewer.is_mentor,
                         unseen=lambda m: m.id in fresh)


class FeedbackThread(w.VBox):
    """One thread. `viewer` reads and writes; `learner_id` owns the work; `rubric` (mentors only)
    adds a score per criterion to a comment."""

    def __init__(self, store, viewer, learner_id: str, lesson: str, work: str, *, rubrics: dict | None = None,
                 rubric=None, can_ask: bool = False, title: str = "this work", draft: Draft | None = None,
                 heading: str | None = None):
        super().__init__()
        self.store, self.viewer, self.learner_id = store, viewer, learner_id
        self.lesson, self.work, self.rubric, self.can_ask = lesson, work, rubric, can_ask
        self.rubrics = rubrics or {}
        self.title = title
        self.heading = heading
        self.draft = draft
        self.add_class("course-mentor-thread")
        self.html = html_box()
        self.status = html_box()
        mentor = viewer.is_mentor
        self.text = w.Textarea(continuous_update=False, value="",
                               description="Your comment" if mentor else "Your message to your mentor",
                               placeholder=f"Plain text, up to {BODY_MAX:,} characters",
                               style={"description_width": "initial"}, layout=w.Layout(width="100%", height="6em"))
        self.text.add_class("course-feedback-text")
        self.send = w.Button(description="Send comment" if mentor else "Send reply", button_style="primary")
        self.send.on_click(lambda _b: self.submit("comment" if mentor else "reply"))
        self.ask = w.Button(description="Ask my mentor", button_style="" if mentor else "primary",
                            tooltip="Your mentor sees this first on their dashboard, until they answer")
        self.ask.on_click(lambda _b: self._ask_clicked())
        self.scores: dict[str, w.Dropdown] = {}
        if mentor and rubric is not None:
            for criterion in rubric.criteria:
                options = [("not scored", -1)] + [(f"{lv.score} · {lv.label}", lv.score) for lv in rubric.scale]
                pick = w.Dropdown(options=options, value=-1, description=criterion.name,
                                  style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="34em"))
                self.scores[criterion.id] = pick
        self.asking = False
        self.refresh()

    # --- showing -------------------------------------------------------------------------------

    def refresh(self, mark_read: bool = True) -> None:
        service = Feedback(self.store)
        try:
            messages = service.thread(self.viewer, self.learner_id, self.work)
            other = "learner" if self.viewer.is_mentor else "mentor"
            fresh = {m.id for m in messages if m.author_role == other and m.read_at is None}
            if fresh and mark_read:
                service.mark_read(self.viewer, self.learner_id, self.work)
        except Exception:  # a broken store must not break the lesson page
            log.exception("a feedback thread could not be read")
            self.html.value = status_html("warn", "Your mentor's feedback could not be read just now; reload the "
                                                  "page in a moment.")
            self.children = [self.html]
            return
        self.messages = messages
        heading = self.heading or (f"Feedback on {self.title}" if self.viewer.is_mentor
                                   else "Your mentor's feedback")
        self.html.value = thread_html(messages, self.rubrics, self.viewer, heading, fresh)
        self._layout()

    def _layout(self) -> None:
        if self.viewer.is_mentor:
            guide = [html_box(DESCRIPTORS.render(r=self.rubric))] if self.rubric is not None else []
            picks = [*guide, *self.scores.values()]
            self.children = [self.html, *picks, self.text, w.HBox([self.send]), self.status]
            return
        if self.draft is not None and not self.text.value:
            kept = self.draft.load()
            if kept and isinstance(kept.get("text"), str):
                self.text.value = kept["text"]
        answered = any(m.author_role == "mentor" for m in self.messages)
        if not answered and not self.can_ask:  # nobody to write to: the thread, if any, is all
            self.children = [self.html] if self.messages else []
            return
        writing = answered or self.asking or bool(self.text.value)
        if answered:  # a reply, or a question that waits on the dashboard until answered
            self.ask.description = "Send as a question"
            buttons = [self.send] + ([self.ask] if self.can_ask else [])
        else:
            self.ask.description = "Send to my mentor" if writing else "Ask my mentor…"
            buttons = [self.ask]
        self.children = [self.html, *([self.text] if writing else []), w.HBox(buttons), self.status]

    # --- writing -------------------------------------------------------------------------------

    def _ask_clicked(self) -> None:
        if self.ask.description == "Ask my mentor…":  # the first press opens the box; the next sends
            self.asking = True
            self._layout()
            self.status.value = status_html("info", "Write what you would like your mentor to explain, then "
                                                    "press Send to my mentor.")
            return
        self.submit("request")

    def submit(self, kind: str) -> None:
        if kind == "request" and not self.can_ask:
            rejected("feedback thread", "request without a mentor")
            return
        raw = self.text.value
        if not allow_send():  # a forged client pressing Send thousands of times
            self.status.value = status_html("warn", save_note("too-fast"))
            return
        scores = {}
        for criterion_id, pick in self.scores.items():
            if pick.value not in (-1, None):
                scores[criterion_id] = pick.value
        try:
            Feedback(self.store).post(self.viewer, self.learner_id, self.lesson, self.work, raw, kind=kind,
                                      rubric=self.rubric if scores else None, scores=scores or None)
        except FeedbackError as exc:
            if self.draft is not None and isinstance(raw, str) and raw.strip():
                self.draft.keep({"text": raw})  # a refused message stays, also after a reload
            self.status.value = status_html("warn", str(exc))
            return
        except StoreError as exc:
            self.status.value = status_html("warn", f"{exc} Your message is still in the box.")
            return
        if self.draft is not None:
            self.draft.clear()
        self.text.value = ""
        for pick in self.scores.values():
            pick.value = -1
        self.asking = False
        said = {"comment": "Comment sent: the learner sees it under their work.",
                "reply": "Reply sent to your mentor.",
                "request": "Sent: your mentor sees your question on their dashboard and answers here."}[kind]
        self.refresh(mark_read=False)
        self.status.value = status_html("ok", said)


class WorkFeedback(w.VBox):
    """Under a piece of work in a lesson: the signed-in learner's thread on it, built once someone is
    signed in (a preheated page learns who visits later), and nothing without a sign-in.
    `only_if_any`: show nothing until the thread has a message (the course home's messages)."""

    def __init__(self, session, lesson: str, work: str, rubrics: dict, title: str = "this work",
                 heading: str | None = None, only_if_any: bool = False):
        super().__init__()
        self.session, self.lesson, self.work, self.title = session, lesson, work, title
        self.rubrics, self.heading, self.only_if_any = rubrics, heading, only_if_any
        self.add_class("course-work-feedback")
        self.thread: FeedbackThread | None = None
        self.build()
        session.on_identity(self.build)

    def build(self) -> None:
        viewer = learner_viewer(self.session.identity)
        store = self.session.store() if viewer else None
        if viewer is None or store is None:
            self.thread, self.children = None, []
            return
        self.thread = FeedbackThread(
            store, viewer, viewer.id, self.lesson, self.work, rubrics=self.rubrics,
            can_ask=bool(self.session.identity.cohort), title=self.title, heading=self.heading,
            draft=Draft(self.session, self.lesson, self.work + "/feedback"))
        self.children = [self.thread] if self.thread.children and (
            self.thread.messages or not self.only_if_any) else []
