"""The content cache a learner's kernel starts from: it holds exactly what the YAML says, and a
cache built from other content is never used (the kernel then loads the YAML)."""
from __future__ import annotations

import subprocess
import sys

from course import catalog as catalog_mod
from course import content_cache
from course.paths import CONTENT_CACHE, CONTENT_DIR, NOTEBOOK_DIR, PROJECT_DIR

from .content_edits import edit


def same_content(a, b) -> bool:
    """Field by field: what a widget reads (the memo of derived look-ups may differ)."""
    return all(getattr(a, name) == getattr(b, name) for name in type(a).model_fields)


def test_a_written_cache_reads_back_as_the_yaml_loads(tmp_path, cat):
    path = content_cache.write(cat, tmp_path / "content.cache")
    cached = content_cache.read(path=path)
    assert cached is not None
    assert same_content(cached, catalog_mod.load())
    assert cached.scenario_stats == cat.scenario_stats and cached.glossary == cat.glossary


def test_the_installed_cache_if_present_matches_the_yaml():
    """`make test` runs `course check` first, which writes the cache: it must agree with the YAML."""
    cached = content_cache.read()
    if CONTENT_CACHE.exists():
        assert cached is not None, "the cache is stale: `course check` writes it again"
        assert same_content(cached, catalog_mod.load())


def test_an_edit_to_the_content_makes_the_cache_unused(tmp_path, content_dir):
    built = catalog_mod.load(content_dir, NOTEBOOK_DIR)
    path = content_cache.write(built, tmp_path / "content.cache")
    assert content_cache.read(content_dir, NOTEBOOK_DIR, path) is not None
    edit(content_dir / "facts.yaml", "as_of:", "as_of:  ")  # any byte changes the fingerprint
    assert content_cache.read(content_dir, NOTEBOOK_DIR, path) is None


def test_a_cache_built_elsewhere_or_damaged_is_not_used(tmp_path, cat, content_dir):
    path = content_cache.write(cat, tmp_path / "content.cache")
    assert content_cache.read(content_dir, NOTEBOOK_DIR, path) is None  # another content folder
    path.write_bytes(path.read_bytes()[:200])
    assert content_cache.read(path=path) is None
    path.write_bytes(b"not a cache")
    assert content_cache.read(path=path) is None


def test_running_a_notebook_keeps_the_cache_but_editing_its_text_does_not(tmp_path, cat):
    notebooks = tmp_path / "notebooks"
    subprocess.run(["cp", "-r", str(NOTEBOOK_DIR), str(notebooks)], check=True)
    built = catalog_mod.load(CONTENT_DIR, notebooks)
    path = content_cache.write(built, tmp_path / "content.cache")
    nb = notebooks / "01-the-role.ipynb"
    text = nb.read_text(encoding="utf-8")
    nb.write_text(text.replace('"execution_count": null', '"execution_count": 7'), encoding="utf-8")
    assert content_cache.read(CONTENT_DIR, notebooks, path) is not None  # outputs and counts are not content
    nb.write_text(text.replace("## ", "## A new heading: ", 1), encoding="utf-8")
    assert content_cache.read(CONTENT_DIR, notebooks, path) is None


def test_course_check_writes_the_cache_a_kernel_then_uses(tmp_path):
    """The whole path as a maintainer and a learner meet it, in fresh processes."""
    check = subprocess.run([sys.executable, "-m", "course.cli.main", "check"], cwd=PROJECT_DIR,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert content_cache.read() is not None
    probe = ("import sys; from course.pages.common import catalog; c = catalog(); "
             "print(len(c.items), 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    items, yaml_loaded = out.stdout.split()
    assert int(items) == len(catalog_mod.load().items)
    assert yaml_loaded == "False", "the kernel parsed YAML although the cache is fresh"
