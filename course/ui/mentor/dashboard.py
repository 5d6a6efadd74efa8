"""The mentor dashboard: behind the MentorGate, one cohort at a time.

Sections (tabs, each built when first opened, from one read of the cohort), each in its own
module: overview (dashboard_overview: questions, who may need help, the roster), feedback,
schedule, progress, self-checks (dashboard_items), scenarios, competencies, one learner
(dashboard_learner), export and invite. This module picks the cohort, reads it, and builds a tab
when it is opened. Long tables are paged, so a 1,000-learner cohort sends the browser 50 rows at
a time. Every name and every text a learner wrote goes through esc() or a Label.
"""
from __future__ import annotations

import logging
import threading
import time

import ipywidgets as w

from course.identity import validate_cohort
from course.mentor import analytics
from course.mentor.access import visible_cohorts
from course.ui.mentor.gate import MentorGate
from course.mentor.feedback import mentor_viewer
from course.ui.common import esc, html_box, rejected, status_html
from course.ui.learner.header import link
from course.ui.mentor.dashboard_common import plural
from course.ui.mentor.dashboard_competencies import CompetenciesTab
from course.ui.mentor.dashboard_export import export_section
from course.ui.mentor.dashboard_feedback import FeedbackTab
from course.ui.mentor.dashboard_items import ItemsTab
from course.ui.mentor.dashboard_learner import LearnerTab
from course.ui.mentor.dashboard_overview import OverviewTab
from course.ui.mentor.dashboard_progress import ProgressTab
from course.ui.mentor.dashboard_readable import readable, response_html
from course.ui.mentor.dashboard_scenarios import ScenariosTab
from course.ui.mentor.dashboard_schedule import ScheduleTab

log = logging.getLogger("course.mentor")

NO_COHORT = "(none)"  # the picker's value for learners who joined without a cohort code
PICK = "Choose a cohort…"
SECTIONS = ["Overview", "Feedback", "Schedule", "Progress", "Self-checks", "Scenarios", "Competencies", "One learner", "Export",
            "Invite"]
FOCUS_DELAY = 0.4  # seconds: the browser must have drawn the picker before it can take the focus


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
        heading = html_box('<h2 class="course-h2">Cohort dashboard</h2>')
        self.body.children = [heading, w.HBox([self.picker, self.refresh_button]), self.banner, self.status, self.tabs]
        if self.wanted is not None:
            self._select_wanted()
        # the gate's form is gone: keyboard focus moves to the first control, not back to the page top
        focus = threading.Timer(FOCUS_DELAY, self.picker.focus)
        focus.daemon = True
        focus.start()

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
        self.status.value = (f'<p class="course-muted" role="status">{plural(len(d.learners), "learner")} and '
                             f'{plural(len(d.events), "event")}, read at {d.loaded_at:%H:%M} UTC in '
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
                   "Schedule": self._schedule, "Progress": lambda: [ProgressTab(self.catalog, self.data)],
                   "Self-checks": lambda: [ItemsTab(self.catalog, self.session, self.data, self.cohort_id())],
                   "Scenarios": lambda: [ScenariosTab(self.catalog, self.data)],
                   "Competencies": lambda: [CompetenciesTab(self.catalog, self.data)],
                   "One learner": self._learner,
                   "Export": lambda: export_section(self.store, self.catalog, self.data, self.cohort_id()),
                   "Invite": self._invite}[name]
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

    # --- overview, one learner ---------------------------------------------------------------------

    def _overview(self):
        self.overview = OverviewTab(self.catalog, self.store, self.data, self.cohort_id(), self._viewer(),
                                    self.open_learner, self._answer)
        self.requests = self.overview.requests
        return [self.overview]

    def _learner(self):
        self.learner = LearnerTab(self.catalog, self.store, self.data, self._viewer(), self._deleted)
        return [self.learner]

    def open_learner(self, learner_id: str) -> None:
        """A name in "may need help": the One learner tab, showing that learner."""
        self.tabs.selected_index = SECTIONS.index("One learner")
        if "One learner" not in self.built:
            self._build("One learner")
        self.learner.show_learner(learner_id)

    def _deleted(self, note: str) -> None:
        current_tab = self.tabs.selected_index
        self._fill_picker()
        self.load()
        self.tabs.selected_index = current_tab  # rebuilds this section from the new read
        if "One learner" not in self.built:
            self._build("One learner")
        self.learner.learner_note.value = status_html("ok", note)

    # --- feedback (course/ui/mentor/dashboard_feedback.py) -------------------------------------------

    def _viewer(self):
        return mentor_viewer(self.session.identity, self.store, granted=True)  # only ever called behind the gate

    def _names(self) -> dict:
        return dict(zip(self.data.learners["learner_id"], self.data.learners["name"]))

    def _feedback(self):
        self.feedback_tab = FeedbackTab(self.catalog, self.store, self._viewer(), self.cohort_id(),
                                        sorted(self._names().items(), key=lambda kv: str(kv[1]).casefold()),
                                        lambda item, response: response_html(readable(self.catalog, item, response)),
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

    # --- invite ---------------------------------------------------------------------------------

    def _invite(self):
        from course.ui.mentor.invite_panel import InvitePanel

        return [InvitePanel(self.session, self.store, self.cohort_id())]
