"""Lessons 08 and 09 as content and as data for mentors (bad quality_safety.yaml and
people_staffing.yaml: test_bad_content.py): the new lessons' scenarios
follow the scenario rules; the demo cohort, the mentor's learner view, the lesson matrix and the CSV
export include the new lessons and their tools."""
import csv
import json
import pytest

from course.engine.scenarios import all_paths, expert_path


NEW_SCENARIOS = ("survey-tracer", "pressure-injury-cluster", "schedule-grievance", "disruptive-physician")


def test_both_lessons_and_their_tools_load(cat):
    assert cat.quality.lesson == "quality-safety" and cat.staffing.lesson == "people-staffing"
    assert [l.number for l in cat.course.lessons][-3:] == [8, 9, 10]
    assert cat.lesson("capstone").notebook == "10-capstone.ipynb"
    for lesson in ("quality-safety", "people-staffing"):
        items = [cat.items[i] for i in cat.lesson_items(lesson)]
        assert len(items) >= 8 and len({i.kind for i in items}) >= 2
        for item in items:
            for option in getattr(item, "options", []):
                assert len(option.feedback.split()) >= 8, (item.id, option.id)  # explains why, not just "right"


@pytest.mark.parametrize("sid", NEW_SCENARIOS)
def test_new_scenarios_follow_the_rules(cat, sid):
    sc = cat.scenarios[sid]
    endings = {n.ending.rating for n in sc.nodes if n.ending}
    assert len([n for n in sc.nodes if n.ending]) >= 3 and endings == {"strong", "mixed", "poor"}
    for path in all_paths(sc):
        assert len(path) - 1 >= 3  # decisions on every path
    decisions = [n for n in sc.nodes if n.choices]
    assert all(sum(c.expert for c in n.choices) == 1 and all(c.feedback for c in n.choices) for n in decisions)
    last = expert_path(sc)[-1][0]
    assert sc.node(last).ending.rating == "strong"


def test_patient_safety_comes_first_in_the_new_scenarios(cat):
    """The expert's first move protects patients before anything else."""
    first = {sid: next(c for c in cat.scenarios[sid].node(cat.scenarios[sid].start).choices if c.expert)
             for sid in ("pressure-injury-cluster", "disruptive-physician")}
    assert "skin and risk score" in first["pressure-injury-cluster"].text
    assert "rapid response" in first["disruptive-physician"].text


# --- data for mentors -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory, cat):
    from course.mentor.demo import make_demo_cohort
    from course.store.core import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'store.sqlite'}")
    make_demo_cohort(store, 20, "demo-08", catalog=cat)
    return store


def test_the_demo_cohort_uses_the_new_tools_with_valid_entries(demo, cat):
    from course.engine import pdsa
    from course.engine import run_chart_entry
    from course.engine import staffing
    from course.mentor.analytics import load_cohort

    data = load_cohort(demo, "demo-08")
    ev = data.events
    charts = ev[ev["item"] == run_chart_entry.item_id("quality-safety")]
    plans = ev[ev["item"] == pdsa.item_id("quality-safety")]
    grids = ev[ev["item"] == staffing.item_id("people-staffing")]
    assert len(charts) and len(plans) and len(grids)
    for response in charts["response"]:
        assert run_chart_entry.from_saved(response["chart"], cat.quality) is not None
    for response in plans["response"]:
        assert pdsa.validate_plan(response["plan"], cat.quality.pdsa)[1] == {}
    for response in grids["response"]:
        assert staffing.from_saved(response["inputs"], 2080) is not None
    assert set(ev["lesson"]) >= {"quality-safety", "people-staffing"}


def test_the_mentor_sees_the_tools_in_words_and_the_lessons_in_the_matrix(demo, cat):
    from course.mentor import analytics
    from course.engine import run_chart_entry
    from course.engine import staffing
    from course.engine.tool_entries import describe_entry

    data = analytics.load_cohort(demo, "demo-08")
    share, _status = analytics.lesson_matrix(data, cat)
    assert {"quality-safety", "people-staffing", "capstone"} <= set(share.columns)
    ev = data.events
    chart = ev[ev["item"] == run_chart_entry.item_id("quality-safety")].iloc[0]
    words = describe_entry(cat, chart["item"], chart["response"])["Run chart"]
    assert words["Indicator"] == "Falls per 1,000 patient days" and words["Months"] == "Jul 2023 to Jun 2025"
    grid = ev[ev["item"] == staffing.item_id("people-staffing")].iloc[0]
    steps = describe_entry(cat, grid["item"], grid["response"])["Staffing grid"]["Steps"]
    assert any("days-off factor" in line for line in steps)
    assert describe_entry(cat, "the-role/duty-sort", {"sorting": {}}) is None


def test_the_csv_export_includes_the_new_lessons_tools(demo, tmp_path):
    import io

    from course.mentor.export import cohort_csv

    text, _count = cohort_csv(demo, "demo-08")
    rows = list(csv.DictReader(io.StringIO(text)))
    items = {r["item"] for r in rows}
    assert {"quality-safety/run-chart", "quality-safety/pdsa-plan", "people-staffing/staffing-grid"} <= items
    chart = next(r for r in rows if r["item"] == "quality-safety/run-chart")
    assert json.loads(chart["response"])["chart"]["start"] == "2023-07"


def test_the_xapi_export_includes_the_new_lessons_tools(demo, cat):
    from course.mentor.export import xapi_statements

    statements = xapi_statements(demo, "demo-08", catalog=cat)
    objects = {s["object"]["id"] for s in statements}
    assert any(o.endswith("/quality-safety/run-chart") or "run-chart" in o for o in objects)
    assert any("staffing-grid" in o for o in objects)
    lessons = {s["context"]["contextActivities"]["grouping"][0]["id"] for s in statements}
    assert any(lesson.endswith("/lessons/people-staffing") for lesson in lessons)
    assert any(lesson.endswith("/lessons/quality-safety") for lesson in lessons)


def test_lesson_09_shows_the_state_ratio_laws_as_sourced_facts(cat):
    """The years and law names about state ratio laws come from facts.yaml, not typed into the text."""
    from course.notebooks import notebook_cells, notebook_references
    from course.paths import NOTEBOOK_DIR

    nb = NOTEBOOK_DIR / cat.lesson("people-staffing").notebook
    shown = [ref for fn, ref in notebook_references(nb) if fn == "fact"]
    for fid, state in (("ca-ratios-all-units", "California"), ("ma-icu-ratios", "Massachusetts"),
                       ("or-hb2697-ratios", "Oregon")):
        assert fid in shown
        fact = cat.facts[fid]
        assert fact.region.startswith(state) and "US state" in fact.region and fact.as_of and fact.check_live
    prose = " ".join("".join(c["source"]) for c in notebook_cells(nb) if c["cell_type"] == "markdown"
                     and "## Sources" not in "".join(c["source"]))
    for typed in ("2004", "2023", "2697", "June 2024", "since 2014"):
        assert typed not in prose, typed


def test_lesson_09_names_the_pregnancy_accommodation_law_with_its_date(cat):
    from course.notebooks import notebook_references
    from course.paths import NOTEBOOK_DIR

    nb = NOTEBOOK_DIR / cat.lesson("people-staffing").notebook
    assert ("fact", "pwfa-effective") in set(notebook_references(nb))
    fact = cat.facts["pwfa-effective"]
    assert "Pregnant Workers Fairness Act" in fact.label and fact.region == "United States (federal law)"
    assert fact.display == "June 27, 2023" and fact.url.startswith("https://www.eeoc.gov/")
