"""Pages the server closes: a lesson left unused says "reload to continue" (and loses nothing saved),
and a kernel that no page ever connected to (a script fetching lessons) is closed within minutes.

The server here culls after seconds instead of the defaults (30 minutes for a page left open,
three minutes for a kernel nobody connected to), so the test sees what a learner sees after lunch.
"""
import time

import pytest

from ..visitor import Visitor, kernel_id_of
from . import person
from .conftest import PASSWORD, PATIENCE_MS, VoilaServer, open_as, wait_rendered

pytestmark = pytest.mark.browser
LESSON = "/voila/render/01-the-role.ipynb"
UNPOOLED = "/voila/render/02-education.ipynb"  # no preheated pool: its kernel starts for the visit
IDLE_S, UNCONNECTED_S, INTERVAL_S = 20, 15, 2


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    with VoilaServer(tmp_path_factory.mktemp("idle-home"),
                     extra_env={"COURSE_UNCONNECTED_KERNEL_SECONDS": str(UNCONNECTED_S)},
                     extra_args=[f"--MappingKernelManager.cull_idle_timeout={IDLE_S}",
                                 f"--MappingKernelManager.cull_interval={INTERVAL_S}"]) as srv:
        yield srv


def test_a_page_left_unused_says_reload_to_continue_and_the_reload_keeps_what_was_saved(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.add_init_script("window.courseKernelCheckMs = 1000")  # the page asks every second, not every 30
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    try:
        open_as(page, server, LESSON, "Lou Lunchbreak")
        wait_rendered(page)
        text = "Before lunch: ask the charge nurse how the huddle runs. 🥪"
        person.type_into(page, page.get_by_label("Your reflection"), text)
        person.click(page, page.get_by_role("button", name="Save reflection"))
        page.get_by_text("Saved to your progress").first.wait_for()

        # Still reading: a swipe every few seconds, for longer than the server's idle limit. The
        # kernel had nothing to do, but the person was there: the page stays.
        until, step = time.monotonic() + IDLE_S + 3 * INTERVAL_S + 5, 300
        while time.monotonic() < until:
            person.move_page(page, step)
            step = -step
            time.sleep(1.5)
        assert not page.locator("#course-page-stopped").count(), "the page stopped while its reader was at it"

        notice = page.locator("#course-page-stopped")
        notice.wait_for(timeout=(IDLE_S + 10 * INTERVAL_S + 30) * 1000)  # the learner went to lunch
        assert "Reload to continue" in notice.inner_text() and "everything you saved is kept" in notice.inner_text()
        reload = notice.get_by_role("button", name="Reload the page")
        assert person.in_viewport(page, reload), "the notice is at the top of the window, wherever one scrolled"
        assert page.evaluate("() => document.activeElement.textContent") == "Reload the page"
        with page.expect_navigation():
            page.keyboard.press("Enter")  # the button has the focus: Enter is enough
        wait_rendered(page)
        assert page.get_by_label("Your reflection").input_value() == text
        assert not page.locator("#course-page-stopped").count()
    finally:
        context.close()


def test_a_kernel_no_page_ever_connects_to_is_closed_within_minutes(server):
    server.account("Sy Script")
    visitor = Visitor(server.url)
    visitor.sign_in(server.account("Sy Script"), PASSWORD)
    page = visitor.get(UNPOOLED)  # the page's HTML, but never its websocket: a script, not a browser
    assert page.status == 200
    kernel = kernel_id_of(page.body)
    assert visitor.get(f"/api/kernels/{kernel}").status == 200  # it is running
    deadline = time.monotonic() + UNCONNECTED_S + 10 * INTERVAL_S + 60
    while time.monotonic() < deadline and visitor.get(f"/api/kernels/{kernel}").status == 200:
        time.sleep(1)
    assert visitor.get(f"/api/kernels/{kernel}").status in (403, 404), "the unconnected kernel is still running"
    assert "no page connected to it" in server.log.read_text(errors="replace")
