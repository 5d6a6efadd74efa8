"""The browser tests share one course server (and store) per worker, so a learner named in two test
files carries one file's saved work into the other, and which one runs first decides the outcome
(lesson 02's axe test once met a profile lesson 10 had saved). Each learner belongs to one file."""
import ast
import re
from collections import defaultdict
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
PERSON = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+")
SHARED_ON_PURPOSE = {"Mo Mentor"}  # a mentor account: signs in, changes no learner's work


def names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and PERSON.fullmatch(node.value)}


def test_each_test_learner_is_named_in_one_browser_test_file():
    files = defaultdict(set)
    for path in sorted(BROWSER_TESTS.glob("test_*.py")):
        for name in names_in(path):
            files[name].add(path.name)
    assert len(files) > 20  # the scan finds the learners at all
    shared = {name: sorted(where) for name, where in files.items()
              if len(where) > 1 and name not in SHARED_ON_PURPOSE}
    assert shared == {}
