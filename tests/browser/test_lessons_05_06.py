"""Lessons 05 and 06 in Voila and Chromium, as a learner meets them: match leadership styles to
their own team, draft an SBAR, check it, reveal the model answer, play a step of an embedded
scenario in each lesson, come back in a new kernel to find it all restored, and an axe-core scan
with no violations on both pages (before and after the interactive parts are used)."""
import sqlite3

import pytest

from course import catalog

from .conftest import assert_no_axe_violations, open_as, wait_rendered

pytestmark = pytest.mark.browser
LESSON_05 = "/voila/render/05-leading-teams.ipynb"
LESSON_06 = "/voila/render/06-communication.ipynb"
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def open_lesson(page, voila, lesson, learner):
    open_as(page, voila, lesson, learner)
    wait_rendered(page)
    page.wait_for_selector("text=Signed in as")


def events(server, learner):
    with sqlite3.connect(server.db_path) as db:
        return [row[0] for row in db.execute("SELECT item FROM events WHERE learner_id = ? ORDER BY id", (learner,))]


def no_violations(page):
    assert_no_axe_violations(page)


def fill_person(matcher, n, role, task, experience, confidence):
    matcher.get_by_label(f"Person {n}: role (not a name)").fill(role)
    matcher.get_by_label(f"Person {n}: the task you would lead them on").fill(task)
    matcher.get_by_label(f"Person {n}: experience with this task").select_option(label=experience)
    matcher.get_by_label(f"Person {n}: confidence or willingness").select_option(label=confidence)


def test_style_matcher_result_saved_and_restored(voila, page):
    content = catalog.load().style_matcher
    exp = {x.id: x.label for x in content.experience}
    conf = {x.id: x.label for x in content.confidence}
    open_lesson(page, voila, LESSON_05, "Morgan Matcher")
    matcher = page.locator(".course-matcher")
    matcher.get_by_role("button", name="Match the styles").click()  # nothing filled in yet
    matcher.get_by_text("Describe at least one person").wait_for()

    fill_person(matcher, 1, "New graduate on nights", HOSTILE, exp["new"], conf["unsure"])
    fill_person(matcher, 2, "Senior charge nurse", "Running the morning huddle", exp["experienced"], conf["keen"])
    matcher.get_by_role("button", name="Match the styles").click()
    result = matcher.locator(".course-matcher-result")
    result.get_by_text("Telling (S1)").wait_for()
    text = result.inner_text()
    assert "Delegating (S4)" in text and "2 different styles" in text and "Saved to your progress" in text
    assert HOSTILE in text  # what the learner typed is shown as text...
    assert result.locator("img").count() == 0 and page.evaluate("() => window.__pwned") is None  # ...never run
    no_violations(page)  # the filled form and the result
    assert events(voila, "morgan matcher") == ["style-matcher"]

    page.reload()  # a new kernel
    wait_rendered(page)
    matcher = page.locator(".course-matcher")
    matcher.get_by_text("Your saved team is shown").wait_for()
    assert matcher.get_by_label("Person 1: role (not a name)").input_value() == "New graduate on nights"
    assert matcher.get_by_label("Person 2: the task you would lead them on").input_value() == "Running the morning huddle"
    assert "Delegating (S4)" in matcher.locator(".course-matcher-result").inner_text()


def test_sbar_draft_checklist_reveal_and_restore(voila, page):
    content = catalog.load().sbar
    model_situation = content.model_answer[0].text
    open_lesson(page, voila, LESSON_06, "Sam Sbar")
    sbar = page.locator(".course-sbar")
    assert sbar.get_by_role("button", name="Check my draft").is_hidden()
    assert sbar.get_by_role("button", name="Reveal the model answer").is_hidden()

    sbar.get_by_label("S: Situation").fill("short")
    sbar.get_by_role("button", name="Save my draft").click()
    sbar.get_by_text("a few things to fix first").wait_for()
    assert "S: Situation: write at least a sentence" in sbar.inner_text()

    draft = {
        "S: Situation": "6 North is five infusion pumps short, and a dose started late last night.",
        "B: Background": f"Biomed pulled five pumps on Friday. {HOSTILE}",
        "A: Assessment": "I think we will run short again this afternoon.",
        "R: Recommendation": "Please approve renting five pumps today; I will report back Friday at noon.",
    }
    for label, text in draft.items():
        sbar.get_by_label(label).fill(text)
    sbar.get_by_role("button", name="Save my draft").click()
    sbar.get_by_role("button", name="Check my draft").wait_for()
    assert model_situation not in page.content()  # not on the page before the reveal

    sbar.get_by_role("checkbox", name=content.checklist[0].question).check()
    sbar.get_by_role("checkbox", name=content.checklist[6].question).check()
    sbar.get_by_role("button", name="Check my draft").click()
    sbar.get_by_text("You answered yes to 2 of 10").wait_for()
    assert content.checklist[1].guidance.split(".")[0] in sbar.inner_text()  # guidance per question
    assert model_situation not in page.content()

    sbar.get_by_role("button", name="Reveal the model answer").click()
    table = sbar.locator(".course-sbar-compare")
    table.wait_for()
    assert model_situation in table.inner_text()
    assert draft["B: Background"] in table.inner_text()  # the hostile draft shows as text
    assert table.locator("img").count() == 0 and page.evaluate("() => window.__pwned") is None
    no_violations(page)  # the checklist guidance and the comparison table
    # the refused first save was kept as a draft, and cleared by the save that went through
    assert events(voila, "sam sbar") == ["sbar-pumps/draft", "sbar-pumps", "sbar-pumps/draft", "sbar-pumps/checklist",
                                         "sbar-pumps/reveal"]

    page.reload()  # a new kernel: the draft, the ticks and the comparison come back
    wait_rendered(page)
    sbar = page.locator(".course-sbar")
    sbar.get_by_text("Your saved draft is shown").wait_for()
    for label, text in draft.items():
        assert sbar.get_by_label(label).input_value() == text
    assert sbar.get_by_role("checkbox", name=content.checklist[6].question).is_checked()
    assert not sbar.get_by_role("checkbox", name=content.checklist[1].question).is_checked()
    assert model_situation in sbar.locator(".course-sbar-compare").inner_text()


@pytest.mark.parametrize("lesson, scenario", [(LESSON_05, "former-peers"), (LESSON_06, "new-grad-escalation")])
def test_an_embedded_scenario_plays_a_step_under_its_section(voila, page, lesson, scenario):
    sc = catalog.load().scenarios[scenario]
    first = sc.node(sc.start).choices[0]
    open_lesson(page, voila, lesson, f"Player {scenario}")
    player = page.locator(f".course-scenario-{scenario}")
    player.get_by_text("Decision 1").wait_for()
    player.get_by_role("button", name=first.text).click()
    player.locator(".course-feedback").get_by_text("You chose:").wait_for()
    assert first.feedback in player.inner_text()
    assert events(voila, f"player {scenario}") == [f"scenario:{scenario}", f"scenario:{scenario}"]  # start, choice
    # the scenario's h3 title sits under an h2 section of the lesson (heading order)
    previous_heading = player.evaluate(
        """el => { const all = [...document.querySelectorAll('h1, h2, h3')];
                   const mine = el.querySelector('h3');
                   return all[all.indexOf(mine) - 1].tagName; }""")
    assert previous_heading == "H2"


@pytest.mark.parametrize("lesson", [LESSON_05, LESSON_06])
def test_no_accessibility_violations(voila, page, lesson):
    open_lesson(page, voila, lesson, "Axe Reader")
    no_violations(page)
