"""The JupyterHub deployment files say what deploy/README.md says they do: learners land in
Voila, every server gets the shared store's URL and the course template, mentors (and only
mentors) get COURSE_MENTOR_USERS, kernels and servers are culled. The hub configuration is
executed here with a stand-in for JupyterHub's `c` and spawner (no hub needed)."""
import json
from types import SimpleNamespace

import pytest
import yaml
from traitlets import Dict, List, Unicode
from traitlets.config import Config, Configurable

from ..conftest import ROOT

DEPLOY = ROOT / "deploy"
LANDING = "/voila/render/notebooks/index.ipynb"


class Spawner(Configurable):  # the traits of jupyterhub.spawner.Spawner these files set
    environment = Dict(config=True)
    args = List(config=True)
    default_url = Unicode(config=True)
    notebook_dir = Unicode(config=True)


class SystemdSpawner(Spawner):  # TLJH's spawner
    pass


class KubeSpawner(Spawner):  # Zero to JupyterHub's spawner
    pass


def spawner_for(cls, config, name, groups):
    spawner = cls(config=config)
    spawner.user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
    return spawner


def env_of(spawner):
    """What JupyterHub's Spawner.get_env does with `environment`: callables get the spawner."""
    return {k: (v(spawner) if callable(v) else v) for k, v in spawner.environment.items()}


def voila_cull_flags():
    """voila.json's culling, except that on a hub an open tab keeps its kernel: its page has no
    `course serve` to tell that its reader is still typing."""
    cull = {**json.loads((ROOT / "voila.json").read_text())["MappingKernelManager"], "cull_connected": False}
    return {f"--MappingKernelManager.{k}={json.dumps(v)}" for k, v in cull.items()}


@pytest.fixture
def tljh_config(tmp_path, monkeypatch):
    url_file = tmp_path / "course_db_url"
    url_file.write_text("postgresql+psycopg://course:pw@127.0.0.1:5432/course\n")
    monkeypatch.setenv("COURSE_DIR", str(ROOT))
    monkeypatch.setenv("COURSE_DB_URL_FILE", str(url_file))
    c = Config()
    source = (DEPLOY / "tljh" / "jupyterhub_config.d" / "course.py").read_text()
    exec(compile(source, "course.py", "exec"), {"c": c})
    return c


def test_tljh_learners_land_in_voila_with_the_store_and_template(tljh_config):
    learner = spawner_for(SystemdSpawner, tljh_config, "lee", [])
    assert learner.default_url == LANDING
    assert learner.notebook_dir == str(ROOT)
    assert (ROOT / learner.notebook_dir / LANDING.removeprefix("/voila/render/")).exists()
    env = env_of(learner)
    assert env["COURSE_DB_URL"] == "postgresql+psycopg://course:pw@127.0.0.1:5432/course"
    assert (ROOT / "share" / "jupyter" / "voila" / "templates" / "course").samefile(
        f"{env['JUPYTER_PATH']}/voila/templates/course")
    assert env["COURSE_MENTOR_USERS"] == ""
    assert set(learner.args) == voila_cull_flags()


def test_tljh_mentors_group_members_get_the_mentor_list(tljh_config):
    assert tljh_config.JupyterHub.load_groups["mentors"]["users"]
    mentor = spawner_for(SystemdSpawner, tljh_config, "ana", ["mentors", "staff"])
    assert env_of(mentor)["COURSE_MENTOR_USERS"] == "ana"
    assert env_of(spawner_for(SystemdSpawner, tljh_config, "lee", ["staff"]))["COURSE_MENTOR_USERS"] == ""


@pytest.fixture
def z2jh():
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())


def test_z2jh_values(z2jh):
    single = z2jh["singleuser"]
    assert single["defaultUrl"] == LANDING
    secret = single["extraEnv"]["COURSE_DB_URL"]["valueFrom"]["secretKeyRef"]
    assert secret == {"name": "course-db", "key": "url"}  # the name deploy/README.md creates
    assert z2jh["cull"]["enabled"] is True and z2jh["cull"]["timeout"] > 0
    hub = z2jh["hub"]["config"]
    assert hub["JupyterHub"]["load_groups"]["mentors"]["users"]
    assert hub["KubeSpawner"]["notebook_dir"] == "/srv/course"
    assert set(hub["KubeSpawner"]["args"]) == voila_cull_flags()
    assert single["image"]["tag"] not in ("", "latest")


def test_z2jh_extra_config_gives_mentors_their_list(z2jh):
    c = Config()
    c.KubeSpawner.environment = {"COURSE_DB_URL": {"valueFrom": {}}}  # as the chart sets it first
    for snippet in z2jh["hub"]["extraConfig"].values():
        exec(compile(snippet, "extraConfig", "exec"), {"c": c})
    assert env_of(spawner_for(KubeSpawner, c, "raj", ["mentors"]))["COURSE_MENTOR_USERS"] == "raj"
    learner = spawner_for(KubeSpawner, c, "lee", [])
    assert env_of(learner)["COURSE_MENTOR_USERS"] == "" and "COURSE_DB_URL" in learner.environment


def test_image_installs_the_course_as_served():
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -e /srv/course" in dockerfile  # the engine reads files beside it
    assert 'cp /srv/course/voila.json "${CONDA_DIR}/etc/jupyter/voila.json"' in dockerfile
    assert "ENV JUPYTER_PATH=/srv/course/share/jupyter" in dockerfile
    copied = {part for line in dockerfile.splitlines() if line.startswith("COPY ")
              for part in line.split()[1:-1]}
    for needed in ("pyproject.toml", "README.md", "voila.json", "course", "notebooks", "share", "assets"):
        assert needed in copied and (ROOT / needed).exists()
