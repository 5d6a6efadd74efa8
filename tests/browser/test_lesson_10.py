"""Lesson 10 (the capstone) in Voila and Chromium, as a learner meets it: a learner who did lessons 00-09 (saved in the
server's store through the real widgets, with markup in everything they typed) opens the capstone,
sees their own data and the summary picture, sets goals from the suggestions, saves, prepares the
plan and downloads it; the goals come back in a new kernel. The exported page is then opened by
itself in Chromium: it loads nothing from the network, runs no script, shows their data as text,
prints cleanly, and has no axe violations; nor has the lesson page. A learner with nothing saved
sees every part named, with links to the lessons that build them. A learner with feedback from a
mentor keeps one comment in the plan: the downloaded plan holds it, and neither the comment they did
not keep nor another learner's feedback."""
import base64
import re
from pathlib import Path

import pytest
from markupsafe import escape
from playwright.sync_api import expect

from course import catalog
from course.identity import Identity
from course.mentor.feedback import Feedback, Viewer
from course.session import Session
from course.store.core import Store

from ..conftest import ROOT
from ..unit.plan_learner import HOSTILE, complete_learner
from .conftest import assert_no_axe_violations, open_as, wait_rendered

LESSON = "/voila/render/10-capstone.ipynb"
SHOTS = ROOT / "screenshots"
pytestmark = pytest.mark.browser


def seed(server, name, cohort="spring-2027", hostile=True) -> dict:
    """The learner's lessons 00-07, done through the widgets against the server's own store."""
    session = Session(f"sqlite:///{server.db_path}")
    session._detected = True
    session.set_identity(Identity(name, cohort, "link"))
    return complete_learner(session, catalog.load(), hostile=hostile)


def open_lesson(page, server, name, cohort="spring-2027"):
    open_as(page, server, LESSON, name, cohort)
    wait_rendered(page)
    page.locator(".course-plan-summary .course-plan-part-list").wait_for()


def full_page_shot(page, path: Path):
    SHOTS.mkdir(exist_ok=True)
    height = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(height + 40, 30000)})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_learner_sees_their_data_sets_goals_and_takes_the_plan_away(voila, page, browser):
    name = "Rosa <b>Diaz</b>"
    typed = seed(voila, name)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_lesson(page, voila, name)

    # Their own data, part by part, and the picture.
    summary = page.locator(".course-plan-summary")
    text = summary.inner_text()
    assert "13 of 14 parts of your plan are saved" in text
    assert "Practicing clinician with 6 years of practice; field: Nursing." in text
    assert "3 entries, in 3 of 5 domains" in text and "2 takes; weakest in the latest: Business skills" in text
    assert "10 reflections saved" in text and "You have not saved your goals yet — set them below" in text
    assert "Run chart: Falls per 1,000 patient days, 5 East" in text and "the rules find a shift" in text
    assert "PDSA cycle: Aim: Reduce falls on 5 East" in text
    assert "Staffing grid: 5 East, medical-surgical" in text and "8 staff on every shift, 36.4 FTEs" in text
    img = summary.locator("img.course-figure")
    assert img.get_attribute("alt").startswith("Summary picture in two panels.")
    assert img.evaluate("i => i.complete && i.naturalWidth > 800")
    table = summary.locator("table.course-plan-table").inner_text()
    assert "Business Skills and Knowledge\t1.0\t2.0\t+1" in table
    steps = summary.locator("ol.course-plan-steps").inner_text()
    assert "Master of Health Administration (MHA), part-time" in steps

    # Goals: a suggestion used and made their own, two more typed.
    builder = page.locator(".course-plan-builder")
    thirty = builder.locator(".course-plan-horizon-30-days")
    assert "Business Skills and Knowledge" in thirty.inner_text()
    thirty.get_by_role("button", name="Use this suggestion").click()
    action = page.get_by_label("Next action, 30 days", exact=True)
    page.wait_for_function("el => el.value.includes('budget')", arg=action.element_handle())
    action.fill("Ask Sam on Tuesday to walk me through October's budget report")
    page.get_by_label("Goal, 30 days", exact=True).fill("Understand our unit's budget report <i>x</i>")
    page.get_by_label("Goal, 1 year", exact=True).fill("Finish the first year of the MHA")
    page.get_by_label("Domain, 1 year", exact=True).select_option(label="Professionalism")
    page.get_by_label("Next action, 1 year", exact=True).fill("Apply to the part-time MHA by 1 March")
    page.get_by_label("Goal, 5 years", exact=True).fill("Nurse manager of a cardiac step-down unit")
    builder.locator(".course-plan-horizon-5-years").get_by_role("button", name="Use this suggestion").click()
    page.get_by_label("Who will help you with this plan (a mentor, a sponsor, your manager)?").fill(
        "Dana Reyes (mentor)")
    builder.get_by_role("button", name="Save my plan").click()
    builder.get_by_text("3 goals saved. Saved to your progress.").wait_for()
    summary.get_by_text("14 of 14 parts of your plan are saved").wait_for()  # the list follows the save

    # Prepare the plan: two download links; the HTML one really downloads.
    export = page.locator(".course-plan-export")
    export.get_by_role("button", name="Prepare my plan").click()
    export.get_by_text("Your plan is ready: 3 goals").wait_for()
    html_link = export.get_by_role("link", name=re.compile(r"Download my plan as a web page"))
    md_link = export.get_by_role("link", name=re.compile(r"Download my plan as Markdown"))
    assert html_link.get_attribute("download") == "my-development-plan.html"
    assert md_link.get_attribute("download") == "my-development-plan.md"
    plan_html = base64.b64decode(html_link.get_attribute("href").split(",", 1)[1]).decode("utf-8")
    with page.expect_download() as download:
        html_link.click()
    assert download.value.suggested_filename == "my-development-plan.html"
    assert Path(download.value.path()).read_text(encoding="utf-8") == plan_html
    markdown = base64.b64decode(md_link.get_attribute("href").split(",", 1)[1]).decode("utf-8")
    assert markdown.startswith("# My development plan: Rosa &lt;b&gt;Diaz&lt;/b&gt;")
    full_page_shot(page, SHOTS / "lesson10-voila.png")

    # The plan holds their data, escaped.
    for words in [typed["log"][0], typed["reflections"]["the-role"], typed["profile_goals"],
                  "Understand our unit's budget report <i>x</i>", "Dana Reyes (mentor)"]:
        assert escape(words.replace("\x00", "").replace("\u202e", "")) in plan_html, words
    for label in typed["pathway_steps"]:
        assert escape(label) in plan_html
    assert "Rosa &lt;b&gt;Diaz&lt;/b&gt;" in plan_html
    assert "<script" not in plan_html and "\u202e" not in plan_html

    # A new kernel: the goals come back.
    open_lesson(page, voila, name)
    assert page.get_by_label("Goal, 1 year", exact=True).input_value() == "Finish the first year of the MHA"
    assert page.get_by_label("Domain, 1 year", exact=True).evaluate(
        "s => s.options[s.selectedIndex].text") == "Professionalism"
    assert "Apply for a first management role" in page.get_by_label("Next action, 5 years", exact=True).input_value()
    assert page.locator(".course-plan-builder").get_by_role("button", name="Save changes").is_visible()
    assert "Traceback" not in page.content() and dialogs == []

    # The exported page on its own: no network, no script, their data as text, printable, accessible.
    context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=True)
    doc = context.new_page()
    requests = []
    doc.on("request", lambda r: requests.append(r.url))
    doc.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    doc.set_content(plan_html, wait_until="load")
    assert doc.evaluate("document.scripts.length") == 0
    assert doc.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 800)")
    assert all(u.startswith(("data:", "about:")) for u in requests), requests
    assert doc.locator("h1").inner_text() == "My development plan"
    assert doc.locator(".who").inner_text() == "Rosa <b>Diaz</b>"
    goals = doc.locator("table.goals").inner_text()
    assert "Understand our unit's budget report <i>x</i>" in goals and "Business skills" in goals
    assert HOSTILE.split("<img")[0] in doc.locator("#evidence").inner_text()  # markup shown as text
    doc.screenshot(path=str(SHOTS / "lesson10-export.png"), full_page=True)
    assert_no_axe_violations(doc)
    doc.emulate_media(media="print")
    assert doc.locator(".print-hint").is_hidden()
    doc.screenshot(path=str(SHOTS / "lesson10-export-print.png"), full_page=True)
    doc.pdf(path=str(SHOTS / "lesson10-export.pdf"), format="Letter")
    assert dialogs == []
    context.close()


def test_a_learner_with_nothing_saved_is_told_what_to_do_where(voila, page):
    name = "Nia New"
    open_lesson(page, voila, name, cohort="spring-2027")
    summary = page.locator(".course-plan-summary")
    assert "0 of 14 parts of your plan are saved" in summary.inner_text()
    link = summary.get_by_role("link", name="lesson 04, Moving into management").first
    assert link.get_attribute("href").startswith("04-into-management.ipynb")
    assert "You have not taken the self-assessment yet" in summary.inner_text()
    assert summary.locator("img.course-figure").get_attribute("alt").endswith("no pathway saved yet.")
    builder = page.locator(".course-plan-builder")
    assert "take the readiness self-assessment in lesson 04" in builder.inner_text()
    builder.get_by_role("button", name="Save my plan").click()
    builder.get_by_text("Set at least one goal first").wait_for()
    page.get_by_label("Goal, 30 days", exact=True).fill("Shadow a charge nurse")
    builder.get_by_role("button", name="Save my plan").click()
    # said beside the horizon that needs it, and again by the button
    builder.locator(".course-plan-horizon-30-days").get_by_text(
        "In the next 30 days: choose the competency domain it builds.").wait_for()
    expect(builder.locator(".course-plan-status")).to_contain_text("1 horizon is not saved yet")  # its own message
    export = page.locator(".course-plan-export")
    export.get_by_role("button", name="Prepare my plan").click()
    export.get_by_text("and 14 parts still to do").wait_for()
    page_html = base64.b64decode(export.get_by_role("link", name=re.compile("web page")).get_attribute("href")
                                 .split(",", 1)[1]).decode()
    assert "You have not taken the self-assessment yet — lesson 04, Moving into management." in page_html


def test_no_accessibility_violations_on_the_lesson_with_everything_shown(voila, page):
    name = "Axe Capstone"  # not lesson 02's "Axe Planner": a saved profile would change that test's form
    seed(voila, name, hostile=False)
    open_lesson(page, voila, name)
    page.locator(".course-plan-horizon-30-days").get_by_role("button", name="Use this suggestion").click()
    page.get_by_label("Goal, 30 days", exact=True).fill("Understand the budget report")
    page.locator(".course-plan-builder").get_by_role("button", name="Save my plan").click()
    page.get_by_text("1 goal saved").wait_for()
    page.locator(".course-plan-export").get_by_role("button", name="Prepare my plan").click()
    page.locator(".course-plan-downloads a").first.wait_for()
    assert_no_axe_violations(page)


def test_a_learner_keeps_the_mentor_comment_they_choose_and_only_their_own(voila, page, browser):
    url = f"sqlite:///{voila.db_path}"
    learners = {}
    for name in ("Kai Keeper", "Oli Other"):
        session = Session(url)
        session._detected = True
        session.set_identity(Identity(name, "spring-2027", "link"))
        session.record(lesson="the-role", item="the-role/reflection", kind="reflection",
                       response={"text": f"What {name} learned about the role."})
        learners[name] = session.identity.key
    mentor, feedback = Viewer("mentor-dana", "Dana Reyes", "mentor"), Feedback(Store(url))
    kept_text = "Well done: you name the budget gap <b>clearly</b> & early."
    feedback.post(mentor, learners["Kai Keeper"], "the-role", "the-role/reflection", kept_text)
    feedback.post(mentor, learners["Kai Keeper"], "the-role", "the-role/reflection", "A passing remark, not for the plan.")
    feedback.post(mentor, learners["Oli Other"], "the-role", "the-role/reflection", "For Oli only: talk to your manager.")

    open_lesson(page, voila, "Kai Keeper")
    kept = page.locator(".course-plan-kept-feedback")
    assert "A passing remark" in kept.inner_text() and kept_text in kept.inner_text()  # shown as text
    assert "For Oli only" not in page.content()
    kept.locator(".course-plan-kept-comment", has_text="Well done").get_by_role("checkbox").check()
    kept.get_by_role("button", name="Keep the ticked comments").click()
    kept.get_by_text("1 comment kept in your plan.").wait_for()
    summary = page.locator(".course-plan-summary")
    summary.get_by_role("button", name="Check again").click()
    summary.get_by_text("1 comment from your mentor kept in the plan.").wait_for()

    export = page.locator(".course-plan-export")
    export.get_by_role("button", name="Prepare my plan").click()
    export.get_by_text("Your plan is ready").wait_for()
    with page.expect_download() as download:
        export.get_by_role("link", name=re.compile(r"Download my plan as a web page")).click()
    plan_html = Path(download.value.path()).read_text(encoding="utf-8")
    markdown = base64.b64decode(export.get_by_role("link", name=re.compile(r"Download my plan as Markdown"))
                                .get_attribute("href").split(",", 1)[1]).decode("utf-8")
    assert "Feedback I kept from my mentor" in plan_html and "Dana Reyes" in plan_html
    assert "Well done: you name the budget gap &lt;b&gt;clearly&lt;/b&gt; &amp; early." in plan_html
    assert "<b>clearly" not in plan_html
    assert "budget gap &lt;b&gt;clearly&lt;/b&gt; &amp; early" in markdown and "## Feedback I kept" in markdown
    for text in (plan_html, markdown):
        assert "A passing remark" not in text and "For Oli only" not in text

    # A new kernel: the choice comes back; Oli's own plan holds none of Kai's feedback.
    open_lesson(page, voila, "Kai Keeper")
    rows = page.locator(".course-plan-kept-comment")
    assert rows.filter(has_text="Well done").get_by_role("checkbox").is_checked()
    assert not rows.filter(has_text="A passing remark").get_by_role("checkbox").is_checked()
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # Oli, in a browser of his own
    oli = context.new_page()
    open_lesson(oli, voila, "Oli Other")
    assert "Well done" not in oli.content() and "A passing remark" not in oli.content()
    assert "For Oli only" in oli.locator(".course-plan-kept-feedback").inner_text()
    context.close()
