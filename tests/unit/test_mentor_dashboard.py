"""The dashboard widget, driven as a mentor would: nothing before the passcode; then a cohort, every
view built, names and reflections escaped, a learner drilled into, an export link, and a
deletion that needs the name typed."""
import base64
import re

import ipywidgets as w
import pytest

from course.mentor.demo import make_demo_cohort
from course.mentor.access import set_passcode
from course.ui.mentor.dashboard import SECTIONS, Dashboard

from .cohort_fixture import MARKUP_NAME, MARKUP_REFLECTION, build
from .sessions import page_before_sign_in
from .test_learner_privacy import texts

PASSCODE = "mentor-passcode-1"


@pytest.fixture
def dashboard(store, db_url, fixture_catalog):
    build(store)
    set_passcode(store, PASSCODE)
    s = page_before_sign_in(db_url)
    return Dashboard(fixture_catalog, s)


def html_of(dash) -> str:
    return "\n".join(texts(dash))


def html_widgets(widget, found=None) -> list[str]:
    """The values of every HTML widget: what the browser puts in as markup."""
    found = [] if found is None else found
    if isinstance(widget, w.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        html_widgets(child, found)
    return found


def buttons_in(widget, found=None) -> list:
    found = [] if found is None else found
    if isinstance(widget, w.Button):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        buttons_in(child, found)
    return found


def open_cohort(dash, cohort="c1"):
    dash.gate.submit(PASSCODE)
    dash.picker.value = cohort
    dash.build_all()


def test_nothing_of_a_cohort_before_the_passcode(dashboard):
    page = html_of(dashboard)
    assert "Ann Lee" not in page and "c1" not in page and dashboard.body.children == ()
    dashboard.gate.submit("wrong passcode")
    assert "Ann Lee" not in html_of(dashboard) and dashboard.body.children == ()
    dashboard.gate._timer.cancel()


def test_every_view_builds_and_escapes_markup(dashboard):
    open_cohort(dashboard)
    assert set(dashboard.built) == set(SECTIONS)
    page = html_of(dashboard)
    assert "could not be built" not in page
    assert "Ann Lee" in page and "Dan Other-Cohort" not in page  # c1 only
    markup = "\n".join(html_widgets(dashboard))
    assert MARKUP_NAME not in markup  # never raw markup in any HTML value ...
    assert markup.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # ... but escaped: roster and heatmap
    assert "Option A" in page and "A safe night" in page  # item analysis, scenario endings
    helped = dashboard.overview.help.body.children  # who may need help: a name to open, and why
    assert helped[0].children[0].description == "Ben Ode" and "no activity for 30 days" in helped[0].children[1].value
    assert "Learners without a cohort" not in page


def test_drill_down_shows_answers_runs_and_escaped_reflection(dashboard):
    open_cohort(dashboard)
    dashboard.learner.learner_find.value = "onerror"
    assert [label for label, _ in dashboard.learner.learner_pick.options][1:] == [MARKUP_NAME]  # a Dropdown label is text
    dashboard.learner.learner_pick.value = MARKUP_NAME.casefold()
    view = "\n".join(html_widgets(dashboard.learner))
    assert MARKUP_REFLECTION not in view and "&lt;script&gt;" in view and "<script>" not in view
    dashboard.learner.learner_find.value = "ann"
    dashboard.learner.learner_pick.value = "ann"
    view = "\n".join(html_widgets(dashboard.learner))
    assert "Which one?" in view and "Option B" in view and "A safe night" in view and "Huddles matter." in view


def test_competency_profile_with_one_learner_beside_the_cohort(dashboard):
    open_cohort(dashboard)
    tab = dashboard.sections["Competencies"].children[0]
    tab.profile_pick.value = "ann"
    competencies = tab.children[-1].value
    assert "Ann Lee (per decision)" in competencies and 'src="data:image/png;base64,' in competencies
    assert "readiness self-assessment yet" in competencies


def test_heatmap_and_roster_are_paged(store, db_url, fixture_catalog):
    make_demo_cohort(store, 130, "demo-big", catalog=fixture_catalog)
    set_passcode(store, PASSCODE)
    s = page_before_sign_in(db_url)
    dash = Dashboard(fixture_catalog, s)
    open_cohort(dash, "demo-big")
    assert "DEMO DATA" in dash.banner.value and "DEMO DATA" in dict((v, k) for k, v in dash.picker.options)["demo-big"]
    roster = dash.overview.roster
    assert roster.html.value.count("<th scope=\"row\">") == 50 and "rows 1–50 of 130" in roster.where.value
    roster.next.click()
    roster.next.click()
    assert roster.html.value.count("<th scope=\"row\">") == 30 and roster.next.disabled
    assert dash.sections["Progress"].children[0].heat.html.value.count("<th scope=\"row\">") == 50
    dash.overview.find.value = "zzzz-nobody"
    assert "Nothing yet." in roster.html.value


def test_export_links_carry_the_data(dashboard):
    open_cohort(dashboard)
    buttons = [c for c in dashboard.sections["Export"].children if isinstance(c, w.HBox)][0].children
    out = dashboard.sections["Export"].children[-1]
    buttons[0].click()
    href = re.search(r'href="data:text/csv;base64,([^"]+)"', out.value).group(1)
    csv_text = base64.b64decode(href).decode()
    assert csv_text.startswith("learner_id,learner_name,cohort") and "Ann Lee" in csv_text
    buttons[1].click()
    assert 'download="c1-xapi.json"' in out.value and "application/json" in out.value
    buttons[2].click()
    assert 'download="c1-roster.csv"' in out.value


def test_deletion_needs_the_name_and_is_complete(dashboard, store):
    open_cohort(dashboard)
    dashboard.tabs.selected_index = SECTIONS.index("One learner")
    dashboard.learner.learner_pick.value = "ben"
    more = dashboard.learner.delete_part.children[1].children[0]
    assert not [b for b in buttons_in(dashboard.learner) if b.button_style == "danger"]  # nothing red at first
    more.value = True  # "More actions…"
    area = dashboard.learner.delete_part.children[2]
    ask = area.children[1].children[0]
    assert ask.description == "Delete this learner's data…"
    ask.click()
    confirm = area.children[2]
    typed, buttons = confirm.children[1], confirm.children[2]
    typed.value = "Ben"
    buttons.children[0].click()
    assert "does not match" in dashboard.learner.delete_part.children[3].value and store.learner("ben") is not None
    typed.value = "  Ben   Ode "
    buttons.children[0].click()
    assert store.learner("ben") is None and store.events_for("ben") == []
    assert "Deleted" in dashboard.learner.learner_note.value and "Ben Ode" in dashboard.learner.learner_note.value
    assert all(label != "Ben Ode" for label, _ in dashboard.learner.learner_pick.options)
    assert "Ben Ode" not in dashboard.overview.roster.html.value and "Ann Lee" in dashboard.overview.roster.html.value
    assert dashboard.cohorts["c1"]["learners"] == 3


def test_a_tampered_cohort_value_is_refused(dashboard):
    dashboard.gate.submit(PASSCODE)
    dashboard.picker.value = "c1"
    dashboard.cohorts.pop("c1")  # as if the browser sent a value the picker never offered
    assert dashboard.cohort_id() == "Choose a cohort…"


def test_one_learners_answers_say_how_many_hints_and_runs(store, db_url, fixture_catalog):
    """Ben asked for a hint and used "Try this again" on q-single: his mentor sees both."""
    build(store)
    for kind, item in (("reset", "q-single"), ("hint", "q-single/hint"), ("hint", "q-num/hint")):
        store.record(learner_id="ben", cohort_id="c1", lesson="alpha", item=item, kind=kind, response={})
    store.record(learner_id="ben", cohort_id="c1", lesson="alpha", item="q-single", kind="answer",
                 response={"choice": "b"}, correct=True, score=1.0)
    set_passcode(store, PASSCODE)
    s = page_before_sign_in(db_url)
    dash = Dashboard(fixture_catalog, s)
    open_cohort(dash)
    dash.learner.learner_find.value = "ben"
    dash.learner.learner_pick.value = "ben"
    view = "\n".join(html_widgets(dash.learner))
    assert '<th scope="col">Hints used</th>' in view
    row = re.search(r'<th scope="row">Which one\?</th>(.*?)</tr>', view).group(1)
    assert '<td class="course-num">3 (2 runs)</td><td class="course-num">1</td>' in row


def listed(dash) -> str:
    """The "may need help" list as a mentor reads it: each name (a button) and its reasons."""
    return "\n".join(" ".join([row.children[0].description, row.children[1].value])
                     for row in dash.overview.help.body.children if isinstance(row, w.HBox))


def test_the_needs_help_limits_read_what_a_mentor_types_and_refuse_what_they_cannot(dashboard):
    open_cohort(dashboard)
    assert "Ann Lee" not in listed(dashboard) and "Ben" in listed(dashboard)
    dashboard.overview.low_share.value = "80%"  # Ann is right first time in 75%, but of 4 self-checks only
    assert dashboard.overview.help_limits == (14, 80) and dashboard.overview.help_note.value == ""
    assert "Ann Lee" not in listed(dashboard)  # too few answers to judge: no flag
    dashboard.overview.inactive_days.value = "a month"
    assert "Inactive for at least (days): Could not read “a month” as a number" in dashboard.overview.help_note.value
    assert "still uses 14 days and 80%" in dashboard.overview.help_note.value and dashboard.overview.inactive_days.value == "a month"
    assert "Ben Ode" in listed(dashboard)  # the list keeps the limits that could be read
    dashboard.overview.inactive_days.value = "500"
    assert "use a number from 1 to 365 (you typed “500”)" in dashboard.overview.help_note.value  # refused, not clamped
    dashboard.overview.inactive_days.value = "365 days"
    assert dashboard.overview.help_limits == (365, 80) and dashboard.overview.help_note.value == ""
    assert "no activity for" not in listed(dashboard)  # nobody has been away a year


def test_a_name_in_may_need_help_opens_that_learner_and_the_list_comes_before_the_roster(dashboard):
    open_cohort(dashboard)
    parts = dashboard.overview.children
    assert parts.index(dashboard.overview.help) < parts.index(dashboard.overview.roster)
    ben = dashboard.overview.help.body.children[0].children[0]
    assert ben.description == "Ben Ode"
    ben.click()
    assert SECTIONS[dashboard.tabs.selected_index] == "One learner"
    assert dashboard.learner.learner_pick.value == "ben" and "Ben Ode" in dashboard.learner.learner_view.value


def test_today_and_yesterday_are_calendar_days(monkeypatch):
    """23:50 yesterday is "yesterday" at 00:10 today, though only 20 minutes have passed."""
    import pandas as pd

    from course.mentor import analytics

    monkeypatch.setattr(analytics, "local_zone", lambda: __import__("datetime").timezone.utc)
    at = pd.Timestamp("2026-12-01 00:10", tz="UTC")
    stamps = pd.Series(pd.to_datetime(["2026-11-30 23:50", "2026-12-01 00:01", "2026-11-30 00:20",
                                       "2026-11-29 23:59"], utc=True))
    days = analytics.calendar_days_since(stamps, at).tolist()
    assert days == [1, 0, 1, 2]  # 24-hour periods would say 0, 0, 0, 1
    from course.ui.mentor.dashboard_common import ago_text, plural

    assert [ago_text(d) for d in days] == ["yesterday", "today", "yesterday", "2 days ago"]
    assert plural(1, "event") == "1 event" and plural(2, "event") == "2 events"


def test_one_learner_shows_readiness_by_competency_name_and_the_sbar_draft_by_part(store, db_url):
    """The course's own content: the SBAR draft as labelled parts with its thread beside it, the readiness
    take under competency names and statements, never raw ids."""
    from course import catalog as course_catalog
    from course.ui.mentor.dashboard_learner import LearnerTab
    from course.mentor import analytics
    from course.mentor.feedback import mentor_viewer
    from .cohort_fixture import Builder

    cat = course_catalog.load()
    assessment = cat.self_assessment
    ratings = {s.id: 3 for d in assessment.domains for s in d.statements}
    part = cat.sbar.parts[0]
    b = Builder(store)
    (b.learner("zoe", "Zoe Park", "c9")
     .event(assessment.lesson, f"{assessment.lesson}/{assessment.id}", "exercise", {"ratings": ratings})
     .event(cat.sbar.lesson, cat.sbar.id, "exercise", {"draft": {p.id: f"my {p.id} words" for p in cat.sbar.parts}}))
    b.save()
    viewer = mentor_viewer(None, store, granted=True)  # a mentor let in by the passcode
    tab = LearnerTab(cat, store, analytics.load_cohort(store, "c9"), viewer, lambda note: None)
    tab.learner_pick.value = "zoe"
    page = "\n".join(html_widgets(tab))
    first = assessment.domains[0]
    assert cat.competencies[first.competency].name in page and first.statements[0].text in page
    assert f"{first.statements[0].id}:" not in page and "3 of 5" in page
    assert f"<dt>{part.label}</dt>" in page and f"my {part.id} words" in page and "draft: " not in page
    pair = next(c for c in tab.works.children if "course-work-pair" in c._dom_classes and "SBAR" in c.children[0].value)
    assert type(pair.children[1]).__name__ == "FeedbackThread"  # the feedback box beside the work
