"""Every free-text field, and the learner's name, with every hostile string in tests/hostile.py.

For each field: the kernel either saves the text (and a NEW session restores exactly what was saved,
with nothing lost but the documented cleaning: null bytes, control characters, bidi overrides,
collapsed whitespace) or refuses it with a clear message (never an exception); and every HTML value
the widgets produce shows the text escaped: no script, img, svg, iframe or event-handler attribute
comes from the input. The exported plan (HTML and Markdown) is checked the same way.
"""
import datetime as dt
import unicodedata
from html.parser import HTMLParser

import ipywidgets as w
import pytest

from course.capstone.html import to_html
from course.capstone.markdown import to_markdown
from course.identity import learner_key, validate_name
from course.capstone.gathering import gather
from course.engine.profile import load_profile
from course.store.core import Store
from course.ui.learner.change_plan import ChangePlanWidget
from course.ui.learner.change_plan import item_id as change_plan_item
from course.ui.learner.experience_log import ExperienceLog
from course.ui.learner.header import Header
from course.ui.learner.plan_builder import PlanBuilder
from course.ui.learner.profile_form import ProfileForm
from course.ui.learner.reflection import Reflection
from course.ui.learner.sbar import SbarExercise
from course.ui.learner.style_matcher import StyleMatcher

from ..hostile import LABELS, TEXTS
from .sessions import signed_in_session

TODAY = dt.date(2026, 11, 15)
hostile = pytest.mark.parametrize("text", TEXTS, ids=LABELS)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
DANGEROUS_TAGS = {"script", "svg", "iframe", "object", "embed", "meta", "body", "input", "math",
                  "base", "form", "frame", "frameset", "link"}


def core(text) -> str:
    """The text without whitespace, control, format and bidi characters: what no cleaning may drop."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in BIDI
                   and unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def assert_safe_html(html: str, document: bool = False) -> None:
    """No element or attribute that could run script or load something came from the input.
    A whole document (the exported plan) has its own body and meta charset/viewport, nothing else."""
    for tag, attrs in parse(html).tags:
        if document and tag in ("body", "meta"):
            assert "http-equiv" not in attrs and set(attrs) <= {"charset", "name", "content", "class"}, attrs
            continue
        assert tag not in DANGEROUS_TAGS, (tag, attrs, html[:500])
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/"), (attrs, html[:500])
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (tag, attrs)
    lowered = html.lower()  # escaped input shows as &lt;script…, never as a tag
    assert "<script" not in lowered and "<svg" not in lowered and "<iframe" not in lowered


def html_values(widget) -> list[str]:
    """Every HTML value in a widget tree (what the browser renders as markup)."""
    found = []
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        found.append(widget.value)
    for child in getattr(widget, "children", ()) or ():
        found.extend(html_values(child))
    return found


def assert_widget_safe(widget) -> str:
    """Check every HTML value; return the page's visible text."""
    text = []
    for html in html_values(widget):
        assert_safe_html(html)
        text.extend(parse(html).text)
    return "".join(text)


def stored_events(db_url, item):
    return Store(db_url).events_for(learner_key("Alex Kim"), item)


def typed(base: str, text: str) -> str:
    return f"{base} {text}"


def assert_refused_clearly(status_html: str) -> None:
    shown = "".join(parse(status_html).text)
    assert shown.strip() and "Traceback" not in shown and "Error" not in shown, status_html


# --- the learner's name -----------------------------------------------------------------------------

@hostile
def test_learner_name_is_kept_exactly_or_refused_clearly(text, db_url, cat):
    try:
        name = validate_name(text)
    except ValueError as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)
        return
    assert name == " ".join(unicodedata.normalize("NFC", text).split())  # the documented normalisation
    session = signed_in_session(db_url, name)
    session.record(lesson="the-role", item="the-role/reflection", kind="reflection", response={"text": "hi"})
    assert Store(db_url).learner(learner_key(name))["display_name"] == name
    fresh = signed_in_session(db_url, name)
    header = Header(cat, "the-role", fresh)
    visible = assert_widget_safe(header)
    assert core(name) in core(visible)  # the header shows the name as text


# --- lesson 01: the reflection ----------------------------------------------------------------------

@hostile
def test_reflection(text, db_url):
    box = Reflection("the-role", "What surprised you?", signed_in_session(db_url))
    box.text.value = text
    box.save_button.click()
    assert_widget_safe(box)
    events = stored_events(db_url, "the-role/reflection")
    if "Saved" not in box.status.value:
        assert_refused_clearly(box.status.value)
        assert events == [] and len(text.replace("\x00", "").strip()) > 5000
        return
    saved = events[-1]["response"]["text"]
    assert saved == text.replace("\x00", "").strip()  # documented: null bytes and outer space removed
    again = Reflection("the-role", "What surprised you?", signed_in_session(db_url))
    assert again.text.value == saved
    assert_widget_safe(again)


# --- lesson 03: the experience log ------------------------------------------------------------------

@hostile
def test_experience_log_entry(text, db_url, cat):
    log = ExperienceLog(cat.experience_log, cat, signed_in_session(db_url), today=TODAY)
    what = typed("Charge nurse", text)
    log.what.value, log.note.value = what, text
    log.month.value, log.year.value, log.domain.value = 3, 2024, "leadership"
    log.save_button.click()
    visible = assert_widget_safe(log)
    events = stored_events(db_url, "the-role/experience-log".replace("the-role", cat.experience_log.lesson))
    if "Added" not in log.status.value:
        assert_refused_clearly(log.status.value)
        assert events == []
        return
    entry = next(v for v in events[-1]["response"].values() if isinstance(v, dict)) \
        if "what" not in events[-1]["response"] else events[-1]["response"]
    assert core(entry["what"]) == core(what) and core(entry["note"]) == core(text)  # nothing lost
    assert core(what) in core(visible)  # listed literally
    again = ExperienceLog(cat.experience_log, cat, signed_in_session(db_url), today=TODAY)
    visible_again = assert_widget_safe(again)
    assert core(what) in core(visible_again)


# --- lesson 05: the style matcher -------------------------------------------------------------------

@hostile
def test_style_matcher(text, db_url, cat):
    content = cat.style_matcher
    matcher = StyleMatcher(content, signed_in_session(db_url))
    row = matcher.rows[0]
    row.role.value, row.task.value = typed("RN", text), typed("Barcode scanning", text)
    row.experience.value, row.confidence.value = content.experience[0].id, content.confidence[0].id
    matcher.match_button.click()
    visible = assert_widget_safe(matcher)
    events = stored_events(db_url, content.id)
    if not events:
        assert "Person 1" in visible  # the problem is named in the page
        return
    person = events[-1]["response"]["people"][0]
    assert core(person["role"]) == core(row.role.value) and core(person["task"]) == core(row.task.value)
    again = StyleMatcher(content, signed_in_session(db_url))
    assert again.rows[0].role.value == person["role"] and again.rows[0].task.value == person["task"]
    assert core(person["task"]) in core(assert_widget_safe(again))


# --- lesson 06: the SBAR draft ----------------------------------------------------------------------

@hostile
def test_sbar_draft(text, db_url, cat):
    ex = SbarExercise(cat.sbar, signed_in_session(db_url))
    for part, area in ex.fields.items():
        area.value = typed(f"The {part} of my message", text)
    ex.save_button.click()
    assert_widget_safe(ex)
    events = stored_events(db_url, ex.item)
    if not events:
        assert_refused_clearly(ex.draft_status.value + ex.draft_problems.value)
        return
    draft = events[-1]["response"]["draft"]
    for part, area in ex.fields.items():
        assert draft[part] == area.value.replace("\x00", "").strip()  # documented cleaning only
    again = SbarExercise(cat.sbar, signed_in_session(db_url))
    for part, area in again.fields.items():
        assert area.value == draft[part]
    assert_widget_safe(again)


# --- lesson 07: the change plan ---------------------------------------------------------------------

@hostile
def test_change_plan(text, db_url, cat):
    content = cat.operations
    plan = ChangePlanWidget(content, signed_in_session(db_url))
    wanted = {}
    for field in content.change_plan.fields:
        if field.kind == "choice":
            plan.inputs[field.id].value = field.options[0]
        else:
            plan.inputs[field.id].value = wanted[field.id] = typed(f"My answer for {field.id}", text)
    plan.save_button.click()
    visible = assert_widget_safe(plan)
    events = stored_events(db_url, change_plan_item(content.lesson))
    if not events:
        assert_refused_clearly(plan.status.value)
        return
    stored = events[-1]["response"]["plan"]
    for fid, value in wanted.items():
        assert core(stored[fid]) == core(value), fid
        assert core(stored[fid]) in core(visible)
    again = ChangePlanWidget(content, signed_in_session(db_url))
    for fid in wanted:
        assert again.inputs[fid].value == stored[fid]
    assert_widget_safe(again)


# --- lesson 00: the profile's number boxes ------------------------------------------------------------

@hostile
def test_profile_years_box(text, db_url):
    """Whatever is typed as years of practice is read as a number or refused with the text quoted,
    escaped; a refusal saves no profile."""
    form = ProfileForm(signed_in_session(db_url), "02-education.ipynb")
    form.stage.value, form.years.value, form.field.value = "clinician", text, "nursing"
    form.save_button.click()
    assert_widget_safe(form)
    profile = load_profile(signed_in_session(db_url))
    assert profile is None and "Years of clinical practice" in form.problems.value
    assert_refused_clearly(form.problems.value)


# --- lesson 00: the profile's goals -----------------------------------------------------------------

@hostile
def test_profile_goals(text, db_url):
    form = ProfileForm(signed_in_session(db_url), "02-education.ipynb")
    form.stage.value, form.years.value, form.field.value = "clinician", "6", "nursing"
    form.goals.value = text
    form.save_button.click()
    visible = assert_widget_safe(form)
    profile = load_profile(signed_in_session(db_url))
    if profile is None:
        assert_refused_clearly(form.status.value + form.problems.value)
        return
    assert profile.goals == text.replace("\x00", "").strip()
    assert core(profile.goals) in core(visible)
    again = ProfileForm(signed_in_session(db_url), "02-education.ipynb")
    assert again.goals.value == profile.goals
    assert_widget_safe(again)


# --- lesson 10: the development plan's goals, and the exported plan ---------------------------------

def save_goals(cat, session, text) -> PlanBuilder:
    builder = PlanBuilder(cat, session)
    first = cat.development_plan.horizons[0].id
    builder.goal[first].value = typed("Lead the huddle", text)
    builder.domain[first].value = "leadership"
    builder.action[first].value = typed("Ask my manager on Monday", text)
    builder.supporters.value = text
    builder.save_button.click()
    return builder


@hostile
def test_development_plan_goals(text, db_url, cat):
    builder = save_goals(cat, signed_in_session(db_url), text)
    assert_widget_safe(builder)
    first = cat.development_plan.horizons[0].id
    events = stored_events(db_url, builder.item)
    if not events:
        assert_refused_clearly(builder.status.value)
        return
    goal = events[-1]["response"]["goals"][first]
    assert core(goal["goal"]) == core(builder.goal[first].value)
    assert core(goal["action"]) == core(builder.action[first].value)
    again = PlanBuilder(cat, signed_in_session(db_url))
    assert again.goal[first].value == goal["goal"] and again.action[first].value == goal["action"]
    assert_widget_safe(again)


def _visible_markdown(markdown: str) -> str:
    mistune = pytest.importorskip("mistune")
    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])(markdown)


@hostile
def test_exported_plan_shows_everything_typed_as_text(text, db_url, cat):
    session = signed_in_session(db_url)
    box = Reflection("the-role", "What surprised you?", session)
    box.text.value = typed("I learned", text)
    box.save_button.click()
    ex = SbarExercise(cat.sbar, session)
    for part, area in ex.fields.items():
        area.value = typed(f"The {part} of my message", text)
    ex.save_button.click()
    save_goals(cat, session, text)

    plan = gather(cat, signed_in_session(db_url), today=dt.date(2026, 11, 26))  # a new session reads it back
    page = to_html(plan, cat, ("iVBORw0KGgo=", "alt"))
    assert_safe_html(page, document=True)
    page_text = core("".join(parse(page).text))
    markdown = to_markdown(plan, cat)
    rendered = _visible_markdown(markdown)
    assert_safe_html(rendered)
    assert "](javascript:" not in markdown.lower() and "<" not in markdown.replace("<br>", "")
    md_text = core("".join(parse(rendered).text))
    # nothing lost: every saved text is in both documents
    saved = [r.text for r in plan.reflections or ()] + [t for _label, t in (plan.sbar.fields if plan.sbar else ())]
    if plan.goals:
        saved += [g.goal for g in plan.goals.goals] + [g.action for g in plan.goals.goals]
    assert plan.reflections or len(text) > 4000  # the reflection fits unless the string is very long
    for value in saved:
        assert core(value) in page_text, value[:80]
        assert core(value) in md_text, value[:80]
