"""The package keeps its shape: the layer contract holds, no import cycles, nothing heavy early."""
import importlib.util
import shutil
import subprocess
import sys

import pytest

from ..conftest import ROOT

spec = importlib.util.spec_from_file_location("import_cycles", ROOT / "tools" / "import_cycles.py")
import_cycles = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_cycles)


def write_package(root, files: dict[str, str]):
    for name, text in files.items():
        path = root / "course" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    write_package(tmp_path, {
        "__init__.py": "",
        "store.py": "def lookup():\n    from course.people import key  # only when called\n    return key\n",
        "people.py": "from course import store\nkey = 1\n",
        "keys.py": "",
    })
    edges = import_cycles.graph(tmp_path)
    assert edges["course.store"] == {"course.people"} and edges["course.people"] == {"course.store"}
    assert import_cycles.cycles(edges) == [["course.people", "course.store"]]


def test_relative_imports_and_names_from_a_package_resolve_to_modules(tmp_path):
    write_package(tmp_path, {
        "__init__.py": "",
        "engine/__init__.py": "",
        "engine/a.py": "from . import b\nfrom .b import thing\nfrom course.engine import c\n",
        "engine/b.py": "thing = 1\n",
        "engine/c.py": "from ..engine.b import thing\n",
    })
    edges = import_cycles.graph(tmp_path)
    assert edges["course.engine.a"] == {"course.engine.b", "course.engine.c"}
    assert edges["course.engine.c"] == {"course.engine.b"}
    assert import_cycles.cycles(edges) == []


def test_the_course_has_no_import_cycles_beyond_the_known_list():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "import_cycles.py")], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stdout
    assert "no import cycles" in result.stdout


def test_the_identity_and_store_cycle_is_gone():
    edges = import_cycles.graph()
    store_side = {m for m in edges if m.startswith("course.store")}
    reach, frontier = set(), set().union(*(edges[m] for m in store_side))
    while frontier:  # everything the store reaches, imports inside functions included
        module = frontier.pop()
        if module not in reach:
            reach.add(module)
            frontier |= edges.get(module, set())
    assert not reach & {"course.identity", "course.session", "course.accounts.service"}
    assert reach <= store_side | {"course.settings", "course.errors", "course.names", "course.text",
                                  "course.keys"}


@pytest.mark.skipif(not shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) and
                    not shutil.which("lint-imports"), reason="import-linter is not installed")
def test_the_layer_contract_holds():
    exe = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) or shutil.which("lint-imports")
    result = subprocess.run([exe, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(sorted(m for m in ('sqlalchemy', 'pydantic', 'ipywidgets', 'pandas') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return eval(result.stdout.strip().splitlines()[-1])


def test_importing_the_course_loads_nothing_heavy():
    assert loaded_after("import course") == []


def test_the_session_and_identity_load_sqlalchemy_only_when_the_store_is_used(tmp_path):
    home = f"import os; os.environ['COURSE_HOME'] = {str(tmp_path)!r}\n"
    assert "sqlalchemy" not in loaded_after(home + "import course.session, course.identity, course.keys, course.errors\n"
                                            "s = course.session.current(); s.detect_identity(); s.state()")
    assert "sqlalchemy" in loaded_after(home + "import course.session\ncourse.session.current().store()")
