"""The dashboard's Feedback tab: open "ask my mentor" requests first (the one waiting longest leads),
then any learner's work as they wrote it with its thread beside it, where the mentor comments
and scores the work's rubric. Answering in a thread closes its requests. Only the cohorts the
signed-in mentor looks after are offered (course/mentor/feedback.py decides)."""
from __future__ import annotations

import logging

import ipywidgets as w
import jinja2

from course.mentor.feedback import Feedback
from course.ui.common import html_box, rejected, status_html
from course.ui.learner.feedback_thread import FeedbackThread
from course.ui.learner.feedback_works import rubric_for, work_of
from course.ui.learner.goal_checkins import GoalCheckIns
from course.ui.mentor.dashboard_message import MessagePanel
from course.ui.mentor.mentor_notes_box import NotesBox

log = logging.getLogger("course.mentor")
MAX_REQUESTS = 50  # request buttons shown at once; the rest wait in the list below them

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
REQUEST = _ENV.from_string(
    '<p class="course-request"><strong><bdi>{{ name }}</bdi></strong> asked on {{ date }} about '
    '<em>{{ title }}</em> (lesson {{ number }}): “{{ body }}”</p>')
WORK = _ENV.from_string("""
<section class="course-work-view" aria-label="The learner's work: {{ title }}">
<h4 class="course-h4">{{ title }}{% if date %} <span class="course-muted">saved {{ date }}</span>{% endif %}</h4>
{% if text is not none %}<p class="course-thread-body">{{ text }}</p>
{% elif parts %}<dl class="course-work-parts">{% for label, value in parts %}<dt>{{ label }}</dt><dd class="course-thread-body">{{ value }}</dd>{% endfor %}</dl>
{% elif rest %}{{ rest|safe }}
{% else %}<p class="course-muted">Nothing saved yet.</p>{% endif %}
</section>
""")


def _date(stamp) -> str:
    return f"{stamp:%B} {stamp.day}, {stamp.year}" if stamp is not None else ""


def work_html(catalog, work, saved: dict | None, readable_html) -> str:
    """The work as the learner wrote it: a reflection's text, the SBAR draft part by part, how a
    scenario ended, else the stored response in words (`readable_html(item, response)`, escaped)."""
    response = saved.get("response") if saved else None
    text, parts, rest = None, [], ""
    if isinstance(response, dict) and work.kind == "reflection" and isinstance(response.get("text"), str):
        text = response["text"]
    elif isinstance(response, dict) and work.kind == "sbar" and isinstance(response.get("draft"), dict):
        parts = [(p.label, str(response["draft"].get(p.id, ""))) for p in catalog.sbar.parts]
    elif isinstance(response, dict) and work.kind == "scenario-ending":
        scenario = catalog.scenarios.get(work.item.removeprefix("scenario:").removesuffix("/ending"))
        try:
            ending = scenario.node(response.get("ending")).ending if scenario else None
        except (KeyError, TypeError):
            ending = None
        if ending is not None:
            parts = [("Ending reached", f"{ending.title} ({ending.rating})"),
                     ("Choices made", str(len(response.get("path") or [])))]
    elif work.kind == "message":
        rest = '<p class="course-muted">What you wrote to this learner\'s course home, and their replies.</p>'
    elif work.kind == "self-check":
        question = catalog.items[work.item]
        parts = [("Self-check", question.prompt)]
        if response is not None:
            rest = readable_html(work.item, response)
    elif response is not None:
        rest = readable_html(work.item, response)
    return WORK.render(title=work.title, date=_date(saved.get("at")) if saved else "", text=text, parts=parts,
                       rest=rest)


class RequestList(w.VBox):
    """Open requests, oldest first, each with a button that opens its thread."""

    def __init__(self, catalog, store, viewer, cohort_id, names: dict, on_open):
        super().__init__()
        self.catalog, self.store, self.viewer, self.cohort_id = catalog, store, viewer, cohort_id
        self.names, self.on_open = names, on_open
        self.add_class("course-requests")
        self.refresh()

    def refresh(self) -> None:
        try:
            waiting = Feedback(self.store).open_requests(self.viewer, self.cohort_id)
        except Exception:
            log.exception("open requests could not be read")
            self.children = [html_box(status_html("warn", "Learners' questions could not be read; try Reload data."))]
            return
        head = html_box(f'<h3 class="course-h3">Questions waiting for you ({len(waiting)})</h3>' + (
            '<p class="course-hint">A learner pressed “Ask my mentor”. Answer in the thread: that closes the question '
            'and the learner sees your words under their work.</p>' if waiting else
            '<p class="course-muted">No open questions from learners.</p>'))
        rows = []
        for message in waiting[:MAX_REQUESTS]:
            work = work_of(self.catalog, message.work)
            lesson = next((x for x in self.catalog.course.lessons if x.id == message.lesson), None)
            text = REQUEST.render(name=self.names.get(message.learner_id, message.learner_id),
                                  date=_date(message.created_at), title=work.title if work else message.work,
                                  number=lesson.number if lesson else "?", body=message.body)
            answer = w.Button(description="Answer", tooltip="Open this question's thread",
                              layout=w.Layout(width="auto", flex="0 0 auto"))
            answer.on_click(lambda _b, m=message: self.on_open(m.learner_id, m.work))
            row = w.HBox([answer, html_box(text)])
            row.add_class("course-request-row")
            rows.append(row)
        more = ([html_box(f'<p class="course-hint">{len(waiting) - MAX_REQUESTS} more questions wait after these.</p>')]
                if len(waiting) > MAX_REQUESTS else [])
        self.children = [head, *rows, *more]


class FeedbackTab(w.VBox):
    def __init__(self, catalog, store, viewer, cohort_id, learners: list[tuple[str, str]], readable_html, data=None):
        super().__init__()
        self.catalog, self.store, self.viewer, self.cohort_id = catalog, store, viewer, cohort_id
        self.readable_html = readable_html
        self.on_answered = None  # told when a comment is sent (the overview's list of questions)
        self.names = dict(learners)
        self.requests = RequestList(catalog, store, viewer, cohort_id, self.names, self.show_thread)
        self.learner = w.Dropdown(options=[("Choose a learner…", "")] + [(n, lid) for lid, n in learners], value="",
                                  description="Learner", layout=w.Layout(width="100%", max_width="34em"))
        self.work = w.Dropdown(options=[("Choose a piece of work…", "")], value="", description="Work",
                               layout=w.Layout(width="100%", max_width="40em"))
        self.view = html_box()
        self.thread_area = w.VBox()
        self.notes_area = w.VBox()
        self.learner.observe(lambda _c: self._fill_works(), names="value")
        self.work.observe(lambda _c: self._show(), names="value")
        self.children = [html_box('<h2 class="course-h2">Feedback</h2>'), self.requests,
                         html_box('<h3 class="course-h3">Comment on a learner\'s work</h3>'),
                         w.HBox([self.learner, self.work]), self.view, self.thread_area, self.notes_area,
                         MessagePanel(catalog, store, viewer, cohort_id, data, lambda: self.learner.value)]

    def show_thread(self, learner_id: str, work: str) -> None:
        """Show one learner's work and its thread (from a request's Answer button)."""
        if learner_id not in self.names:
            rejected("feedback tab learner", learner_id)
            return
        self.learner.value = learner_id
        self._fill_works(work)

    def _fill_works(self, wanted: str | None = None) -> None:
        lid = self.learner.value
        if lid not in self.names:
            self.work.options, self.work.value = [("Choose a piece of work…", "")], ""
            self.notes_area.children = []
            return
        self.notes_area.children = [NotesBox(self.store, self.viewer, lid, str(self.names[lid]))]
        state = self.store.latest_state(lid)
        threads = {}
        for message in Feedback(self.store).cohort_messages(self.viewer, self.cohort_id):
            if message.learner_id == lid:
                threads.setdefault(message.work, []).append(message)
        items = [i for i in state if work_of(self.catalog, i) and work_of(self.catalog, i).kind != "self-check"]
        items += [i for i in threads if i not in items and work_of(self.catalog, i)]
        lesson_no = {x.id: x.number for x in self.catalog.course.lessons}

        def label(item):
            work = work_of(self.catalog, item)
            said = threads.get(item, [])
            waiting = sum(m.open_request for m in said)
            extra = f" · {len(said)} message{'s' * (len(said) != 1)}" if said else ""
            extra += f" · {waiting} open question{'s' * (waiting != 1)}" if waiting else ""
            where = f"L{lesson_no[work.lesson]}" if work.lesson in lesson_no else "Home"
            return f"{where} · {work.title}{extra}"

        items.sort(key=lambda i: (lesson_no.get(work_of(self.catalog, i).lesson, -1), i))
        self.work.options = [("Choose a piece of work…", "")] + [(label(i), i) for i in items]
        self.work.value = wanted if wanted in items else ""
        self._show()

    def _show(self) -> None:
        lid, item = self.learner.value, self.work.value
        work = work_of(self.catalog, item) if item else None
        if lid not in self.names or work is None:
            if item:
                rejected("feedback tab work", item)
            self.view.value, self.thread_area.children = "", []
            return
        saved = self.store.latest_state(lid).get(item)
        self.view.value = work_html(self.catalog, work, saved, self.readable_html)
        thread = FeedbackThread(self.store, self.viewer, lid, work.lesson, work.item, rubrics=self.catalog.rubrics,
                                rubric=rubric_for(self.catalog, work), title=f"{self.names[lid]}'s {work.title}")
        thread.send.on_click(lambda _b: self._answered())  # an answer closes the learner's question
        extra = []
        if work.kind == "development-plan":  # the near goals' check-ins, beside the plan
            response = saved.get("response") if saved else None
            goals = response.get("goals") if isinstance(response, dict) else None
            extra = [GoalCheckIns(self.store, self.viewer, lid, self.catalog.development_plan,
                                  goals if isinstance(goals, dict) else {})]
        self.thread_area.children = [*extra, thread]

    def _answered(self) -> None:
        self.requests.refresh()
        if self.on_answered is not None:
            self.on_answered()
