import pytest

from course import catalog as catalog_mod
from course.session import Session
from course.store import Store

from ..conftest import FIXTURES


@pytest.fixture
def fixture_catalog():
    return catalog_mod.load(FIXTURES / "content", FIXTURES / "notebooks")


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def store(db_url):
    return Store(db_url)


@pytest.fixture
def session(db_url):
    from course.identity import Identity

    s = Session(db_url)
    s._detected = True
    s.set_identity(Identity("Alex Kim", "spring-2027", "sign-in"))
    return s
