"""The content schema accepts good content and rejects bad content with file, place and reason."""
import json
import shutil

import pytest

from ..conftest import FIXTURES, ROOT
from .content_edits import edit, problems


def test_real_course_content_is_valid(cat):
    assert cat.published(), "at least one lesson is published"
    for lesson in cat.published():
        assert len(cat.lesson_items(lesson.id)) >= 6, f"{lesson.id} needs at least 6 self-checks"
        kinds = {cat.items[i].kind for i in cat.lesson_items(lesson.id)}
        assert len(kinds) >= 2, f"{lesson.id} needs at least two kinds of self-check"


def test_fixture_content_loads(fixture_catalog):
    assert set(fixture_catalog.items) == {"q-single", "q-multi", "q-num", "q-order"}
    assert fixture_catalog.answer_of(fixture_catalog.items["q-num"]) == 110680
    assert [lesson.id for lesson in fixture_catalog.published()] == ["alpha"]


def problems_for(content_dir, notebooks=FIXTURES / "notebooks"):
    return problems(content_dir, notebooks)


@pytest.mark.parametrize("file, old, new, place, reason", [
    ("quizzes/alpha.yaml", "correct: true, feedback: B", "feedback: B", "items.0", "exactly one correct"),
    ("quizzes/alpha.yaml", "feedback: A is wrong because of reason A.", "feedback: ''", "items.0.options.0.feedback", "at least 1 character"),
    ("quizzes/alpha.yaml", "{id: c, text: Option C, feedback: C is wrong because of reason C.}", "{id: c, text: Option C}", "items.0.options.2.feedback", "Field required"),
    ("quizzes/alpha.yaml", "answer_fact: pay", "answer_fact: no-such-fact", "items.2.answer_fact", "unknown fact 'no-such-fact'"),
    ("quizzes/alpha.yaml", "kind: ordering", "kind: essay", "items.3", "tag 'essay'"),
    ("quizzes/alpha.yaml", "id: q-multi", "id: q-single", "items.1.id", "duplicate item id 'q-single'"),
    ("quizzes/alpha.yaml", "lesson: alpha", "lesson: omega", "lesson", "unknown lesson 'omega'"),
    ("quizzes/alpha.yaml", "max_tries: 2", "max_tries: many", "items.0.max_tries", "valid integer"),
    ("facts.yaml", "url: https://www.bls.gov/ooh/", "url: http://example.org", "facts.0.url", "should match pattern"),
    ("facts.yaml", "    source: US Bureau of Labor Statistics\n", "", "facts.0.source", "Field required"),
    ("course.yaml", "minutes: 10", "minutes: ten", "lessons.0.minutes", "valid integer"),
    ("course.yaml", "number: 2", "number: 1", "", "unique and in ascending order"),
    ("course.yaml", "notebook: alpha.ipynb", "notebook: missing.ipynb", "lessons.0.notebook", "does not exist"),
    ("exercises/sorter.yaml", "answer: clinician, feedback: Care", "answer: nurse, feedback: Care", "", "unknown category 'nurse'"),
    ("competencies.yaml", "id: business", "id: leadership", "competencies.1.id", "duplicate competency id"),
    ("course.yaml", "title: Alpha", "title: [unclosed", "line", "not valid YAML"),
    ("quizzes/alpha.yaml", "prompt: Which one?", "prompt: Which one?\n    colour: red", "items.0.colour", "Extra inputs are not permitted"),
])
def test_bad_content_is_named(fixture_content_dir, file, old, new, place, reason):
    edit(fixture_content_dir / file, old, new)
    problems = problems_for(fixture_content_dir)
    assert any(f.endswith(file) and place in p and reason in r for f, p, r in problems), problems


def test_missing_file_is_named(fixture_content_dir):
    (fixture_content_dir / "facts.yaml").unlink()
    assert any(f.endswith("facts.yaml") and "missing" in r for f, _, r in problems_for(fixture_content_dir))


def test_notebook_reference_to_unknown_item_is_named(fixture_content_dir, tmp_path):
    nbdir = tmp_path / "nb"
    shutil.copytree(FIXTURES / "notebooks", nbdir)
    edit(nbdir / "alpha.ipynb", 'course.quiz(\\"q-single\\")', 'course.quiz(\\"q-nope\\")')
    problems = problems_for(fixture_content_dir, nbdir)
    assert any(f.endswith("alpha.ipynb") and "unknown quiz id 'q-nope'" in r for f, _, r in problems)


def test_unreadable_file_is_named(fixture_content_dir):
    (fixture_content_dir / "course.yaml").write_bytes(b"\xff\xfe\x00bad")
    assert any("cannot read" in r for _, _, r in problems_for(fixture_content_dir))


def test_each_lessons_opening_lists_the_questions_and_objectives_in_course_yaml(cat):
    """course.yaml is where a lesson's questions and objectives are written (the course map, the
    dashboard and the capstone read them there); the notebook's opening shows the same words, so
    the page can show them before the kernel runs. Any edit to one must be made to the other."""
    for lesson in cat.published():
        opening = "".join(json.loads((ROOT / "notebooks" / lesson.notebook).read_text(encoding="utf-8"))["cells"][0]["source"])
        bullets = [line[2:].strip() for line in opening.splitlines() if line.startswith("- ")]
        assert bullets == [*lesson.questions, *lesson.objectives], \
            f"{lesson.notebook}: its opening's lists differ from course.yaml's questions and objectives for {lesson.id}"
