"""The pages of lessons 00-06 and the course's own pages: the lesson top and end, self-checks,
facts, exercises, scenarios, reflections, the map, the glossary and the lesson tools.

Each function imports its widget when it runs (deliberately lazy: a lesson loads only the widgets
it shows). Missing content raises MissingContent, which `friendly` shows as a message in the page.
"""
from __future__ import annotations

from course.errors import MissingContent
from course.pages import common
from course.pages.common import friendly


@friendly
def start(lesson_id: str):
    """The top of a lesson: the course's look, the glossary the page explains terms from, who is
    signed in, and the progress header."""
    from IPython.display import HTML, display

    from course.engine.glossary import page_script
    from course.ui.learner.header import Header

    cat = common.catalog()
    cat.lesson(lesson_id)
    common.theme()
    display(HTML(page_script(cat, lesson_id)))
    return Header(cat, lesson_id, common.session())


@friendly
def home():
    """The course home page: sign-in and the map of lessons with this learner's progress."""
    from course.ui.learner.header import Home

    cat = common.catalog()
    common.theme()
    session = common.session()
    page = Home(cat, session)
    session.await_visit()  # a preheated kernel built everything above before the visit
    return page


@friendly
def quiz(*item_ids: str):
    from course.ui.learner.quiz import quiz as build

    cat = common.catalog()
    for item_id in item_ids:
        if item_id not in cat.items:
            raise MissingContent(f"self-check '{item_id}'")
    return build(item_ids, cat, common.session())


@friendly
def fact(fact_id: str):
    from course.facts import FactView

    cat = common.catalog()
    if fact_id not in cat.facts:
        raise MissingContent(f"fact '{fact_id}'")
    return FactView(cat.facts[fact_id])


@friendly
def exercise(exercise_id: str):
    from course.ui.learner.sort import SortExerciseWidget

    cat = common.catalog()
    if exercise_id not in cat.exercises:
        raise MissingContent(f"exercise '{exercise_id}'")
    return SortExerciseWidget(cat.exercises[exercise_id], common.session())


@friendly
def scenario(scenario_id: str):
    """A branching scenario, resumed where this learner left off."""
    from course import keys
    from course.ui.learner.scenario import ScenarioPlayer

    cat = common.catalog()
    if scenario_id not in cat.scenarios:
        raise MissingContent(f"scenario '{scenario_id}'")
    sc, session = cat.scenarios[scenario_id], common.session()
    return common.with_feedback(ScenarioPlayer(sc, cat, session), session, sc.lesson, keys.scenario_ending(sc.id),
                                f"how your scenario “{sc.title}” ended")


@friendly
def scenario_library():
    """All scenarios, one at a time; `?scenario=<id>` in a Voila link opens one directly."""
    import ipywidgets as w

    from course.ui.learner.header import Header
    from course.ui.learner.scenario import ScenarioLibrary

    cat = common.catalog()
    common.theme()
    session = common.session()
    wanted = common.query_value("scenario")
    return w.VBox([Header(cat, None, session, page_nav=True), ScenarioLibrary(cat, session, wanted)])


@friendly
def reflection(lesson_id: str):
    from course.ui.learner.reflection import Reflection

    lesson = common.catalog().lesson(lesson_id)
    if not lesson.reflection:
        raise MissingContent(f"a reflection prompt for lesson '{lesson_id}'")
    session = common.session()
    reflection_box = Reflection(lesson_id, lesson.reflection, session)
    return common.with_feedback(reflection_box, session, lesson_id, reflection_box.item, "your reflection")


@friendly
def course_map(here: str | None = "start-here"):
    """The course map as a picture: the lessons as stops along one path, with this learner's status."""
    from course.ui.learner.course_map import CourseMapView

    return CourseMapView(common.catalog(), common.session(), here)


@friendly
def starting_profile():
    """Lesson 00's starting-profile form: saved, restored on return, editable later."""
    from course.ui.learner.profile_form import PLANNER_NOTEBOOK, ProfileForm

    cat = common.catalog()
    session = common.session()
    planner_published = any(lesson.notebook == PLANNER_NOTEBOOK for lesson in cat.published())
    return ProfileForm(session, PLANNER_NOTEBOOK if planner_published else None)


@friendly
def planner():
    """Lesson 02's pathway planner, built from the starting profile saved in lesson 00."""
    from course.ui.learner.planner import Planner

    common.tool_content("pathways", "the pathway planner content")
    return Planner(common.catalog(), common.session())


@friendly
def experience_log():
    """Lesson 03's leadership experience log: the learner's entries, listed and summed up by domain."""
    from course import keys
    from course.ui.learner.experience_log import ExperienceLog

    content, session = common.tool_content("experience_log", "the experience log"), common.session()
    return common.with_feedback(ExperienceLog(content, common.catalog(), session), session, content.lesson,
                                keys.experience_log(content.lesson), "your experience log")


@friendly
def self_assessment():
    """Lesson 04's readiness self-assessment on the five HLA domains, re-takeable."""
    from course.ui.learner.self_assessment import SelfAssessmentWidget

    content = common.tool_content("self_assessment", "the readiness self-assessment")
    return SelfAssessmentWidget(content, common.catalog(), common.session())


@friendly
def certifications():
    """Lesson 04's certification explorer: which certifications the learner could apply for, and when."""
    from course.ui.learner.certifications import CertificationExplorer

    content = common.tool_content("certifications", "the certification rules")
    return CertificationExplorer(content, common.catalog(), common.session())


@friendly
def style_matcher():
    """Lesson 05's situational leadership matcher: people from the learner's own team, matched to a style."""
    from course.ui.learner.style_matcher import StyleMatcher

    return StyleMatcher(common.tool_content("style_matcher", "the situational leadership matcher"), common.session())


@friendly
def sbar():
    """Lesson 06's SBAR exercise: draft, check your own draft, then compare with a model answer."""
    from course.ui.learner.sbar import SbarExercise

    content, session = common.tool_content("sbar", "the SBAR exercise"), common.session()
    return common.with_feedback(SbarExercise(content, session), session, content.lesson, content.id, "your SBAR draft")


@friendly
def footer(lesson_id: str | None = None):
    """The end of a lesson (previous, home, next), or with no lesson, of another page (back home)."""
    from course.ui.learner.header import Footer

    cat = common.catalog()
    if lesson_id is not None:
        cat.lesson(lesson_id)
    session = common.session()
    page_end = Footer(cat, lesson_id, session)
    session.await_visit()  # a preheated kernel built the lesson above before the visit
    return page_end


@friendly
def glossary():
    """The glossary page: every term the course uses, alphabetically, with the lesson that teaches it."""
    import ipywidgets as w

    from course.ui.learner.glossary_page import GlossaryPage
    from course.ui.learner.header import GLOSSARY, Header

    cat = common.catalog()
    common.theme()
    session = common.session()
    page = w.VBox([Header(cat, None, session, page_nav=GLOSSARY), GlossaryPage(cat, session)])
    session.await_visit()  # if ever preheated: the page is built, now learn who visits
    return page


@friendly
def live_join():
    """A learner's page for live sessions: sign in, type the mentor's join code, answer.
    `?code=K7QM2P` in a Voila link fills the code in."""
    import ipywidgets as w

    from course.ui.learner.header import Header
    from course.ui.learner.live_join import LiveJoin

    cat = common.catalog()
    common.theme()
    session = common.session()
    code = common.query_value("code")
    return w.VBox([Header(cat, None, session, page_nav=True), LiveJoin(cat, session, code)])
