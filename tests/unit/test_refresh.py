"""`make refresh` re-executes the notebooks; when nothing in the course changed, it changes nothing."""
import importlib.util
import json

from ..conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").rglob("*.ipynb"))


def _refresh_module():
    spec = importlib.util.spec_from_file_location("refresh_notebooks", ROOT / "tools" / "refresh_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_notebook_stores_execution_timings():
    timed = [f"{path.relative_to(ROOT)} cell {i}" for path in NOTEBOOKS
             for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"])
             if "execution" in cell.get("metadata", {})]
    assert timed == [], f"timestamps churn every refresh: {timed[:5]}"


def test_a_refresh_of_an_unchanged_notebook_leaves_it_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COURSE_DB_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    source = ROOT / "notebooks" / "glossary.ipynb"
    out = tmp_path / "glossary.ipynb"
    _refresh_module().refresh(source, out)
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
