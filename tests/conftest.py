import os
import sys
from pathlib import Path

import pytest

from .pg import pg_url, postgres_server  # noqa: F401  (a throwaway PostgreSQL for store tests)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test reads or writes a real learner's progress or remembered sign-in."""
    monkeypatch.setenv("COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    # ...nor believes it runs under the course server: signing.sign() marks the process as one
    # (COURSE_SERVER, COURSE_KERNEL_SECRET), which would leak into the next test on the worker.
    for var in ("VOILA_BASE_URL", "VOILA_KERNEL_ID", "VOILA_PREHEAT", "SERVER_SOFTWARE", "QUERY_STRING",
                "COURSE_SERVER", "COURSE_KERNEL_SECRET"):
        monkeypatch.delenv(var, raising=False)
