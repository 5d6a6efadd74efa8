"""The capstone's exports: hostile text (script tags, attribute breakers, markdown links, null bytes, RTL
overrides) comes out of the Markdown and the HTML as text; the HTML page is self-contained (no
script, no asset from the network, inline CSS with print styles, the picture as a data: URI); the
summary picture has titles, alt text and a table alternative, with or without the learner's data."""
import base64
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from course.capstone.html import download_links, html_lines, summary_table_html, to_html
from course.capstone.markdown import md, md_paragraphs, to_markdown
from course.capstone.model import (AssessmentPart, BudgetLabPart, CertificationRow, FieldsPart, Goal, GoalsPart,
                                   KeptComment, LogEntry, PathStep, PathwayPart, Plan, ReflectionText, RunChartPart,
                                   ScenarioPart, ScenarioRun, StaffingPart)
from course.capstone.picture import summary_alt, summary_picture
from course.text import clean_text
from course.engine.profile import Profile

from .sessions import signed_in_session

mistune = pytest.importorskip("mistune")

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "[click me](javascript:alert(1))",
    "](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "<http://evil.example>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "# Heading\n- list\n> quote\n1. one\n    code",
    "`code` **bold** _em_ ~~del~~ | pipe | $x$ \\ backslash &amp; &lt;",
    "null\x00byte",
    "right-to-left \u202eevil\u202c override \u2066isolate\u2069",
    "<!-- comment --> <style>body{display:none}</style> <iframe src=x>",
    "&#60;script&#62; entity",
]
TAG = re.compile(r"<\s*(script|img|svg|iframe|style|a|object|embed|link)\b", re.I)


def render(markdown: str) -> str:
    """CommonMark-style rendering that lets raw HTML through: any markup that survives would show here."""
    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])(markdown)


def visible_text(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


def tags_in(html: str) -> list[tuple[str, dict]]:
    class Tags(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(html)
    return parser.found


# --- escaping, one string at a time -------------------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_renders_hostile_text_as_text(text):
    html = render(md(text))
    assert not TAG.search(html), html
    assert 'href="javascript' not in html and "<h1" not in html and "<blockquote" not in html
    assert "<code" not in html and "<strong" not in html and "<em" not in html and "<del" not in html
    assert "<li" not in html and "<pre" not in html
    assert visible_text(html).strip() == clean_text(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_paragraphs_keep_lines_and_stay_text(text):
    html = render(md_paragraphs(text))
    assert not TAG.search(html) and "<h1" not in html and "<li" not in html and "<pre" not in html
    expected = clean_text(text, single_line=False)
    assert visible_text(html).replace("\n", "").strip() == expected.replace("\n", "").strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_html_lines_escape_hostile_text(text):
    out = str(html_lines(text))
    assert "<" not in out.replace("<br>", "") and '"' not in out and "'" not in out
    assert "\x00" not in out and "\u202e" not in out and "\u2066" not in out
    assert visible_text(out) == clean_text(text, single_line=False).replace("\n", "")


def test_clean_text_removes_nulls_controls_and_bidi_overrides_but_keeps_real_text():
    assert clean_text("a\x00b\x07c \u202eabc\u202c") == "abc abc"
    assert clean_text("שלום  مرحبا") == "שלום مرحبا"  # right-to-left letters are someone's name, not an attack
    assert clean_text("one\n\n  two  ", single_line=False) == "one\n\ntwo"
    assert clean_text(None) == "" and clean_text(42) == ""


# --- whole documents ------------------------------------------------------------------------------------

def hostile_plan(cat, text: str) -> Plan:
    """A plan with the hostile string in every field a learner can type."""
    domains = {cid: c.name for cid, c in cat.competencies.items()}
    short = {cid: c.short for cid, c in cat.competencies.items()}
    scores = {d: 3.0 for d in domains} | {"business": 1.5}
    return Plan(
        learner=text, cohort=text, made_on=dt.date(2026, 11, 26), domains=domains, short=short, parts={
            "profile": Profile(stage="clinician", clinical_years=4, field="nursing", degrees=("bsn",), licensed=True,
                               goals=text),
            "pathway": PathwayPart(
                route="Nursing (registered nurse)", years_text="3–4 years", origin="from now",
                steps=(PathStep("practice", "clinical", "Clinical practice as a registered nurse", 0, 3, 3, "planned"),
                       PathStep("mha", "education", "Master of Health Administration (MHA)", 1, 2, 3, "planned"),
                       PathStep("apply", "leadership", "Apply for a first management role", 3, 0, 0, "planned")),
                done=("Bachelor of Science in Nursing (BSN)",)),
            "self-assessment": AssessmentPart(2, {d: 2.0 for d in domains}, scores, {d: 1.0 for d in domains},
                                              ("business",), None, None),
            "scenarios": ScenarioPart({d: 1.0 for d in domains} | {"business": -2.0},
                                      (ScenarioRun("budget-overrun", "Labour 12% over budget", 7, "poor", "A promise"),)),
            "experience-log": (LogEntry(text, 3, 2025, "leadership", text),),
            "certifications": (CertificationRow("CPHQ", "Certified Professional in Healthcare Quality", "Eligible now",
                                                "Eligible now."),),
            "sbar": FieldsPart("Pumps", (("R: Recommendation", text),)),
            "budget-lab": BudgetLabPart(1, 2, 4),
            "change-plan": FieldsPart("Bedside shift handoff", (("Where", text),)),
            "run-chart": RunChartPart(indicator=text, first="Jul 2023", last="Jun 2025", points=24, median=3.4,
                                      findings=("A shift: 6 points below the median, from Jan 2025 to Jun 2025.",),
                                      summary="Signal of non-random change: a shift.", signals="a shift", sample=False),
            "pdsa-plan": (("The change you will test", text),),
            "staffing-grid": StaffingPart(unit=text, staff_per_shift=8, ftes=33.6, steps=("32 ÷ 4 = 8.",)),
            "mentor-feedback": (KeptComment(7, "SBAR draft", text, dt.date(2026, 11, 20), text),),
            "reflections": (ReflectionText("the-role", 1, "The role", text + "\n\nA second paragraph."),),
            "goals": GoalsPart((Goal("30-days", "In the next 30 days", "30 days", text, "business", text),), text, None,
                               dt.date(2027, 2, 24)),
        })


@pytest.mark.parametrize("text", HOSTILE)
def test_the_html_export_shows_every_typed_string_as_text(cat, text):
    page = to_html(hostile_plan(cat, text), cat, ("iVBORw0KGgo=", "alt"))
    tags = {tag for tag, _ in tags_in(page)}
    assert not tags & {"script", "svg", "iframe", "a", "object", "embed", "link"}, tags
    assert [t for t, _ in tags_in(page)].count("img") == 1 and [t for t, _ in tags_in(page)].count("style") == 1
    for tag, attrs in tags_in(page):
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "\x00" not in page and "\u202e" not in page
    assert visible_text(page).count(clean_text(text)) >= 9  # the name, the cohort, the goals, the log, the feedback…


@pytest.mark.parametrize("text", HOSTILE)
def test_the_markdown_export_shows_every_typed_string_as_text(cat, text):
    html = render(to_markdown(hostile_plan(cat, text), cat))
    assert not TAG.search(html), TAG.search(html)
    assert 'href="javascript' not in html and 'src="http' not in html
    assert visible_text(html).count(clean_text(text)) >= 6


def test_the_html_page_is_self_contained_and_printable(cat):
    page = to_html(hostile_plan(cat, "Sam Rivera"), cat)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert "url(" not in page  # no CSS asset either
    for tag, attrs in tags_in(page):
        for name in ("src", "href", "srcset", "poster", "data"):
            if name in attrs:
                assert attrs[name].startswith("data:image/png;base64,"), (tag, name, attrs[name][:40])
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", page)
    assert "@media print" in page and "@page" in page and "break-inside: avoid" in page
    assert "Save as PDF" in page
    assert re.search(r"<main>.*</main>", page, re.S) and "<header" in page and "<footer>" in page
    img = next(attrs for tag, attrs in tags_in(page) if tag == "img")
    assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG")
    assert img["alt"].startswith("Summary picture in two panels.")


def test_the_plan_reads_in_the_order_a_mentor_needs_it(cat):
    page = to_html(hostile_plan(cat, "Sam Rivera"), cat, ("iVBORw0KGgo=", "alt"))
    order = ["My goals", "The picture", "Where I start", "My pathway", "Competency profile", "Evidence",
             "Certifications I checked", "Practice work", "Feedback I kept from my mentor", "My reflections",
             "For the conversation with my mentor"]
    positions = [page.index(f"<h2>{title}") for title in order]
    assert positions == sorted(positions)
    assert "Review this plan by 24 February 2027" in page


def test_an_empty_plan_names_what_is_missing_in_both_documents(cat, db_url):
    from course.capstone.gathering import gather

    session = signed_in_session(db_url, "Nia New", None)
    plan = gather(cat, session, today=dt.date(2026, 11, 26))
    page, markdown = to_html(plan, cat), to_markdown(plan, cat)
    for m in plan.missing:
        assert m.text() in visible_text(page) and md(m.text()) in markdown
    assert "Not taken yet" not in page  # that is in the picture, described by the alt text
    assert "the readiness self-assessment is not taken yet" in page


# --- the summary picture ------------------------------------------------------------------------------

def test_the_summary_picture_draws_both_panels_with_words_for_every_number(cat):
    plan = hostile_plan(cat, "Sam")
    png, alt = summary_picture(plan, cat)
    raw = base64.b64decode(png)
    assert raw.startswith(b"\x89PNG")
    width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
    assert width == 946 and height > 700  # 8.6 inches at 110 dpi
    assert alt == summary_alt(plan)
    assert "first take to latest take" in alt and "Business skills 2.0 to 1.5" in alt
    assert "Net change from scenario choices" in alt and "Business skills −2" in alt
    assert "Panel 2, pathway timeline on the Nursing (registered nurse) route" in alt
    assert "Years 1–3 (up to 4): Master of Health Administration (MHA)" in alt
    table = summary_table_html(plan)
    assert "<caption>Competency profile by HLA domain" in table and '<th scope="row">Business Skills and Knowledge' \
        in table and "−2" in table


def test_the_picture_of_a_learner_with_nothing_says_so(cat):
    plan = Plan(learner="Nia", cohort=None, made_on=dt.date(2026, 11, 26),
                domains={c: x.name for c, x in cat.competencies.items()},
                short={c: x.short for c, x in cat.competencies.items()})
    png, alt = summary_picture(plan, cat)
    assert base64.b64decode(png).startswith(b"\x89PNG")
    assert "not taken yet" in alt and "No scenario played yet" in alt and "no pathway saved yet" in alt
    assert summary_table_html(plan) == ""


def test_a_dollar_sign_in_content_does_not_break_the_picture(cat):
    plan = hostile_plan(cat, "Sam")
    steps = (PathStep("mba", "education", "MBA ($$ and $\\frac{1}{0}$)", 0, 2, 2, "planned"),)
    plan = Plan(**{**plan.__dict__, "parts": {**plan.parts, "pathway": PathwayPart("Route $x", "2 years", "from now",
                                                                                   steps, ())}})
    png, _alt = summary_picture(plan, cat)
    assert base64.b64decode(png).startswith(b"\x89PNG")


def test_download_links_carry_both_documents(cat):
    links = download_links("# plan <b>", "<!DOCTYPE html><p>plan</p>")
    found = dict(re.findall(r'download="([^"]+)" href="data:[^,]+,([^"]+)"', links))
    assert base64.b64decode(found["my-development-plan.html"]).decode() == "<!DOCTYPE html><p>plan</p>"
    assert base64.b64decode(found["my-development-plan.md"]).decode() == "# plan <b>"
