"""Every page moves under the wheel, the keyboard and a finger, to its very end.

The course once shipped pages that only Tab could move (the template's <main> lost Voila's
overflow rule): every other test passed because Playwright scrolls by script. These tests use
only input a person makes (tests/browser/person.py). Every page's wheel and finger run to its end
is in tests/browser/test_navigation.py, on the same page load as that page's other checks.
"""
from __future__ import annotations

import time

from . import person
from .conftest import PATIENCE_MS, open_as, person_page, sign_in, wait_rendered


def _open(page, voila, notebook):
    open_as(page, voila, f"/voila/render/{notebook}", "Sky Scroller", role="mentor")  # mentors see every page
    wait_rendered(page)
    assert person.scroll_y(page) == 0


def test_keyboard_pages_down_and_jumps_to_the_end(browser, voila):
    with person_page(browser) as page:
        _open(page, voila, "03-clinical-experience.ipynb")
        assert person.page_down(page, 3) > 1200
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        assert focused.startswith("<body"), f"something took the keyboard focus: {focused}"
        person.press_key(page, "End")
        assert person.in_viewport(page, page.locator("#course-page-end"))
        assert person.press_key(page, "Home") < 2


def test_the_text_shows_before_the_exercises_are_ready(browser, voila):
    """While the kernel runs the lesson, the learner already sees its text and a plain-words status."""
    with person_page(browser) as page:
        seen = {}
        sign_in(page, voila, "Tess Text")
        page.goto(f"{voila.url}/voila/render/04-into-management.ipynb", wait_until="commit")
        page.wait_for_selector("#rendered_cells", state="attached", timeout=PATIENCE_MS)
        deadline = time.time() + 120
        while time.time() < deadline and "text" not in seen:
            state = page.evaluate(
                "() => ({loading: !!document.querySelector('#loading'),"
                " status: (document.querySelector('#loading_text') || {}).textContent || '',"
                " heading: [...document.querySelectorAll('#rendered_cells h1')]"
                "   .some(h => h.getBoundingClientRect().height > 0)})")
            if state["loading"] and state["heading"]:
                seen["text"] = state["status"]
            if not state["loading"]:
                break
            time.sleep(0.05)
        assert "text" in seen, "the lesson title was not visible before the page finished preparing"
        assert "You can start reading" in seen["text"] or "Almost ready" in seen["text"]
        assert "Executing" not in seen["text"]
        wait_rendered(page)
