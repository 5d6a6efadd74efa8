"""`course check` on a copy of the real content broken in one way at a time: it exits 1, names the
file and the problem, and never shows a traceback. (The catalog's own unit tests check the loader;
this checks what a content author sees in the terminal.) The installed command itself runs twice, on
the unbroken copy and on a broken one; the other breakages go through the same `main` in this
process, which saves a Python start-up for each."""
import subprocess
import sys
from pathlib import Path

import pytest

from course.cli import main as cli

from .content_edits import delete_at, edit, edit_yaml, set_at

COURSE = Path(sys.executable).parent / "course"
_set, _delete = set_at, delete_at


def _copy_id(collection, src, dst, key="id"):
    def mutate(data):
        data[collection][dst][key] = data[collection][src][key]
    return mutate


def _no_correct_option(data):
    for option in data["items"][0]["options"]:
        option.pop("correct", None)


def _reverse_sbar_parts(data):
    data["parts"].reverse()


def _first_choice_next(value):
    def mutate(data):
        data["nodes"][0]["choices"][0]["next"] = value
    return mutate


QUIZ = "quizzes/the-role.yaml"
SCENARIO = "scenarios/staffing-shortage.yaml"

# (label, file, mutation: a function of the parsed YAML or ("text", old, new), what the output must say)
KINDS = [
    ("bad-yaml-syntax", "course.yaml", ("text", "title: Becoming", "title: [unclosed Becoming"), "not valid YAML"),
    ("tab-indented-yaml", "facts.yaml", ("text", "facts:\n", "facts:\n\t- bad\n"), "not valid YAML"),
    ("not-a-mapping", "sbar.yaml", ("replace", "- just\n- a list\n"), "expected a mapping"),
    ("wrong-type-int", "course.yaml", _set(("lessons", 0, "minutes"), "thirty"), "valid integer"),
    ("missing-title", "course.yaml", _delete(("lessons", 1, "title")), "Field required"),
    ("lesson-numbers-out-of-order", "course.yaml", _set(("lessons", 1, "number"), 0), "ascending order"),
    ("missing-notebook", "course.yaml", _set(("lessons", 1, "notebook"), "missing.ipynb"), "does not exist"),
    ("duplicate-lesson-id", "course.yaml", _copy_id("lessons", 0, 1), "duplicate"),
    ("fact-without-source", "facts.yaml", _delete(("facts", 0, "source")), "Field required"),
    ("fact-bad-url", "facts.yaml", _set(("facts", 0, "url"), "http://example.org"), "url"),
    ("duplicate-fact-id", "facts.yaml", _copy_id("facts", 0, 1), "duplicate"),
    ("quiz-unknown-lesson", QUIZ, _set(("lesson",), "no-such-lesson"), "unknown lesson"),
    ("quiz-unknown-competency", QUIZ, _set(("items", 0, "competency"), "charisma"), "charisma"),
    ("quiz-empty-feedback", QUIZ, _set(("items", 0, "options", 0, "feedback"), ""), "at least 1 character"),
    ("quiz-no-correct-option", QUIZ, _no_correct_option, "exactly one correct"),
    ("quiz-duplicate-item-id", QUIZ, _copy_id("items", 0, 1), "duplicate item id"),
    ("quiz-unknown-kind", QUIZ, _set(("items", 0, "kind"), "essay"), "essay"),
    ("quiz-extra-key", QUIZ, _set(("items", 0, "colour"), "red"), "Extra inputs are not permitted"),
    ("quiz-item-not-a-mapping", QUIZ, _set(("items", 0), "just a string"), "items.0"),
    ("quiz-unknown-answer-fact", "quizzes/clinical-experience.yaml",
     ("text", "answer_fact: rn-bsn-years", "answer_fact: no-such-fact"), "unknown fact 'no-such-fact'"),
    ("scenario-broken-link", SCENARIO, _first_choice_next("nowhere"), "unknown node 'nowhere'"),
    ("scenario-unknown-start", SCENARIO, _set(("start",), "no-such-node"), "no-such-node"),
    ("scenario-unknown-lesson", SCENARIO, _set(("lesson",), "no-such-lesson"), "no-such-lesson"),
    ("duplicate-competency-id", "competencies.yaml", _copy_id("competencies", 0, 1), "duplicate competency id"),
    ("sort-unknown-category", "exercises/duty-sort.yaml", _set(("cards", 0, "answer"), "nurse"), "nurse"),
    ("sbar-parts-out-of-order", "sbar.yaml", _reverse_sbar_parts, "in that order"),
    ("unreadable-bytes", "course.yaml", ("bytes", b"\xff\xfe\x00bad"), "cannot read"),
    ("missing-file", "facts.yaml", ("delete",), "missing"),
]


def break_copy(content: Path, file: str, mutation) -> None:
    path = content / file
    if callable(mutation):
        edit_yaml(path, mutation)
    elif mutation[0] == "text":
        edit(path, mutation[1], mutation[2])
    elif mutation[0] == "replace":
        path.write_text(mutation[1], encoding="utf-8")
    elif mutation[0] == "bytes":
        path.write_bytes(mutation[1])
    else:
        path.unlink()


def run_command(content: Path) -> tuple[int, str]:
    """The installed `course check`, as a content author runs it."""
    result = subprocess.run([str(COURSE), "check", "--content", str(content)], capture_output=True, text=True,
                            timeout=120)
    return result.returncode, result.stdout + result.stderr


def assert_named(code: int, out: str, file: str, said: str) -> None:
    assert code == 1, out
    assert "Traceback" not in out, out
    problem_lines = [line for line in out.splitlines() if Path(file).name in line]
    assert problem_lines, f"{file} is not named in:\n{out}"
    assert any(said in line for line in problem_lines), f"{said!r} not said about {file} in:\n{out}"


def test_the_command_passes_the_unbroken_copy_and_names_a_problem(content_dir):
    code, out = run_command(content_dir)
    assert code == 0 and "Content is valid" in out, out
    label, file, mutation, said = KINDS[0]
    break_copy(content_dir, file, mutation)
    assert_named(*run_command(content_dir), file, said)


@pytest.mark.parametrize("label, file, mutation, said", KINDS, ids=[k[0] for k in KINDS])
def test_course_check_names_the_file_and_the_problem(label, file, mutation, said, content_dir, capsys):
    break_copy(content_dir, file, mutation)
    code = cli.main(["check", "--content", str(content_dir)])  # an uncaught exception fails the test
    captured = capsys.readouterr()
    assert_named(code, captured.out + captured.err, file, said)
