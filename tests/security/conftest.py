"""The security tests use the browser tests' real course server and Chromium."""
from ..browser.conftest import _act_like_a_person, browser, chromium_path, page  # noqa: F401
