"""Rubrics are content: `course check` validates them (criteria, a short scale, a descriptor for
every level; the SBAR rubric reads the SBAR checklist's ten points) and names the file and the
problem when one is wrong."""
import pytest

from course.cli import main as cli

from .content_edits import edit_yaml, problems


def test_the_course_has_the_three_rubrics_the_issue_names(cat):
    rubrics = cat.rubrics
    by_kind = {r.applies_to: r for r in rubrics.values()}
    assert set(by_kind) == {"sbar", "change-plan", "development-plan"}
    sbar = cat.sbar
    assert [c.checklist for c in by_kind["sbar"].criteria] == [c.id for c in sbar.checklist]
    assert len(by_kind["sbar"].criteria) == 10
    assert [c.id for c in by_kind["change-plan"].criteria] == ["aim", "measure", "stakeholders", "timeline", "risks"]
    assert [c.id for c in by_kind["development-plan"].criteria] == ["specific", "domain", "next-action",
                                                                    "supporter", "date"]
    for rubric in rubrics.values():
        assert 2 <= len(rubric.scale) <= 5
        for criterion in rubric.criteria:
            assert sorted(criterion.descriptors) == [level.score for level in rubric.scale]


def _broken(content_dir, file, mutate):
    edit_yaml(content_dir / "rubrics" / file, mutate)
    return content_dir


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
def test_a_bad_rubric_is_refused_with_its_file_and_problem(file, mutate, said, content_dir):
    found = problems(_broken(content_dir, file, mutate))
    assert any(f.endswith(f"rubrics/{file}") and said in f"{place} {reason}" for f, place, reason in found), found


def test_course_check_prints_the_rubric_file_and_problem(content_dir, capsys):
    """Through cli.main in this process (test_course_check_cli runs the installed command itself)."""
    content = _broken(content_dir, "change-plan.yaml", _drop_descriptor)
    assert cli.main(["check", "--content", str(content)]) == 1  # an uncaught exception fails the test
    err = capsys.readouterr().err
    assert "rubrics/change-plan.yaml" in err and "no descriptor for score 2" in err
