"""A learner who worked through lessons 00-09, built the way a learner builds one: through the real
widgets (setting values and clicking buttons), so every event is the one the lesson itself records.

Used by the capstone's unit tests and, with a session on the Voila server's store, by its browser
test. `hostile=True` puts markup, markdown links, null bytes and bidi overrides into every text the
learner types, to show they come out of the plan as text.
"""
from __future__ import annotations

import datetime as dt

from course.engine import budget
from course.ui.learner.budget_lab import BudgetStep
from course.ui.learner.certifications import CertificationExplorer
from course.ui.learner.change_plan import ChangePlanWidget
from course.ui.learner.experience_log import ExperienceLog
from course.ui.learner.pdsa_plan import PdsaPlanWidget
from course.ui.learner.planner import Planner
from course.ui.learner.profile_form import ProfileForm
from course.ui.learner.reflection import Reflection
from course.ui.learner.run_chart import RunChartTool
from course.ui.learner.sbar import SbarExercise
from course.ui.learner.scenario import ScenarioPlayer
from course.ui.learner.self_assessment import SelfAssessmentWidget
from course.ui.learner.staffing_grid import StaffingGridWidget

from .sessions import open_page

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) \x00\u202eevil'
HOSTILE_SHORT = '<img src=x onerror=alert(1)>\x00\u202e'  # for boxes of at most 80 characters

PROFILE_GOALS = "Lead a cardiac step-down unit within five years; learn to read a budget."
LOG = [  # what, month, year, domain, note
    ("Charge nurse on nights for six months", 3, 2025, "leadership", "Ran the huddle at 19:00 and 03:00."),
    ("Chaired the unit practice council", 9, 2025, "healthcare-environment", "Rewrote the falls checklist."),
    ("Precepted two new graduates", 1, 2026, "communication", ""),
]
REFLECTION = "Lesson {n}: I keep coming back to how much of the job is about people, not tasks."
FIRST_RATINGS = {"communication": 4, "leadership": 3, "professionalism": 4, "healthcare-environment": 3, "business": 1}
LATEST_RATINGS = FIRST_RATINGS | {"business": 2, "leadership": 4}
SBAR = {
    "situation": "6 North is five infusion pumps short, and a dose started late last night.",
    "background": "Biomed pulled five pumps on Friday; batteries are back-ordered.",
    "assessment": "I think we will run short again this afternoon when surgery sends four patients.",
    "recommendation": "Please approve renting five pumps today; I will report back on Friday at noon.",
}
SCENARIOS = ("staffing-shortage", "former-peers", "family-complaint", "budget-overrun", "pressure-injury-cluster",
             "schedule-grievance")
PDSA = {
    "aim": "Reduce falls on 5 East from 3.4 to 2.5 per 1,000 patient days by June 30",
    "change": "Purposeful hourly rounding for patients at high fall risk on nights",
    "prediction": "Fewer falls on test nights; rounds take about two minutes each",
    "measure": "Falls per 1,000 patient days; rounds done; call-light waits for other patients",
    "who": "Two night nurses on the east hallway with the charge nurse",
    "when": "Three nights from Monday March 2",
}
STAFFING = {"unit": "5 East, medical-surgical", "beds": "32", "average_census": "27.5", "method": "ratio",
            "patients_per_nurse": "1:4", "shift_hours": 12, "others_per_shift": "1", "pto_hours": "160"}


def _typed(text: str, hostile: bool, short: bool = False) -> str:
    return f"{text} {HOSTILE_SHORT if short else HOSTILE}" if hostile else text


def complete_learner(session, catalog, *, hostile: bool = False, today: dt.date | None = None) -> dict:
    """Do lessons 00-09's exercises as `session`'s learner, each lesson on a page of its own (a new
    kernel, as when a person opens the next lesson); returns what they typed, for assertions."""
    today = today or dt.date(2026, 11, 26)

    def lesson_page():
        return open_page(session.store_url, session.identity)

    typed = {"log": [], "reflections": {}}

    # Lesson 00: the starting profile.
    form = ProfileForm(lesson_page(), "02-education.ipynb")
    form.stage.value, form.years.value, form.field.value = "clinician", "6", "nursing"
    form.degrees["bsn"].value = True
    form.licensed.value, form.leadership.value, form.hours.value = True, True, "4"
    form.goals.value = typed["profile_goals"] = _typed(PROFILE_GOALS, hostile)
    form.save_button.click()
    assert "Saved" in form.status.value, form.status.value

    # Lesson 02: the pathway planner, with an MHA part-time.
    planner = Planner(catalog, lesson_page())
    planner.route.value = "nursing"
    planner.graduate.value = "mha"
    planner.pace.value = "part-time"
    planner.practice.value = 8
    planner.save_button.click()
    assert "Saved" in planner.status.value, planner.status.value
    typed["pathway_steps"] = [s.label for s in planner.plan.steps]
    typed["route"] = planner.plan.route.label

    # Lesson 03: the experience log.
    log = ExperienceLog(catalog.experience_log, catalog, lesson_page(), today=today)
    for what, month, year, domain, note in LOG:
        log.what.value, log.month.value, log.year.value = _typed(what, hostile), month, year
        log.domain.value, log.note.value = domain, note
        log.save_button.click()
        assert "Added" in log.status.value, log.status.value
        typed["log"].append(" ".join(_typed(what, hostile).replace("\x00", "").split()))

    # Lesson 04: the self-assessment twice, and the certification explorer.
    page = lesson_page()
    assessment = SelfAssessmentWidget(catalog.self_assessment, catalog, page)
    for ratings in (FIRST_RATINGS, LATEST_RATINGS):
        if assessment.takes:
            assessment.retake_button.click()
        for domain in catalog.self_assessment.domains:
            for statement in domain.statements:
                assessment.selects[statement.id].value = ratings[domain.competency]
        assessment.save_button.click()
    assert len(assessment.takes) == 2
    certs = CertificationExplorer(catalog.certifications, catalog, page)
    certs.check_button.click()

    # Lessons 05-09: scenarios played to an ending through their buttons (the expert's choice
    # where the learner knows it, the first offered otherwise).
    for n, sid in enumerate(SCENARIOS):
        player = ScenarioPlayer(catalog.scenarios[sid], catalog, lesson_page())
        while not player.run.finished:
            choices = player.run.choices()
            pick = next((i for i, c in enumerate(choices) if c.expert), 0) if n % 2 == 0 else 0
            player.choice_box.children[pick].click()
            player.continue_button.click()

    # Lesson 06: the SBAR draft.
    sbar = SbarExercise(catalog.sbar, lesson_page())
    for part, text in SBAR.items():
        sbar.fields[part].value = _typed(text, hostile) if part == "recommendation" else text
    sbar.save_button.click()
    typed["sbar_recommendation"] = _typed(SBAR["recommendation"], hostile)

    # Lesson 07: two budget-lab steps and the change plan.
    ops = catalog.operations
    page = lesson_page()
    frame = budget.load_budget()
    answers = budget.lab_answers(budget.month_row(frame, ops.budget_lab.month))
    for step in ops.budget_lab.steps[:2]:
        lab = BudgetStep(step, ops, catalog, page, frame)
        for figure, box in lab.boxes.items():
            box.value = f"{answers[figure]:.2f}"
        lab.check_button.click()
    plan = ChangePlanWidget(ops, page)
    for field in ops.change_plan.fields:
        widget = plan.inputs[field.id]
        widget.value = field.options[0] if field.kind == "choice" else _typed(f"My answer for {field.id}", hostile)
    plan.save_button.click()
    assert "Plan saved" in plan.status.value, plan.status.value

    # Lesson 08: the sample unit's run chart with one month changed, and a PDSA plan.
    page = lesson_page()
    chart = RunChartTool(catalog.quality, catalog, page)
    chart.sample_button.click()
    chart.indicator.value = _typed("Falls per 1,000 patient days, 5 East", hostile, short=True)
    chart.values.value = chart.values.value.replace("4.42", "4.1", 1)
    chart.draw_button.click()
    assert "Run chart drawn" in chart.status.value, chart.status.value
    typed["indicator"] = " ".join(chart.indicator.value.replace("\x00", "").replace("\u202e", "").split())
    pdsa_widget = PdsaPlanWidget(catalog.quality, page)
    for fid, text in PDSA.items():
        pdsa_widget.inputs[fid].value = _typed(text, hostile) if fid == "change" else text
    pdsa_widget.save_button.click()
    assert "PDSA plan saved" in pdsa_widget.status.value, pdsa_widget.status.value
    typed["pdsa_change"] = _typed(PDSA["change"], hostile)

    # Lesson 09: the staffing grid for a 32-bed unit on 12-hour shifts.
    grid = StaffingGridWidget(catalog.staffing, catalog, lesson_page())
    for fid, value in STAFFING.items():
        grid.inputs[fid].value = _typed(value, hostile, short=True) if fid == "unit" else value
    grid.button.click()
    assert "Staffing worked out" in grid.status.value, grid.status.value

    # A reflection at the end of every lesson before the capstone.
    for lesson in catalog.course.lessons:
        if lesson.id == catalog.development_plan.lesson or not lesson.reflection:
            continue
        box = Reflection(lesson.id, lesson.reflection, lesson_page())
        box.text.value = typed["reflections"][lesson.id] = _typed(REFLECTION.format(n=lesson.number), hostile)
        box.save_button.click()
    return typed
