"""The capstone's development plan: gathering what a learner saved (everything, nothing, through the
session or a store and a learner id), the goals' checks, the suggestions, the three widgets driven
as a browser drives them, restoring in a new kernel (bad development_plan.yaml: test_bad_content.py).
The capstone's acceptance test is here too: a learner who did lessons 00-09 through the
real widgets gets a plan, and an HTML export, with their own data in it, escaped."""
import base64
import datetime as dt
import re

import pytest

from course.capstone.gathering import gather
from course.capstone.goals import ACTION_MAX, GOAL_MAX, SUPPORTERS_MAX, validate_goals
from course.capstone.html import to_html
from course.capstone.markdown import to_markdown
from course.capstone.parts import PARTS
from course.capstone.plan import goals_item
from course.capstone.suggestions import suggestions
from course.identity import Identity
from course.session import Session
from course.store.core import Store
from markupsafe import escape
from course.ui.learner.plan_builder import PlanBuilder, PlanExport, PlanSummary

from .content_edits import problems
from .plan_learner import FIRST_RATINGS, HOSTILE, LATEST_RATINGS, LOG, SCENARIOS, complete_learner
from .sessions import page_before_sign_in, signed_in_session

TODAY = dt.date(2026, 11, 26)
REQUIRED = [p.id for p in PARTS if not p.optional]  # every part but the mentor's comments a learner keeps
GOOD_GOALS = {
    "30-days": {"goal": "Understand our monthly budget report", "domain": "business",
                "action": "Ask Sam to walk me through October's report on Tuesday"},
    "1-year": {"goal": "Finish the first year of the MHA", "domain": "professionalism",
               "action": "Apply to the part-time MHA at State by 1 March"},
}


@pytest.fixture(scope="module")
def content(cat):
    return cat.development_plan


@pytest.fixture(scope="module")
def full(cat, tmp_path_factory):
    """One learner who did every exercise of lessons 00-07 (plain text), shared by the tests below."""
    url = f"sqlite:///{tmp_path_factory.mktemp('full') / 'store.sqlite'}"
    session = signed_in_session(url, "Rosa Diaz")
    typed = complete_learner(session, cat, today=TODAY)
    return url, session, typed


# --- the parts registry ------------------------------------------------------------------------------

def test_every_registered_part_has_its_words_its_lesson_and_both_templates(cat, content):
    """A part is one registry entry, its words in development_plan.yaml and its two templates: all of
    them agree (the schema does not import the registry, so this is where a typo is caught)."""
    from importlib.resources import files

    assert [p.id for p in content.parts] == [p.id for p in PARTS]
    templates = files("course.capstone") / "templates" / "parts"
    for part in PARTS:
        assert cat.lesson(part.lesson) is not None, part.id
        assert (templates / f"{part.id}.md").is_file() and (templates / f"{part.id}.html").is_file(), part.id
    assert sorted(t.name for t in templates.iterdir()) == sorted(f"{p.id}.{x}" for p in PARTS for x in ("md", "html"))


# --- gathering ---------------------------------------------------------------------------------------

def test_a_learner_with_nothing_saved_has_every_part_named_as_missing(cat, session):
    plan = gather(cat, session, today=TODAY)
    assert [m.part for m in plan.missing] == REQUIRED
    texts = {m.part: m.text() for m in plan.missing}
    assert texts["self-assessment"] == "You have not taken the self-assessment yet — lesson 04, Moving into management."
    assert texts["profile"] == "You have not saved a starting profile yet — lesson 00, Start here."
    assert texts["pathway"].endswith("lesson 02, The education path.")
    assert texts["scenarios"].endswith("lesson 05, Leading teams.")
    assert plan.profile is None and plan.pathway is None and plan.self_assessment is None and plan.scenarios is None
    assert plan.experience_log is None and plan.reflections is None and plan.goals is None
    assert plan.learner == "Alex Kim" and plan.cohort == "spring-2027"


def test_without_a_sign_in_nothing_is_read_and_everything_is_missing(cat, db_url):
    plan = gather(cat, Session(db_url), today=TODAY)
    assert plan.learner is None and len(plan.missing) == len(REQUIRED)


def test_a_learner_with_everything_saved_has_every_part_with_their_own_data(cat, full):
    _url, session, typed = full
    plan = gather(cat, session, today=TODAY)
    assert [m.part for m in plan.missing] == ["goals"]  # every other part is theirs
    assert plan.profile.goals == typed["profile_goals"] and plan.profile.clinical_years == 6
    assert plan.pathway.route == typed["route"]
    assert [s.label for s in plan.pathway.steps] == typed["pathway_steps"]
    assert any("MHA" in s.label and "part-time" in s.label for s in plan.pathway.steps)
    assert [e.what for e in plan.experience_log] == [what for what, *_ in reversed(LOG)]  # newest first
    assert plan.experience_log[-1].note == LOG[0][4]
    assert plan.self_assessment.takes == 2
    assert plan.self_assessment.first["business"] == FIRST_RATINGS["business"]
    assert plan.self_assessment.latest["leadership"] == LATEST_RATINGS["leadership"]
    assert plan.self_assessment.change["business"] == 1.0
    assert plan.self_assessment.weakest[0] == "business"
    assert {r.scenario for r in plan.scenarios.runs} == set(SCENARIOS)
    assert all(r.rating in ("strong", "mixed", "poor") and r.ending for r in plan.scenarios.runs)
    assert [r.text for r in plan.reflections] == list(typed["reflections"].values())
    assert dict(plan.sbar.fields)["R: Recommendation"] == typed["sbar_recommendation"]
    assert (plan.budget_lab.right, plan.budget_lab.answered) == (2, 2)
    assert plan.budget_lab.steps == len(cat.operations.budget_lab.steps)
    assert len(plan.change_plan.fields) == len(cat.operations.change_plan.fields)
    assert {c.abbreviation for c in plan.certifications} == {"FACHE", "CNML", "NE-BC", "CENP", "CMPE", "CPE", "CPHQ"}
    assert plan.run_chart.indicator == typed["indicator"] and not plan.run_chart.sample  # edited: their own
    assert plan.run_chart.points == 24 and plan.run_chart.first == "Jul 2023" and plan.run_chart.signals == "a shift"
    assert dict(plan.pdsa_plan)["The change you will test"] == typed["pdsa_change"]
    assert dict(plan.pdsa_plan)["Act: your decision after the test"].startswith("Not decided yet")
    # 27.5 at 1:4 = 7 nurses + a charge nurse = 8 a shift; 16 positions × 2.1 = 33.6; × 2,080 ÷ 1,920 = 36.4
    assert plan.staffing_grid.staff_per_shift == 8 and plan.staffing_grid.ftes == pytest.approx(36.4)


def test_the_scenario_profile_is_the_sum_of_the_learners_own_choice_deltas(cat, full):
    """Checked against the events themselves, not against the analytics function the plan reuses."""
    _url, session, _typed = full
    expected = {c: 0 for c in cat.competencies}
    for sid in SCENARIOS:
        history = session.history(f"scenario:{sid}")
        run = [e for e in history if e["response"].get("action") == "start"][-1]["response"]["run"]
        for e in history:
            if e["response"].get("action") == "choice" and e["response"]["run"] == run:
                for comp, delta in e["response"]["deltas"].items():
                    expected[comp] += delta
    plan = gather(cat, session, today=TODAY)
    assert plan.scenarios.totals == pytest.approx(expected)
    assert any(v != 0 for v in expected.values())


def test_a_replayed_scenario_counts_only_its_latest_run(cat, db_url):
    from course.ui.learner.scenario import ScenarioPlayer

    session = signed_in_session(db_url)
    sc = cat.scenarios["staffing-shortage"]
    totals = []
    for pick_expert in (False, True):
        player = ScenarioPlayer(sc, cat, session)
        if player.run.steps or player.run.finished:
            player.restart_button.click()
        while not player.run.finished:
            choices = player.run.choices()
            index = next((i for i, c in enumerate(choices) if c.expert), 0) if pick_expert else len(choices) - 1
            player.choice_box.children[index].click()
            player.continue_button.click()
        totals.append(dict(player.run.totals))
    plan = gather(cat, session, today=TODAY)
    assert plan.scenarios.totals == pytest.approx({c: totals[-1].get(c, 0) for c in cat.competencies})


def test_gathering_from_a_store_and_a_learner_id_gives_the_same_plan(cat, full):
    url, session, _typed = full
    by_session = gather(cat, session, today=TODAY)
    by_store = gather(cat, store=Store(url), learner_id=session.identity.key, today=TODAY)
    assert by_store.learner == "Rosa Diaz" and by_store.cohort == "spring-2027"
    assert by_store.parts == by_session.parts and by_store.missing == by_session.missing
    with pytest.raises(ValueError):
        gather(cat)


def test_a_store_that_fails_is_said_in_the_plan_not_raised(cat, session, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(session, "state", broken)
    plan = gather(cat, session, today=TODAY)
    assert "could not be read just now (RuntimeError)" in plan.notice
    assert len(plan.missing) == len(REQUIRED)


# --- goals ---------------------------------------------------------------------------------------------

def test_good_goals_are_cleaned_and_blank_horizons_skipped(content, cat):
    raw = {"goals": {**GOOD_GOALS, "60-days": {"goal": "  ", "domain": None, "action": ""}},
           "supporters": "  Dana\x00 (mentor) \u202e "}
    raw["goals"]["30-days"] = dict(GOOD_GOALS["30-days"], goal="  Understand our\n monthly\u202e budget report\x00 ")
    clean, problems = validate_goals(raw, content, set(cat.competencies))
    assert problems == []
    assert set(clean["goals"]) == {"30-days", "1-year"}
    assert clean["goals"]["30-days"]["goal"] == "Understand our monthly budget report"
    assert clean["supporters"] == "Dana (mentor)"


@pytest.mark.parametrize("change, message", [
    ({"goal": ""}, "In the next 30 days: write the goal in a few words."),
    ({"goal": "g" * (GOAL_MAX + 1)}, f"keep the goal under {GOAL_MAX} characters (now {GOAL_MAX + 1})"),
    ({"domain": None}, "In the next 30 days: choose the competency domain it builds."),
    ({"action": "x"}, "In the next 30 days: write the next action you will take."),
    ({"action": "a" * (ACTION_MAX + 1)}, f"keep the next action under {ACTION_MAX} characters"),
])
def test_a_horizon_filled_in_part_says_what_is_missing(content, cat, change, message):
    raw = {"goals": {**GOOD_GOALS, "30-days": dict(GOOD_GOALS["30-days"], **change)}, "supporters": ""}
    clean, problems = validate_goals(raw, content, set(cat.competencies))
    assert clean is None and any(message in p for p in problems), problems


@pytest.mark.parametrize("raw, message", [
    ({"goals": {"30-days": dict(GOOD_GOALS["30-days"], domain="astrology")}}, "not one the form offers"),
    ({"goals": {"7-weeks": GOOD_GOALS["30-days"]}}, "a horizon this plan does not have"),
    ({"goals": {"30-days": dict(GOOD_GOALS["30-days"], goal=42)}}, "could not be read"),
    ({"goals": {"30-days": ["not", "a", "dict"]}}, "could not be read"),
    ({"goals": "everything"}, "could not be read"),
    ("goals", "could not be read"),
    ({"goals": GOOD_GOALS, "supporters": 7}, "could not be read"),
    ({"goals": GOOD_GOALS, "supporters": "s" * (SUPPORTERS_MAX + 1)}, f"under {SUPPORTERS_MAX} characters"),
    ({"goals": {}, "supporters": "Dana"}, "Set at least one goal first"),
])
def test_goals_no_honest_page_sends_are_refused(content, cat, raw, message):
    clean, problems = validate_goals(raw, content, set(cat.competencies))
    assert clean is None and any(message in p for p in problems), problems


def test_a_saved_plan_that_no_longer_fits_opens_with_what_still_fits(content, cat):
    raw = {"goals": {**GOOD_GOALS, "7-weeks": GOOD_GOALS["30-days"],
                     "60-days": dict(GOOD_GOALS["30-days"], domain="retired-domain")}, "supporters": "Dana"}
    clean, problems = validate_goals(raw, content, set(cat.competencies), stored=True)
    assert problems == [] and set(clean["goals"]) == {"30-days", "1-year"}


# --- suggestions -----------------------------------------------------------------------------------------

def test_suggestions_come_from_the_weakest_domains_and_the_pathway(cat, full):
    _url, session, _typed = full
    plan = gather(cat, session, today=TODAY)
    picked = suggestions(plan, cat)
    assert list(picked) == [h.id for h in cat.development_plan.horizons]
    assert picked["30-days"].domain == "business" and "budget" in picked["30-days"].action
    assert "Business Skills and Knowledge" in picked["30-days"].why
    assert picked["60-days"].domain == plan.self_assessment.weakest[1]
    assert picked["90-days"].action == cat.development_plan.review_action
    assert "MHA" in picked["1-year"].action and picked["1-year"].domain == "professionalism"
    assert "Apply for a first management role" in picked["5-years"].action
    assert picked["5-years"].domain == "leadership"
    stage_only = [a.text for d in cat.self_assessment.domains for a in d.actions if a.stages == ["high-school",
                                                                                                "undergraduate"]]
    assert not any(p and p.action in stage_only for p in picked.values())  # a clinician's actions only


def test_without_an_assessment_the_log_gaps_suggest_and_without_data_nothing_is_invented(cat, db_url):
    from course.ui.learner.experience_log import ExperienceLog

    session = signed_in_session(db_url)
    picked = suggestions(gather(cat, session, today=TODAY), cat)
    assert picked["30-days"] is None and picked["1-year"] is None and picked["5-years"] is None
    log = ExperienceLog(cat.experience_log, cat, session, today=TODAY)
    log.what.value, log.month.value, log.year.value, log.domain.value = "Charge nurse on nights", 3, 2025, "leadership"
    log.save_button.click()
    picked = suggestions(gather(cat, session, today=TODAY), cat)
    assert picked["30-days"].domain == "communication"  # the first domain with no entry
    assert "no entry in Communication" in picked["30-days"].why


# --- the widgets -------------------------------------------------------------------------------------------

def fill(builder, goals=GOOD_GOALS, supporters="Dana Reyes, my mentor"):
    for hid, g in goals.items():
        builder.goal[hid].value, builder.domain[hid].value, builder.action[hid].value = g["goal"], g["domain"], g["action"]
    builder.supporters.value = supporters


def test_goals_are_saved_and_restored_in_a_new_kernel(cat, db_url):
    builder = PlanBuilder(cat, signed_in_session(db_url))
    fill(builder)
    builder.save_button.click()
    assert "2 goals saved. Saved to your progress." in builder.status.value
    again = PlanBuilder(cat, signed_in_session(db_url))  # a new kernel: a new session on the same store
    assert again.goal["30-days"].value == GOOD_GOALS["30-days"]["goal"]
    assert again.domain["1-year"].value == "professionalism"
    assert again.action["1-year"].value == GOOD_GOALS["1-year"]["action"]
    assert again.goal["60-days"].value == "" and again.domain["60-days"].value == ""
    assert again.supporters.value == "Dana Reyes, my mentor"
    assert "Your saved plan is shown" in again.status.value
    plan = gather(cat, signed_in_session(db_url), today=TODAY)
    assert [g.horizon for g in plan.goals.goals] == ["30-days", "1-year"]
    assert plan.goals.review_by == plan.goals.saved_at.date() + dt.timedelta(days=90)


def test_an_unfinished_horizon_is_not_saved_and_says_what_to_fix(cat, session):
    builder = PlanBuilder(cat, session)
    fill(builder, {"30-days": dict(GOOD_GOALS["30-days"], action="")})
    builder.save_button.click()
    assert "No goal saved yet. 1 horizon is not saved yet" in builder.status.value
    assert "In the next 30 days: write the next action you will take." in builder.status.value
    assert "write the next action" in builder.needs["30-days"].value and builder.needs["60-days"].value == ""
    assert session.history(goals_item(cat.development_plan)) == []  # the goals item holds only what is complete


def test_a_domain_the_page_did_not_offer_is_refused_and_nothing_is_saved(cat, session, caplog):
    builder = PlanBuilder(cat, session)
    fill(builder)
    builder.domain["30-days"].set_trait("options", [("Choose a domain…", ""), ("Fake", "astrology")])
    builder.domain["30-days"].value = "astrology"
    builder.save_button.click()
    assert "ignored a value" in caplog.text
    assert session.history(goals_item(cat.development_plan)) == []


def test_a_suggestion_fills_the_domain_and_the_action(cat, full):
    _url, session, _typed = full
    builder = PlanBuilder(cat, session)
    assert "Suggestion" in builder.hint["30-days"].value and builder.use["30-days"].layout.display is None
    builder.use["30-days"].click()
    assert builder.domain["30-days"].value == "business"
    assert "budget" in builder.action["30-days"].value
    assert builder.goal["30-days"].value == ("Strengthen my business skills and knowledge, one of my "
                                             "lowest-rated domains")  # a goal to edit, not an empty box
    assert "make it yours" in builder.status.value
    assert validate_goals(builder.values(), cat.development_plan, set(cat.competencies))[0]  # savable as it is
    builder.goal["3-years"].value = "Lead the unit's flow project"
    builder.use["3-years"].click()
    assert builder.goal["3-years"].value == "Lead the unit's flow project"  # typed text is never overwritten
    assert "Your own goal was kept." in builder.status.value and builder.action["3-years"].value


def test_without_data_the_builder_says_where_suggestions_come_from(cat, session):
    builder = PlanBuilder(cat, session)
    assert "take the readiness self-assessment in lesson 04" in builder.hint["30-days"].value
    assert "save a pathway in lesson 02" in builder.hint["3-years"].value
    assert builder.use["30-days"].layout.display == "none"


def test_the_summary_names_missing_parts_with_a_link_and_shows_the_picture(cat, session, full):
    summary = PlanSummary(cat, session)
    html = summary.parts.value
    assert "0 of 14 parts of your plan are saved" in html
    assert ('You have not taken the self-assessment yet — <a href="04-into-management.ipynb">lesson 04, '
            'Moving into management</a>.') in html
    assert "Not taken yet" not in html and 'alt="Summary picture in two panels.' in summary.picture.value
    _url, full_session, _typed = full
    summary = PlanSummary(cat, full_session)
    assert "13 of 14 parts of your plan are saved" in summary.parts.value
    assert "3 entries, in 3 of 5 domains" in summary.parts.value
    assert "2 takes; weakest in the latest: Business skills" in summary.parts.value
    picture = summary.picture.value
    png = base64.b64decode(re.search(r"base64,([^\"]+)", picture).group(1))
    assert png.startswith(b"\x89PNG")
    assert 'class="course-table course-plan-table"' in picture and "<ol class=\"course-plan-steps\">" in picture


def test_the_summary_waits_for_a_sign_in(cat, db_url):
    session = page_before_sign_in(db_url)
    summary = PlanSummary(cat, session)
    assert "Sign in at the top of the page" in summary.parts.value
    session.set_identity(Identity("Late Comer", None, "sign-in"))
    assert "0 of 14 parts" in summary.parts.value


def test_prepare_my_plan_offers_both_files(cat, full):
    _url, session, typed = full
    export = PlanExport(cat, session)
    assert export.links.value == ""
    export.button.click()
    assert "Your plan is ready" in export.status.value
    links = export.links.value
    assert 'download="my-development-plan.html" href="data:text/html;base64,' in links
    assert 'download="my-development-plan.md" href="data:text/markdown;charset=utf-8;base64,' in links
    page = base64.b64decode(re.search(r'href="data:text/html;base64,([^"]+)"', links).group(1)).decode()
    markdown = base64.b64decode(re.search(r'href="data:text/markdown;[^,]*,([^"]+)"', links).group(1)).decode()
    assert page.startswith("<!DOCTYPE html>") and "Rosa Diaz" in page and typed["log"][0] in page
    assert markdown.startswith("# My development plan: Rosa Diaz")


def test_prepare_my_plan_without_a_sign_in_says_so(cat, db_url):
    export = PlanExport(cat, Session(db_url))
    export.button.click()
    assert "Sign in at the top of the page first" in export.status.value and export.links.value == ""


def test_the_facade_calls_are_not_shadowed_by_modules():
    import course
    import course.capstone.html  # noqa: F401
    import course.capstone.markdown  # noqa: F401
    import course.capstone.plan  # noqa: F401
    import course.ui.learner.plan_builder  # noqa: F401

    for name in ("plan_summary", "development_plan", "plan_export"):
        assert callable(getattr(course, name)) and getattr(course, name).__module__ == "course"


# --- the capstone's acceptance test -----------------------------------------------------------------------

def test_a_learner_who_completed_lessons_00_to_09_gets_a_plan_with_their_own_data(cat, db_url):
    """Built through the real widgets, with hostile text in everything they typed: the plan holds their
    profile, pathway, log, self-assessment, scenarios, run chart, PDSA plan, staffing grid and
    reflections, and its exports show it as text."""
    session = signed_in_session(db_url, "Amara <b>Okafor</b>")
    typed = complete_learner(session, cat, hostile=True, today=TODAY)
    builder = PlanBuilder(cat, session)
    for hid in ("30-days", "1-year", "5-years"):
        builder.use[hid].click()
        builder.goal[hid].value = f"My goal for {hid} {HOSTILE}"
    builder.save_button.click()
    assert "3 goals saved" in builder.status.value

    plan = gather(cat, session, today=TODAY)
    assert plan.missing == ()
    assert plan.profile.goals == typed["profile_goals"].replace("\x00", "")
    assert [s.label for s in plan.pathway.steps] == typed["pathway_steps"]
    assert [e.what for e in plan.experience_log] == list(reversed(typed["log"]))
    assert len(plan.reflections) == 10 and plan.self_assessment.takes == 2 and len(plan.scenarios.runs) == len(SCENARIOS)

    page = to_html(plan, cat)
    for text in [typed["log"][0], typed["reflections"]["the-role"], typed["profile_goals"],
                 plan.goals.goals[0].goal, typed["indicator"], typed["pdsa_change"], plan.staffing_grid.unit]:
        assert escape(text.replace("\x00", "").replace("\u202e", "")) in page  # their words, escaped
    for label in typed["pathway_steps"]:
        assert escape(label) in page
    assert "Amara &lt;b&gt;Okafor&lt;/b&gt;" in page and "<b>Okafor" not in page
    assert "<script" not in page and "<img src=x" not in page and "\x00" not in page and "\u202e" not in page
    assert 'href="javascript' not in page

    markdown = to_markdown(plan, cat)
    assert "Charge nurse on nights for six months" in markdown
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in markdown and "\\[click\\]\\(javascript:" in markdown
    assert "<script" not in markdown and "](javascript" not in markdown


def test_each_horizon_saves_on_its_own_and_a_refused_draft_comes_back(cat, tmp_path):
    """Three complete horizons and one without its action: the three are saved, the fourth keeps its
    draft on the page and in the store with what it needs; a reload (a new kernel) brings all of it
    back; the plan counts and shows the three."""
    from course.ui.learner.plan_builder import PlanExport

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    session = signed_in_session(url, "Sam Okafor")
    builder = PlanBuilder(cat, session)
    for hid in ("30-days", "90-days", "5-years"):
        builder.goal[hid].value = f"Goal for {hid}: زهرا‌ 👩‍⚕️"
        builder.domain[hid].value = "leadership"
        builder.action[hid].value = f"Ask my manager about {hid} on Monday"
    builder.goal["1-year"].value, builder.domain["1-year"].value = "Finish the MHA's first year", "professionalism"
    builder.save_button.click()
    assert "3 goals saved. Saved to your progress. 1 horizon is not saved yet" in builder.status.value
    assert "Within a year: write the next action you will take." in builder.needs["1-year"].value
    assert builder.goal["1-year"].value == "Finish the MHA's first year"  # the draft stays on the page
    plan = gather(cat, session, today=TODAY)
    assert [g.horizon for g in plan.goals.goals] == ["30-days", "90-days", "5-years"]
    assert plan.goals.goals[0].goal == "Goal for 30-days: زهرا‌ 👩‍⚕️"  # joiners and emoji kept as typed

    again = PlanBuilder(cat, signed_in_session(url, "Sam Okafor"))  # a reload: a new kernel, the same store
    for hid in ("30-days", "90-days", "5-years"):
        assert again.goal[hid].value == f"Goal for {hid}: زهرا‌ 👩‍⚕️" and again.domain[hid].value == "leadership"
    assert again.goal["1-year"].value == "Finish the MHA's first year"
    assert again.domain["1-year"].value == "professionalism" and again.action["1-year"].value == ""
    assert "Within a year: write the next action you will take." in again.needs["1-year"].value
    assert "3 goals saved" in again.status.value and "1 horizon is not saved yet" in again.status.value

    export = PlanExport(cat, signed_in_session(url, "Sam Okafor"))
    export.button.click()
    assert "Your plan is ready: 3 goals" in export.status.value
    assert "1 horizon above is still a draft" in export.status.value
    page = base64.b64decode(re.search(r'href="data:text/html;base64,([^"]+)"', export.links.value).group(1)).decode()
    assert "Ask my manager about 90-days on Monday" in page and "Finish the MHA" not in page

    # Editing a saved horizon into an incomplete one keeps the saved version until it is complete.
    again.action["30-days"].value = ""
    again.action["1-year"].value = "Apply to the part-time MHA by 1 March"
    again.save_button.click()
    assert "4 goals saved" in again.status.value and "Within a year" not in again.status.value
    assert "In the next 30 days: write the next action" in again.needs["30-days"].value
    plan = gather(cat, signed_in_session(url, "Sam Okafor"), today=TODAY)
    assert plan.goals.goals[0].action == "Ask my manager about 30-days on Monday"  # the saved one stays
    assert len(plan.goals.goals) == 4
    again.action["30-days"].value = "Ask my manager on Monday for a budget walkthrough"
    again.save_button.click()
    assert again.status.value.count("not saved yet") == 0 and "4 goals saved. Saved to your progress." in again.status.value
    third = PlanBuilder(cat, signed_in_session(url, "Sam Okafor"))
    assert all(third.needs[h.id].value == "" for h in cat.development_plan.horizons)  # the draft was cleared
    assert "Your saved plan is shown" in third.status.value


def test_the_scenario_line_and_the_bars_say_the_same_thing(cat):
    """Six mixed or poor endings whose choices still add up to gains everywhere: the line says both,
    instead of "6 scenarios, 0 strong" beside bars that all go up."""
    from course.capstone.model import Plan, ScenarioPart, ScenarioRun
    from course.capstone.summaries import scenarios as scenario_summary

    runs = tuple(ScenarioRun(f"s{i}", f"S{i}", 5, rating, "An ending") for i, rating in
                 enumerate(["mixed"] * 4 + ["poor"] * 2))
    plan = Plan(learner="A", cohort=None, made_on=TODAY, domains={c: c for c in cat.competencies},
                short={c: c for c in cat.competencies},
                parts={"scenarios": ScenarioPart(totals={c: 2.0 for c in cat.competencies}, runs=runs)})
    assert scenario_summary(plan, plan.scenarios) == ("6 scenarios played to an ending (4 mixed, 2 poor, none strong yet); your "
                                      "choices in them add up to a gain in all 5 domains (the picture's bars).")
    mixed = ScenarioPart(totals=dict(zip(cat.competencies, [3.0, -1.0, 0.0, 1.0, 2.0])), runs=runs[:1])
    assert scenario_summary(plan, mixed) == (
        "1 scenario played to an ending (1 mixed, none strong yet); your choices in them add up to a gain in 3 of "
        "5 domains and a loss in 1 (the picture's bars).")
