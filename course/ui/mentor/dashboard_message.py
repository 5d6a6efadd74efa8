"""Reach learners from the dashboard: a message to the learner chosen above, or to a group (everyone
behind the schedule, everyone who has not saved the lesson 01 reflection, ...). Each learner gets
their own copy on their course home, where they can reply; the mentor reads replies in the
Feedback tab under "Messages" for that learner."""
from __future__ import annotations

import logging

import ipywidgets as w

from course.mentor.audiences import audiences
from course.mentor.feedback import BODY_MAX, Feedback, FeedbackError
from course.mentor.schedule import Schedule, today
from course.errors import StoreError
from course.ui.common import html_box, rejected, save_note, status_html
from course.ui.learner.feedback_thread import allow_send

log = logging.getLogger("course.mentor")
CHOSEN = "chosen"


class MessagePanel(w.VBox):
    def __init__(self, catalog, store, viewer, cohort_id, data, chosen_learner):
        """`chosen_learner()` is the learner picked in the Feedback tab (an id, or "")."""
        super().__init__()
        self.store, self.viewer, self.chosen_learner = store, viewer, chosen_learner
        self.add_class("course-message-panel")
        dates = Schedule(store).dates(cohort_id) if cohort_id else {}
        self.groups = {a.key: a for a in audiences(catalog, data, dates, today())}
        options = [("The learner chosen above", CHOSEN)] + [
            (f"{a.label} ({len(a.learner_ids):,})", a.key) for a in self.groups.values()]
        self.to = w.Dropdown(options=options, value=CHOSEN, description="Send to",
                             style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="40em"))
        self.text = w.Textarea(continuous_update=False, value="", description="Message",
                               placeholder=f"Shown on each learner's course home; up to {BODY_MAX:,} characters",
                               style={"description_width": "initial"}, layout=w.Layout(width="100%", height="5em"))
        self.send = w.Button(description="Send message", button_style="primary")
        self.send.on_click(lambda _b: self.submit())
        self.status = html_box()
        self.children = [html_box('<h3 class="course-h3">Message learners</h3><p class="course-hint">Each learner '
                                  'sees it on their course home and can reply; nobody sees who else got it.</p>'),
                         self.to, self.text, w.HBox([self.send]), self.status]

    def recipients(self) -> list[str]:
        if self.to.value == CHOSEN:
            chosen = self.chosen_learner()
            return [chosen] if chosen else []
        group = self.groups.get(self.to.value)
        if group is None:
            rejected("message audience", self.to.value)
            return []
        return list(group.learner_ids)

    def submit(self) -> None:
        if not allow_send():
            self.status.value = status_html("warn", save_note("too-fast"))
            return
        who = self.recipients()
        if not who:
            self.status.value = status_html("info", "Choose a learner above, or a group, first.")
            return
        try:
            sent = Feedback(self.store).message_many(self.viewer, who, self.text.value)
        except (FeedbackError, StoreError) as exc:
            self.status.value = status_html("warn", f"{exc} Your message is still in the box.")
            return
        self.text.value = ""
        self.status.value = status_html("ok", f"Sent to {sent:,} learner{'s' * (sent != 1)}: each sees it on their "
                                              "course home.")
