"""Becoming a Clinical Operations Manager: the course engine.

Notebooks call one line each: `course.start("the-role")`, `course.quiz("role-scope")`,
`course.fact("hsm-median-pay-2023")`, `course.exercise("duty-sort")`,
`course.reflection("the-role")`, `course.footer("the-role")`, `course.home()`.
Importing this package stays light: each call below imports its page (course/pages/) when it is
made, and the page its widgets, so widgets, pydantic and SQLAlchemy load on first use.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["start", "home", "quiz", "fact", "exercise", "scenario", "scenario_library", "reflection",
           "course_map", "starting_profile", "planner",
           "experience_log", "self_assessment", "certifications", "style_matcher", "sbar",
           "footer", "glossary", "live_join", "live_session", "mentor_dashboard",
           "budget_data", "budget_chart", "budget_lab", "kpi_dashboard", "change_plan",  # lesson 07
           "run_chart", "pdsa_plan",  # lesson 08
           "staffing_grid",  # lesson 09
           "plan_summary", "development_plan", "plan_export"]  # lesson 10, the capstone

# --- every page, and lessons 00-06 (course/pages/lessons.py) ------------------------------------


def start(lesson_id: str):
    """The top of a lesson: the course's look, who is signed in, the progress header."""
    from course.pages.lessons import start as page
    return page(lesson_id)


def home():
    """The course home page: sign-in and the map of lessons with this learner's progress."""
    from course.pages.lessons import home as page
    return page()


def quiz(*item_ids: str):
    """Self-checks, by their ids in course/content/quizzes/."""
    from course.pages.lessons import quiz as page
    return page(*item_ids)


def fact(fact_id: str):
    """A figure with what it measures, its source and as-of date (course/content/facts.yaml)."""
    from course.pages.lessons import fact as page
    return page(fact_id)


def exercise(exercise_id: str):
    """A sort exercise."""
    from course.pages.lessons import exercise as page
    return page(exercise_id)


def scenario(scenario_id: str):
    """A branching scenario, resumed where this learner left off."""
    from course.pages.lessons import scenario as page
    return page(scenario_id)


def scenario_library():
    """All scenarios, one at a time; `?scenario=<id>` in a Voila link opens one directly."""
    from course.pages.lessons import scenario_library as page
    return page()


def reflection(lesson_id: str):
    """A lesson's reflection prompt, saved to the store."""
    from course.pages.lessons import reflection as page
    return page(lesson_id)


def course_map(here: str | None = "start-here"):
    """The course map as a picture, with this learner's status."""
    from course.pages.lessons import course_map as page
    return page(here)


def starting_profile():
    """Lesson 00's starting-profile form. (Not `course.profile()`: that name would shadow the
    course.engine.profile module's place in this package's namespace.)"""
    from course.pages.lessons import starting_profile as page
    return page()


def planner():
    """Lesson 02's pathway planner."""
    from course.pages.lessons import planner as page
    return page()


def experience_log():
    """Lesson 03's leadership experience log."""
    from course.pages.lessons import experience_log as page
    return page()


def self_assessment():
    """Lesson 04's readiness self-assessment on the five HLA domains."""
    from course.pages.lessons import self_assessment as page
    return page()


def certifications():
    """Lesson 04's certification explorer."""
    from course.pages.lessons import certifications as page
    return page()


def style_matcher():
    """Lesson 05's situational leadership matcher."""
    from course.pages.lessons import style_matcher as page
    return page()


def sbar():
    """Lesson 06's SBAR exercise."""
    from course.pages.lessons import sbar as page
    return page()


def footer(lesson_id: str | None = None):
    """The end of a lesson (previous, home, next), or with no lesson, of another page."""
    from course.pages.lessons import footer as page
    return page(lesson_id)


def glossary():
    """The glossary page."""
    from course.pages.lessons import glossary as page
    return page()


def live_join():
    """A learner's page for live sessions; `?code=K7QM2P` in a Voila link fills the code in."""
    from course.pages.lessons import live_join as page
    return page()


# --- lessons 07-10 (course/pages/tools.py) ------------------------------------------------------


def budget_data():
    """Lesson 07's sample unit budget as readable tables."""
    from course.pages.tools import budget_data as page
    return page()


def budget_chart():
    """Lesson 07's chart of budget versus actual."""
    from course.pages.tools import budget_chart as page
    return page()


def budget_lab(step_id: str):
    """One step of lesson 07's budget lab, e.g. `course.budget_lab("fte")`."""
    from course.pages.tools import budget_lab as page
    return page(step_id)


def kpi_dashboard():
    """Lesson 07's unit KPI dashboard."""
    from course.pages.tools import kpi_dashboard as page
    return page()


def change_plan():
    """Lesson 07's change plan."""
    from course.pages.tools import change_plan as page
    return page()


def run_chart():
    """Lesson 08's run chart."""
    from course.pages.tools import run_chart as page
    return page()


def pdsa_plan():
    """Lesson 08's PDSA plan."""
    from course.pages.tools import pdsa_plan as page
    return page()


def staffing_grid():
    """Lesson 09's staffing grid."""
    from course.pages.tools import staffing_grid as page
    return page()


def plan_summary():
    """The capstone: what the learner saved across the course."""
    from course.pages.tools import plan_summary as page
    return page()


def development_plan():
    """The capstone's plan builder and goal check-ins."""
    from course.pages.tools import development_plan as page
    return page()


def plan_export():
    """The capstone's "Prepare my plan" and download links."""
    from course.pages.tools import plan_export as page
    return page()


# --- the mentor's pages (course/pages/mentor.py) ------------------------------------------------


def live_session():
    """The mentor's live-session console, behind the mentor gate."""
    from course.pages.mentor import live_session as page
    return page()


def mentor_dashboard():
    """The mentor dashboard, behind the mentor gate; `?cohort=<id>` opens that cohort."""
    from course.pages.mentor import mentor_dashboard as page
    return page()
