"""Lesson 08's tools in the kernel: the run chart entry (values as typed, named problems, the sample
unit's data, saved and redrawn in a new session) and the PDSA plan (the aim needs a number, Act
waits for Study, lengths, refused choices, escaping, saved and restored)."""
import base64
import datetime as dt
import re

import pytest

from course.engine import pdsa
from course.engine import run_chart_entry
from course.ui.learner.pdsa_plan import PdsaPlanWidget, plan_html
from course.ui.learner.run_chart import RunChartTool

from .sessions import signed_in_session

GOOD_PLAN = {
    "aim": "Reduce falls on 5 East from 3.4 to 2.5 per 1,000 patient days by June 30",
    "change": "Purposeful hourly rounding for patients at high fall risk",
    "prediction": "Fewer falls on the test nights, with rounds taking about two minutes",
    "measure": "Falls per 1,000 patient days; rounds completed; call-light waits for other patients",
    "who": "Two night nurses on the east hallway",
    "when": "Three nights from Monday March 2",
}


@pytest.fixture(scope="module")
def quality(cat):
    return cat.quality


# --- the run chart entry -----------------------------------------------------------------------------------

def entry_raw(**changes):
    values = "\n".join(str(v) for v in [3, 4, 3, 2, 4, 3, 4, 3, 2, 4, 3, 3])
    return dict({"indicator": "Falls per 1,000 patient days", "better": "lower", "month": 7, "year": 2024,
                 "values": values}, **changes)


def test_a_good_entry_is_cleaned(quality):
    entry, problems = run_chart_entry.validate_entry(entry_raw(indicator="  Falls   per 1,000\x00 patient days "),
                                                     quality)
    assert problems == [] and entry["indicator"] == "Falls per 1,000 patient days"
    assert entry["start"] == "2024-07" and len(entry["values"]) == 12


@pytest.mark.parametrize("changes, message", [
    ({"indicator": ""}, "“Indicator”: name the indicator"),
    ({"better": None}, "“Which way is better for this indicator?”: choose one."),
    ({"better": "sideways"}, "choose one"),
    ({"month": None}, "choose the month and the year"),
    ({"year": 1999}, "choose the month and the year"),
    ({"values": "3\n4\n3"}, "takes 12 to 24 monthly values; you have typed 3"),
    ({"values": "3\n" * 25}, "you have typed 25"),
    ({"values": "3\n2,4\n" * 6}, "line 2 (“2,4”): Could not read “2,4”: use a point for decimals (2.4)"),
    ({"values": "3\n" * 11 + "2000000"}, "larger than a monthly indicator can be"),
])
def test_each_problem_names_the_field(quality, changes, message):
    entry, problems = run_chart_entry.validate_entry(entry_raw(**changes), quality)
    assert entry is None and any(message in p for p in problems), problems


def test_the_first_month_cannot_be_in_the_future(quality):
    today = dt.date(2026, 3, 15)
    entry, problems = run_chart_entry.validate_entry(entry_raw(year=2026, month=4), quality, today=today)
    assert entry is None and "cannot be in the future" in problems[0]


def test_month_labels_run_across_the_year_end():
    assert run_chart_entry.month_labels("2024-11", 4) == ["Nov 2024", "Dec 2024", "Jan 2025", "Feb 2025"]


def test_the_sample_loads_draws_and_is_saved_as_sample(cat, quality, session):
    tool = RunChartTool(quality, cat, session)
    tool.sample_button.click()
    assert tool.indicator.value == "Falls per 1,000 patient days" and tool.better.value == "lower"
    assert (tool.month.value, tool.year.value) == (7, 2023) and len(tool.values.value.split("\n")) == 24
    assert "fictional" in tool.status.value
    tool.draw_button.click()
    html = tool.output.value
    assert "A shift: 6 points below the median, from Jan 2025 to Jun 2025." in html
    assert "The chart as a table" in html and "Jun 2025" in html
    png = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))
    assert png.startswith(b"\x89PNG")
    alt = re.search(r'alt="([^"]+)"', html).group(1)
    assert alt.startswith("Run chart of Falls per 1,000 patient days, Jul 2023 to Jun 2025: 24 monthly values")
    saved = session.history(run_chart_entry.item_id("quality-safety"))[-1]["response"]
    assert saved["source"] == "sample" and saved["signals"] == ["shift"]


def test_changed_values_are_the_learners_own_and_typed_text_is_escaped(cat, quality, session):
    tool = RunChartTool(quality, cat, session)
    tool.sample_button.click()
    tool.indicator.value = 'Falls <img src=x onerror="alert(1)">'
    tool.values.value = tool.values.value.replace("4.42", "4.1")
    tool.draw_button.click()
    assert "<img src=x" not in tool.output.value and "&lt;img src=x" in tool.output.value
    assert session.history(run_chart_entry.item_id("quality-safety"))[-1]["response"]["source"] == "own"


def test_a_refused_entry_keeps_the_draft(cat, quality, session):
    tool = RunChartTool(quality, cat, session)
    tool.indicator.value = "Hand hygiene, %"
    tool.better.value, tool.month.value, tool.year.value = "higher", 1, 2025
    tool.values.value = "81\n84\n2,4\n🙂\n90"
    tool.draw_button.click()
    assert "Not drawn yet: 2 things to fix." in tool.status.value
    assert "line 3 (“2,4”)" in tool.status.value and "line 4 (“🙂”)" in tool.status.value
    assert "you have typed" not in tool.status.value  # the count waits until every line can be read
    assert tool.values.value == "81\n84\n2,4\n🙂\n90" and tool.output.value == ""
    assert session.history(run_chart_entry.item_id("quality-safety")) == []


def test_the_chart_is_redrawn_in_a_new_session(cat, quality, session, db_url):
    tool = RunChartTool(quality, cat, session)
    tool.sample_button.click()
    tool.draw_button.click()
    restored = RunChartTool(quality, cat, signed_in_session(db_url))
    assert restored.indicator.value == "Falls per 1,000 patient days" and restored.year.value == 2023
    assert "A shift: 6 points below the median" in restored.output.value
    assert "Your saved run chart" in restored.status.value and restored.source() == "sample"


def test_a_damaged_saved_chart_is_ignored(quality):
    assert run_chart_entry.from_saved({"start": "2024-13", "values": [1] * 12}, quality) is None
    assert run_chart_entry.from_saved({"start": "2024-01", "values": [True] * 12}, quality) is None
    assert run_chart_entry.from_saved("junk", quality) is None


# --- the PDSA plan -----------------------------------------------------------------------------------------

def test_a_complete_plan_is_clean(quality):
    clean, problems = pdsa.validate_plan(dict(GOOD_PLAN, who="  Two night nurses\n on the east hallway "),
                                         quality.pdsa)
    assert problems == {} and clean["who"] == "Two night nurses on the east hallway"
    assert clean["act"] == pdsa.ACT_UNDECIDED and "study" not in clean


def test_an_aim_without_a_number_is_refused(quality):
    clean, problems = pdsa.validate_plan(dict(GOOD_PLAN, aim="Make falls prevention much better on our unit"),
                                         quality.pdsa)
    assert "aim" not in clean and "how much and by when" in problems["aim"]


def test_act_waits_for_study(quality):
    clean, problems = pdsa.validate_plan(dict(GOOD_PLAN, act="adopt"), quality.pdsa)
    assert "Write what the test showed under Study first" in problems["study"] and "act" not in clean
    clean, problems = pdsa.validate_plan(dict(GOOD_PLAN, act="adapt", study="Falls fell, but rounds ran late at "
                                                                             "03:00; adjust the times."),
                                         quality.pdsa)
    assert problems == {} and clean["act"] == "adapt"


@pytest.mark.parametrize("field, value, message", [
    ("change", "", "Fill in “The change you will test”"),
    ("prediction", "Less", "Say a little more"),
    ("measure", "x" * 401, "under 400 characters (now 401)"),
    ("who", 42, "could not be read"),
    ("act", "ignore", "not one the form offers"),
])
def test_each_problem_is_named(quality, field, value, message):
    clean, problems = pdsa.validate_plan(dict(GOOD_PLAN, **{field: value}), quality.pdsa)
    assert field not in clean and message in problems[field]


def test_the_widget_saves_shows_and_restores_the_plan(cat, quality, session, db_url):
    chart = RunChartTool(quality, cat, session)
    chart.sample_button.click()
    chart.draw_button.click()
    widget = PdsaPlanWidget(quality, session)
    assert "Your run chart&#x27;s indicator: Falls per 1,000 patient days." in widget.indicator_note.value
    widget.save_button.click()
    assert "6 parts need attention. Everything you typed is still here." in widget.status.value
    for fid, text in GOOD_PLAN.items():
        widget.inputs[fid].value = text
    widget.inputs["change"].value = "Hourly rounding <script>alert(1)</script>"
    widget.save_button.click()
    assert "PDSA plan saved. Saved to your progress." in widget.status.value
    assert "<script" not in widget.page.value and "&lt;script&gt;" in widget.page.value
    assert "Not decided yet (the test has not run)" in widget.page.value

    restored = PdsaPlanWidget(quality, signed_in_session(db_url))
    assert restored.inputs["aim"].value == GOOD_PLAN["aim"]
    assert restored.inputs["act"].value == pdsa.ACT_UNDECIDED and "come back after the test" in restored.status.value


def test_plan_html_escapes_every_field(quality):
    hostile = '<img src=x onerror="alert(1)">'
    html = plan_html(dict(GOOD_PLAN, aim=f"Aim 1 {hostile}", study=f"Line\n{hostile}", act="abandon"), quality)
    assert "<img" not in html and html.count("&lt;img src=x") == 2 and "Line<br>&lt;img" in html
    assert "Abandon it and try another change" in html
