"""Shared helpers for the reliability tests: where they write their numbers, and how they show them."""
import json
from pathlib import Path

import pytest

from ..conftest import ROOT

RESULTS = ROOT / ".test-home" / "reliability"  # `make test` clears .test-home before each run
_SUMMARY: list[str] = []


@pytest.fixture
def report():
    """report(name, data, lines): write data to .test-home/reliability/<name>.json, and show the
    lines at the end of the pytest run (even with -q and captured output)."""

    def _report(name: str, data: dict, lines: list[str]) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{name}.json"
        path.write_text(json.dumps(data, indent=2, default=str))
        for line in lines:
            print(line)
            _SUMMARY.append(f"{name}: {line}")
        return path

    return _report


def pytest_terminal_summary(terminalreporter):
    if _SUMMARY:
        terminalreporter.section("reliability numbers (also in .test-home/reliability/*.json)")
        for line in _SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path):
    """A fresh, empty store on SQLite and on a throwaway PostgreSQL (tests/pg.py)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_url")
