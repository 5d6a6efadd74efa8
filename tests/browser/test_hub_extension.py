"""The course as JupyterHub serves it: `jupyter server` with Voila as a server extension under
/user/alice/, the learner named by JUPYTERHUB_USER. No hub is needed to check what matters: the
page renders with the course template and voila.json's settings, the learner is alice without
signing in, her answer is stored under her name, and the lesson's relative links work under
the longer path (the server's root is the project, so notebooks live under notebooks/).
"""
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .conftest import VoilaServer, assert_no_axe_violations, wait_rendered
from .test_lesson01 import card, first_single_choice

pytestmark = pytest.mark.browser
BASE = "/user/alice/"
LESSON = BASE + "voila/render/notebooks/01-the-role.ipynb"


class SingleUserServer(VoilaServer):
    """What a hub starts for alice, minus the hub: jupyter server + Voila, base URL /user/alice/."""

    def __init__(self, home: Path):
        super().__init__(home, extra_env={
            "JUPYTERHUB_USER": "alice",
            # nothing from this machine's own Jupyter config or runtime files
            "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"), "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime")})
        self.log = home / "server.log"

    def command(self) -> list[str]:
        jupyter = Path(sys.executable).parent / "jupyter"
        # Voila's extension reads voila.json from the working directory (and the Jupyter config path).
        return [str(jupyter), "server", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", f"--ServerApp.base_url={BASE}", f"--ServerApp.root_dir={ROOT}",
                "--ServerApp.jpserver_extensions={'voila': True}",
                # The hub would authenticate alice; this test has no hub, so no token or password.
                "--IdentityProvider.token=", "--ServerApp.password=",
                *(["--allow-root"] if os.geteuid() == 0 else [])]  # CI containers run as root

    def ready_url(self) -> str:
        return self.url + BASE + "api/status"


@pytest.fixture(scope="module")
def hub_server(chromium_path, tmp_path_factory):
    with SingleUserServer(tmp_path_factory.mktemp("hub-alice")) as server:
        yield server


def test_alice_answers_and_her_answer_is_stored_as_hers(hub_server, page):
    item, right, _ = first_single_choice()
    page.goto(hub_server.url + LESSON)
    wait_rendered(page)
    assert page.locator("main#rendered_cells").count() == 1  # the course's page template
    # voila.json's strip_sources holds here too: no code cell shows its source
    assert 'course.start("the-role")' not in page.content()
    assert page.locator(".jp-InputArea-editor").count() == 0
    header = page.locator(".course-header")
    header.get_by_text("alice").first.wait_for()
    assert page.get_by_label("Your name").count() == 0  # the hub said who she is: no sign-in

    quiz = card(page, item.id)
    quiz.get_by_role("radio", name=right.text).check()
    quiz.get_by_role("button", name="Check answer").click()
    quiz.get_by_text("Saved to your progress").wait_for()
    with sqlite3.connect(hub_server.db_path) as db:
        stored = db.execute("SELECT learner_id, item, correct FROM events WHERE kind = 'answer'").fetchall()
    assert stored == [("alice", item.id, 1)]


def test_relative_links_work_under_the_hub_path(hub_server, page):
    page.goto(hub_server.url + LESSON)
    wait_rendered(page)
    home = page.locator(".course-header").get_by_role("link", name="Course home")
    href = home.evaluate("a => a.href")
    assert href.startswith(hub_server.url + BASE + "voila/render/notebooks/index.ipynb")
    home.click()
    wait_rendered(page)
    assert page.url.startswith(hub_server.url + BASE + "voila/render/notebooks/index.ipynb")
    assert "Becoming a Clinical Operations Manager" in page.title()
    lesson = page.get_by_role("link", name="Lesson 1: The role of a clinical operations manager")
    lesson.first.click()
    wait_rendered(page)
    assert page.url.startswith(hub_server.url + LESSON)
    assert_no_axe_violations(page)
