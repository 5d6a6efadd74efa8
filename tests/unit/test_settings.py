"""course/settings.py is the one reader of the COURSE_* variables: each is named and documented once."""
import re

from course import settings

from ..conftest import ROOT

# Modules of other parts that still read a COURSE_* variable themselves (burn this list down: each
# should ask course.settings, which already names the variable).
STILL_READING = {"course/mentor/access.py": "COURSE_MENTOR_USERS", "course/mentor/export.py": "COURSE_XAPI_BASE_IRI"}


def readers() -> dict[str, set[str]]:
    found = {}
    for path in sorted((ROOT / "course").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel == "course/settings.py" or not re.search(r"os\.environ|getenv", text):
            continue
        names = set(re.findall(r"[\"'](COURSE_[A-Z_]+)[\"']", text))
        if names:
            found[rel] = names
    return found


def test_only_settings_reads_course_variables():
    found = readers()
    assert set(found) == set(STILL_READING), found
    for rel, name in STILL_READING.items():
        assert name in found[rel] and name in settings.names()


def test_every_course_variable_the_readme_names_is_a_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"COURSE_[A-Z_]+[A-Z]", readme))
    for_tests_only = {"COURSE_CHROMIUM", "COURSE_PG_BIN"}  # read by tests/, not by the course
    assert named - for_tests_only <= settings.names()


def test_a_setting_reads_the_environment_when_asked(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_HOME", str(tmp_path))
    assert settings.data_dir() == tmp_path
    monkeypatch.setenv("COURSE_DB_URL", "sqlite:///elsewhere.sqlite")
    from course.store.connection import default_url

    assert default_url() == "sqlite:///elsewhere.sqlite"
    monkeypatch.delenv("COURSE_DB_URL")
    assert default_url() == f"sqlite:///{tmp_path / 'progress.sqlite'}"
    monkeypatch.setenv("COURSE_MAX_KERNELS", "not a number")
    assert settings.integer(settings.MAX_KERNELS) == 60 and not settings.TRUST_PROXY.is_set()
