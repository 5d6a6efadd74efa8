"""The mentor dashboard: behind the MentorGate, one cohort at a time.

Sections (tabs, each built when first opened, from one read of the cohort): overview (roster
and who may need help), progress heatmap, self-checks, scenarios, competencies, one learner
(answers, scenario runs, reflections, plans; deletion on request) and exports. Long tables are
paged, so a 1,000-learner cohort sends the browser 50 rows at a time. Every name and every
text a learner wrote goes through esc() or a Label.
"""
from __future__ import annotations

import base64
import io
import json
import logging
import math
import time

import ipywidgets as w

from course.mentor import analytics

from course.mentor import help_flags, item_stats, learner_record, scenario_stats
from course.identity import same_name, validate_cohort
from course.mentor import feedback_export
from course.mentor.feedback import mentor_viewer
from course.mentor.access import MentorGate, visible_cohorts
from course.numbers import read_number
from course.ui.common import esc, html_box, problems_html, rejected, status_html
from course.ui.mentor.dashboard_feedback import FeedbackTab, RequestList
from course.ui.mentor.dashboard_schedule import ScheduleTab, behind_note
from course.ui.learner.header import link

log = logging.getLogger("course.mentor")

PAGE_SIZE = 50
NO_COHORT = "(none)"  # the picker's value for learners who joined without a cohort code
PICK = "Choose a cohort…"
SECTIONS = ["Overview", "Feedback", "Schedule", "Progress", "Self-checks", "Scenarios", "Competencies", "One learner", "Export",
            "Invite"]
MAX_MATCHES = 200  # learners offered at once in the learner picker
RATING_WORD = {"strong": "strong", "mixed": "mixed", "poor": "poor"}


def _pct(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.0%}"


def _date(stamp) -> str:
    if stamp is None or stamp != stamp:  # NaT
        return "—"
    return stamp.strftime("%Y-%m-%d")


def _ago(days) -> str:
    if days is None or days != days:
        return ""
    days = int(days)
    return "today" if days == 0 else ("yesterday" if days == 1 else f"{days} days ago")


def _bar(share, kind: str = "pos") -> str:
    if share is None or share != share:  # nothing to show (NaN)
        return ""
    width = int(round(max(0.0, min(1.0, share)) * 80))
    return f'<span class="course-bar course-bar-{kind}" style="width:{width}px" aria-hidden="true"></span>'


def _table(caption: str, head: list[str], rows: list[str], cls: str = "course-table") -> str:
    cols = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(rows) or f'<tr><td colspan="{len(head)}">Nothing yet.</td></tr>'
    return (f'<table class="{cls}"><caption>{caption}</caption><thead><tr>{cols}</tr></thead>'
            f'<tbody>{body}</tbody></table>')


def _demo_tag(is_demo) -> str:
    return ' <span class="course-badge course-badge-demo">demo</span>' if is_demo else ""


def chart_png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


class Pager(w.VBox):
    """A table shown PAGE_SIZE rows at a time, with previous / next buttons."""

    def __init__(self, render_rows, label: str):
        super().__init__()
        self.render_rows, self.label = render_rows, label
        self.rows: list = []
        self.page = 0
        self.html = html_box()
        self.prev = w.Button(description="Previous rows", tooltip=f"Previous {PAGE_SIZE} rows of {label}")
        self.next = w.Button(description="Next rows", tooltip=f"Next {PAGE_SIZE} rows of {label}")
        self.where = html_box()
        self.prev.on_click(lambda _b: self.turn(-1))
        self.next.on_click(lambda _b: self.turn(1))
        self.add_class("course-pager")
        self.children = [self.html, w.HBox([self.prev, self.next, self.where])]

    def show(self, rows: list) -> None:
        self.rows, self.page = rows, 0
        self.draw()

    def turn(self, step: int) -> None:
        pages = max(1, math.ceil(len(self.rows) / PAGE_SIZE))
        self.page = max(0, min(pages - 1, self.page + step))
        self.draw()

    def draw(self) -> None:
        start = self.page * PAGE_SIZE
        chunk = self.rows[start:start + PAGE_SIZE]
        self.html.value = self.render_rows(chunk, start)
        total = len(self.rows)
        self.prev.disabled = self.page == 0
        self.next.disabled = start + PAGE_SIZE >= total
        shown = f"{start + 1}–{start + len(chunk)}" if chunk else "0"
        self.where.value = f'<span class="course-muted" role="status">{esc(self.label)}: rows {shown} of {total:,}</span>'


class Dashboard(w.VBox):
    def __init__(self, catalog, session, cohort: str | None = None):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.wanted = cohort
        self.data: analytics.CohortData | None = None
        self.timings: dict[str, float] = {}
        self.add_class("course-dashboard")
        pages = [("../index.ipynb", "Course home"), ("live-session.ipynb", "Live session"),
                 ("facilitator-guide.ipynb", "Facilitator guide")]
        self.top = html_box('<nav class="course-nav" aria-label="Mentor pages">' + " · ".join(
            f'<a href="{esc(link(href, session))}">{name}</a>' for href, name in pages) + '</nav>')
        self.top.add_class("course-header")
        self.body = w.VBox()
        self.gate = MentorGate(session, self._open)
        self.children = [self.top, self.gate, self.body]

    # --- opening: only after the gate -------------------------------------------------------

    def _open(self) -> None:
        store = self.session.store()
        self.store = store
        self.picker = w.Dropdown(options=[(PICK, PICK)], value=PICK, description="Cohort",
                                 layout=w.Layout(width="100%", max_width="34em"))
        self.refresh_button = w.Button(description="Reload data", tooltip="Read the cohort again from the store")
        self.refresh_button.on_click(lambda _b: (self._fill_picker(), self.load()))  # new cohorts too
        self.banner = html_box()
        self.status = html_box()
        self.tabs = w.Tab()
        self.tabs.layout.display = "none"
        self.sections: dict[str, w.VBox] = {name: w.VBox() for name in SECTIONS}
        self.tabs.children = [self.sections[name] for name in SECTIONS]
        self.tabs.titles = tuple(SECTIONS)
        self.built: set[str] = set()
        self.tabs.observe(self._tab_changed, names="selected_index")
        self._fill_picker()
        self.picker.observe(lambda _c: self.load(), names="value")
        self.body.children = [w.HBox([self.picker, self.refresh_button]), self.banner, self.status, self.tabs]
        if self.wanted is not None:
            self._select_wanted()

    def _fill_picker(self) -> None:
        self.cohorts = {(c["id"] or NO_COHORT): c for c in visible_cohorts(self.session, self.store.cohort_list())}
        options = [(PICK, PICK)] + [
            (f"{c['name']} · {c['learners']:,} learner{'s' * (c['learners'] != 1)}"
             + (" · DEMO DATA" if c["is_demo"] else ""), key) for key, c in self.cohorts.items()]
        current = self.picker.value
        self.picker.options = options
        self.picker.value = current if current in self.cohorts else PICK

    def _select_wanted(self) -> None:
        try:
            wanted = validate_cohort(self.wanted)
        except ValueError:
            wanted = None
        if wanted in self.cohorts:
            self.picker.value = wanted

    # --- loading a cohort -----------------------------------------------------------------

    def cohort_id(self):
        value = self.picker.value
        if value == PICK:
            return PICK
        if value not in self.cohorts:
            rejected("dashboard cohort picker", value)
            return PICK
        return None if value == NO_COHORT else value

    def load(self) -> None:
        cohort = self.cohort_id()
        self.built.clear()
        for box in self.sections.values():
            box.children = []
        if cohort == PICK:
            self.data = None
            self.banner.value = self.status.value = ""
            self.tabs.layout.display = "none"
            return
        started = time.perf_counter()
        try:
            self.data = analytics.load_cohort(self.store, cohort)
        except Exception:  # a broken store shows a message, not a traceback
            log.exception("cohort could not be read")
            self.data = None
            self.status.value = status_html("warn", "The cohort could not be read from the store; try "
                                                    "Reload data, and check the server log.")
            return
        self.timings = {"read": time.perf_counter() - started}
        info = self.cohorts.get(self.picker.value, {})
        self.banner.value = (status_html("warn", "DEMO DATA: these learners are invented "
                                                 "(made by `course demo-cohort`), not real people.")
                             if info.get("is_demo") else "")
        self.tabs.layout.display = None
        self.tabs.selected_index = 0  # builds the overview through _tab_changed when it changes
        if SECTIONS[0] not in self.built:
            self._build(SECTIONS[0])
        self._say_timing()

    def _say_timing(self) -> None:
        d = self.data
        views = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items() if k != "read")
        self.status.value = (f'<p class="course-muted" role="status">{len(d.learners):,} learners and '
                             f'{len(d.events):,} events, read at {d.loaded_at:%H:%M} UTC in '
                             f'{self.timings.get("read", 0):.1f} s. Views built: {esc(views)}.</p>')

    def _tab_changed(self, change) -> None:
        index = change["new"]
        if self.data is None or not isinstance(index, int) or not 0 <= index < len(SECTIONS):
            return
        if SECTIONS[index] not in self.built:
            self._build(SECTIONS[index])
            self._say_timing()

    def _build(self, name: str) -> None:
        started = time.perf_counter()
        builder = {"Overview": self._overview, "Feedback": self._feedback,
                   "Schedule": self._schedule, "Progress": self._progress, "Self-checks": self._items,
                   "Scenarios": self._scenarios, "Competencies": self._competencies,
                   "One learner": self._learner, "Export": self._export, "Invite": self._invite}[name]
        try:
            self.sections[name].children = builder()
        except Exception:
            log.exception("dashboard section %s failed", name)
            self.sections[name].children = [html_box(status_html(
                "warn", f"The {name} view could not be built; the server log has the details."))]
        self.built.add(name)
        self.timings[name.lower()] = time.perf_counter() - started

    def build_all(self) -> dict[str, float]:
        """Build every section now (benchmarks and tests); returns seconds per view."""
        for name in SECTIONS:
            if name not in self.built:
                self._build(name)
        self._say_timing()
        return dict(self.timings)

    # --- overview: roster and who may need help --------------------------------------------

    def _overview(self):
        progress = analytics.learner_progress(self.data, self.catalog)
        lessons = analytics.course_lessons(self.catalog)
        n = len(progress)
        done_all = int((progress["lessons_done"] == len(lessons)).sum()) if n else 0
        active_week = int((progress["days_inactive"].fillna(9999) < 7).sum()) if n else 0
        summary = html_box(
            f'<h2 class="course-h2">Overview</h2><ul class="course-summary">'
            f'<li><strong>{n:,}</strong> learners; <strong>{done_all:,}</strong> have finished all '
            f'{len(lessons)} lessons with content.</li>'
            f'<li><strong>{active_week:,}</strong> were active in the last 7 days.</li></ul>')
        self.sort = w.Dropdown(options=[("Name", "name"), ("Lessons done (fewest first)", "lessons_done"),
                                        ("Last active (longest ago first)", "last_active"),
                                        ("Right on the first try (lowest first)", "first_try_share")],
                               value="name", description="Sort roster by", style={"description_width": "initial"})
        self.find = w.Text(description="Find a name", placeholder="part of a name",
                           style={"description_width": "initial"}, continuous_update=False)
        self.roster = Pager(self._roster_rows, "Roster")
        self.sort.observe(lambda _c: self._show_roster(), names="value")
        self.find.observe(lambda _c: self._show_roster(), names="value")
        self._show_roster()

        # Text boxes read by course/numbers.py ("30 days", "60%"); a value out of range is refused, not clamped.
        self.inactive_days = w.Text(value=str(help_flags.INACTIVE_DAYS), description="Inactive for at least (days)",
                                    style={"description_width": "initial"}, continuous_update=False)
        self.low_share = w.Text(value=f"{help_flags.LOW_FIRST_TRY * 100:g}", description="First-try share below (%)",
                                style={"description_width": "initial"}, continuous_update=False)
        self.help_limits = (help_flags.INACTIVE_DAYS, help_flags.LOW_FIRST_TRY * 100)  # the last ones that could be read
        self.help_note = html_box()
        self.help = Pager(self._help_rows, "Learners who may need help")
        self.inactive_days.observe(lambda _c: self._show_help(), names="value")
        self.low_share.observe(lambda _c: self._show_help(), names="value")
        self._show_help()
        self.requests = RequestList(self.catalog, self.store, self._viewer(), self.cohort_id(),
                                    self._names(), self._answer)  # learners' questions come first
        late = html_box(behind_note(self.catalog, self.store, self.data, self.cohort_id()))
        return [summary, self.requests, late, html_box('<h3 class="course-h3">Roster</h3>'), w.HBox([self.find, self.sort]),
                self.roster,
                html_box('<h3 class="course-h3">Learners who may need help</h3><p class="course-hint">'
                         'A nudge, not a verdict: each row says why the learner is listed.</p>'),
                w.HBox([self.inactive_days, self.low_share]), self.help_note, self.help]

    def _show_roster(self) -> None:
        progress = analytics.learner_progress(self.data, self.catalog)
        needle = self.find.value.strip().casefold() if isinstance(self.find.value, str) else ""
        if len(needle) > 100:
            rejected("roster search", needle)
            needle = ""
        if needle:
            progress = progress[progress["name"].str.casefold().str.contains(needle, regex=False)]
        key = self.sort.value if self.sort.value in ("name", "lessons_done", "last_active", "first_try_share") else "name"
        if key != "name":
            progress = progress.sort_values(key, ascending=True, na_position="first", kind="stable")
        self.roster.show(list(progress.itertuples(index=False)))

    def _roster_rows(self, rows, start) -> str:
        total = len(analytics.course_lessons(self.catalog))
        body = [f'<tr><th scope="row">{esc(r.name)}{_demo_tag(r.is_demo)}</th>'
                f'<td class="course-num">{r.lessons_done} of {total}</td>'
                f'<td class="course-num">{r.lessons_started}</td>'
                f'<td class="course-num">{r.items_answered}</td>'
                f'<td class="course-num">{_pct(r.first_try_share)}</td>'
                f'<td class="course-date">{_date(r.last_active)} <span class="course-muted">{_ago(r.days_inactive)}</span></td></tr>'
                for r in rows]
        return _table("Each learner's progress", ["Learner", "Lessons done", "Lessons started",
                                                  "Self-checks answered", "Right on the first try",
                                                  "Last active"], body)

    def _show_help(self) -> None:
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

    def _help_rows(self, rows, start) -> str:
        body = [f'<tr><th scope="row">{esc(r.name)}</th><td>{esc(r.reason)}</td>'
                f'<td class="course-num">{r.lessons_done}</td><td class="course-date">{_date(r.last_active)}</td></tr>'
                for r in rows]
        return _table("Learners who may need help, and why", ["Learner", "Why", "Lessons done", "Last active"],
                      body)

    # --- feedback (course/ui/mentor/dashboard_feedback.py) -------------------------------------------

    def _viewer(self):
        return mentor_viewer(self.session.identity, self.store, granted=True)  # only ever called behind the gate

    def _names(self) -> dict:
        return dict(zip(self.data.learners["learner_id"], self.data.learners["name"]))

    def _feedback(self):
        self.feedback_tab = FeedbackTab(self.catalog, self.store, self._viewer(), self.cohort_id(),
                                        sorted(self._names().items(), key=lambda kv: str(kv[1]).casefold()),
                                        lambda item, response: self._response_html(self._readable(item, response)),
                                        self.data)
        self.feedback_tab.on_answered = lambda: self.requests.refresh() if "Overview" in self.built else None
        return [self.feedback_tab]

    def _schedule(self):
        viewer = self._viewer()
        return [ScheduleTab(self.catalog, self.store, self.data, self.cohort_id(), viewer.id if viewer else None)]

    def _answer(self, learner_id: str, work: str) -> None:
        """A question's Answer button on the overview: the Feedback tab, with that thread open."""
        self.tabs.selected_index = SECTIONS.index("Feedback")
        if "Feedback" not in self.built:
            self._build("Feedback")
        self.feedback_tab.show_thread(learner_id, work)

    # --- progress heatmap ------------------------------------------------------------------------

    def _progress(self):
        share, status = analytics.lesson_matrix(self.data, self.catalog)
        self.matrix = (share, status)
        names = self.data.learners.set_index("learner_id")["name"]
        self.heat = Pager(self._heat_rows, "Heatmap")
        self.heat.show([(lid, names.get(lid, lid)) for lid in share.index])
        lessons = analytics.course_lessons(self.catalog)
        complete = [(status[lesson.id] == "complete").mean() if len(status) else 0 for lesson in lessons]
        overall = "".join(f'<li>Lesson {lesson.number}, {esc(lesson.title)}: {_pct(c)} complete</li>'
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
        return _table("Share of each lesson done, per learner", head, body, "course-table course-heatmap")

    # --- item analysis ---------------------------------------------------------------------------

    def _items(self):
        frame = item_stats.item_analysis(self.data, self.catalog)
        lessons = {lesson.id: lesson for lesson in self.catalog.course.lessons}
        self.item_order = w.Dropdown(options=[("Course order", "course"), ("Hardest first", "hardest")],
                                     value="course", description="Order", style={"description_width": "initial"})
        table = html_box()

        def draw(_change=None):
            shown = frame if self.item_order.value != "hardest" else frame.sort_values(
                "first_try_share", na_position="last", kind="stable")
            rows = []
            for r in shown.itertuples(index=False):
                lesson = lessons.get(r.lesson)
                wrong = (f'{esc(r.top_wrong)} <span class="course-muted">({r.top_wrong_count} of {r.wrong_first})</span>'
                         if r.top_wrong else "—")
                share = r.first_try_share
                rows.append(f'<tr><td>L{lesson.number if lesson else "?"}</td><th scope="row">{esc(r.prompt)}'
                            f'<br><span class="course-muted">{esc(r.item)} · {esc(r.kind)}</span></th>'
                            f'<td class="course-num">{r.learners}</td>'
                            f'<td class="course-num">{_pct(share)} {_bar(share)}</td>'
                            f'<td>{wrong}</td></tr>')
            table.value = _table("Self-checks: who answered, the share right on the first try, and the wrong "
                                 "answer chosen most often on a first try",
                                 ["Lesson", "Self-check", "Learners", "Right on the first try",
                                  "Most chosen wrong answer"], rows)

        self.item_order.observe(draw, names="value")
        draw()
        live = learner_record.live_summary(self.data, self.catalog)
        live_rows = [f'<tr><td>{esc(r.code)}</td><td class="course-date">{_date(r.at)}</td>'
                     f'<th scope="row">{esc(r.prompt)}</th><td class="course-num">{r.answers}</td>'
                     f'<td class="course-num">{_pct(r.correct_share)}</td>'
                     f'<td>{esc(r.top_answer)} <span class="course-muted">({r.top_count})</span></td></tr>'
                     for r in live.itertuples(index=False)]
        live_table = html_box('<h3 class="course-h3">Questions asked in live sessions</h3>' + _table(
            "Live-session answers: right (or as an experienced manager would choose), and the most "
            "chosen answer", ["Code", "Date", "Question", "Answers", "Right", "Most chosen"], live_rows))
        return [html_box('<h2 class="course-h2">Self-checks</h2><p class="course-hint">A low first-try share '
                         'with one popular wrong answer usually points to one misunderstanding worth '
                         'discussing with the group.</p>'), self.item_order, table, live_table]

    # --- scenarios -----------------------------------------------------------------------------

    def _scenarios(self):
        summary = scenario_stats.scenario_summary(self.data, self.catalog)
        rows = [f'<tr><th scope="row">{esc(r.title)}</th><td class="course-num">{r.learners}</td>'
                f'<td class="course-num">{r.runs_started}</td><td class="course-num">{r.runs_finished}</td>'
                f'<td class="course-num">{_pct(r.strong_share)}</td></tr>' for r in summary.itertuples(index=False)]
        overview = html_box('<h2 class="course-h2">Scenarios: paths and endings</h2>' + _table(
            "Every scenario: who played, and how often runs ended strongly",
            ["Scenario", "Learners", "Runs started", "Runs finished", "Strong endings"], rows))
        options = [("Choose a scenario…", "")] + [(sc.title, sid) for sid, sc in self.catalog.scenarios.items()]
        self.scenario_pick = w.Dropdown(options=options, value="", description="Scenario",
                                        layout=w.Layout(width="100%", max_width="40em"))
        detail = html_box()
        endings = scenario_stats.scenario_endings(self.data, self.catalog)
        paths = scenario_stats.scenario_paths(self.data, self.catalog)
        choices = scenario_stats.scenario_choices(self.data, self.catalog)

        def draw(_change=None):
            sid = self.scenario_pick.value
            if not sid:
                detail.value = ""
                return
            if sid not in self.catalog.scenarios:
                rejected("dashboard scenario picker", sid)
                return
            sc = self.catalog.scenarios[sid]
            e_rows = [f'<tr><th scope="row">{esc(r.title)}</th><td>{RATING_WORD.get(r.rating, esc(r.rating))}</td>'
                      f'<td class="course-num">{r.runs}</td><td class="course-num">{_pct(r.share)} '
                      f'{_bar(r.share, {"strong": "pos", "mixed": "mid"}.get(r.rating, "neg"))}</td></tr>'
                      for r in endings[endings["scenario"] == sid].itertuples(index=False)]
            p_rows = [f'<tr><td><ol class="course-path">{"".join(f"<li>{esc(t)}</li>" for t in r.path)}</ol></td>'
                      f'<td>{esc(r.ending)} ({esc(r.rating)}){" · the expert path" if r.expert else ""}</td>'
                      f'<td class="course-num">{r.runs}</td><td class="course-num">{_pct(r.share)}</td></tr>'
                      for r in paths[paths["scenario"] == sid].itertuples(index=False)]
            mine = choices[choices["scenario"] == sid]
            c_rows = []
            for node in sc.nodes:
                at = mine[mine["node"] == node.id]
                if at.empty:
                    continue
                first = True
                for r in at.itertuples(index=False):
                    lead = (f'<th scope="rowgroup" rowspan="{len(at)}">{esc(node.situation[:140])}'
                            f'{"…" if len(node.situation) > 140 else ""}</th>') if first else ""
                    first = False
                    c_rows.append(f'<tr>{lead}<td>{esc(r.text)}{" <strong>(expert)</strong>" if r.expert else ""}</td>'
                                  f'<td class="course-num">{r.picks}</td><td class="course-num">{_pct(r.share)}</td></tr>')
            detail.value = (
                _table(f"Endings of “{esc(sc.title)}” (finished runs)", ["Ending", "Rating", "Runs", "Share"], e_rows)
                + _table("The most traveled paths, from first decision to ending",
                         ["Choices in order", "Ending", "Runs", "Share"], p_rows)
                + _table("How the cohort chose at each decision",
                         ["Decision", "Choice", "Times chosen", "Share at this decision"], c_rows))

        self.scenario_pick.observe(draw, names="value")
        if self.catalog.scenarios:
            self.scenario_pick.value = next(iter(self.catalog.scenarios))
        return [overview, self.scenario_pick, detail]

    # --- competency profiles ----------------------------------------------------------------------

    def _learner_options(self, needle: str = ""):
        people = self.data.learners.sort_values("name", key=lambda s: s.str.casefold())
        if needle:
            people = people[people["name"].str.casefold().str.contains(needle.casefold(), regex=False)]
        shown = people.head(MAX_MATCHES)
        options = [("Choose a learner…", "")] + [(str(r.name), r.learner_id) for r in shown.itertuples(index=False)]
        return options, len(people)

    def _competencies(self):
        options, _ = self._learner_options()
        self.profile_pick = w.Dropdown(options=options, value="", description="Compare a learner",
                                       style={"description_width": "initial"},
                                       layout=w.Layout(width="100%", max_width="40em"))
        self.profile_find = w.Text(description="Find a name", placeholder="part of a name",
                                   style={"description_width": "initial"}, continuous_update=False)
        out = html_box()

        def refilter(_change=None):
            needle = self.profile_find.value if isinstance(self.profile_find.value, str) else ""
            opts, _n = self._learner_options(needle[:100].strip())
            self.profile_pick.options = opts
            self.profile_pick.value = ""

        def draw(_change=None):
            lid = self.profile_pick.value or None
            known = set(self.data.learners["learner_id"])
            if lid is not None and lid not in known:
                rejected("dashboard profile picker", lid)
                lid = None
            out.value = self._profile_html(lid)

        self.profile_find.observe(refilter, names="value")
        self.profile_pick.observe(draw, names="value")
        draw()
        return [html_box('<h2 class="course-h2">Competency profiles</h2><p class="course-hint">The five HLA '
                         'domains. Scenario scores add up the competency changes of each learner\'s latest '
                         'run of every scenario (each choice moves a domain by −2 to +2); self-ratings '
                         '(1–5) come from the readiness self-assessment in lesson 4.</p>'),
                w.HBox([self.profile_find, self.profile_pick]), out]

    def _profile_html(self, learner_id) -> str:
        frame = scenario_stats.competency_profile(self.data, self.catalog, learner_id)
        name = ""
        if learner_id:
            name = str(self.data.learners.set_index("learner_id").at[learner_id, "name"])

        def num(v, fmt="{:+.1f}"):
            return "—" if v is None or v != v else fmt.format(v)

        head = ["Domain", "Cohort average (scenarios)"] + ([f"{esc(name)} (scenarios)"] if learner_id else []) + \
               ["Cohort average (self-rating)"] + ([f"{esc(name)} (self-rating)"] if learner_id else [])
        rows = []
        for r in frame.itertuples(index=False):
            cells = [num(r.cohort_scenario)] + ([num(r.learner_scenario)] if learner_id else []) + \
                    [num(r.cohort_readiness, "{:.1f}")] + ([num(r.learner_readiness, "{:.1f}")] if learner_id else [])
            rows.append(f'<tr><th scope="row">{esc(r.name)}</th>'
                        + "".join(f'<td class="course-num">{c}</td>' for c in cells) + "</tr>")
        note = ""
        if frame["cohort_readiness"].isna().all():
            note = status_html("info", "Nobody in this cohort has taken the readiness self-assessment yet, so "
                                       "there are no self-ratings to show.")
        return self._profile_chart(frame, name) + _table("Competency profile", head, rows) + note

    def _profile_chart(self, frame, name: str) -> str:
        if frame["cohort_scenario"].isna().all():
            return ""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        labels = [self.catalog.competencies[d].short for d in frame["domain"]]
        cohort = frame["cohort_scenario"].fillna(0).tolist()
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        y = list(range(len(labels)))
        if name:
            mine = frame["learner_scenario"].fillna(0).tolist()
            ax.barh([v + 0.2 for v in y], cohort, height=0.4, color="#5b7a99", label="Cohort average")
            ax.barh([v - 0.2 for v in y], mine, height=0.4, color="#c2691f", label=name[:40])
            ax.legend(loc="lower right", fontsize=8)
        else:
            ax.barh(y, cohort, height=0.5, color="#5b7a99", label="Cohort average")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.axvline(0, color="#333", linewidth=0.8)
        ax.set_xlabel("Sum of competency changes in scenarios")
        ax.set_ylabel("HLA domain")
        ax.set_title("Competency profile from scenario choices" + (" (cohort and one learner)" if name else ""))
        png = chart_png(fig)
        alt = "Bar chart of the competency profile; the same numbers are in the table below."
        return f'<img class="course-figure" src="data:image/png;base64,{png}" alt="{esc(alt)}">'

    # --- one learner ------------------------------------------------------------------------------

    def _learner(self):
        options, total = self._learner_options()
        self.learner_find = w.Text(description="Find a name", placeholder="part of a name",
                                   style={"description_width": "initial"}, continuous_update=False)
        self.learner_pick = w.Dropdown(options=options, value="", description="Learner",
                                       layout=w.Layout(width="100%", max_width="40em"))
        self.learner_note = html_box(self._matches_note(total))
        self.learner_view = html_box()
        self.delete_part = w.VBox()
        self.learner_find.observe(self._refilter_learners, names="value")
        self.learner_pick.observe(lambda _c: self._show_learner(), names="value")
        return [html_box('<h2 class="course-h2">One learner</h2>'),
                w.HBox([self.learner_find, self.learner_pick]), self.learner_note, self.learner_view,
                self.delete_part]

    def _matches_note(self, total: int) -> str:
        if total > MAX_MATCHES:
            return (f'<p class="course-hint">{total:,} learners: the list shows the first {MAX_MATCHES} by name; '
                    'type part of a name to find anyone else.</p>')
        return f'<p class="course-hint">{total:,} learner{"s" * (total != 1)} to choose from.</p>'

    def _refilter_learners(self, _change=None) -> None:
        needle = self.learner_find.value if isinstance(self.learner_find.value, str) else ""
        options, total = self._learner_options(needle[:100].strip())
        self.learner_pick.options = options
        self.learner_pick.value = ""
        self.learner_note.value = self._matches_note(total)

    def _show_learner(self) -> None:
        lid = self.learner_pick.value
        self.delete_part.children = []
        if not lid:
            self.learner_view.value = ""
            return
        people = self.data.learners.set_index("learner_id")
        if lid not in people.index:
            rejected("dashboard learner picker", lid)
            return
        person = people.loc[lid]
        detail = learner_record.learner_detail(self.data, self.catalog, lid)
        lessons = {lesson.id: lesson for lesson in self.catalog.course.lessons}

        def lesson_no(lesson_id):
            lesson = lessons.get(lesson_id)
            return f"L{lesson.number}" if lesson else esc(lesson_id)

        def mark(value):
            return "—" if value is None else ("✓ yes" if value else "✗ no")

        def tries(a):  # "5 (2 runs)" once the learner used "Try this again"
            return f'{a["tries"]}' + (f' ({a["runs"]} runs)' if a["runs"] > 1 else "")

        a_rows = [f'<tr><td>{lesson_no(a["lesson"])}</td><th scope="row">{esc(a["prompt"])}</th>'
                  f'<td class="course-num">{tries(a)}</td><td class="course-num">{a["hints"] or "—"}</td>'
                  f'<td>{mark(a["first_try_correct"])}</td>'
                  f'<td>{esc(a["answer"])}</td><td>{mark(a["correct"])}</td></tr>' for a in detail["answers"]]
        r_rows = []
        for run in detail["runs"]:
            steps = "".join(f"<li>{esc(c)}</li>" for c in run["choices"])
            ending = (f'{esc(run["ending"]["title"])} ({esc(run["ending"]["rating"])})' if run["ending"]
                      else "not finished")
            r_rows.append(f'<tr><th scope="row">{esc(run["title"])}</th><td><ol class="course-path">{steps}</ol></td>'
                          f'<td>{ending}</td><td>{_date(run["at"])}</td></tr>')
        reflections = "".join(
            f'<figure class="course-quote"><figcaption>{lesson_no(r["lesson"])} · {_date(r["at"])}</figcaption>'
            f'<blockquote>{esc(r["text"])}</blockquote></figure>' for r in detail["reflections"]) or \
            '<p class="course-muted">No reflections yet.</p>'
        plans = "".join(
            f'<figure class="course-quote"><figcaption>{lesson_no(p["lesson"])} · {esc(p["item"])} · '
            f'{_date(p["at"])}</figcaption>{self._response_html(self._readable(p["item"], p["response"]))}</figure>'
            for p in detail["plans"]) or '<p class="course-muted">No plans or exercise entries yet.</p>'
        self.learner_view.value = (
            f'<h3 class="course-h3">{esc(person["name"])}{_demo_tag(person["is_demo"])}</h3>'
            f'<p class="course-muted">Joined {_date(person["created_at"])}; last seen {_date(person["last_seen"])}.</p>'
            + _table("Self-check answers (latest answer per self-check)",
                     ["Lesson", "Self-check", "Tries", "Hints used", "Right first time", "Latest answer", "Right"],
                     a_rows)
            + _table("Scenario runs", ["Scenario", "Choices in order", "Ending", "Date"], r_rows)
            + (_table("Live-session answers", ["Question", "Answer", "Right", "Code", "Date"], [
                f'<tr><th scope="row">{esc(a["prompt"])}</th><td>{esc(a["answer"])}</td>'
                f'<td>{mark(a["correct"])}</td><td>{esc(a["code"])}</td><td class="course-date">{_date(a["at"])}</td></tr>'
                for a in detail["live"]]) if detail["live"] else "")
            + '<h4 class="course-h4">Reflections</h4>' + reflections
            + '<h4 class="course-h4">Plans and exercise entries</h4>' + plans)
        self._offer_delete(lid, str(person["name"]))

    def _readable(self, item_id: str, response: dict):
        """A sorting exercise's answer in words (card → category) rather than ids; lessons 08 and 09's
        tools in words (course/engine/tool_entries.py)."""
        from course.engine.tool_entries import describe_entry

        described = describe_entry(self.catalog, item_id, response)
        if described is not None:
            return described
        base = item_id.removesuffix("-inventory")
        exercise = self.catalog.exercises.get(base)
        if exercise is None or not isinstance(response, dict):
            return response
        cards = {c.id: c.text for c in exercise.cards}
        labels = {c.id: c.label for c in exercise.categories}
        if isinstance(response.get("sorting"), dict):
            return {f"{exercise.title}": {cards.get(k, k): labels.get(v, v) for k, v in response["sorting"].items()}}
        if isinstance(response.get("already_do"), list):
            return {exercise.inventory_prompt: [cards.get(k, k) for k in response["already_do"]] or ["none"]}
        return response

    @staticmethod
    def _response_html(value, depth: int = 0) -> str:
        """A stored response (nested dicts and lists) as escaped lists, never as raw markup."""
        if depth > 4:
            return esc(json.dumps(value, ensure_ascii=False)[:500])
        if isinstance(value, dict):
            items = "".join(f"<li><strong>{esc(k)}</strong>: {Dashboard._response_html(v, depth + 1)}</li>"
                            for k, v in list(value.items())[:50])
            return f'<ul class="course-response">{items}</ul>'
        if isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                return esc(", ".join(str(v) for v in value[:100])) or "—"
            return "<ul>" + "".join(f"<li>{Dashboard._response_html(v, depth + 1)}</li>" for v in value[:50]) + "</ul>"
        return esc(value)

    def _offer_delete(self, learner_id: str, name: str) -> None:
        ask = w.Button(description="Delete this learner's data…", button_style="danger",
                       tooltip="Delete every record of this learner, on their request")
        confirm_box = w.VBox()
        message = html_box()

        def show_confirm(_b):
            typed = w.Text(continuous_update=False, description="Type the learner's name to confirm", style={"description_width": "initial"},
                           layout=w.Layout(width="100%", max_width="40em"))
            go = w.Button(description="Delete permanently", button_style="danger")
            cancel = w.Button(description="Cancel")
            cancel.on_click(lambda _c: setattr(confirm_box, "children", []))
            go.on_click(lambda _g: self._delete(learner_id, name, typed.value, message, confirm_box))
            confirm_box.children = [html_box(
                status_html("warn", "This deletes every answer, scenario run, reflection and plan of this "
                                    "learner, and the learner record itself. It cannot be undone.")
                + f'<p>To confirm, type the name exactly as shown: <strong>{esc(name)}</strong></p>'),
                typed, w.HBox([go, cancel])]

        ask.on_click(show_confirm)
        self.delete_part.children = [html_box('<h4 class="course-h4">Delete on request</h4>'), w.HBox([ask]),
                                     confirm_box, message]

    def _delete(self, learner_id, name, typed, message, confirm_box) -> None:
        typed = typed if isinstance(typed, str) and len(typed) <= 200 else ""
        if not same_name(typed, name):  # the sign-in's own rule: case, spacing and joiners aside
            message.value = status_html("bad", "The name typed does not match, so nothing was deleted.")
            return
        try:
            counts = self.store.delete_learner(learner_id)
        except Exception:
            log.exception("deleting a learner failed")
            message.value = status_html("warn", "The deletion failed; nothing was changed. The server log has "
                                                "the details.")
            return
        log.info("a mentor deleted a learner's data (%s)", counts)
        total = sum(counts.values())
        confirm_box.children = []
        current_tab = self.tabs.selected_index
        self._fill_picker()
        self.load()
        self.tabs.selected_index = current_tab  # rebuilds this section from the new read
        self.learner_note.value = status_html("ok", f"Deleted {total} records of {name}: "
                                                    + ", ".join(f"{n} in {t}" for t, n in counts.items()) + ".")

    # --- export ----------------------------------------------------------------------------------

    def _invite(self):
        from course.ui.mentor.invite_panel import InvitePanel

        return [InvitePanel(self.session, self.store, self.cohort_id())]

    def _export(self):
        from course.mentor import export

        cohort = self.cohort_id()
        label = "learners without a cohort" if cohort is None else cohort
        out = html_box()

        def prepare(kind):
            started = time.perf_counter()
            out.value = status_html("info", "Preparing the file… a large cohort can take a little while.")
            try:
                if kind == "csv":
                    text, n = feedback_export.cohort_csv(self.store, cohort, self.catalog)  # with feedback
                    link = export.download_link(text, f"{label}-events.csv", "text/csv",
                                                f"Download the CSV ({n:,} events)")
                elif kind == "xapi":
                    text, n = feedback_export.cohort_xapi_json(self.store, cohort, None, self.catalog)
                    link = export.download_link(text, f"{label}-xapi.json", "application/json",
                                                f"Download the xAPI statements ({n:,})")
                else:
                    progress = analytics.learner_progress(self.data, self.catalog)
                    link = export.download_link(export.roster_csv(progress), f"{label}-roster.csv", "text/csv",
                                                f"Download the roster ({len(progress):,} learners)")
            except Exception:
                log.exception("export failed")
                out.value = status_html("warn", "The export failed; the server log has the details.")
                return
            self.store.audit("export", f"{kind} of {label}")
            took = time.perf_counter() - started
            if link is None:
                out.value = status_html("info", "This export is too large for a download link from the page. "
                                                "Use the command shown below instead.")
            else:
                out.value = f'<p>{link} <span class="course-muted">prepared in {took:.1f} s</span></p>'

        buttons = []
        for kind, text in (("csv", "Prepare events CSV"), ("xapi", "Prepare xAPI statements"),
                           ("roster", "Prepare roster CSV")):
            button = w.Button(description=text)
            button.on_click(lambda _b, k=kind: prepare(k))
            buttons.append(button)
        flag = "" if cohort is None else f" --cohort {esc(cohort)}"
        return [html_box(
            '<h2 class="course-h2">Export</h2><p>The <strong>events CSV</strong> has one row per answer, '
            'scenario step, reflection or exercise entry (responses as JSON), then one per feedback message '
            'and question (with rubric scores). The <strong>xAPI statements</strong> (a JSON array, ADL verbs '
            'answered, completed, experienced, passed, failed, commented and asked; rubric scores in the result) '
            'can be posted to a learning record store. The <strong>roster CSV</strong> is the '
            'overview table. Exports hold personal data: store and share them as your organization\'s '
            'rules require.</p>'
            f'<p class="course-hint">From a terminal on the server: <code>course export --format csv '
            f'--out cohort.csv{flag}</code> or <code>course export --format xapi --out cohort.json{flag}</code>.</p>'),
            w.HBox(buttons), out]
