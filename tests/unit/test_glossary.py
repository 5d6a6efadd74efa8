"""The glossary: content checked by `course check` (file and place named), terms recognized in text
the way the page recognizes them, and the glossary page."""
import re
import shutil

import pytest

from course import catalog
from course.engine import glossary
from course.identity import Identity
from course.ui.learner.glossary_page import GlossaryPage

from ..conftest import FIXTURES
from .content_edits import named, problems

REQUIRED = ["FTE", "HPPD", "HLA", "ACHE", "AONL", "CNML", "CENP", "NE-BC", "FACHE", "CMPE", "CPHQ", "MGMA", "SBAR",
            "CUS", "DESC", "TeamSTEPPS", "HCAHPS", "VBP", "CMS", "Joint Commission", "BLS", "O*NET", "BSN", "MSN",
            "DNP", "MHA", "MBA", "MPH", "LCSW", "NP", "RN", "PDSA", "RCA", "CLABSI", "CAUTI", "NDNQI", "CANDOR",
            "CoP", "FMLA", "ADA", "PTO", "KPI", "LOS", "variance", "flexible budget", "capital budget",
            "operating budget", "Just Culture", "second victim", "huddle", "dyad leadership", "Weingarten rights"]
GOOD = """terms:
  - term: FTE
    expansion: full-time equivalent
    lesson: alpha
    explanation: A way of counting staff as hours. Two half-time people make one.
    related: [huddle]
  - term: huddle
    explanation: A short stand-up meeting of a team to share the day's risks and plan.
"""


def nb_dir(tmp_path, words="Some words here."):
    nbdir = tmp_path / "notebooks"
    shutil.copytree(FIXTURES / "notebooks", nbdir)
    path = nbdir / "alpha.ipynb"
    path.write_text(path.read_text().replace("Some words here.", words))
    return nbdir


def glossary_problems(fixture_content_dir, nbdir, text):
    (fixture_content_dir / "glossary.yaml").write_text(text)
    return problems(fixture_content_dir, nbdir)


def test_the_course_glossary_covers_the_terms_a_learner_meets(cat):
    terms = [e.term for e in cat.glossary]
    assert [t for t in REQUIRED if t not in terms] == []
    assert terms == sorted(terms, key=str.casefold)
    for entry in cat.glossary:
        assert 1 <= glossary.sentences(entry.explanation) <= 3, entry.term
        assert not re.search(r"\d", re.sub(r"[Ll]esson \d+", "", entry.explanation)), \
            f"{entry.term}: figures belong in facts.yaml, with their source and date"
        for british in ("behaviour", "labour", "programme", "organisation", "centre", "licence", "practise "):
            assert british not in entry.explanation, f"{entry.term}: US spelling ({british})"


def test_good_glossary_loads(fixture_content_dir, tmp_path):
    (fixture_content_dir / "glossary.yaml").write_text(GOOD)
    loaded = catalog.load(fixture_content_dir, nb_dir(tmp_path, "Budgets count FTEs."))
    assert [e.term for e in loaded.glossary] == ["FTE", "huddle"]


@pytest.mark.parametrize("old, new, place, reason", [
    ("  - term: huddle", "  - term: FTE", "terms.1.term", "duplicate term 'FTE' (also terms.0)"),
    ("    lesson: alpha", "    lesson: omega", "terms.0.lesson", "unknown lesson 'omega'"),
    ("related: [huddle]", "related: [huddles, HPPD]", "terms.0.related.1", "unknown term 'HPPD'"),
    ("    expansion: full-time equivalent\n", "", None, None),  # optional: no problem
    ("    explanation: A short stand-up meeting of a team to share the day's risks and plan.\n", "",
     "terms.1.explanation", "Field required"),
    ("Two half-time people make one.", "Two make one. Three make more. Four make most.", "terms.0.explanation",
     "1 to 3 sentences (found 4)"),
    ("  - term: huddle\n", "  - term: huddle\n    forms: [FTE]\n", "terms.1.term", "duplicate term 'FTE'"),
    ("    lesson: alpha\n", "    lesson: alpha\n    colour: red\n", "terms.0.colour", "Extra inputs are not permitted"),
])
def test_glossary_problems_name_the_file_and_place(fixture_content_dir, tmp_path, old, new, place, reason):
    assert old in GOOD
    text = GOOD.replace(old, new)
    nbdir = nb_dir(tmp_path, "Budgets count FTEs.")
    (fixture_content_dir / "glossary.yaml").write_text(text)
    if place is None:
        catalog.load(fixture_content_dir, nbdir)
        return
    found = glossary_problems(fixture_content_dir, nbdir, text)
    assert named(found, "glossary.yaml", reason, place), found


def test_a_term_must_appear_in_the_lesson_said_to_teach_it(fixture_content_dir, tmp_path):
    found = glossary_problems(fixture_content_dir, nb_dir(tmp_path, "No abbreviations in this lesson."), GOOD)
    assert any(p == "terms.0.lesson" and "'FTE' does not appear in the text of lesson 1 (alpha.ipynb)" in r
               for _f, p, r in found), found


@pytest.mark.parametrize("term, text, found", [
    ("FTE", "We budget 52.2 FTEs.", "FTEs"),
    ("RN", "Every LEARNER is an RN or not.", "RN"),
    ("RN", "LEARN to run.", None),
    ("variance", "Variance is the gap.", "Variance"),
    ("flexible budget", "the flexible\nbudget says", "flexible\nbudget"),
    ("CoP", "a cop on the beat, the CoPs of CMS", "CoPs"),
    ("O*NET", "what O*NET says", "O*NET"),
    ("NE-BC", "the NE-BC from ANCC", "NE-BC"),
    ("PTO", "Paid time off is paid, not worked", "Paid time off"),
    ("HCAHPS", "HCAHPS scores", "HCAHPS"),
    ("VBP", "Medicare's Hospital Value-Based Purchasing Program", "Value-Based Purchasing"),
    ("CoP", "CMS Conditions of Participation and state surveys", "Conditions of Participation"),
])
def test_terms_are_found_as_whole_words(cat, term, text, found):
    entry = next(e for e in cat.glossary if e.term == term)
    match = glossary.first_match(entry, text)
    assert (match.group(0) if match else None) == found


def test_lesson_page_data_says_where_a_term_is_taught_elsewhere(cat):
    data = {d["term"]: d for d in glossary.page_data(cat, "communication")}
    assert data["SBAR"]["taught"] is None  # taught right here
    assert data["FTE"]["taught"] == "Taught in lesson 7, The operations toolkit."
    assert data["FTE"]["expansion"] == "full-time equivalent" and data["CMS"]["us"] is True
    assert all("\n" not in d["explanation"] for d in data.values())


def test_page_script_cannot_be_closed_by_its_content(cat):
    hostile = cat.glossary[0].model_copy(update={"explanation": "Ends </script><script>alert(1)</script> here."})
    fake = cat.model_copy(update={"glossary": (hostile,)})
    script = glossary.page_script(fake, None)
    assert script.count("</script>") == 1 and "<script>alert" not in script
    assert script.startswith('<script type="application/json" id="course-glossary-data">')


def test_glossary_page_lists_every_term_with_an_anchor_and_its_lesson(cat, session, monkeypatch):
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")  # served by Voila: links carry nobody (the cookie does)
    session.set_identity(Identity("Zahra M", "spring-2027", "account", account_id="u-zahra"))
    html = GlossaryPage(cat, session).html.value
    anchors = re.findall(r'<div class="course-glossary-entry" id="term-([a-z0-9-]+)">', html)
    assert anchors == [glossary.term_id(e.term) for e in cat.glossary]
    fte = html[html.index('id="term-fte"'):]
    fte = fte[:fte.index("</div>")]
    assert "<dfn>FTE</dfn>" in fte and "full-time equivalent" in fte
    assert 'href="07-operations-toolkit.ipynb">lesson 7, The operations' in fte
    assert 'href="#term-hppd">HPPD</a>' in fte
    assert 'id="term-o-net"' in html and "<dfn>O*NET</dfn>" in html
    assert html.count('class="course-badge course-badge-us">US</span>') == sum(e.us for e in cat.glossary)
    assert 'href="index.ipynb">Back to the course home' in html
