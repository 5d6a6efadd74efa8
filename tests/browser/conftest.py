"""A real Voila serving the real notebooks, and a real Chromium driven by Playwright.

The browser is found through COURSE_CHROMIUM, then the PATH (chromium, chromium-browser,
google-chrome). Without one the browser tests skip with the reason, unless REQUIRE_BROWSER=1,
when they fail.
"""
import json
import os
import sqlite3
from contextlib import contextmanager
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import ROOT

# --disable-smooth-scrolling: a wheel turn moves the page at once instead of animating there, so a
# test waits less after each gesture; the page still has to scroll for the gesture to count.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-smooth-scrolling"]


def find_chromium() -> str | None:
    candidate = os.environ.get("COURSE_CHROMIUM")
    if candidate and Path(candidate).exists():
        return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _need_browser():
    path = find_chromium()
    if path:
        return path
    reason = "no Chromium found (set COURSE_CHROMIUM or install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PASSWORD = "Meadow-lantern-cobalt-42"  # every test account's; long and unrelated to any name


class VoilaServer:
    """`course serve` as `make serve` runs it (Voila with sign-in), on a free port, with its own
    store; `bare=True` runs a plain `voila notebooks/` instead (the hub extension's own server)."""

    def __init__(self, home: Path, extra_env: dict | None = None, extra_args: list[str] | None = None,
                 bare: bool = False, admin: bool = True):
        self.home = home
        self.bare = bare
        self.admin = admin  # False: a store the test process cannot open (it is broken on purpose)
        self.extra_args = list(extra_args or [])  # e.g. shorter kernel culling for the load test
        self.port = free_port()
        self.db_path = home / "progress.sqlite"
        inherited = {k: v for k, v in os.environ.items() if k not in ("JUPYTERHUB_USER", "COURSE_KERNEL_SECRET")}
        self.env = {**inherited, "COURSE_HOME": str(home), "COURSE_DB_URL": f"sqlite:///{self.db_path}",
                    "JUPYTER_PATH": str(ROOT / "share" / "jupyter"), **(extra_env or {})}
        self.proc = None
        self.log = home / "voila.log"
        self._accounts = None

    @property
    def db_url(self) -> str:
        return self.env["COURSE_DB_URL"]

    def accounts(self):
        """The server's accounts, read and written from the test (the same store file or database)."""
        if self._accounts is None:
            from course.accounts.service import Accounts
            from course.store.core import Store

            self._accounts = Accounts(Store(self.db_url))
        return self._accounts

    def account(self, name: str, cohort: str | None = None, role: str = "learner") -> str:
        """An account for `name` that signs in with PASSWORD; its login and id are the name's
        learner key, so a test reads its events as before. Returns the login."""
        from course.identity import learner_key

        key = learner_key(name)
        accounts = self.accounts()
        if accounts.get(key) is None:
            if cohort is None and role == "learner":  # a learner a test seeded keeps their cohort
                cohort = (accounts.store.learner(key) or {}).get("cohort_id")
            accounts.create(name, role, login=key, password=PASSWORD, cohort=cohort if role == "learner" else None,
                            account_id=key)
        if role != "learner" and cohort:
            if accounts.store.cohort(cohort) is None:
                accounts.create_cohort(cohort)
            accounts.assign_mentor(key, cohort)
        return key

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        if self.bare:
            return [str(Path(sys.executable).parent / "voila"), "notebooks/", "--no-browser",
                    "--Voila.ip=127.0.0.1", f"--port={self.port}", *self.extra_args]
        if self.admin:
            self.account("Course Admin", role="admin")  # so the server does not ask for its first-run setup
        return [sys.executable, "-m", "course.cli.main", "serve", "--Voila.ip=127.0.0.1", f"--port={self.port}",
                *self.extra_args]

    def ready_url(self) -> str:
        return self.url + "/"

    def start(self):
        self.home.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=self.log.open("ab"),
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.ready_url(), timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the server did not start in 60 s: {self.log.read_text()[-2000:]}")

    def __enter__(self):
        return self.start()

    def __exit__(self, *_exc):
        self.stop()

    def stop(self, kill=False):
        if self.proc and self.proc.poll() is None:
            self.proc.kill() if kill else self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(autouse=True)
def _act_like_a_person():
    """Every click, tap and keystroke in a browser test goes where a person could reach by wheel or
    finger first (tests/browser/person.py); script scrolling fails the test."""
    from . import person

    undo = person.guard_locators()
    yield
    undo()


@pytest.fixture(autouse=True)
def _patient_expectations():
    """expect() waits as long as a page step does (PATIENCE_MS), not Playwright's 5 s: on a busy
    server a reloaded lesson can take a while to draw its last widgets. A guard, not a speed check."""
    from playwright.sync_api import expect

    expect.set_options(timeout=PATIENCE_MS)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, for tests outside this folder


@pytest.fixture(scope="session")
def chromium_path():
    return _need_browser()


@pytest.fixture(scope="session")
def voila(chromium_path, tmp_path_factory):
    with VoilaServer(tmp_path_factory.mktemp("voila-home")) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


DESKTOP = {"width": 1280, "height": 900}
# How long a step may wait for the page: a guard against a hang on a loaded two-core machine (CI runs
# a server per worker, each starting a kernel per page), not a speed check (`make bench` measures).
PATIENCE_MS = 120_000
PHONE = {"width": 390, "height": 844}


@contextmanager
def person_page(browser, phone: bool = False, **options):
    """A browser of one's own (a fresh context: no cookies) and its page, on a desktop or on a
    phone with a touch screen."""
    device = (dict(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2) if phone
              else dict(viewport=DESKTOP))
    context = browser.new_context(**{**device, **options})
    pg = context.new_page()
    pg.set_default_timeout(PATIENCE_MS)
    pg.set_default_navigation_timeout(120_000)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with person_page(browser) as pg:
        yield pg


def sign_in(page, server: VoilaServer, name: str, cohort: str | None = None, role: str = "learner") -> str:
    """Sign `name` in on the server's login page, typing as a person does (the account is made
    first if need be). Nothing happens if this browser context is already signed in as them."""
    login = server.account(name, cohort, role)
    if getattr(page.context, "course_login", None) == login:
        return login
    page.goto(server.url + "/login")
    page.get_by_label("Sign-in name").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Password").press("Enter")
    assert "/login" not in page.url, f"sign-in as {name!r} failed: {page.locator('body').inner_text()[:300]}"
    page.context.course_login = login
    return login


def open_as(page, server: VoilaServer, path: str, name: str, cohort: str | None = None, role: str = "learner"):
    """Open a course page (a path such as /voila/render/01-the-role.ipynb) signed in as `name`."""
    sign_in(page, server, name, cohort, role)
    return page.goto(server.url + path)


def wait_rendered(page, timeout: int = PATIENCE_MS):
    """Voila has executed every cell and every widget is drawn: none still waits for its data
    (a cell-output script) or for its model ("Loading widget..."), which is what a person sees."""
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('#loading')", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('script[type=\"application/vnd.voila.cell-output+json\"]')"
        " && ![...document.querySelectorAll('#rendered_cells .lm-Panel')]"
        "      .some(n => n.childElementCount === 0 && n.textContent.startsWith('Loading widget'))",
        timeout=timeout)


def assert_no_axe_violations(page) -> None:
    """axe-core finds nothing on the page as it is now (the report says what, where, if it does)."""
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()


def saved_responses(server, learner: str, item: str) -> list:
    """What the store holds for one learner's item, oldest first: each event's response, decoded."""
    with sqlite3.connect(server.db_path) as db:
        rows = db.execute("SELECT response FROM events WHERE learner_id = ? AND item = ? ORDER BY id",
                          (learner, item)).fetchall()
    return [json.loads(r[0]) for r in rows]
