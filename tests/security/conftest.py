"""The security tests use the browser tests' real course server and Chromium."""
import pytest

from ..browser.conftest import VoilaServer
from ..browser.conftest import _act_like_a_person, browser, chromium_path, page  # noqa: F401


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    """A course server of the test file's own (what one file's attacker does stays there)."""
    with VoilaServer(tmp_path_factory.mktemp("security-home")) as srv:
        yield srv
