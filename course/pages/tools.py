"""The pages of lessons 07-10: the operations toolkit, quality and safety, staffing, and the capstone.

Each function imports its widget when it runs (deliberately lazy, as in lessons.py).
"""
from __future__ import annotations

from course.errors import MissingContent
from course.pages import common
from course.pages.common import friendly


def _sample_data(build):
    """A view over the sample data in assets/data/; a missing or damaged file becomes a message in the page."""
    from course.engine.budget import BudgetDataError

    try:
        return build()
    except BudgetDataError as exc:
        return common.Message(f"{exc} The rest of the lesson still works. Maintainers: see assets/data/README.md.")


# --- lesson 07: the operations toolkit ---------------------------------------------------------

def _operations():
    return common.tool_content("operations", "the operations toolkit content")


@friendly
def budget_data():
    """Lesson 07's sample unit budget (fictional) as readable tables."""
    from course.ui.learner.budget_lab import BudgetData

    return _sample_data(lambda: BudgetData(_operations()))


@friendly
def budget_chart():
    """Lesson 07's chart of budget versus actual, with its table alternative."""
    from course.ui.learner.budget_lab import BudgetChart

    return _sample_data(lambda: BudgetChart(_operations()))


@friendly
def budget_lab(step_id: str):
    """One step of lesson 07's budget lab, e.g. `course.budget_lab("fte")`: figures checked in the kernel."""
    from course.ui.learner.budget_lab import BudgetStep

    content = _operations()
    step = next((s for s in content.budget_lab.steps if s.id == step_id), None)
    if step is None:
        raise MissingContent(f"budget lab step '{step_id}'")
    return _sample_data(lambda: BudgetStep(step, content, common.catalog(), common.session()))


@friendly
def kpi_dashboard():
    """Lesson 07's unit KPI dashboard (fictional data) against its targets."""
    from course.ui.learner.kpi_dashboard import KpiDashboard

    return _sample_data(lambda: KpiDashboard(_operations()))


@friendly
def change_plan():
    """Lesson 07's change plan for putting a policy into practice: saved, restored, shown back as one page."""
    from course import keys
    from course.ui.learner.change_plan import ChangePlanWidget

    content, session = _operations(), common.session()
    return common.with_feedback(ChangePlanWidget(content, session), session, content.lesson,
                                keys.change_plan(content.lesson), "your change plan")


# --- lesson 08: quality, safety and regulation ------------------------------------------------

def _quality():
    return common.tool_content("quality", "the run chart and PDSA content")


@friendly
def run_chart():
    """Lesson 08's run chart: the learner's own monthly values (or the sample unit's) with the run rules applied."""
    from course.ui.learner.run_chart import RunChartTool

    return RunChartTool(_quality(), common.catalog(), common.session())


@friendly
def pdsa_plan():
    """Lesson 08's PDSA plan: one test of change, checked in the kernel, saved and restored."""
    from course.ui.learner.pdsa_plan import PdsaPlanWidget

    return PdsaPlanWidget(_quality(), common.session())


# --- lesson 09: people, staffing and the workplace ---------------------------------------------

@friendly
def staffing_grid():
    """Lesson 09's staffing grid: census, ratio or HPPD and shift length to staff per shift and FTEs."""
    from course.ui.learner.staffing_grid import StaffingGridWidget

    content = common.tool_content("staffing", "the staffing grid content")
    return StaffingGridWidget(content, common.catalog(), common.session())


# --- lesson 10: the capstone, my development plan ---------------------------------------------

def _plan_catalog():
    common.tool_content("development_plan", "the development plan content")
    return common.catalog()


@friendly
def plan_summary():
    """The capstone: what the learner saved across the course, and the summary picture."""
    from course.ui.learner.plan_builder import PlanSummary

    return PlanSummary(_plan_catalog(), common.session())


@friendly
def development_plan():
    """The capstone's plan builder: goals for 30/60/90 days and 1/3/5 years, each with a domain and a next action."""
    import ipywidgets as w

    from course import keys
    from course.ui.learner.goal_checkins import PlanCheckIns
    from course.ui.learner.plan_builder import PlanBuilder

    cat, session = _plan_catalog(), common.session()
    content = cat.development_plan
    plan_and_checkins = w.VBox([PlanBuilder(cat, session), PlanCheckIns(cat, session)])
    return common.with_feedback(plan_and_checkins, session, content.lesson, keys.development_plan(content.lesson),
                                "your development plan")


@friendly
def plan_export():
    """The capstone: "Prepare my plan" and the download links (HTML to print or save as PDF, and Markdown)."""
    from course.ui.learner.plan_builder import PlanExport

    return PlanExport(_plan_catalog(), common.session())
