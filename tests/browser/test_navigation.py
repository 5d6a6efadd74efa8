"""Finding one's way, in Voila and Chromium, as a person does it (tests/browser/person.py):

- the course home shows the whole course's progress in words and one link to the next unfinished
  part, which lands on the right lesson with that section's heading in view;
- every long page has "On this page" jump links that land on their heading (visible, not covered)
  and "Back to contents" links; by mouse, finger and keyboard;
- every glossary term is explained where it first appears in each lesson (a button that opens the
  explanation, by tap and by keyboard) and the glossary page lists every term;
- every link from one page to another keeps the learner; the scenarios page's home link too;
- every page reaches its very end under the mouse wheel and under a finger (each page is opened
  once per device and every per-page check runs on that one load);
- on a 390 px phone: the planner chart is drawn tall, wide tables say they scroll sideways and do,
  no label is cut off, controls are big enough for a finger;
- axe finds nothing on the pages this changes.
"""
from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from course import catalog as catalog_mod
from course.catalog import NOTEBOOK_DIR, notebook_cells
from course.engine.glossary import page_data
from course.identity import Identity
from course.engine.profile import Profile, save_profile
from course.engine.progress import course_progress, lesson_parts
from course.session import Session

from . import person
from .conftest import assert_no_axe_violations, sign_in, wait_rendered

pytestmark = pytest.mark.browser
CAT = catalog_mod.load()
LESSONS = [lesson.notebook for lesson in CAT.published()]
OTHER_PAGES = ["index.ipynb", "glossary.ipynb", "scenarios.ipynb", "live.ipynb", "mentor/dashboard.ipynb",
               "mentor/live-session.ipynb", "mentor/facilitator-guide.ipynb"]
PAGES = LESSONS + OTHER_PAGES  # every page of the course, each opened once on a desktop and once on a phone
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LEARNER, COHORT = "Nav Tester", "nav-cohort"
MENTOR = "Nav Mentor"


def render(browser, voila, notebook, learner=LEARNER, phone=False, fragment=""):
    context = browser.new_context(viewport=PHONE if phone else DESKTOP, has_touch=phone, is_mobile=phone,
                                  device_scale_factor=2 if phone else 1)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(120_000)
    if notebook.startswith("mentor/"):  # mentor pages open for a mentor's account only
        sign_in(page, voila, MENTOR, COHORT, role="mentor")
    else:
        sign_in(page, voila, learner, COHORT)
    page.goto(f"{voila.url}/voila/render/{notebook}{fragment}")
    wait_drawn(page)
    return context, page


def wait_drawn(page, timeout: float = 60.0) -> None:
    """Voila is done and every interactive part is drawn: the widgets on the page stop changing."""
    wait_rendered(page)  # (a page such as the facilitator guide has no widgets at all)
    deadline, last, since = time.time() + timeout, None, time.time()
    while time.time() < deadline:
        now = page.evaluate("() => [document.querySelectorAll('.jupyter-widgets').length,"
                            " document.documentElement.scrollHeight]")
        if now != last:
            last, since = now, time.time()
        elif time.time() - since > 1.0:
            return
        time.sleep(0.1)


def visible_and_uncovered(page, locator) -> bool:
    """In the window, and what a person sees at its middle is the element itself."""
    if not person.in_viewport(page, locator):
        return False
    return locator.evaluate("el => { const r = el.getBoundingClientRect();"
                            " const top = document.elementFromPoint(r.left + Math.min(r.width, 40) / 2,"
                            " r.top + Math.min(r.height, 30) / 2);"
                            " return !!top && (el === top || el.contains(top)); }")


def wait_settled_in_view(page, locator, timeout=20.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        person.settle(page, quiet=0.4)
        if visible_and_uncovered(page, locator):
            return True
        time.sleep(0.2)
    seen = locator.evaluate("el => { const r = el.getBoundingClientRect(); const top = document.elementFromPoint("
                            "r.left + 10, r.top + 10); return [r.top, r.left, window.scrollY, window.innerHeight,"
                            " top ? top.outerHTML.slice(0, 120) : null]; }")
    print("not in view:", seen)
    return False


# --- what the page should mark: the glossary terms, found as the page finds them ----------------

_SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "code", "pre", "script", "style"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class _Text(HTMLParser):
    """The text nodes of rendered Markdown a reader sees, outside headings, links and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.nodes = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if not _SKIP & set(self.open):
            self.nodes.append(data)


def expected_marks(notebook: str, lesson_id: str) -> dict[str, tuple[str, str | None]]:
    """{term id: (the words marked, the 30 characters of text just before them)}, computed from the
    notebook as nbconvert renders it, marking terms one after another as the page does."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    items: list = []
    for cell in notebook_cells(NOTEBOOK_DIR / notebook):
        if cell.get("cell_type") == "markdown":
            parser = _Text()
            parser.feed(markdown2html_mistune("".join(cell.get("source", ""))))
            items.extend(parser.nodes)
    for term in page_data(CAT, lesson_id):
        pattern = re.compile(term["pattern"])
        for i, item in enumerate(items):
            match = pattern.search(item) if isinstance(item, str) else None
            if match:
                items[i:i + 1] = [item[:match.start()], ("mark", term["id"], match.group(0)), item[match.end():]]
                break
    marks = {}
    for i, item in enumerate(items):
        if isinstance(item, tuple):
            before = items[i - 1] if i else None
            marks[item[1]] = (item[2], before[-30:] if isinstance(before, str) else None)
    return marks


PAGE_MARKS = """() => [...document.querySelectorAll('.course-term')].map(w => {
  const b = w.querySelector('.course-term-button'), d = w.querySelector('.course-term-def');
  const prev = w.previousSibling;
  return {id: b.id.replace('course-term-', ''), text: b.textContent, def: d.textContent, hidden: d.hidden,
          expanded: b.getAttribute('aria-expanded'), controls: b.getAttribute('aria-controls') === d.id,
          before: prev && prev.nodeType === 3 ? prev.data.slice(-30) : null};
})"""


@pytest.mark.parametrize("notebook", PAGES)
def test_the_wheel_reaches_the_end_links_stay_in_the_course_and_terms_are_explained(browser, voila, notebook):
    context, page = render(browser, voila, notebook)
    try:
        # The mouse wheel moves the page to its very end; "Back to the top of the page" returns.
        assert person.scroll_y(page) == 0
        gestures = person.scroll_to_end(page)
        assert gestures > 0 or person.in_viewport(page, page.locator("#course-page-end"))
        person.click(page, page.locator("#course-page-end a"))
        page.wait_for_function("() => window.scrollY < 50", timeout=5_000)

        # Every link to another page of the course is a plain course page: who is signed in travels
        # in the session cookie, never in a link someone could copy.
        links = page.evaluate("() => [...document.querySelectorAll('a[href]')]"
                              ".map(a => [a.getAttribute('href'), a.href, a.textContent.trim()])")
        checked = 0
        for raw, resolved, text in links:
            url = urlsplit(resolved)
            if raw.startswith("#") or url.scheme not in ("http", "https") or url.netloc != urlsplit(voila.url).netloc:
                continue  # a jump within the page, a download, or another site
            query = parse_qs(url.query)
            assert "learner" not in query and "cohort" not in query, f"{notebook}: the link “{text}” ({raw}) names a learner"
            assert url.path.startswith("/voila/render/") or url.path == "/logout", \
                f"{notebook}: the link “{text}” ({raw}) leaves the course"
            checked += 1
        assert checked >= 1, f"{notebook}: no link to the rest of the course"

        # On this page: one link per section, each to a heading that exists.
        headings = page.evaluate("() => [...document.querySelectorAll('.jp-MarkdownCell h2[id]')].map(h => h.id)")
        toc = page.evaluate("() => [...document.querySelectorAll('#course-toc a')]"
                            ".map(a => decodeURIComponent(a.getAttribute('href').slice(1)))")
        if len(headings) >= 3:
            assert toc == headings
            assert page.locator("nav[aria-labelledby=course-toc-title]").count() == 1
            assert page.locator(".course-toc-back a").count() == len(headings) - 1
        else:
            assert toc == []

        # Each glossary term's first occurrence in a lesson's text is a button with the explanation.
        lesson = next((x for x in CAT.published() if x.notebook == notebook), None)
        marks = {m["id"]: m for m in page.evaluate(PAGE_MARKS)}
        if lesson is None:
            assert marks == {}
            return
        expected = expected_marks(notebook, lesson.id)
        assert set(marks) == set(expected), f"{notebook}: marked {sorted(marks)}, expected {sorted(expected)}"
        entries = {d["id"]: d for d in page_data(CAT, lesson.id)}
        for term_id, (words, before) in expected.items():
            mark, entry = marks[term_id], entries[term_id]
            assert (mark["text"], mark["before"]) == (words, before), f"{notebook}: {term_id} is not its first use"
            assert mark["hidden"] and mark["expanded"] == "false" and mark["controls"]
            assert entry["explanation"] in mark["def"] and (entry["expansion"] or "") in mark["def"]
        assert expected, f"{notebook} explains no term at all"
    finally:
        context.close()


# --- the course home: continue where you left off ------------------------------------------------

def _correct(item) -> dict:
    kind = item.kind
    if kind == "single":
        return {"choice": next(o.id for o in item.options if o.correct)}
    if kind == "multiple":
        return {"choices": [o.id for o in item.options if o.correct]}
    if kind == "numeric":
        return {"value": CAT.answer_of(item)}
    return {"order": [s.id for s in item.steps]}


def seed(voila, name: str, parts) -> Session:
    """Save, for one learner, what a person saves when doing these parts (self-checks answered right)."""
    session = Session(f"sqlite:///{voila.db_path}")
    session._detected = True
    session.set_identity(Identity(name, COHORT, "link"))
    for part in parts:
        for key in part.keys:
            if part.kind == "self-check":
                session.record(lesson=CAT.item_lesson[key], item=key, kind="answer", response=_correct(CAT.items[key]),
                               correct=True)
            elif key == "start-here/profile":
                save_profile(session, Profile(stage="clinician", field="nursing", clinical_years=5,
                                              degrees=("bsn",), licensed=True))
            else:
                session.record(lesson=key.split("/")[0], item=key, kind="reflection" if "reflection" in key
                               else "exercise", response={"text": "Seeded by the navigation test."})
        time.sleep(0.002)  # each a little later than the one before
    return session


def test_a_new_learner_is_told_to_start_with_lesson_0(browser, voila):
    context, page = render(browser, voila, "index.ipynb", learner="Brand New")
    try:
        start = page.get_by_role("link", name=re.compile(r"^Start with lesson 0: Start here"))
        assert person.in_viewport(page, start) or person.reach(page, start)
        assert page.get_by_role("heading", name="Start here", exact=True).count() == 1
        assert "0% of the course: 0 of" in page.locator(".course-overall").inner_text()
        person.click(page, start)
        page.wait_for_url(re.compile(r"/00-start-here\.ipynb$"))
        wait_drawn(page)
        assert page.locator("h1").first.inner_text().startswith("Start here")
    finally:
        context.close()


def test_continue_lands_on_the_next_unfinished_section(browser, voila):
    name = "Casey Continue"
    done = list(lesson_parts(CAT, "start-here")) + list(lesson_parts(CAT, "the-role")[:3])
    session = seed(voila, name, done)
    overall = course_progress(CAT, session.state())
    target = overall.next.part
    assert overall.next.lesson.id == "the-role" and target == lesson_parts(CAT, "the-role")[3]
    context, page = render(browser, voila, "index.ipynb", learner=name)
    try:
        figure = page.locator(".course-overall")
        assert figure.inner_text().strip() == overall.summary()
        assert re.match(r"\d+% of the course: 1 of \d+ lessons complete, \d+ of \d+ self-checks", overall.summary())
        link = page.get_by_role("link", name=re.compile("^Continue with lesson 1: The role of a clinical operations"))
        assert f"Next: a self-check, in “{target.section}”" in link.inner_text()
        box = person.reach(page, link)
        assert box["height"] >= 44
        person.click(page, link)
        page.wait_for_url(re.compile(r"/01-the-role\.ipynb#"
                                     + re.escape(target.anchor)))
        wait_drawn(page)
        heading = page.locator(f"h2[id='{target.anchor}']")
        assert wait_settled_in_view(page, heading), "the section's heading is not in view after the jump"
        top = heading.bounding_box()["y"]
        assert 0 <= top < DESKTOP["height"] / 3, f"the heading sits at y={top:.0f}, not at the top of the window"
    finally:
        context.close()


# --- on this page: jump links and back ------------------------------------------------------------

def test_contents_links_land_on_their_heading_and_lead_back(browser, voila):
    context, page = render(browser, voila, "07-operations-toolkit.ipynb")
    try:
        toc = page.locator("#course-toc")
        person.reach(page, toc)
        entry = toc.get_by_role("link", name="Reading a unit KPI dashboard")
        person.click(page, entry)
        heading = page.get_by_role("heading", name="Reading a unit KPI dashboard", level=2)
        assert wait_settled_in_view(page, heading)
        assert heading.bounding_box()["y"] < DESKTOP["height"] / 3
        # The next "Back to contents" (at the end of this section) is a wheel turn or two away.
        back = page.locator(".course-toc-back").filter(
            has=page.locator("xpath=following-sibling::h2[1][@id='Putting-a-policy-into-practice']")).locator("a")
        person.click(page, back)
        assert wait_settled_in_view(page, toc.locator(".course-toc-title"))
    finally:
        context.close()


def test_contents_work_from_the_keyboard(browser, voila):
    context, page = render(browser, voila, "05-leading-teams.ipynb")
    try:
        for _ in range(120):  # Tab until the first contents link has the focus
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('#course-toc')"):
                break
        else:
            pytest.fail("Tab never reached the contents")
        for _ in range(3):
            page.keyboard.press("Tab")
        name = page.evaluate("() => document.activeElement.textContent")
        page.keyboard.press("Enter")
        heading = page.get_by_role("heading", name=name, level=2)
        assert wait_settled_in_view(page, heading)
        page.keyboard.press("Tab")  # the keyboard carries on from the section, not from the top
        assert page.evaluate("() => document.activeElement.getBoundingClientRect().top") > 0
    finally:
        context.close()


# --- glossary terms: by tap and by keyboard; the glossary page --------------------------------------

def test_a_term_opens_by_tap_and_closes_again(browser, voila):
    context, page = render(browser, voila, "06-communication.ipynb", phone=True)
    try:
        sbar = next(d for d in page_data(CAT, "communication") if d["term"] == "SBAR")
        button = page.locator("#course-term-sbar")
        definition = page.locator("#course-term-def-sbar")
        assert definition.is_hidden()
        person.click(page, button)  # a tap, after swiping it into view
        definition.wait_for(state="visible")
        assert button.get_attribute("aria-expanded") == "true"
        assert sbar["explanation"] in definition.inner_text() and "Situation, Background" in definition.inner_text()
        assert person.in_viewport(page, definition)
        person.click(page, button)
        definition.wait_for(state="hidden")
        assert button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_a_term_opens_from_the_keyboard(browser, voila):
    context, page = render(browser, voila, "07-operations-toolkit.ipynb")
    try:
        first = page.locator(".course-term-button").first
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.classList.contains('course-term-button')"):
                break
        else:
            pytest.fail("Tab never reached a glossary term")
        term_id = page.evaluate("() => document.activeElement.id")
        assert term_id == first.get_attribute("id")
        definition = page.locator("#" + term_id.replace("course-term-", "course-term-def-"))
        page.keyboard.press("Enter")
        definition.wait_for(state="visible")
        page.keyboard.press("Escape")
        definition.wait_for(state="hidden")
        page.keyboard.press(" ")
        definition.wait_for(state="visible")
        assert page.evaluate("() => document.activeElement.id") == term_id  # the focus stays on the term
        help_text = page.locator("#course-term-help").text_content()
        assert "Glossary term" in help_text and first.get_attribute("aria-describedby") == "course-term-help"
    finally:
        context.close()


def test_the_glossary_page_lists_every_term(browser, voila):
    context, page = render(browser, voila, "glossary.ipynb")
    try:
        terms = page.locator(".course-glossary-entry dfn").all_inner_texts()
        assert terms == [e.term for e in CAT.glossary] and len(terms) >= 50
        letter = page.locator(".course-glossary-letters").get_by_role("link", name="W", exact=True)
        person.click(page, letter)
        assert wait_settled_in_view(page, page.locator("#letter-w"))
        entry = page.locator("#term-weingarten-rights")
        assert "union representative" in entry.inner_text() and "US" in entry.inner_text()
        taught = page.locator("#term-hppd").get_by_role("link", name=re.compile("lesson 7"))
        assert taught.get_attribute("href").startswith("07-operations-toolkit.ipynb")
    finally:
        context.close()


# --- the scenarios page keeps the learner -----------------------------------------------------------

def test_the_scenarios_page_leads_home_without_signing_out(browser, voila):
    context, page = render(browser, voila, "scenarios.ipynb")
    try:
        home = page.locator(".course-footer").get_by_role("link", name="Back to the course home")
        person.click(page, home)
        page.wait_for_url(re.compile(r"/index\.ipynb$"))
        wait_drawn(page)
        assert "Signed in as Nav Tester" in page.locator(".course-who").inner_text()
    finally:
        context.close()


# --- phones --------------------------------------------------------------------------------------

CUT_OFF = """() => {
  const vw = window.innerWidth, found = [];
  const clipper = el => { for (let p = el.parentElement; p && p.id !== 'rendered_cells'; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' && p.scrollWidth > p.clientWidth + 1) return p; } return null; };
  for (const el of document.querySelectorAll('#rendered_cells *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    const box = clipper(el);
    const limit = box ? box.getBoundingClientRect().right : vw;
    if (r.right <= limit + 1) continue;
    const says = box && box.matches('.course-table-scroll') && box.closest('.course-table-wide')
      && box.closest('.course-table-wrap').querySelector('.course-table-hint').offsetHeight > 0;
    if (!says) found.push(el.tagName + '.' + [...el.classList].join('.') + ' "' +
                          (el.innerText || '').slice(0, 40) + '" right=' + Math.round(r.right));
  }
  return [...new Set(found)].slice(0, 10);
}"""
SMALL = """() => {
  const found = [];
  const controls = 'button.jupyter-button, .widget-dropdown select, .widget-text input, #course-toc a,'
    + ' .course-toc-back a, a.course-continue-link, .widget-radio-box label, .course-nav a';
  for (const el of document.querySelectorAll(controls)) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && r.height < 43.5) found.push(el.tagName + ' "' + (el.innerText || el.value || '')
      .slice(0, 30) + '" ' + Math.round(r.height) + 'px');
  }
  for (const label of document.querySelectorAll('.widget-inline-hbox > .widget-label')) {
    if (label.offsetWidth && label.scrollWidth > label.clientWidth + 1)
      found.push('label "' + label.textContent + '" cut off');
  }
  return found.slice(0, 10);
}"""


@pytest.mark.parametrize("notebook", PAGES)
def test_on_a_phone_a_finger_reaches_the_end_and_nothing_is_cut_off_or_too_small(browser, voila, notebook):
    seed(voila, "Phone Person", [p for p in lesson_parts(CAT, "start-here") if p.keys == ("start-here/profile",)])
    context, page = render(browser, voila, notebook, learner="Phone Person", phone=True)
    try:
        assert page.evaluate(CUT_OFF) == [], f"{notebook}: cut off at 390 px with no sign that it scrolls"
        assert page.evaluate(SMALL) == [], f"{notebook}: too small for a finger, or a label cut off"
        person.scroll_to_end(page)
        # Nothing is wider than the phone: no sideways scrolling of the whole page.
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{notebook} is {overflow}px wider than a 390px phone"
    finally:
        context.close()


def test_the_pathway_chart_is_drawn_for_a_phone(browser, voila):
    seed(voila, "Tall Chart", [p for p in lesson_parts(CAT, "start-here") if p.keys == ("start-here/profile",)])
    context, page = render(browser, voila, "02-education.ipynb", learner="Tall Chart", phone=True)
    try:
        tall = page.locator(".course-planner-chart img.course-chart-tall")
        person.reach(page, tall)
        assert page.locator(".course-planner-chart img.course-chart-wide").is_hidden()
        shown = tall.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
        assert shown[1] <= PHONE["width"] and shown[0] / shown[1] <= 1.25, \
            f"the chart is shrunk from {shown[0]} px to {shown[1]:.0f} px: its words would be too small to read"
        assert "Timeline chart of your pathway" in tall.get_attribute("alt")
        steps = page.locator(".course-plan-steps")
        person.reach(page, steps)
        assert steps.locator("li").count() >= 3
    finally:
        context.close()


def swipe_sideways(page, locator, dx: float) -> None:
    """Drag one finger across the element from right to left (dx > 0 shows what is to the right)."""
    box = person.reach(page, locator)
    y = box["y"] + min(box["height"], 200) / 2
    x0 = box["x"] + box["width"] * 0.8
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
        for i in range(1, 13):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x0 - dx * i / 12, "y": y}]})
            time.sleep(0.012)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def test_wide_tables_say_they_scroll_and_scroll_under_a_finger(browser, voila):
    context, page = render(browser, voila, "07-operations-toolkit.ipynb", phone=True)
    try:
        wraps = page.locator(".course-table-wrap")
        assert wraps.count() >= 3
        wide = page.locator(".course-table-wrap.course-table-wide")
        assert wide.count() == wraps.count(), "every table of lesson 7 is wider than a phone"
        table = wide.first
        hint = table.locator(".course-table-hint")
        person.reach(page, hint)
        assert "swipe the table sideways" in hint.inner_text()
        box = table.locator(".course-table-scroll")
        assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
        assert box.get_attribute("aria-labelledby") == table.locator(".course-table-title").get_attribute("id")
        swipe_sideways(page, box, 220)
        page.wait_for_function("el => el.scrollLeft > 50", arg=box.element_handle(), timeout=5_000)
        month = box.locator("tbody th").first  # the first column stays in view
        left = month.bounding_box()["x"]
        assert abs(left - box.bounding_box()["x"]) < 2
    finally:
        context.close()


# --- accessibility ---------------------------------------------------------------------------------

@pytest.mark.parametrize("notebook, phone", [("index.ipynb", False), ("07-operations-toolkit.ipynb", False),
                                             ("glossary.ipynb", False), ("scenarios.ipynb", True),
                                             ("06-communication.ipynb", True)])
def test_no_accessibility_violations(browser, voila, notebook, phone):
    seed(voila, "Axe Navigator", list(lesson_parts(CAT, "start-here"))[:4])
    context, page = render(browser, voila, notebook, learner="Axe Navigator", phone=phone)
    try:
        if page.locator(".course-term-button").count():
            person.click(page, page.locator(".course-term-button").first)  # one explanation open
        assert_no_axe_violations(page)
    finally:
        context.close()
