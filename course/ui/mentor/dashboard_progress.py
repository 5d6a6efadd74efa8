"""The dashboard's Progress tab: learners x lessons, each cell in words (done, a share, not started),
50 learners a page, and each lesson's completion across the cohort."""
from __future__ import annotations

from course.mentor import analytics
from course.ui.common import esc, html_box
from course.ui.mentor.dashboard_common import DashboardTab, Pager, pct, table


class ProgressTab(DashboardTab):
    def _build(self):
        share, status = analytics.lesson_matrix(self.data, self.catalog)
        self.matrix = (share, status)
        names = self.data.learners.set_index("learner_id")["name"]
        self.heat = Pager(self._heat_rows, "Heatmap")
        self.heat.show([(lid, names.get(lid, lid)) for lid in share.index])
        lessons = analytics.course_lessons(self.catalog)
        complete = [(status[lesson.id] == "complete").mean() if len(status) else 0 for lesson in lessons]
        overall = "".join(f'<li>Lesson {lesson.number}, {esc(lesson.title)}: {pct(c)} complete</li>'
                          for lesson, c in zip(lessons, complete))
        legend = ('<p class="course-hint">Each cell shows how much of a lesson a learner has done: '
                  '<span class="course-heat course-heat-done">✓ done</span> '
                  '<span class="course-heat course-heat-part">60%</span> started '
                  '<span class="course-heat course-heat-none">—</span> not started. The words carry the '
                  'meaning; the color only helps the eye.</p>')
        return [html_box(f'<h2 class="course-h2">Progress: learners × lessons</h2>{legend}'
                         f'<ul class="course-summary">{overall}</ul>'), self.heat]

    def _heat_rows(self, rows, start) -> str:
        share, status = self.matrix
        lessons = analytics.course_lessons(self.catalog)
        head = ["Learner"] + [f'<abbr title="{esc(lesson.title)}">L{lesson.number}</abbr> '
                              f'<span class="course-sr">{esc(lesson.title)}</span>' for lesson in lessons]
        body = []
        for lid, name in rows:
            cells = []
            for lesson in lessons:
                value, state = float(share.at[lid, lesson.id]), status.at[lid, lesson.id]
                if state == "complete":
                    cells.append('<td class="course-heat course-heat-done">✓ done</td>')
                elif state == "not started":
                    cells.append('<td class="course-heat course-heat-none">—</td>')
                else:
                    level = min(3, int(value * 4))
                    cells.append(f'<td class="course-heat course-heat-part course-heat-{level}">{value:.0%}</td>')
            body.append(f'<tr><th scope="row">{esc(name)}</th>{"".join(cells)}</tr>')
        return table("Share of each lesson done, per learner", head, body, "course-table course-heatmap")
