"""Breaking a copy of the content on purpose (the conftest's `content_dir` and `fixture_content_dir`),
and reading the problems the loader names: each is (file, place inside it, reason)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course import catalog
from course.catalog import ContentError
from course.paths import NOTEBOOK_DIR


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` with `new`, after checking the file still says `old`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"content text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_yaml(path: Path, change) -> None:
    """Load the YAML, let `change(data)` alter it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_at(keys, value):
    """A change for edit_yaml: data[k0][k1]...[kn] = value."""
    def change(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def delete_at(keys):
    """A change for edit_yaml: del data[k0][k1]...[kn]."""
    def change(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
    return change


def problems(content_dir: Path, notebooks: Path = NOTEBOOK_DIR) -> list[tuple[str, str, str]]:
    """What the loader names in this content (it must refuse it)."""
    with pytest.raises(ContentError) as info:
        catalog.load(content_dir, notebooks)
    return info.value.problems


def named(found, file: str, reason: str, place: str | None = None) -> bool:
    """Whether a problem in `file` gives `reason` (at exactly `place`, when given)."""
    return any(f.endswith(file) and (place is None or p == place) and reason in r for f, p, r in found)
