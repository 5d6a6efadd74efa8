"""A live session in real browsers against one Voila: a mentor in one context, two learners in two
others (one a 375×667 touch phone, one a keyboard user). The mentor opens a session, both join
with the code and answer, the mentor's chart shows both answers without a reload, the mentor
reveals and both learners see the feedback, moves on, closes; the answers are in the store.
axe-core finds nothing on the learner's or the mentor's page."""
import sqlite3
import time

import pytest

from course import catalog
from course.mentor import live
from course.mentor import live_prompts

from ..conftest import ROOT
from . import person
from .conftest import PATIENCE_MS, VoilaServer, assert_no_axe_violations, open_as, sign_in

pytestmark = pytest.mark.browser

COHORT = "live-test"
MENTOR_PAGE = "/voila/render/mentor/live-session.ipynb"
LEARNER_PAGE = "/voila/render/live.ipynb"
PHONE = {"width": 375, "height": 667}
SOON_MS = 5_000  # "within about two seconds", with room for a busy two-core machine
SHOTS = ROOT / "screenshots"


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    """A course server of our own: its live sessions are this test's alone."""
    with VoilaServer(tmp_path_factory.mktemp("live-home")) as srv:
        yield srv


def chosen_prompts():
    """A single-choice self-check, then a scenario decision (or, without scenarios, a multiple one)."""
    prompts = live_prompts.available_prompts(catalog.load())
    first = next(p for p in prompts if p.source == "self-check" and p.kind == "single")
    second = next((p for p in prompts if p.source == "scenario"), None) or next(
        p for p in prompts if p.kind == "multiple")
    return prompts, first, second


def wait_page(page, selector):
    page.wait_for_selector("#rendered_cells", state="visible", timeout=PATIENCE_MS)
    page.wait_for_function("() => !document.querySelector('#loading')", timeout=PATIENCE_MS)
    page.wait_for_selector(selector, timeout=PATIENCE_MS)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"
                         " && document.querySelector('#rendered_cells').scrollWidth <= window.innerWidth")


def tall_shot(page, name, width):
    SHOTS.mkdir(exist_ok=True)
    height = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": max(height, 400)})
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size(size)


def caption(page) -> str:
    return page.locator(".course-live-chart caption").inner_text()


def test_two_learners_and_a_mentor(server, browser):
    prompts, first, second = chosen_prompts()
    right = next(i for i, o in enumerate(first.options) if o.correct)
    wrong = next(i for i, o in enumerate(first.options) if not o.correct)

    # --- the mentor opens a session for a cohort whose learners have their accounts -------------
    for learner in ("Ana Phone", "Ben Keys"):
        server.account(learner, COHORT)
    mentor_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    mentor = mentor_ctx.new_page()
    mentor.set_default_timeout(PATIENCE_MS)
    open_as(mentor, server, MENTOR_PAGE, "Mo Mentor", COHORT, role="mentor")
    wait_page(mentor, ".course-live-console")  # a mentor's account opens it: no passcode
    mentor.get_by_label("Cohort code").fill(COHORT)
    search = mentor.get_by_label("Find a prompt")
    for prompt in (first, second):
        search.fill(prompt.ref)  # a prompt's id, or words from it, lists it whole with its own Add button
        search.press("Enter")  # the search runs on Enter, as a mentor sends it
        match = mentor.locator(".course-live-match").filter(has_text=prompt.label[:60])
        match.get_by_role("button", name="Add").click()
    mentor.locator(".course-live-list li").nth(1).wait_for()
    assert_no_axe_violations(mentor)
    SHOTS.mkdir(exist_ok=True)
    mentor.set_viewport_size({"width": 1280, "height": 800})
    mentor.screenshot(path=str(SHOTS / "live-mentor-1280x800-setup.png"))  # the viewport, as the mentor sees it
    mentor.set_viewport_size({"width": 390, "height": 844})
    mentor.screenshot(path=str(SHOTS / "live-mentor-390x844-setup.png"))
    mentor.set_viewport_size({"width": 1280, "height": 900})
    mentor.get_by_role("button", name="Start the live session").click()
    code = mentor.locator(".course-live-code-value").inner_text().strip()
    assert len(code) == 6 and all(ch in live.ALPHABET for ch in code)
    assert caption(mentor).startswith("0 answers from 0 joined")
    mentor.set_viewport_size({"width": 1280, "height": 800})
    mentor.screenshot(path=str(SHOTS / "live-mentor-1280x800-running.png"))
    mentor.set_viewport_size({"width": 1280, "height": 900})

    # --- learner 1: a phone, by touch, signing in on the login page --------------------------
    phone_ctx = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    phone = phone_ctx.new_page()
    phone.set_default_timeout(PATIENCE_MS)
    open_as(phone, server, LEARNER_PAGE, "Ana Phone", COHORT)
    wait_page(phone, ".course-live")
    assert no_horizontal_scroll(phone)
    phone.wait_for_selector("text=Signed in as Ana Phone")
    phone.get_by_label("Join code").fill(code.lower())  # lower case is fine
    phone.get_by_role("button", name="Join").tap()
    phone.locator(".course-live-prompt").get_by_text(first.question).wait_for()
    options = phone.locator(".course-live-choices .widget-radio-box label")
    assert options.count() == len(first.options)
    for target in [options.nth(i) for i in range(options.count())] + [phone.get_by_role("button", name="Send answer")]:
        box = target.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert no_horizontal_scroll(phone)
    assert first.options[right].feedback not in phone.content()  # no key before the reveal
    person.reach(phone, phone.locator(".course-live"))
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "live-learner-375x667-question.png"))
    assert_no_axe_violations(phone)
    options.nth(wrong).tap()
    phone.get_by_role("button", name="Send answer").tap()
    phone.get_by_text("Your answer is in").wait_for()

    # --- learner 2: a desktop, by keyboard, through a link that carries the code ----------------
    desk_ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    desk = desk_ctx.new_page()
    desk.set_default_timeout(PATIENCE_MS)
    sign_in(desk, server, "Ben Keys", COHORT)
    desk.goto(f"{server.url}{LEARNER_PAGE}?code={code}")
    wait_page(desk, ".course-live-prompt .course-prompt")
    radios = desk.locator(".course-live-choices input[type=radio]")
    radios.first.focus()
    for _ in range(right):
        desk.keyboard.press("Tab")  # each option is a stop on the way
    desk.keyboard.press("Space")
    assert radios.nth(right).is_checked()
    for _ in range(len(first.options)):
        if desk.evaluate("() => document.activeElement.innerText") == "Send answer":
            break
        desk.keyboard.press("Tab")
    assert desk.evaluate("() => document.activeElement.innerText") == "Send answer"
    desk.keyboard.press("Enter")
    desk.get_by_text("Your answer is in").wait_for()
    sent_at = time.monotonic()

    # --- the mentor's chart shows both answers, without a reload --------------------------------
    mentor.wait_for_function("() => document.querySelector('.course-live-chart caption').innerText"
                             ".startsWith('2 answers from 2 joined')", timeout=SOON_MS)
    assert time.monotonic() - sent_at < SOON_MS / 1000
    counts = [int(t) for t in mentor.locator(".course-live-chart td.course-num").all_inner_texts()]
    assert counts[right] == 1 and counts[wrong] == 1 and sum(counts) == 2
    assert "Right answer" not in mentor.locator(".course-live-chart").inner_text()  # not before the reveal
    tall_shot(mentor, "live-mentor-chart.png", 1280)
    assert_no_axe_violations(mentor)

    # --- reveal: both learners see the feedback -------------------------------------------------
    mentor.get_by_role("button", name="Reveal answers").click()
    for page in (phone, desk):
        page.wait_for_selector(".course-live-feedback", timeout=SOON_MS)
        assert first.options[right].feedback in page.locator(".course-live-feedback").inner_text()
    phone.get_by_text("Your answer was not the right one").wait_for()
    desk.get_by_text("Your answer is right").wait_for()
    assert no_horizontal_scroll(phone)
    person.reach(phone, phone.locator(".course-live .course-status"))
    phone.screenshot(path=str(SHOTS / "live-learner-375x667-revealed.png"))
    tall_shot(phone, "live-learner-375-revealed-full.png", PHONE["width"])
    assert_no_axe_violations(phone)
    assert "✓" in mentor.locator(".course-live-chart").inner_text()

    # --- next prompt: the learners follow; one answers ------------------------------------------
    mentor.get_by_role("button", name="Next prompt").click()
    for page in (phone, desk):
        page.locator(".course-live-prompt").get_by_text("2 of 2").wait_for(timeout=SOON_MS)
    assert phone.locator(".course-live-feedback").count() == 0  # feedback hidden again
    if second.kind == "single":
        phone.locator(".course-live-choices .widget-radio-box label").first.tap()
    else:
        phone.locator(".course-live-choices .widget-checkbox label.widget-label-basic").first.tap()
    phone.get_by_role("button", name="Send answer").tap()
    phone.get_by_text("Your answer is in").wait_for()
    mentor.wait_for_function("() => document.querySelector('.course-live-chart caption').innerText"
                             ".startsWith('1 answer from 2 joined')", timeout=SOON_MS)

    # --- close: the learners are told; everything is in the store -------------------------------
    mentor.get_by_role("button", name="Close session").click()
    mentor.get_by_text("3 answers were saved").wait_for()
    for page in (phone, desk):
        page.get_by_text("The session has ended").wait_for(timeout=SOON_MS)

    with sqlite3.connect(server.db_path) as db:
        rows = db.execute("SELECT learner_id, item, correct, cohort_id FROM events WHERE kind = 'live' "
                          "ORDER BY id").fetchall()
        assert sorted(rows) == sorted([
            ("ana phone", f"live:{first.ref}", 0, COHORT), ("ben keys", f"live:{first.ref}", 1, COHORT),
            ("ana phone", f"live:{second.ref}", int(second.is_correct(
                {"choice": second.options[0].id, "choices": [second.options[0].id]})), COHORT)])
        assert db.execute("SELECT status, open_code FROM live_sessions").fetchall() == [("closed", None)]
        assert db.execute("SELECT count(*) FROM live_answers").fetchone() == (3,)
        assert db.execute("SELECT count(*) FROM live_participants").fetchone() == (2,)
    for ctx in (mentor_ctx, phone_ctx, desk_ctx):
        ctx.close()


def test_home_links_to_the_learner_page(server, browser):
    page = browser.new_page(viewport=PHONE)
    open_as(page, server, "/voila/render/index.ipynb", "Ana Phone", COHORT)
    wait_page(page, ".course-home")
    page.get_by_role("link", name="Join a live session").click()
    wait_page(page, ".course-live")
    assert "Signed in as" in page.locator(".course-header").inner_text()  # the link kept who she is
    assert page.get_by_label("Join code").is_visible()
    page.close()
