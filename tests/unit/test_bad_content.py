"""Bad content in any tool's file is named with the file, the place inside it and the reason (what
`course check` prints), one broken copy at a time; a missing tool file leaves the catalog loading
and the lesson showing a message, not a traceback. Each content file's cases are listed under the
lesson that uses it, in bad_content_cases.yaml."""
from pathlib import Path

import pytest
import yaml

import course
from course import catalog
from course.pages import common as pages_common

from .content_edits import edit, named, problems

CASES_FILE = Path(__file__).with_name("bad_content_cases.yaml")

# file, text there now, what it becomes, the place named, the reason given (None: still valid)
CASES = [(file, case["old"], case["new"], case["place"], case["reason"])
         for file, cases in yaml.safe_load(CASES_FILE.read_text(encoding="utf-8")).items() for case in cases]


def case_id(case):
    file, _old, _new, place, _reason = case
    return f"{file.removesuffix('.yaml')}:{place or 'file'}"


@pytest.mark.parametrize("file, old, new, place, reason", CASES, ids=[case_id(c) for c in CASES])
def test_bad_content_is_named_with_file_place_and_reason(content_dir, file, old, new, place, reason):
    edit(content_dir / file, old, new)
    if reason is None:
        assert catalog.load(content_dir), "this change leaves the content valid"
        return
    found = problems(content_dir)
    assert named(found, file, reason, place), found


def test_the_unbroken_tool_files_load(cat):
    assert cat.experience_log and cat.self_assessment and cat.certifications and cat.style_matcher
    assert cat.sbar and cat.operations and cat.quality and cat.staffing and cat.development_plan


@pytest.mark.parametrize("file, tool, call", [
    ("self_assessment.yaml", "self_assessment", course.self_assessment),
    ("situational_leadership.yaml", "style_matcher", course.style_matcher),
])
def test_a_missing_tool_file_is_shown_as_a_message(content_dir, monkeypatch, file, tool, call):
    (content_dir / file).unlink()
    cat = catalog.load(content_dir)
    assert getattr(cat, tool) is None
    monkeypatch.setattr(pages_common, "catalog", lambda: cat)
    shown = repr(call())
    assert "could not be shown" in shown and file in shown and "course check" in shown
