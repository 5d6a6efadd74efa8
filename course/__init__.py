"""Becoming a Clinical Operations Manager: the course engine.

Notebooks call one line each: `course.start("the-role")`, `course.quiz("role-scope")`,
`course.fact("hsm-median-pay-2023")`, `course.exercise("duty-sort")`,
`course.reflection("the-role")`, `course.footer("the-role")`, `course.home()`.
Importing this package stays light: widgets, pydantic and SQLAlchemy load on first use.
"""
from __future__ import annotations

import functools

__version__ = "0.1.0"
__all__ = ["start", "home", "quiz", "fact", "exercise", "scenario", "scenario_library", "reflection",
           "course_map", "starting_profile", "planner",
           "experience_log", "self_assessment", "certifications", "style_matcher", "sbar",
           "footer", "glossary", "live_join", "live_session", "mentor_dashboard"]


class _Message:
    """A readable message in place of a widget when something a learner can meet goes wrong."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self):
        from html import escape

        return (f'<div class="course-status course-status-warn" role="status"><span aria-hidden="true">⚠</span> '
                f'{escape(self.text)}</div>')

    def __repr__(self):
        return self.text


def _friendly(fn):
    """Show content problems as a message in the page, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from course.catalog import ContentError

        try:
            return fn(*args, **kwargs)
        except ContentError as exc:
            first = exc.problems[0]
            return _Message(f"This part of the course could not be shown: its content has a problem "
                            f"({first[0]}: {first[2]}). Maintainers: run `course check`.")
        except KeyError as exc:
            return _Message(f"This part of the course could not be shown: {exc.args[0]} was not found "
                            f"in the course content. Maintainers: run `course check`.")

    return wrapper


def _catalog():
    from course import catalog

    return catalog.default()


def _session():
    from course import identity
    from course import kernel_errors
    from course import session

    if identity.in_voila():
        kernel_errors.install()
    current = session.current()
    current.detect_identity()
    return current


def _with_feedback(widget, session, lesson: str, work: str, title: str):
    """The work, then its feedback thread (the mentor's words, the learner's replies, "ask my mentor")."""
    import ipywidgets as w

    from course.ui.learner.feedback_thread import WorkFeedback

    return w.VBox([widget, WorkFeedback(session, lesson, work, _catalog().rubrics, title)])


def _theme():
    from IPython.display import HTML, display

    from course.ui.common import theme_css

    display(HTML(f"<style>{theme_css()}</style>"))


@_friendly
def start(lesson_id: str):
    """The top of a lesson: the course's look, the glossary the page explains terms from, who is
    signed in, and the progress header."""
    from IPython.display import HTML, display

    from course.engine.glossary import page_script
    from course.ui.learner.header import Header

    cat = _catalog()
    cat.lesson(lesson_id)
    _theme()
    display(HTML(page_script(cat, lesson_id)))
    return Header(cat, lesson_id, _session())


@_friendly
def home():
    """The course home page: sign-in and the map of lessons with this learner's progress."""
    from course.ui.learner.header import Home

    cat = _catalog()
    _theme()
    session = _session()
    page = Home(cat, session)
    session.await_visit()  # a preheated kernel built everything above before the visit
    return page


@_friendly
def quiz(*item_ids: str):
    from course.ui.learner.quiz import quiz as build

    cat = _catalog()
    for item_id in item_ids:
        if item_id not in cat.items:
            raise KeyError(f"self-check '{item_id}'")
    return build(item_ids, cat, _session())


@_friendly
def fact(fact_id: str):
    from course.facts import FactView

    cat = _catalog()
    if fact_id not in cat.facts:
        raise KeyError(f"fact '{fact_id}'")
    return FactView(cat.facts[fact_id])


@_friendly
def exercise(exercise_id: str):
    from course.ui.learner.sort import SortExerciseWidget

    cat = _catalog()
    if exercise_id not in cat.exercises:
        raise KeyError(f"exercise '{exercise_id}'")
    return SortExerciseWidget(cat.exercises[exercise_id], _session())


@_friendly
def scenario(scenario_id: str):
    """A branching scenario, resumed where this learner left off."""
    from course.ui.learner.scenario import ScenarioPlayer

    cat = _catalog()
    if scenario_id not in cat.scenarios:
        raise KeyError(f"scenario '{scenario_id}'")
    from course.ui.learner.scenario import ending_item

    sc, session = cat.scenarios[scenario_id], _session()
    return _with_feedback(ScenarioPlayer(sc, cat, session), session, sc.lesson, ending_item(sc.id),
                          f"how your scenario “{sc.title}” ended")


@_friendly
def scenario_library():
    """All scenarios, one at a time; `?scenario=<id>` in a Voila link opens one directly."""
    import os
    from urllib.parse import parse_qs

    from course.ui.learner.header import Header
    from course.ui.learner.scenario import ScenarioLibrary

    cat = _catalog()
    _theme()
    session = _session()  # waits for the visit in a preheated kernel, so the query string is there
    wanted = (parse_qs(os.environ.get("QUERY_STRING", "")).get("scenario") or [None])[0]
    import ipywidgets as w

    return w.VBox([Header(cat, None, session, page_nav=True), ScenarioLibrary(cat, session, wanted)])


@_friendly
def reflection(lesson_id: str):
    from course.ui.learner.reflection import Reflection

    lesson = _catalog().lesson(lesson_id)
    if not lesson.reflection:
        raise KeyError(f"a reflection prompt for lesson '{lesson_id}'")
    session = _session()
    reflection_box = Reflection(lesson_id, lesson.reflection, session)
    return _with_feedback(reflection_box, session, lesson_id, reflection_box.item, "your reflection")


@_friendly
def course_map(here: str | None = "start-here"):
    """The course map as a picture: the lessons as stops along one path, with this learner's status."""
    from course.ui.learner.course_map import CourseMapView

    return CourseMapView(_catalog(), _session(), here)


@_friendly
def starting_profile():
    """Lesson 00's starting-profile form: saved, restored on return, editable later.
    (Not `course.engine.profile()`: that name belongs to the course.engine.profile module, which any import
    of it would put back in this package's namespace.)"""
    from course.ui.learner.profile_form import PLANNER_NOTEBOOK, ProfileForm

    cat = _catalog()
    session = _session()
    planner_published = any(lesson.notebook == PLANNER_NOTEBOOK for lesson in cat.published())
    return ProfileForm(session, PLANNER_NOTEBOOK if planner_published else None)


@_friendly
def planner():
    """Lesson 02's pathway planner, built from the starting profile saved in lesson 00."""
    from course.ui.learner.planner import Planner

    cat = _catalog()
    if cat.pathways is None:
        raise KeyError("the pathway planner content (pathways.yaml)")
    return Planner(cat, _session())


@_friendly
def experience_log():
    """Lesson 03's leadership experience log: the learner's entries, listed and summed up by domain."""
    from course.ui.learner.experience_log import ExperienceLog

    cat = _catalog()
    if cat.experience_log is None:
        raise KeyError("the experience log (experience_log.yaml)")
    from course.ui.learner.experience_log import item_id

    session, lesson = _session(), cat.experience_log.lesson
    return _with_feedback(ExperienceLog(cat.experience_log, cat, session), session, lesson, item_id(lesson),
                          "your experience log")


@_friendly
def self_assessment():
    """Lesson 04's readiness self-assessment on the five HLA domains, re-takeable."""
    from course.ui.learner.self_assessment import SelfAssessmentWidget

    cat = _catalog()
    if cat.self_assessment is None:
        raise KeyError("the readiness self-assessment (self_assessment.yaml)")
    return SelfAssessmentWidget(cat.self_assessment, cat, _session())


@_friendly
def certifications():
    """Lesson 04's certification explorer: which certifications the learner could apply for, and when."""
    from course.ui.learner.certifications import CertificationExplorer

    cat = _catalog()
    if cat.certifications is None:
        raise KeyError("the certification rules (certifications.yaml)")
    return CertificationExplorer(cat.certifications, cat, _session())


@_friendly
def style_matcher():
    """Lesson 05's situational leadership matcher: people from the learner's own team, matched to a style."""
    from course.ui.learner.style_matcher import StyleMatcher

    cat = _catalog()
    if cat.style_matcher is None:
        raise KeyError("the situational leadership matcher (situational_leadership.yaml)")
    return StyleMatcher(cat.style_matcher, _session())


@_friendly
def sbar():
    """Lesson 06's SBAR exercise: draft, check your own draft, then compare with a model answer."""
    from course.ui.learner.sbar import SbarExercise

    cat = _catalog()
    if cat.sbar is None:
        raise KeyError("the SBAR exercise (sbar.yaml)")
    session = _session()
    return _with_feedback(SbarExercise(cat.sbar, session), session, cat.sbar.lesson, cat.sbar.id, "your SBAR draft")


@_friendly
def footer(lesson_id: str | None = None):
    """The end of a lesson (previous, home, next), or with no lesson, of another page (back home)."""
    from course.ui.learner.header import Footer

    cat = _catalog()
    if lesson_id is not None:
        cat.lesson(lesson_id)
    session = _session()
    page_end = Footer(cat, lesson_id, session)
    session.await_visit()  # a preheated kernel built the lesson above before the visit
    return page_end


@_friendly
def glossary():
    """The glossary page: every term the course uses, alphabetically, with the lesson that teaches it."""
    import ipywidgets as w

    from course.ui.learner.glossary_page import GlossaryPage
    from course.ui.learner.header import GLOSSARY, Header

    cat = _catalog()
    _theme()
    session = _session()
    page = w.VBox([Header(cat, None, session, page_nav=GLOSSARY), GlossaryPage(cat, session)])
    session.await_visit()  # if ever preheated: the page is built, now learn who visits
    return page


@_friendly
def live_join():
    """A learner's page for live sessions: sign in, type the mentor's join code, answer.
    `?code=K7QM2P` in a Voila link fills the code in."""
    import os
    from urllib.parse import parse_qs

    import ipywidgets as w

    from course.ui.learner.header import Header
    from course.ui.learner.live_join import LiveJoin

    cat = _catalog()
    _theme()
    session = _session()  # waits for the visit in a preheated kernel, so the query string is there
    code = (parse_qs(os.environ.get("QUERY_STRING", "")).get("code") or [None])[0]
    return w.VBox([Header(cat, None, session, page_nav=True), LiveJoin(cat, session, code)])


@_friendly
def live_session():
    """The mentor's live-session console, shown only once the mentor gate lets a mentor in."""
    import ipywidgets as w

    from course.mentor.access import MentorGate
    from course.ui.common import html_box, status_html
    from course.ui.mentor.live_console import LiveConsole

    cat = _catalog()
    _theme()
    session = _session()
    console_area = w.VBox()

    def granted():
        store = session.store()
        if store is None:
            console_area.children = [html_box(status_html("warn", session.store_error or
                                                          "The progress store cannot be opened."))]
            return
        console_area.children = [LiveConsole(cat, store)]

    gate = MentorGate(session, granted)  # on a hub it may call granted() at once
    return w.VBox([gate, console_area])


@_friendly
def mentor_dashboard():
    """The mentor dashboard: nothing of a cohort until the mentor gate lets a mentor in.
    `?cohort=<id>` in a Voila link opens that cohort once the mentor is in."""
    import os
    from urllib.parse import parse_qs

    from course.ui.mentor.dashboard import Dashboard

    cat = _catalog()
    _theme()
    session = _session()  # waits for the visit in a preheated kernel, so the query string is there
    wanted = (parse_qs(os.environ.get("QUERY_STRING", "")).get("cohort") or [None])[0]
    return Dashboard(cat, session, wanted)


# --- lesson 07: the operations toolkit ---------------------------------------------------------
__all__ += ["budget_data", "budget_chart", "budget_lab", "kpi_dashboard", "change_plan"]


def _operations():
    cat = _catalog()
    if cat.operations is None:
        raise KeyError("the operations toolkit content (operations_toolkit.yaml)")
    return cat, cat.operations


def _sample_data(build):
    """A view over the sample data in assets/data/; a missing or damaged file becomes a message in the page."""
    from course.engine.budget import BudgetDataError

    try:
        return build()
    except BudgetDataError as exc:
        return _Message(f"{exc} The rest of the lesson still works. Maintainers: see assets/data/README.md.")


@_friendly
def budget_data():
    """Lesson 07's sample unit budget (fictional) as readable tables."""
    from course.ui.learner.budget_lab import BudgetData

    _cat, content = _operations()
    return _sample_data(lambda: BudgetData(content))


@_friendly
def budget_chart():
    """Lesson 07's chart of budget versus actual, with its table alternative."""
    from course.ui.learner.budget_lab import BudgetChart

    _cat, content = _operations()
    return _sample_data(lambda: BudgetChart(content))


@_friendly
def budget_lab(step_id: str):
    """One step of lesson 07's budget lab, e.g. `course.budget_lab("fte")`: figures checked in the kernel."""
    from course.ui.learner.budget_lab import BudgetStep

    cat, content = _operations()
    step = next((s for s in content.budget_lab.steps if s.id == step_id), None)
    if step is None:
        raise KeyError(f"budget lab step '{step_id}'")
    return _sample_data(lambda: BudgetStep(step, content, cat, _session()))


@_friendly
def kpi_dashboard():
    """Lesson 07's unit KPI dashboard (fictional data) against its targets."""
    from course.ui.learner.kpi_dashboard import KpiDashboard

    _cat, content = _operations()
    return _sample_data(lambda: KpiDashboard(content))


@_friendly
def change_plan():
    """Lesson 07's change plan for putting a policy into practice: saved, restored, shown back as one page."""
    from course.ui.learner.change_plan import ChangePlanWidget

    from course.ui.learner.change_plan import item_id

    _cat, content = _operations()
    session = _session()
    return _with_feedback(ChangePlanWidget(content, session), session, content.lesson, item_id(content.lesson),
                          "your change plan")


# --- lesson 08: quality, safety and regulation ------------------------------------------------
__all__ += ["run_chart", "pdsa_plan"]


def _quality():
    cat = _catalog()
    if cat.quality is None:
        raise KeyError("the run chart and PDSA content (quality_safety.yaml)")
    return cat, cat.quality


@_friendly
def run_chart():
    """Lesson 08's run chart: the learner's own monthly values (or the sample unit's) with the run rules applied."""
    from course.ui.learner.run_chart import RunChartTool

    cat, content = _quality()
    return RunChartTool(content, cat, _session())


@_friendly
def pdsa_plan():
    """Lesson 08's PDSA plan: one test of change, checked in the kernel, saved and restored."""
    from course.ui.learner.pdsa_plan import PdsaPlanWidget

    _cat, content = _quality()
    return PdsaPlanWidget(content, _session())


# --- lesson 09: people, staffing and the workplace ---------------------------------------------
__all__ += ["staffing_grid"]


@_friendly
def staffing_grid():
    """Lesson 09's staffing grid: census, ratio or HPPD and shift length to staff per shift and FTEs."""
    from course.ui.learner.staffing_grid import StaffingGridWidget

    cat = _catalog()
    if cat.staffing is None:
        raise KeyError("the staffing grid content (people_staffing.yaml)")
    return StaffingGridWidget(cat.staffing, cat, _session())


# --- lesson 10: the capstone, my development plan ---------------------------------------------
__all__ += ["plan_summary", "development_plan", "plan_export"]


def _plan_catalog():
    cat = _catalog()
    if cat.development_plan is None:
        raise KeyError("the development plan content (development_plan.yaml)")
    return cat


@_friendly
def plan_summary():
    """The capstone: what the learner saved across the course, and the summary picture."""
    from course.ui.learner.plan_builder import PlanSummary

    return PlanSummary(_plan_catalog(), _session())


@_friendly
def development_plan():
    """The capstone's plan builder: goals for 30/60/90 days and 1/3/5 years, each with a domain and a next action."""
    from course.ui.learner.plan_builder import PlanBuilder

    import ipywidgets as w

    from course.capstone.plan import goals_item
    from course.ui.learner.goal_checkins import PlanCheckIns

    cat, session = _plan_catalog(), _session()
    content = cat.development_plan
    plan_and_checkins = w.VBox([PlanBuilder(cat, session), PlanCheckIns(cat, session)])
    return _with_feedback(plan_and_checkins, session, content.lesson, goals_item(content), "your development plan")


@_friendly
def plan_export():
    """The capstone: "Prepare my plan" and the download links (HTML to print or save as PDF, and Markdown)."""
    from course.ui.learner.plan_builder import PlanExport

    return PlanExport(_plan_catalog(), _session())
