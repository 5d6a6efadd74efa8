"""Reaching and using a page the way a person does: the mouse wheel to scroll, a check that the
element is in the viewport before it is clicked, and the keyboard to type. Playwright would
otherwise scroll for us and click elements a person could not see.

(When the lead's tests/browser/person.py lands on main, these fold into it.)
"""
from __future__ import annotations

WHEEL_STEP = 350


def in_viewport(page, locator) -> bool:
    """The element's top and left are on screen, and it fits (or, if taller than the window, starts) within it."""
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect(), h = window.innerHeight, w = window.innerWidth;
                   return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.left < w
                          && (r.bottom <= h || (r.height > h && r.top < h * 0.5)); }""")


def wheel_to(page, locator, limit: int = 200) -> None:
    """Turn the mouse wheel over the page until the element is in the viewport."""
    locator.wait_for(state="attached")
    size = page.viewport_size
    page.mouse.move(size["width"] / 2, size["height"] / 2)
    for _ in range(limit):
        if in_viewport(page, locator):
            return
        top = locator.evaluate("el => el.getBoundingClientRect().top")
        page.mouse.wheel(0, WHEEL_STEP if top > 0 else -WHEEL_STEP)
        page.wait_for_timeout(40)
    raise AssertionError("the wheel did not bring the element into view")


def click(page, locator) -> None:
    wheel_to(page, locator)
    assert in_viewport(page, locator), "clicking an element the person cannot see"
    locator.click()


def type_into(page, locator, text: str) -> None:
    """Click into a box the person can see, clear it with the keyboard, and type."""
    click(page, locator)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose(page, locator, label: str) -> None:
    """Pick an option in a drop-down the person can see."""
    wheel_to(page, locator)
    assert in_viewport(page, locator)
    locator.select_option(label=label)


def no_sideways_scroll(page) -> bool:
    """The page itself does not scroll sideways (wide tables scroll inside their own region)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
