"""The dashboard's overview: the cohort in two lines, learners' questions, who may need help
(ranked by reason, every name opening that learner), who is behind the schedule, then the
roster. Every name and text a learner wrote goes through esc() or a Button's plain label."""
from __future__ import annotations

import ipywidgets as w

from course.mentor import analytics, help_flags
from course.numbers import read_number
from course.ui.common import esc, html_box, problems_html, rejected, status_html
from course.ui.mentor.dashboard_common import (Pager, ago_text, date_text, demo_tag, link_button, pct, plural,
                                               table)
from course.ui.mentor.dashboard_feedback import RequestList
from course.ui.mentor.dashboard_schedule import behind_note

ROSTER_KEYS = ("name", "lessons_done", "last_active", "first_try_share")
HELP_PAGE = 20  # rows of buttons: a short page keeps the list above the roster easy to scan


class OverviewTab(w.VBox):
    def __init__(self, catalog, store, data, cohort_id, viewer, open_learner, answer):
        super().__init__()
        self.catalog, self.data, self.open_learner = catalog, data, open_learner
        progress = analytics.learner_progress(data, catalog)
        lessons = analytics.course_lessons(catalog)
        n = len(progress)
        done_all = int((progress["lessons_done"] == len(lessons)).sum()) if n else 0
        active_week = int((progress["days_inactive"].fillna(9999) < 7).sum()) if n else 0
        summary = html_box(
            f'<h2 class="course-h2" tabindex="-1">Overview</h2><ul class="course-summary">'
            f'<li><strong>{plural(n, "learner")}</strong>; <strong>{done_all:,}</strong> '
            f'{"has" if done_all == 1 else "have"} finished all {plural(len(lessons), "lesson")} with content.</li>'
            f'<li><strong>{active_week:,}</strong> {"was" if active_week == 1 else "were"} active in the last '
            '7 days.</li></ul>')
        names = dict(zip(data.learners["learner_id"], data.learners["name"]))
        self.requests = RequestList(catalog, store, viewer, cohort_id, names, answer)  # questions come first

        # Text boxes read by course/numbers.py ("30 days", "60%"); a value out of range is refused, not clamped.
        self.inactive_days = w.Text(value=str(help_flags.INACTIVE_DAYS), description="Inactive for at least (days)",
                                    style={"description_width": "initial"}, continuous_update=False)
        self.low_share = w.Text(value=f"{help_flags.LOW_FIRST_TRY * 100:g}", description="First-try share below (%)",
                                style={"description_width": "initial"}, continuous_update=False)
        self.help_limits = (help_flags.INACTIVE_DAYS, help_flags.LOW_FIRST_TRY * 100)  # the last ones read
        self.help_note = html_box()
        self.help = Pager(self._help_rows, "Learners who may need help", HELP_PAGE)
        self.inactive_days.observe(lambda _c: self.show_help(), names="value")
        self.low_share.observe(lambda _c: self.show_help(), names="value")
        self.show_help()

        self.sort = w.Dropdown(options=[("Name", "name"), ("Lessons done (fewest first)", "lessons_done"),
                                        ("Last active (longest ago first)", "last_active"),
                                        ("Right on the first try (lowest first)", "first_try_share")],
                               value="name", description="Sort roster by", style={"description_width": "initial"})
        self.find = w.Text(description="Find a name", placeholder="part of a name",
                           style={"description_width": "initial"}, continuous_update=False)
        self.roster = Pager(self._roster_rows, "Roster")
        self.sort.observe(lambda _c: self.show_roster(), names="value")
        self.find.observe(lambda _c: self.show_roster(), names="value")
        self.show_roster()
        late = html_box(behind_note(catalog, store, data, cohort_id))
        evidence = (f'A nudge, not a verdict: each row says why. A first-try share counts from '
                    f'{help_flags.MIN_ITEMS_FOR_SCORE} self-checks answered, poor endings from '
                    f'{help_flags.MIN_POOR_ENDINGS} scenarios finished; the quiet come first, then low shares, '
                    'then poor endings. Choose a name to open that learner.')
        self.children = [summary, self.requests,
                         html_box(f'<h3 class="course-h3">Learners who may need help</h3>'
                                  f'<p class="course-hint">{esc(evidence)}</p>'),
                         w.HBox([self.inactive_days, self.low_share]), self.help_note, self.help, late,
                         html_box('<h3 class="course-h3">Roster</h3>'), w.HBox([self.find, self.sort]), self.roster]

    # --- who may need help ---------------------------------------------------------------------

    def show_help(self) -> None:
        days, share = self.help_limits
        problems = []
        for box, unit, low, high in ((self.inactive_days, "days", 1, 365), (self.low_share, "percent", 5, 100)):
            reading = read_number(box.value, unit)
            if not reading.ok:
                problems.append(f"{box.description}: {reading.problem}")
            elif not low <= reading.value <= high:
                problems.append(f"{box.description}: use a number from {low} to {high} (you typed “{reading.typed}”).")
            elif box is self.inactive_days:
                days = reading.value
            else:
                share = reading.value
        self.help_limits = (days, share)
        self.help_note.value = (status_html("info", f"The list below still uses {days:g} days and {share:g}%.")
                                + problems_html(problems)) if problems else ""
        frame = help_flags.needs_help(self.data, self.catalog, inactive_days=days, low_first_try=share / 100)
        self.help.show(list(frame.itertuples(index=False)))

    def _help_rows(self, rows, start):
        if not rows:
            return [html_box('<p class="course-muted">Nobody is listed with these limits.</p>')]
        drawn = []
        for r in rows:
            name = link_button(str(r.name), f"Open {r.name}'s work in the One learner tab",
                               lambda lid=r.learner_id: self.open_learner(lid))
            detail = html_box(f'<span class="course-help-why">{esc(r.reason)}</span> <span class="course-muted">· '
                              f'{plural(int(r.lessons_done), "lesson")} done · last active {date_text(r.last_active)}'
                              '</span>')
            row = w.HBox([name, detail])
            row.add_class("course-help-row")
            drawn.append(row)
        return drawn

    # --- roster --------------------------------------------------------------------------------

    def show_roster(self) -> None:
        progress = analytics.learner_progress(self.data, self.catalog)
        needle = self.find.value.strip().casefold() if isinstance(self.find.value, str) else ""
        if len(needle) > 100:
            rejected("roster search", needle)
            needle = ""
        if needle:
            progress = progress[progress["name"].str.casefold().str.contains(needle, regex=False)]
        key = self.sort.value if self.sort.value in ROSTER_KEYS else "name"
        if key != "name":
            progress = progress.sort_values(key, ascending=True, na_position="first", kind="stable")
        self.roster.show(list(progress.itertuples(index=False)))

    def _roster_rows(self, rows, start) -> str:
        total = len(analytics.course_lessons(self.catalog))
        body = [f'<tr><th scope="row">{esc(r.name)}{demo_tag(r.is_demo)}</th>'
                f'<td class="course-num">{r.lessons_done} of {total}</td>'
                f'<td class="course-num">{r.lessons_started}</td>'
                f'<td class="course-num">{r.items_answered}</td>'
                f'<td class="course-num">{pct(r.first_try_share)}</td>'
                f'<td class="course-date">{date_text(r.last_active)} <span class="course-muted">'
                f'{ago_text(r.days_inactive)}</span></td></tr>'
                for r in rows]
        return table("Each learner's progress", ["Learner", "Lessons done", "Lessons started",
                                                 "Self-checks answered", "Right on the first try",
                                                 "Last active"], body)
