"""The mentor's private notes on one learner, in the dashboard's Feedback tab: the notes so far
(author, date) and a box to add one. Never built on a learner's page; course/mentor/notes.py refuses
anyone but a mentor of the learner's cohort."""
from __future__ import annotations

import logging

import ipywidgets as w
import jinja2

from course.mentor.feedback import BODY_MAX, FeedbackError
from course.mentor.notes import Notes
from course.errors import StoreError
from course.ui.common import html_box, save_note, status_html
from course.ui.learner.feedback_thread import allow_send

log = logging.getLogger("course.mentor")

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
NOTES = _ENV.from_string("""
<h4 class="course-h4">Your private notes on <bdi>{{ name }}</bdi></h4>
<p class="course-hint">For mentors only: {{ name }} never sees these, and they are in no export.</p>
{% if notes %}<ol class="course-thread-list">
{% for n in notes %}<li class="course-thread-msg"><p class="course-thread-meta"><strong><bdi>{{ n.author_name }}</bdi></strong>
 · <time datetime="{{ n.created_at.isoformat() }}">{{ date(n.created_at) }}</time></p>
<p class="course-thread-body">{{ n.body }}</p></li>
{% endfor %}</ol>
{% else %}<p class="course-muted">No notes yet.</p>{% endif %}
""")


class NotesBox(w.VBox):
    def __init__(self, store, viewer, learner_id: str, name: str):
        super().__init__()
        self.notes, self.viewer, self.learner_id, self.name = Notes(store), viewer, learner_id, name
        self.add_class("course-mentor-notes")
        self.list = html_box()
        self.text = w.Textarea(continuous_update=False, value="", description="Private note",
                               placeholder=f"Only mentors see this; up to {BODY_MAX:,} characters",
                               style={"description_width": "initial"}, layout=w.Layout(width="100%", height="5em"))
        self.save = w.Button(description="Save note")
        self.save.on_click(lambda _b: self.submit())
        self.status = html_box()
        self.children = [self.list, self.text, w.HBox([self.save]), self.status]
        self.show()

    def show(self) -> None:
        self.list.value = NOTES.render(name=self.name, notes=self.notes.of(self.viewer, self.learner_id),
                                       date=lambda d: f"{d:%B} {d.day}, {d.year}")

    def submit(self) -> None:
        if not allow_send():
            self.status.value = status_html("warn", save_note("too-fast"))
            return
        try:
            self.notes.add(self.viewer, self.learner_id, self.text.value)
        except (FeedbackError, StoreError) as exc:
            self.status.value = status_html("warn", f"{exc} What you wrote is still in the box.")
            return
        self.text.value = ""
        self.show()
        self.status.value = status_html("ok", "Note saved (for mentors only).")
