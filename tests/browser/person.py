"""Drive the page the way a person does, never the way only a test can.

Playwright scrolls an element into view by script before it clicks or types, and so does fill():
that passes on pages no person can scroll. Here a person reaches an element by turning the mouse
wheel (or swiping a finger on a touch device) until it is on screen, checks it is not covered,
and only then clicks, taps or types. `guard_locators()` (installed by conftest for every browser
test) routes Playwright's own click/fill/check/... through `reach()`, so a test that relies on
script scrolling fails with a message saying why.
"""
from __future__ import annotations

import time

from playwright.sync_api import Locator, Page

WHEEL_STEP = 500  # pixels per wheel turn, about what a mouse wheel or trackpad flick moves
SWIPE_STEP = 560  # pixels per finger swipe: two thirds of a phone's screen, as a person skimming does


class NotReachable(AssertionError):
    """A person could not get to this element: the page did not move, or it is covered."""


def is_touch(page: Page) -> bool:
    """Whether the page is on a touch screen (asked once per page: every gesture needs it)."""
    touch = getattr(page, "_course_is_touch", None)
    if touch is None:
        touch = page._course_is_touch = bool(page.evaluate("() => navigator.maxTouchPoints > 0"))
    return touch


def scroll_y(page: Page) -> float:
    return page.evaluate("() => window.scrollY")


def wheel(page: Page, dy: float) -> None:
    """Turn the mouse wheel with the pointer in the middle of the window."""
    size = page.viewport_size
    page.mouse.move(size["width"] / 2, size["height"] / 2)
    page.mouse.wheel(0, dy)


def swipe(page: Page, dy: float) -> None:
    """Drag one finger up (dy > 0: see what is further down) or down, as on a phone."""
    size = page.viewport_size
    x = size["width"] / 2
    dy = max(-size["height"] * 0.7, min(size["height"] * 0.7, dy))
    start = size["height"] / 2 + dy / 2
    cdp = _touch_channel(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": start}]})
    steps = 10
    for i in range(1, steps + 1):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": start - dy * i / steps}]})
        time.sleep(0.012)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _touch_channel(page: Page):
    """One DevTools session per page for its touch events (opening one per swipe costs more than
    the swipe)."""
    cdp = getattr(page, "_course_touch", None)
    if cdp is None:
        cdp = page.context.new_cdp_session(page)
        page._course_touch = cdp
    return cdp


def move_page(page: Page, dy: float) -> None:
    """One gesture: a swipe on a touch device, a wheel turn elsewhere."""
    if is_touch(page):
        swipe(page, dy)
    else:
        wheel(page, dy)


def settle(page: Page, quiet: float = 0.15, timeout: float = 5.0) -> float:
    """Wait until the page has stopped scrolling (smooth scrolling takes a moment); its scrollY."""
    deadline = time.time() + timeout
    last, since = scroll_y(page), time.time()
    while time.time() < deadline:
        time.sleep(0.05)
        now = scroll_y(page)
        if now != last:
            last, since = now, time.time()
        elif time.time() - since >= quiet:
            break
    return last


def press_key(page: Page, key: str, times: int = 1) -> float:
    """Press a key (PageDown, End, Home, Space...) and let the page finish moving; its scrollY."""
    for _ in range(times):
        page.keyboard.press(key)
        settle(page)
    return scroll_y(page)


def page_down(page: Page, times: int = 1) -> float:
    return press_key(page, "PageDown", times)


def _settled_top(page: Page, locator: Locator, before: float | None, timeout: float = 1.5) -> float | None:
    """The element's top after a gesture, once it has stopped moving (smooth scrolling)."""
    deadline = time.time() + timeout
    last = before
    while time.time() < deadline:
        time.sleep(0.05)
        box = locator.bounding_box()
        top = box["y"] if box else None
        if top is not None and last is not None and abs(top - last) < 0.5 and top != before:
            return top
        last = top
    return last


def in_viewport(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    if not box:
        return False
    size = page.viewport_size
    # all of it on screen, or, when it is taller than half the window, its top and half a window of it
    fits = min(box["height"], size["height"] / 2)
    return (box["y"] >= 0 and box["y"] + fits <= size["height"] + 0.5
            and box["x"] >= -0.5 and box["x"] + min(box["width"], size["width"]) <= size["width"] + 0.5)


def reach(page: Page, locator: Locator, max_gestures: int = 120) -> dict:
    """Scroll by wheel or finger until the element is on screen and not covered; its box.

    Fails when the gestures stop moving the page before the element is reached: that is what a
    person would meet too."""
    locator.wait_for(state="visible")
    stuck = 0
    for _ in range(max_gestures):
        box = locator.bounding_box()
        if box and in_viewport(page, locator):
            _assert_uncovered(page, locator, box)
            return box
        size = page.viewport_size
        if box and (box["x"] < -0.5 or box["x"] + min(box["width"], size["width"]) > size["width"] + 0.5):
            raise NotReachable(f"{locator} is off to the side of the window (x={box['x']:.0f}); "
                               "a person would not know to scroll sideways")
        # Aim to bring the element's top to a third of the way down the window (to the top, for an
        # element too tall to fit below that).
        room = size["height"] / 3 if box and box["height"] <= size["height"] * 2 / 3 else 0
        target = box["y"] - room if box else WHEEL_STEP
        step = WHEEL_STEP if not is_touch(page) else SWIPE_STEP
        dy = max(-step, min(step, target))
        if abs(dy) < 60:  # a nudge too small to register as a gesture
            dy = 60 if dy >= 0 else -60
        before = box["y"] if box else None
        move_page(page, dy)
        after = _settled_top(page, locator, before)
        if before is not None and after is not None and abs(after - before) < 1:
            stuck += 1
            if stuck >= 3:
                raise NotReachable(
                    f"{'Swiping' if is_touch(page) else 'The mouse wheel'} does not move the page "
                    f"towards {locator} (it stays at y={before:.0f}, window height {size['height']})")
        else:
            stuck = 0
    raise NotReachable(f"{locator} was not reached after {max_gestures} gestures")


def _assert_uncovered(page: Page, locator: Locator, box: dict) -> None:
    size = page.viewport_size
    x = min(max(box["x"] + min(box["width"], size["width"]) / 2, 1), size["width"] - 1)
    y = min(max(box["y"] + min(box["height"], size["height"]) / 2, 1), size["height"] - 1)
    hit = locator.evaluate(
        "(el, [x, y]) => { const top = document.elementFromPoint(x, y);"
        " return !top || el === top || el.contains(top) || top.contains(el) ||"
        " (el.labels && [...el.labels].some(l => l.contains(top))) ? null :"
        " (top.tagName + (top.id ? '#' + top.id : '') + '.' + top.className) }", [x, y])
    if hit:
        raise NotReachable(f"{locator} is covered by {hit} where a person would click it")


def click(page: Page, locator: Locator) -> None:
    """Reach it, then click (a tap on a touch device) in its middle."""
    box = reach(page, locator)
    size = page.viewport_size
    x = min(box["x"] + box["width"] / 2, size["width"] - 1)
    y = min(box["y"] + min(box["height"], size["height"]) / 2, size["height"] - 1)
    if is_touch(page):
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def type_into(page: Page, locator: Locator, text: str, replace: bool = True) -> None:
    """Click into a field and type on the keyboard, key by key, as a person does."""
    click(page, locator)
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    page.keyboard.type(text)


def scroll_to_end(page: Page, marker: str = "#course-page-end", max_gestures: int = 400) -> int:
    """Scroll down by wheel or finger until the end-of-page marker is on screen; gestures used."""
    end = page.locator(marker)
    for n in range(max_gestures):
        if in_viewport(page, end):
            return n
        before = scroll_y(page)
        move_page(page, WHEEL_STEP if not is_touch(page) else SWIPE_STEP)
        deadline = time.time() + 1.5
        while time.time() < deadline and scroll_y(page) == before:
            time.sleep(0.05)
        if scroll_y(page) == before and not in_viewport(page, end):
            raise NotReachable(f"the page stopped moving at y={before:.0f} before its end was visible")
    raise NotReachable(f"the end of the page was not reached in {max_gestures} gestures")


# --- making Playwright's own actions act like a person ------------------------------------------

_GUARDED = ("click", "dblclick", "fill", "check", "uncheck", "set_checked", "select_option", "hover",
            "press", "press_sequentially", "type", "tap", "select_text")


def guard_locators() -> callable:
    """Route Locator actions through reach(); forbid script scrolling. Returns an undo function."""
    originals = {name: getattr(Locator, name) for name in _GUARDED}
    original_scroll = Locator.scroll_into_view_if_needed

    def guarded(name):
        original = originals[name]

        def action(self, *args, **kwargs):
            reach(self.page, self)
            return original(self, *args, **kwargs)

        action.__name__ = name
        return action

    def no_script_scrolling(self, *args, **kwargs):
        raise AssertionError("A person cannot scroll by script: use person.reach(page, locator)")

    for name in _GUARDED:
        setattr(Locator, name, guarded(name))
    Locator.scroll_into_view_if_needed = no_script_scrolling

    def undo():
        for name, fn in originals.items():
            setattr(Locator, name, fn)
        Locator.scroll_into_view_if_needed = original_scroll

    return undo


def choose(page: Page, label: str, starts_with: str) -> None:
    """Pick a Dropdown option by the start of its label (ipywidgets uses labels as option values)."""
    select = page.get_by_label(label, exact=True)
    deadline = time.time() + 30
    while True:  # the options arrive with the widget's state, a moment after the select itself
        values = select.locator("option").evaluate_all("els => els.map(e => e.value)")
        wanted = [v for v in values if v.startswith(starts_with)]
        if wanted or time.time() > deadline:
            break
        time.sleep(0.2)
    assert wanted, f"no option starting with {starts_with!r} in {values}"
    select.select_option(wanted[0])
