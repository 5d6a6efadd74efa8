"""The packaging stays coherent: conda users get what pip users get; Voila is safe to serve."""
import json
import re
import subprocess
import sys
import tomllib

import yaml

from ..conftest import ROOT


def _requirements(lines):
    out = {}
    for line in lines:
        line = re.sub(r"\[[^\]]*\]", "", line)  # pip extras: conda packages have none
        name = re.split(r"[<>=!~ ]", line, maxsplit=1)[0].lower()
        out[name] = line.replace(" ", "")[len(name):]
    return out


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = [d for d in env if isinstance(d, str) and not d.startswith(("python", "pip"))]
    assert _requirements(project) == _requirements(conda)


def test_voila_is_pinned_past_known_fixes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "voila>=0.5.13" in project


def test_voila_config_is_safe():
    conf = json.loads((ROOT / "voila.json").read_text())
    voila = conf["VoilaConfiguration"]
    assert voila["strip_sources"] is True and voila["show_tracebacks"] is False
    assert voila["allow_template_override"] == "NO" and voila["allow_theme_override"] == "NO"
    pools = conf["VoilaKernelManager"]["kernel_pools_config"]
    assert pools["default"]["pool_size"] == 0
    assert {k for k, v in pools.items() if v["pool_size"] > 0} == {"index.ipynb", "01-the-role.ipynb"}
    assert conf["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_import_course_is_light():
    code = ("import sys, course; heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', 'sqlalchemy', "
            "'pydantic') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_preheated_notebooks_end_by_waiting_for_the_visit():
    """A preheated kernel learns who the visitor is in course.home() or course.footer(): a
    preheated notebook without one would never recognise anyone."""
    conf = json.loads((ROOT / "voila.json").read_text())
    pools = conf["VoilaKernelManager"]["kernel_pools_config"]
    for name, pool in pools.items():
        if name == "default" or not pool["pool_size"]:
            continue
        cells = json.loads((ROOT / "notebooks" / name).read_text())["cells"]
        code = [("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
        assert "course.home()" in code[-1] or "course.footer(" in code[-1], name
