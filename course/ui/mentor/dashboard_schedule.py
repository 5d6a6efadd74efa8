"""The dashboard's Schedule tab: the date each lesson is due for this cohort (typed as 2027-03-14
or 3/14/2027; empty clears it), saved together, and the learners behind it: every lesson past its
date that a learner has not completed, most overdue first. A refused date keeps everything typed
and names the lesson whose date needs fixing."""
from __future__ import annotations

import logging

import ipywidgets as w
import jinja2

from course.mentor import analytics
from course.mentor.schedule import Schedule, ScheduleError, due_for, parse_due, today
from course.ui.common import html_box, problems_html, status_html

log = logging.getLogger("course.mentor")

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
BEHIND = _ENV.from_string("""
<h3 class="course-h3">Behind the schedule ({{ rows|length }} learner{{ "s" if rows|length != 1 }})</h3>
{% if rows %}
<table class="course-table course-overdue-table"><caption>Lessons past their due date and not complete, most overdue first</caption>
<thead><tr><th scope="col">Learner</th><th scope="col">Overdue lessons</th></tr></thead><tbody>
{% for name, due in rows %}
<tr><th scope="row"><bdi>{{ name }}</bdi></th><td>{% for d in due %}<span class="course-overdue">Lesson {{ d.lesson.number }}, {{ d.words }}</span>{{ "; " if not loop.last }}{% endfor %}</td></tr>
{% endfor %}
</tbody></table>
{% else %}<p class="course-muted">Nobody is behind: no lesson is past its date without being complete.</p>{% endif %}
""")


def behind(catalog, data, dates: dict, on) -> list[tuple[str, list]]:
    """(learner's name, overdue Due list) for everyone with a lesson past its date and not complete."""
    if not dates or data is None or not len(data.learners):
        return []
    _share, status = analytics.lesson_matrix(data, catalog)
    names = dict(zip(data.learners["learner_id"], data.learners["name"]))
    rows = []
    for lid in status.index:
        complete = {lesson for lesson in status.columns if status.at[lid, lesson] == "complete"}
        late = [d for d in due_for(catalog, dates, complete, on) if d.overdue]
        if late:
            rows.append((str(names.get(lid, lid)), late))
    return sorted(rows, key=lambda r: (r[1][0].due_on, -len(r[1]), r[0].casefold()))


class ScheduleTab(w.VBox):
    def __init__(self, catalog, store, data, cohort_id, set_by: str | None):
        super().__init__()
        self.catalog, self.store, self.data, self.cohort_id, self.set_by = catalog, store, data, cohort_id, set_by
        self.schedule = Schedule(store)
        self.status = html_box()
        self.behind = html_box()
        intro = html_box('<h2 class="course-h2">Schedule</h2>'
                         '<p>When each lesson is due for this cohort. Learners see the next dates on their course '
                         'home; a lesson past its date and not complete marks the learner as behind. Type a date '
                         'as 2027-03-14 or 3/14/2027; leave a box empty for no date. From a terminal: '
                         '<code>course cohort schedule COHORT LESSON DATE</code>.</p>')
        if cohort_id is None:
            self.children = [intro, html_box(status_html("info", "Learners without a cohort have no schedule: "
                                                                 "choose a cohort."))]
            return
        dates = self.schedule.dates(cohort_id)
        self.fields = {}
        for lesson in catalog.published():
            due = dates.get(lesson.id)
            box = w.Text(value=due.isoformat() if due else "", placeholder="YYYY-MM-DD", continuous_update=False,
                         description=f"Lesson {lesson.number}: {lesson.title}", style={"description_width": "initial"},
                         layout=w.Layout(width="100%", max_width="40em"))
            box.add_class(f"course-due-{lesson.id}")
            self.fields[lesson.id] = box
        self.save = w.Button(description="Save schedule", button_style="primary")
        self.save.on_click(lambda _b: self.submit())
        self.children = [intro, self.behind, *self.fields.values(), w.HBox([self.save]), self.status]
        self.show_behind(dates)

    def show_behind(self, dates: dict) -> None:
        self.behind.value = BEHIND.render(rows=behind(self.catalog, self.data, dates, today()))

    def submit(self) -> None:
        wanted, problems = {}, []
        for lesson_id, box in self.fields.items():
            try:
                wanted[lesson_id] = parse_due(box.value)
            except ScheduleError as exc:
                problems.append(f"{box.description}: {exc}")
        if problems:
            self.status.value = status_html("warn", "Not saved: fix the dates below; what you typed is kept.") + \
                problems_html(problems)
            return
        current = self.schedule.dates(self.cohort_id)
        try:
            for lesson_id, due in wanted.items():
                if current.get(lesson_id) != due:
                    self.schedule.set_due(self.cohort_id, lesson_id, due, self.set_by)
        except Exception:
            log.exception("the schedule could not be saved")
            self.status.value = status_html("warn", "The schedule could not be saved; what you typed is kept. "
                                                    "The server log has the details.")
            return
        dates = self.schedule.dates(self.cohort_id)
        for lesson_id, box in self.fields.items():  # the dates as saved, in one form
            box.value = dates[lesson_id].isoformat() if lesson_id in dates else ""
        self.show_behind(dates)
        self.status.value = status_html("ok", f"Schedule saved: {len(dates)} lesson{'s' * (len(dates) != 1)} "
                                              "with a due date.")


def behind_note(catalog, store, data, cohort_id) -> str:
    """One line for the overview when anyone is behind the schedule."""
    if cohort_id is None:
        return ""
    rows = behind(catalog, data, Schedule(store).dates(cohort_id), today())
    if not rows:
        return ""
    names = ", ".join(name for name, _due in rows[:5]) + (" and others" if len(rows) > 5 else "")
    return status_html("warn", f"{len(rows)} learner{'s are' if len(rows) != 1 else ' is'} behind the cohort's "
                               f"schedule ({names}): see the Schedule tab.")
