"""Bad content for lessons 03-04 (experience_log.yaml, self_assessment.yaml, certifications.yaml)
is reported with the file, the place inside it and the reason; good content loads."""
import pytest

from course import catalog

from .content_edits import edit, named, problems


def test_real_content_loads_all_three(cat):
    assert cat.experience_log and cat.self_assessment and cat.certifications


@pytest.mark.parametrize("file, old, new, place, reason", [
    # the self-assessment
    ("self_assessment.yaml", "  - competency: business\n", "  - competency: finance\n",
     "domains.4.competency", "unknown competency 'finance'"),
    ("self_assessment.yaml", "  - competency: business\n", "  - competency: leadership\n",
     "domains", "listed twice"),
    ("self_assessment.yaml", "    lessons: [operations-toolkit]", "    lessons: [operations-kit]",
     "domains.4.lessons.0", "unknown lesson 'operations-kit'"),
    ("self_assessment.yaml", "  - {value: 5, label: \"5 · Expert\"}\n", "",
     "scale", "1, 2, 3, 4, 5"),
    ("self_assessment.yaml", "scale_fact: ache-self-assessment-scale", "scale_fact: no-such-fact",
     "scale_fact", "unknown fact 'no-such-fact'"),
    ("self_assessment.yaml", "        stages: [clinician, new-manager]\n", "        stages: [retiree]\n",
     "domains.0.actions.0.stages", "unknown profile stage 'retiree'"),
    ("self_assessment.yaml", "      - id: bus-data\n        text: I can use data", "      - id: bus-budget\n        text: I can use data",
     "domains", "duplicate statement id: bus-budget"),
    ("self_assessment.yaml",
     "      - id: env-payment-regulation\n        text: I can explain in plain words how my area's services are paid for and who regulates or accredits it.\n",
     "", "domains.3.statements", "at least 4 items"),
    ("self_assessment.yaml", "id: readiness\n", "", "id", "Field required"),
    # the certifications
    ("certifications.yaml", "any_of: [bsn, msn, dnp], label: a BSN or a higher nursing degree",
     "any_of: [bsn, msn, dns], label: a BSN or a higher nursing degree",
     "certifications.0.routes.0.conditions.1.any_of", "unknown degree 'dns'"),
    ("certifications.yaml", "fact: cnml-hours-bsn", "fact: cnml-hours-typo",
     "certifications.0.routes.0.conditions.2.fact", "unknown fact 'cnml-hours-typo'"),
    ("certifications.yaml", "fact: cnml-hours-bsn", "fact: cenp-experience",
     "certifications.0.routes.0.conditions.2.fact", "has no value"),
    ("certifications.yaml", "        confirm: Confirm the current hours and degree rules with AONL before you plan around them.\n",
     "", "certifications.0.routes.0.confirm", "Field required"),
    ("certifications.yaml", "measure: nurse_manager_hours, fact: cnml-hours-bsn",
     "measure: bedside_hours, fact: cnml-hours-bsn",
     "certifications.0.routes.0.conditions.2.experience.measure", "Input should be"),
    ("certifications.yaml", "    url: https://www.aonl.org/initiatives/cnml-faq",
     "    url: http://www.aonl.org", "certifications.0.url", "should match pattern"),
    ("certifications.yaml", "lesson: into-management", "lesson: into-managment",
     "lesson", "unknown lesson 'into-managment'"),
])
def test_bad_content_is_reported_with_file_place_and_reason(content_dir, file, old, new, place, reason):
    edit(content_dir / file, old, new)
    found = problems(content_dir)
    assert named(found, file, reason, place), found


@pytest.mark.parametrize("old, new, place, reason", [
    ("  high-school: >-", "  retiree: >-", "stage_prompts.retiree", "unknown profile stage 'retiree'"),
    ("  - competency: business\n    ideas:", "  - competency: money\n    ideas:", "ideas.4.competency",
     "unknown competency 'money'"),
    ("title: My leadership experience log\n", "", "title", "Field required"),
    ("lesson: clinical-experience", "lesson: clinical", "lesson", "unknown lesson 'clinical'"),
])
def test_bad_experience_log_content(content_dir, old, new, place, reason):
    edit(content_dir / "experience_log.yaml", old, new)
    found = problems(content_dir)
    assert named(found, "experience_log.yaml", reason, place), found


def test_a_missing_tool_file_is_shown_as_a_message(content_dir, monkeypatch):
    """Without self_assessment.yaml the catalog still loads; the lesson shows a message, not a traceback."""
    import course

    (content_dir / "self_assessment.yaml").unlink()
    cat = catalog.load(content_dir)
    assert cat.self_assessment is None
    monkeypatch.setattr(course, "_catalog", lambda: cat)
    shown = course.self_assessment()
    assert "could not be shown" in repr(shown) and "course check" in repr(shown)
