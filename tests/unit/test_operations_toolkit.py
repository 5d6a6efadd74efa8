"""Lesson 07's content as a whole: a notebook calling an unknown budget-lab step is reported (bad
operations_toolkit.yaml: test_bad_content.py); the dashboard's self-checks agree with the sample data; the notebook keeps the lesson contract;
and loading the course stays light (no pandas until a budget view is drawn)."""
import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from course.engine import budget
from course.catalog import NOTEBOOK_DIR
from course.ui.learner.kpi_dashboard import KpiDashboard, dashboard_html

from .content_edits import edit, named, problems

LESSON = "operations-toolkit"
NOTEBOOK = NOTEBOOK_DIR / "07-operations-toolkit.ipynb"


# --- the schema and its cross-checks ------------------------------------------------------------------

def test_real_content_loads(cat):
    ops = cat.operations
    assert ops and ops.lesson == LESSON and [s.id for s in ops.budget_lab.steps] == ["fte", "hppd", "flex", "variance"]
    assert cat.facts[ops.budget_lab.fte_fact].value == 2080


def test_notebook_calling_an_unknown_step_is_reported(content_dir, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, notebooks)
    nb = notebooks / NOTEBOOK.name
    edit(nb, 'course.budget_lab(\\"hppd\\")', 'course.budget_lab(\\"hpd\\")')
    found = problems(content_dir, notebooks)
    assert named(found, "07-operations-toolkit.ipynb", "unknown budget lab step 'hpd'", 'course.budget_lab("hpd")'), found


# --- the dashboard and the self-checks that read it -------------------------------------------------------

@pytest.fixture(scope="module")
def kpi_values():
    return budget.quarterly_kpis(budget.load_budget(), budget.load_kpis())


def test_kpi_missed_item_matches_the_data(cat, kpi_values):
    item = cat.items["ops-kpi-missed"]
    kpis = {k.id: k for k in cat.operations.kpi_dashboard.kpis}
    for option in item.options:
        kpi = kpis[option.id]
        shown = round(kpi_values["Q3"][option.id], kpi.decimals)
        missed = not budget.target_met(shown, kpi.target, kpi.better)
        assert option.correct == missed, option.id


def test_overtime_gap_item_matches_the_data(cat, kpi_values):
    item = cat.items["ops-kpi-overtime-gap"]
    overtime = next(k for k in cat.operations.kpi_dashboard.kpis if k.id == "overtime")
    shown = round(kpi_values["Q3"]["overtime"], overtime.decimals)
    assert abs(round(shown - overtime.target, 1) - cat.answer_of(item)) <= item.tolerance


def test_hppd_target_is_the_budgeted_level(cat):
    hppd = next(k for k in cat.operations.kpi_dashboard.kpis if k.id == "hppd")
    frame = budget.load_budget()
    assert hppd.better == "none"
    assert hppd.target == budget.hppd(frame["budget_worked_hours"].sum(), frame["budget_patient_days"].sum())


def test_dashboard_says_met_or_missed_in_words(cat, kpi_values):
    html = dashboard_html(cat.operations, kpi_values, [("Q1", "Jul-Sep 2025"), ("Q3", "Jan-Mar 2026")])
    assert "✗ missed" in html and "✓ met" in html and "above budget" in html
    assert "≤ 3.0" in html and "≥ 75" in html and "8.00 (budget)" in html
    assert "6.1 <span" in html  # Q3 overtime as the self-check reads it
    view = KpiDashboard(cat.operations)
    assert "Patients who would definitely recommend" in view.children[0].value


def test_part_time_fte_item_uses_the_fte_fact(cat):
    item = cat.items["ops-part-time-fte"]
    assert cat.answer_of(item) == pytest.approx(0.6 * cat.facts["fte-annual-hours"].value)


# --- the lesson contract ------------------------------------------------------------------------------------

def notebook_code():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return cells, ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_notebook_shape(cat):
    cells, code = notebook_code()
    assert code[0] == f'import course\ncourse.start("{LESSON}")' and code[-1] == f'course.footer("{LESSON}")'
    assert all("\n" not in c for c in code[1:])  # one-line cells after the first
    for call in ('course.scenario("budget-overrun")', 'course.scenario("capital-request")',
                 'course.scenario("medication-error")', "course.change_plan()", "course.budget_chart()",
                 "course.kpi_dashboard()", f'course.reflection("{LESSON}")'):
        assert call in code, call
    assert [c for c in code if c.startswith("course.budget_lab(")] == [
        f'course.budget_lab("{s.id}")' for s in cat.operations.budget_lab.steps]
    assert cat.lesson(LESSON).status == "published"


def test_scenarios_follow_the_section_they_practise():
    _cells, code = notebook_code()
    order = {c: i for i, c in enumerate(code)}
    assert order['course.scenario("budget-overrun")'] > order['course.budget_lab("variance")']
    assert order['course.scenario("capital-request")'] > order['course.quiz("ops-capital-items")']
    assert order['course.scenario("medication-error")'] > order['course.quiz("ops-records")']


def test_self_checks_meet_the_contract(cat):
    ids = cat.lesson_items(LESSON)
    kinds = Counter(cat.items[i].kind for i in ids)
    assert len(ids) >= 6 and len(kinds) >= 2 and kinds["numeric"] >= 2
    _cells, code = notebook_code()
    assert {f'course.quiz("{i}")' for i in ids} <= set(code)  # every item is in the lesson
    positions = [next(n for n, o in enumerate(cat.items[i].options) if o.correct)
                 for i in ids if cat.items[i].kind == "single"]
    assert len(set(positions)) >= 2  # the right answer is not always in the same place
    for i in ids:
        item = cat.items[i]
        assert all(len(o.feedback) > 40 for o in getattr(item, "options", []))  # every option explained
        assert "all of the above" not in json.dumps(item.model_dump()).lower()


def test_markdown_shows_the_pandas_code_for_each_figure():
    cells, _code = notebook_code()
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for expression in ('pd.read_csv("../assets/data/unit-budget.csv", comment="#")', "ftes =", "hppd =",
                       "flexible =", "volume =", "efficiency =", "rate =", "budget.plot.bar("):
        assert expression in markdown


def test_pandas_code_in_the_lesson_runs_and_agrees_with_the_lab(cat, tmp_path):
    cells, _code = notebook_code()
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    block = markdown.split("```python\n", 1)[1].split("```", 1)[0]
    result = subprocess.run([sys.executable, "-c", block], cwd=NOTEBOOK_DIR, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "FTEs 51.1, HPPD 8.30, flexible budget $305,312.00" in result.stdout
    assert "volume $13,316.80 + efficiency $11,449.20 + rate $32,638.80 = $57,404.80" in result.stdout


def test_loading_the_course_does_not_load_pandas():
    code = ("import sys, course; from course.pages.common import catalog; catalog(); from course.engine import budget; from course.schema import operations;"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_fte_items_agree_with_the_budget_arithmetic(cat):
    frame = budget.load_budget()
    february = budget.month_row(frame, "2026-02")
    item = cat.items["ops-february-ftes"]
    assert str(f"{february['actual_paid_hours']:,.0f}") in item.prompt and "28 days" in item.prompt
    by_days = budget.ftes(february["actual_paid_hours"], february["days_in_month"])
    assert abs(by_days - cat.answer_of(item)) <= item.tolerance
    shortcut = february["actual_paid_hours"] * 12 / cat.facts["fte-annual-hours"].value
    assert f"{shortcut:.1f}" in item.prompt  # the misleading average-month figure the prompt quotes
    twelve = cat.items["ops-twelve-hour-fte"]
    assert cat.answer_of(twelve) == pytest.approx(budget.weekly_fte(3 * 12))
