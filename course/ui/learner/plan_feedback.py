"""Lesson 10: which of the mentor's comments the learner keeps in their development plan.

Every comment a mentor wrote on this learner's work is listed with a box to tick; "Keep the ticked
comments" saves them, as they read now, under the plan's kept-feedback item, and the plan's
documents show them (course/capstone/reading.kept_feedback). The comments are read here, in the
kernel, through course/mentor/feedback.py for the signed-in learner: the page only says which boxes
are ticked, so no one else's feedback can be kept, and a tampered id is ignored.
"""
from __future__ import annotations

import ipywidgets as w
import jinja2

from course.capstone.plan import kept_feedback_item
from course.mentor.feedback import Feedback, learner_viewer
from course.save_limits import REFUSED
from course.ui.common import html_box, save_note, status_html
from course.ui.learner.feedback_works import work_of

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
COMMENT = _ENV.from_string(
    '<p class="course-thread-meta"><strong><bdi>{{ m.author_name }}</bdi></strong> on {{ work }} · '
    '<time datetime="{{ m.created_at.isoformat() }}">{{ m.created_at.day }} {{ "{:%B %Y}".format(m.created_at) }}'
    '</time></p><p class="course-thread-body">{{ m.body }}</p>')


class KeptFeedback(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.item = kept_feedback_item(catalog.development_plan)
        self.add_class("course-plan-kept-feedback")
        self.intro = html_box('<h4 class="course-h4">Your mentor’s feedback in your plan</h4>'
                              '<p class="course-hint">Tick the comments you want to keep in your development plan '
                              'and its downloads; the others stay in the lessons, where they were written.</p>')
        self.keep_button = w.Button(description="Keep the ticked comments", tooltip="Keep them in my plan")
        self.keep_button.on_click(lambda _b: self.keep())
        self.status = html_box("", "course-plan-kept-status")
        self.boxes: dict[int, w.Checkbox] = {}
        self.comments: dict = {}
        self.build()
        session.on_identity(self.build)

    def _mentor_comments(self) -> list:
        viewer = learner_viewer(self.session.identity)
        store = self.session.store() if viewer else None
        if store is None:
            return []
        return [m for m in Feedback(store).learner_messages(viewer, viewer.id)
                if m.author_role == "mentor" and m.kind == "comment"]

    def _kept_ids(self) -> set[int]:
        saved = self.session.state(self.catalog.development_plan.lesson).get(self.item)
        kept = (saved.get("response") or {}).get("kept") if saved else None
        return {k.get("id") for k in kept if isinstance(k, dict)} if isinstance(kept, list) else set()

    def _work_title(self, message) -> str:
        work = work_of(self.catalog, message.work)
        return work.title if work else "your work"

    def build(self) -> None:
        try:
            comments = self._mentor_comments() if self.session.identity else []
        except Exception:  # the plan still works without them; say so
            self.children = [self.intro, html_box(status_html("warn", "Your mentor's comments could not be read "
                                                                      "just now. Reload the page to try again."))]
            return
        if not comments:
            self.boxes, self.comments, self.children = {}, {}, []  # nothing to keep: nothing to show
            return
        kept = self._kept_ids()
        self.comments = {m.id: m for m in comments}
        self.boxes, rows = {}, []
        for m in comments:
            box = w.Checkbox(value=m.id in kept, description="Keep this comment in my plan", indent=False)
            self.boxes[m.id] = box
            row = w.VBox([html_box(COMMENT.render(m=m, work=self._work_title(m))), box])
            row.add_class("course-plan-kept-comment")
            rows.append(row)
        self.children = [self.intro, *rows, w.HBox([self.keep_button, self.status])]

    def keep(self) -> None:
        """Save the ticked comments, each as the kernel read it (never what the page sends)."""
        ticked = [mid for mid, box in self.boxes.items() if box.value is True and mid in self.comments]
        kept = [{"id": m.id, "work": self._work_title(m), "author": m.author_name, "day": m.created_at.date().isoformat(),
                 "body": m.body} for m in (self.comments[mid] for mid in ticked)]
        saved = self.session.record(lesson=self.catalog.development_plan.lesson, item=self.item, kind="exercise",
                                    response={"kept": kept})
        if saved in REFUSED:
            self.status.value = status_html("warn", save_note(saved))
            return
        n = len(kept)
        said = (f"{n} {'comment' if n == 1 else 'comments'} kept in your plan." if n
                else "No comment is kept in your plan now.")
        self.status.value = status_html("ok" if saved != "waiting" else "warn",
                                        f"{said} {save_note(saved)} Prepare your plan below to download it.")
