"""Rubrics are content: `course check` validates them (criteria, a short scale, a descriptor for
every level; the SBAR rubric reads the SBAR checklist's ten points) and names the file and the
problem when one is wrong."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course.catalog import CONTENT_DIR, ContentError, load

COURSE = Path(sys.executable).parent / "course"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    root = tmp_path_factory.mktemp("rubric-content")
    shutil.copytree(CONTENT_DIR, root / "content")
    return root / "content"


def test_the_course_has_the_three_rubrics_the_issue_names():
    rubrics = load().rubrics
    by_kind = {r.applies_to: r for r in rubrics.values()}
    assert set(by_kind) == {"sbar", "change-plan", "development-plan"}
    sbar = load().sbar
    assert [c.checklist for c in by_kind["sbar"].criteria] == [c.id for c in sbar.checklist]
    assert len(by_kind["sbar"].criteria) == 10
    assert [c.id for c in by_kind["change-plan"].criteria] == ["aim", "measure", "stakeholders", "timeline", "risks"]
    assert [c.id for c in by_kind["development-plan"].criteria] == ["specific", "domain", "next-action",
                                                                    "supporter", "date"]
    for rubric in rubrics.values():
        assert 2 <= len(rubric.scale) <= 5
        for criterion in rubric.criteria:
            assert sorted(criterion.descriptors) == [level.score for level in rubric.scale]


def _broken(pristine, tmp_path, file, mutate):
    content = tmp_path / "content"
    shutil.copytree(pristine, content)
    path = content / "rubrics" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return content


def _drop_descriptor(data):
    del data["criteria"][1]["descriptors"][2]


def _unknown_checklist_point(data):
    data["criteria"][0]["checklist"] = "s-nonsense"


def _long_scale(data):
    data["scale"] = [{"score": i, "label": f"level {i}"} for i in range(7)]


def _no_criteria(data):
    data["criteria"] = []


def _missing_point(data):
    data["criteria"] = data["criteria"][:-1]


def _scale_down(data):
    data["scale"] = list(reversed(data["scale"]))


CASES = [
    ("change-plan.yaml", _drop_descriptor, "no descriptor for score 2"),
    ("sbar.yaml", _unknown_checklist_point, "unknown SBAR checklist point 's-nonsense'"),
    ("development-plan.yaml", _long_scale, "scale"),
    ("change-plan.yaml", _no_criteria, "criteria"),
    ("sbar.yaml", _missing_point, "whole-no-blame have no criterion"),
    ("development-plan.yaml", _scale_down, "must be different and go up"),
]


@pytest.mark.parametrize("file, mutate, said", CASES, ids=[c[1].__name__ for c in CASES])
def test_a_bad_rubric_is_refused_with_its_file_and_problem(file, mutate, said, pristine, tmp_path):
    content = _broken(pristine, tmp_path, file, mutate)
    with pytest.raises(ContentError) as caught:
        load(content)
    problems = caught.value.problems
    assert any(f.endswith(f"rubrics/{file}") and said in f"{place} {reason}" for f, place, reason in problems), problems


def test_course_check_prints_the_rubric_file_and_problem(pristine, tmp_path):
    content = _broken(pristine, tmp_path, "change-plan.yaml", _drop_descriptor)
    result = subprocess.run([str(COURSE), "check", "--content", str(content)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "rubrics/change-plan.yaml" in result.stderr and "no descriptor for score 2" in result.stderr
    assert "Traceback" not in result.stderr
