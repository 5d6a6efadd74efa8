"""The dashboard's Self-checks tab: every item with who answered, the share right on the first
try and the most chosen wrong answer; in course order or hardest first (weighed by evidence,
course/mentor/item_stats.py), 25 rows a page, each choice item with a link that opens the live
console with it ready to ask. Then the questions asked in live sessions."""
from __future__ import annotations

from urllib.parse import urlencode

import ipywidgets as w

from course.mentor import item_stats, learner_record
from course.mentor.live_prompts import askable
from course.ui.common import esc, html_box
from course.ui.learner.header import link
from course.ui.mentor.dashboard_common import Pager, bar, date_text, pct, table

ITEM_PAGE = 25
LIVE_PAGE = "live-session.ipynb"


def live_link(session, ref: str, cohort) -> str:
    """The live console with this prompt added and the cohort filled in (a new tab, so the
    dashboard stays where it is)."""
    query = {"prompt": ref, **({"cohort": cohort} if cohort else {})}
    return link(f"{LIVE_PAGE}?{urlencode(query)}", session)


class ItemsTab(w.VBox):
    def __init__(self, catalog, session, data, cohort_id):
        super().__init__()
        self.catalog, self.session, self.cohort_id = catalog, session, cohort_id
        self.frame = item_stats.item_analysis(data, catalog)
        self.lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
        self.order = w.Dropdown(options=[("Course order", "course"), ("Hardest first (by the evidence)", "hardest")],
                                value="course", description="Order", style={"description_width": "initial"})
        self.pager = Pager(self._rows, "Self-checks", ITEM_PAGE)
        self.order.observe(lambda _c: self.draw(), names="value")
        self.draw()
        live = learner_record.live_summary(data, catalog)
        live_rows = [f'<tr><td>{esc(r.code)}</td><td class="course-date">{date_text(r.at)}</td>'
                     f'<th scope="row">{esc(r.prompt)}</th><td class="course-num">{r.answers}</td>'
                     f'<td class="course-num">{pct(r.correct_share)}</td>'
                     f'<td>{esc(r.top_answer)} <span class="course-muted">({r.top_count})</span></td></tr>'
                     for r in live.itertuples(index=False)]
        live_table = html_box('<h3 class="course-h3">Questions asked in live sessions</h3>' + table(
            "Live-session answers: right (or as an experienced manager would choose), and the most "
            "chosen answer", ["Code", "Date", "Question", "Answers", "Right", "Most chosen"], live_rows))
        hint = (f'A low first-try share with one popular wrong answer usually points to one misunderstanding '
                f'worth discussing with the group. “Hardest first” ranks items answered by at least '
                f'{item_stats.MIN_ANSWERS_TO_RANK} learners by how high their share could plausibly be, so an item '
                'two of five got wrong does not lead; thinly answered items follow.')
        self.children = [html_box(f'<h2 class="course-h2">Self-checks</h2><p class="course-hint">{esc(hint)}</p>'),
                         self.order, self.pager, live_table]

    def draw(self) -> None:
        shown = item_stats.hardest_first(self.frame) if self.order.value == "hardest" else self.frame
        self.pager.show(list(shown.itertuples(index=False)))

    def _rows(self, rows, start) -> str:
        body = []
        for r in rows:
            lesson = self.lessons.get(r.lesson)
            wrong = (f'{esc(r.top_wrong)} <span class="course-muted">({r.top_wrong_count} of {r.wrong_first})</span>'
                     if r.top_wrong else "—")
            thin = (' <span class="course-muted">(few answers)</span>'
                    if 0 < r.learners < item_stats.MIN_ANSWERS_TO_RANK else "")
            ask = (f'<a href="{esc(live_link(self.session, r.item, self.cohort_id))}" target="_blank" '
                   f'rel="noopener">Ask in a live session</a>' if askable(self.catalog, r.item) else
                   '<span class="course-muted">not a choice item</span>')
            body.append(f'<tr><td>L{lesson.number if lesson else "?"}</td><th scope="row">{esc(r.prompt)}'
                        f'<br><span class="course-muted">{esc(r.item)} · {esc(r.kind)}</span></th>'
                        f'<td class="course-num">{r.learners}</td>'
                        f'<td class="course-num">{pct(r.first_try_share)}{thin} {bar(r.first_try_share)}</td>'
                        f'<td>{wrong}</td><td>{ask}</td></tr>')
        return table("Self-checks: who answered, the share right on the first try, and the wrong answer chosen "
                     "most often on a first try", ["Lesson", "Self-check", "Learners", "Right on the first try",
                                                   "Most chosen wrong answer", "Live"], body)
