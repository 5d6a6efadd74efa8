import shutil

import pytest

from course import catalog as catalog_mod
from course.paths import CONTENT_DIR
from course.store.core import Store

from ..conftest import FIXTURES
from .sessions import signed_in_session

BOTH_STORES = "both_stores"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{BOTH_STORES}: the module's tests run on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc):
    """A module marked `pytestmark = pytest.mark.both_stores` runs every test that uses the store twice."""
    if "db_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker(BOTH_STORES):
        metafunc.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def cat():
    """The course's own catalog, loaded once (tests copy it with model_copy to change it)."""
    return catalog_mod.load()


@pytest.fixture(scope="session")
def fixture_catalog():
    """The small hand-written course in tests/fixtures."""
    return catalog_mod.load(FIXTURES / "content", FIXTURES / "notebooks")


@pytest.fixture
def content_dir(tmp_path):
    """A copy of the course's content to break on purpose (see content_edits.py)."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


@pytest.fixture
def fixture_content_dir(tmp_path):
    """A copy of tests/fixtures/content to break on purpose."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", root)
    return root


@pytest.fixture
def db_url(request, tmp_path):
    """A fresh store: SQLite, or a throwaway PostgreSQL database (tests/pg.py) in a both_stores module."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def store(db_url):
    return Store(db_url)


@pytest.fixture
def session(db_url):
    return signed_in_session(db_url)
