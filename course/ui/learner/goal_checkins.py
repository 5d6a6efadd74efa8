"""Check-ins on the development plan's 30, 60 and 90-day goals: each goal as saved, its latest
status and the line that came with it, the history, and a status and a line to add. Under the plan
builder in lesson 10 for the learner; beside the plan in the dashboard's Feedback tab for a mentor."""
from __future__ import annotations

import logging

import ipywidgets as w
import jinja2

from course.mentor.checkins import COMMENT_MAX, STATUSES, CheckIns, near_horizons
from course.mentor.feedback import FeedbackError, learner_viewer
from course.capstone.plan import goals_item
from course.errors import StoreError
from course.ui.common import html_box, rejected, save_note, status_html
from course.ui.learner.feedback_thread import allow_send

log = logging.getLogger("course")

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
GOAL = _ENV.from_string("""
<h4 class="course-h4">{{ horizon.label }}: {{ goal.goal }}</h4>
<p class="course-hint">Next action: {{ goal.action }}</p>
{% if history %}{% set last = history[-1] %}
<p>Status: <strong>{{ last.status }}</strong>, set by <bdi>{{ last.author_name }}</bdi> ({{ role(last) }}) on {{ date(last.created_at) }}{% if last.comment %}: “{{ last.comment }}”{% endif %}</p>
{% if history|length > 1 %}<details><summary>Earlier check-ins ({{ history|length - 1 }})</summary><ul>
{% for c in history[:-1]|reverse %}<li>{{ date(c.created_at) }} · <bdi>{{ c.author_name }}</bdi>: {{ c.status }}{% if c.comment %}, “{{ c.comment }}”{% endif %}</li>{% endfor %}
</ul></details>{% endif %}
{% else %}<p class="course-muted">No check-in yet.</p>{% endif %}
""")


def _date(stamp) -> str:
    return f"{stamp:%B} {stamp.day}, {stamp.year}"


class GoalCheckIns(w.VBox):
    def __init__(self, store, viewer, learner_id: str, plan_content, goals: dict | None):
        super().__init__()
        self.store, self.viewer, self.learner_id, self.content = store, viewer, learner_id, plan_content
        self.service = CheckIns(store)
        self.add_class("course-goal-checkins")
        self.horizons = {h.id: h for h in near_horizons(plan_content) if isinstance((goals or {}).get(h.id), dict)}
        self.goals = goals or {}
        self.boxes: dict[str, tuple] = {}
        intro = html_box('<h3 class="course-h3">Check-ins on your near goals</h3><p class="course-hint">Say how each '
                         'goal is going; your mentor sees it and can check in too.</p>' if not viewer.is_mentor else
                         '<h3 class="course-h3">Check-ins on the near goals</h3>')
        if not self.horizons:
            self.children = [intro, html_box('<p class="course-muted">No 30, 60 or 90-day goal saved yet: check-ins '
                                             'start once the plan has one.</p>')]
            return
        rows = []
        for hid, horizon in self.horizons.items():
            shown = html_box()
            status = w.Dropdown(options=list(STATUSES), value=STATUSES[0], description=f"{horizon.short}: status",
                                style={"description_width": "initial"})
            line = w.Text(continuous_update=False, value="", description=f"{horizon.short}: a line of comment",
                          placeholder=f"optional, up to {COMMENT_MAX} characters", style={"description_width": "initial"},
                          layout=w.Layout(width="100%", max_width="40em"))
            save = w.Button(description="Save check-in", tooltip=f"Save the check-in on the {horizon.short} goal")
            note = html_box()
            save.on_click(lambda _b, h=hid: self.submit(h))
            self.boxes[hid] = (shown, status, line, note)
            rows.append(w.VBox([shown, status, line, w.HBox([save]), note]))
        self.children = [intro, *rows]
        self.show()

    def show(self) -> None:
        try:
            history = self.service.of(self.viewer, self.learner_id)
        except Exception:
            log.exception("check-ins could not be read")
            history = {}
        role = (lambda c: "mentor" if c.author_role == "mentor" else ("you" if not self.viewer.is_mentor else "learner"))
        for hid, (shown, status, _line, _note) in self.boxes.items():
            past = history.get(hid, [])
            shown.value = GOAL.render(horizon=self.horizons[hid], goal=self.goals[hid], history=past, date=_date,
                                      role=role)
            if past:
                status.value = past[-1].status

    def submit(self, horizon_id: str) -> None:
        if horizon_id not in self.boxes:
            rejected("goal check-in", horizon_id)
            return
        _shown, status, line, note = self.boxes[horizon_id]
        if not allow_send():
            note.value = status_html("warn", save_note("too-fast"))
            return
        try:
            self.service.add(self.viewer, self.learner_id, self.content.lesson, horizon_id, status.value, line.value,
                             set(self.horizons))
        except (FeedbackError, StoreError) as exc:
            note.value = status_html("warn", str(exc))
            return
        line.value = ""
        note.value = status_html("ok", "Check-in saved.")
        self.show()


class PlanCheckIns(w.VBox):
    """The learner's check-ins under the plan builder, rebuilt when the saved goals change."""

    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self._goals = None
        self.build()
        session.on_change(self.build)
        session.on_identity(self.build)

    def build(self) -> None:
        viewer = learner_viewer(self.session.identity)
        store = self.session.store() if viewer else None
        if store is None:
            self.children = []
            return
        content = self.catalog.development_plan
        saved = self.session.state(content.lesson).get(goals_item(content))
        response = saved.get("response") if saved else None
        goals = response.get("goals") if isinstance(response, dict) and isinstance(response.get("goals"), dict) else {}
        if goals == self._goals and self.children:
            return
        self._goals = goals
        self.children = [GoalCheckIns(store, viewer, viewer.id, content, goals)]
