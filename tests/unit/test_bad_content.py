"""Bad content in any tool's file is named with the file, the place inside it and the reason (what
`course check` prints), one broken copy at a time; a missing tool file leaves the catalog loading
and the lesson showing a message, not a traceback. Each content file's cases are listed under the
lesson that uses it."""
import pytest

import course
from course import catalog
from course.pages import common as pages_common

from .content_edits import edit, named, problems

CASES = [  # file, text there now, what it becomes, the place named, the reason given (None: still valid)
    # lesson 04's self-assessment
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
    # lesson 04's certification explorer
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
    # lesson 03's experience log
    ("experience_log.yaml", "  high-school: >-", "  retiree: >-", "stage_prompts.retiree", "unknown profile stage 'retiree'"),
    ("experience_log.yaml", "  - competency: business\n    ideas:", "  - competency: money\n    ideas:", "ideas.4.competency",
     "unknown competency 'money'"),
    ("experience_log.yaml", "title: My leadership experience log\n", "", "title", "Field required"),
    ("experience_log.yaml", "lesson: clinical-experience", "lesson: clinical", "lesson", "unknown lesson 'clinical'"),
    # lesson 05's situational leadership matcher
    ("situational_leadership.yaml", "    style: telling\n", "    style: bossing\n", "rules.0.style", "unknown style 'bossing'"),
    ("situational_leadership.yaml", "    style: participating\n", "    style: bossing\n", "styles.2", "style 'participating' is never matched"),
    ("situational_leadership.yaml", "  - experience: new\n    confidence: keen", "  - experience: new\n    confidence: unsure",
     "rules.1", "a second rule for experience 'new' and confidence 'unsure'"),
    ("situational_leadership.yaml", "  - experience: new\n    confidence: keen", "  - experience: new\n    confidence: unsure",
     "rules", "no rule for experience 'new' and confidence 'keen'"),
    ("situational_leadership.yaml", "  - experience: some\n    confidence: unsure", "  - experience: lots\n    confidence: unsure",
     "rules.2.experience", "unknown experience level 'lots'"),
    ("situational_leadership.yaml", "  - id: some\n", "  - id: new\n", "experience", "duplicate id 'new'"),
    ("situational_leadership.yaml", "max_people: 3", "max_people: 9", "max_people", "less than or equal to 5"),
    ("situational_leadership.yaml", "lesson: leading-teams", "lesson: leading-team", "lesson", "unknown lesson 'leading-team'"),
    ("situational_leadership.yaml", "title: Which leadership style fits? Match it to your own team\n", "", "title", "Field required"),
    ("situational_leadership.yaml", "    why: >-\n      Someone new", "    because: >-\n      Someone new", "rules.0.because", "Extra inputs"),
    # lesson 06's SBAR exercise
    ("sbar.yaml", "  - id: assessment\n    label", "  - id: background\n    label", "parts",
     "situation, background, assessment and recommendation"),
    ("sbar.yaml", "  - part: recommendation\n", "  - part: assessment\n", "model_answer",
     "situation, background, assessment and recommendation"),
    ("sbar.yaml", "    max_chars: 300\n", "    max_chars: 100\n", "model_answer.0.text", "more than the learner may write (100)"),
    ("sbar.yaml", "    max_chars: 300\n", "    max_chars: 5000\n", "parts.0.max_chars", "less than or equal to 2000"),
    ("sbar.yaml", "    part: situation\n    question: Does it name", "    part: summary\n    question: Does it name",
     "checklist.1.part", "Input should be"),
    ("sbar.yaml", "  - id: s-unit\n", "  - id: s-headline\n", "checklist", "duplicate id 's-headline'"),
    ("sbar.yaml", "  - id: a-separate\n    part: assessment\n", "  - id: a-separate\n    part: whole\n",
     "checklist", None),  # one assessment question is left: still valid, see the next case
    ("sbar.yaml", "lesson: communication", "lesson: comms", "lesson", "unknown lesson 'comms'"),
    ("sbar.yaml", "case_title: Five infusion pumps out of service on 6 North\n", "", "case_title", "Field required"),
    ("sbar.yaml", "min_chars: 10\n", "min_chars: ten\n", "min_chars", "valid integer"),
    # lesson 07's operations toolkit
    ("operations_toolkit.yaml", "  fte_fact: fte-annual-hours", "  fte_fact: fte-hours", "budget_lab.fte_fact", "unknown fact 'fte-hours'"),
    ("operations_toolkit.yaml", "  fte_fact: fte-annual-hours", "  fte_fact: cenp-experience", "budget_lab.fte_fact", "has no value"),
    ("operations_toolkit.yaml", "  month: \"2026-01\"", "  month: \"2026-13\"", "budget_lab.month", "should match pattern"),
    ("operations_toolkit.yaml", "How many FTEs did the month's paid hours amount to?", "How many FTEs ({ftes})?",
     "budget_lab.steps.0.prompt", "'{ftes}' is an answer: it may appear only in the explanation"),
    ("operations_toolkit.yaml", "the month's worked hours ÷\n        the month's patient days.", "{worked_hours}.",
     "budget_lab.steps.1.hint", "unknown placeholder '{worked_hours}'"),
    ("operations_toolkit.yaml", "= {flexible_budget}.", "= {flexible_budget:.2f}.", "budget_lab.steps.2.explanation", "format spec"),
    ("operations_toolkit.yaml", "figure: rate_variance", "figure: profit", "budget_lab.steps.3.fields.2.figure", "Input should be"),
    ("operations_toolkit.yaml", "figure: rate_variance", "figure: volume_variance", "budget_lab.steps.3", "same figure twice"),
    ("operations_toolkit.yaml", "    - id: hppd\n      title:", "    - id: fte\n      title:", "budget_lab.steps", "duplicate step id: fte"),
    ("operations_toolkit.yaml", "tolerance: 0.1}", "tolerance: 0}", "budget_lab.steps.0.fields.0.tolerance", "greater than 0"),
    ("operations_toolkit.yaml", "      better: higher", "      better: more", "kpi_dashboard.kpis.5.better", "Input should be"),
    ("operations_toolkit.yaml", "    - id: falls\n", "    - id: falls-per-bed\n", "kpi_dashboard.kpis.3.id", "Input should be"),
    ("operations_toolkit.yaml", "      kind: choice\n      options:\n", "      kind: text\n      options:\n",
     "change_plan.fields.7", "only a choice field has options"),
    ("operations_toolkit.yaml", "    - id: involve\n", "    - id: why-staff\n", "change_plan.fields", "duplicate field id: why-staff"),
    ("operations_toolkit.yaml", "lesson: operations-toolkit\n", "lesson: operations\n", "lesson", "unknown lesson 'operations'"),
    ("operations_toolkit.yaml", "  beds: 32\n", "", "unit.beds", "Field required"),
    # lessons 08-09's tools
    ("quality_safety.yaml", "shift_fact: run-chart-shift-points", "shift_fact: no-such-fact",
     "run_chart.shift_fact", "unknown fact 'no-such-fact'"),
    ("quality_safety.yaml", "trend_fact: run-chart-trend-points", "trend_fact: ndnqi-falls-rate",
     "run_chart.trend_fact", "whole-number value of 2 or more"),
    ("quality_safety.yaml", "file: unit-falls.csv", "file: unit-flls.csv",
     "run_chart.sample.file", "could not be read"),
    ("quality_safety.yaml", "  max_points: 24", "  max_points: 20",
     "run_chart.sample.file", "the sample has 24 months; the tool takes 12 to 20"),
    ("quality_safety.yaml", "    - id: when\n", "    - id: why\n", "pdsa.fields.5.id", "Input should be"),
    ("quality_safety.yaml", "    - {id: abandon, label: Abandon it and try another change}\n", "",
     "pdsa", "act_options: list each of"),
    ("quality_safety.yaml", "lesson: quality-safety", "lesson: quality", "lesson", "unknown lesson 'quality'"),
    ("people_staffing.yaml", "fte_fact: fte-annual-hours", "fte_fact: fte-hours",
     "staffing_grid.fte_fact", "unknown fact 'fte-hours'"),
    ("people_staffing.yaml", "    hppd:\n      label: Nursing hours per patient day (for HPPD)\n",
     "    hppd_typo:\n      label: Nursing hours per patient day (for HPPD)\n",
     "staffing_grid.fields.hppd_typo.[key]", "Input should be 'unit', 'beds'"),
    ("people_staffing.yaml", "    - {id: hppd, label: Hours per patient day (HPPD)}\n", "",
     "staffing_grid.method_options", "at least 2 items"),
    # lesson 10's development plan
    ("development_plan.yaml", "kind_domains:\n  education: professionalism", "kind_domains:\n  education: astrology",
     "kind_domains.education", "unknown competency 'astrology'"),
    ("development_plan.yaml", "    title: Pathway\n    lesson: education", "    title: Pathway\n    lesson: lesson-99",
     "parts.1.lesson", "unknown lesson 'lesson-99'"),
    ("development_plan.yaml", "    days: 30\n", "    days: 0\n", "horizons.0.days", "greater than or equal to 1"),
    ("development_plan.yaml", "    draws_on: review", "    draws_on: horoscope", "horizons.2.draws_on", "'weakest-domains'"),
    ("development_plan.yaml", "review_domain: professionalism", "review_domain: nope", "review_domain", "unknown competency 'nope'"),
    ("development_plan.yaml", "  - id: goals\n", "  - id: profile\n", "", "parts: list 'profile' exactly once"),
    ("development_plan.yaml", "    days: 60\n", "    days: 20\n", "", "from the nearest to the farthest"),
]


def case_id(case):
    file, _old, _new, place, _reason = case
    return f"{file.removesuffix('.yaml')}:{place or 'file'}"


@pytest.mark.parametrize("file, old, new, place, reason", CASES, ids=[case_id(c) for c in CASES])
def test_bad_content_is_named_with_file_place_and_reason(content_dir, file, old, new, place, reason):
    edit(content_dir / file, old, new)
    if reason is None:
        assert catalog.load(content_dir), "this change leaves the content valid"
        return
    found = problems(content_dir)
    assert named(found, file, reason, place), found


def test_the_unbroken_tool_files_load(cat):
    assert cat.experience_log and cat.self_assessment and cat.certifications and cat.style_matcher
    assert cat.sbar and cat.operations and cat.quality and cat.staffing and cat.development_plan


@pytest.mark.parametrize("file, tool, call", [
    ("self_assessment.yaml", "self_assessment", course.self_assessment),
    ("situational_leadership.yaml", "style_matcher", course.style_matcher),
])
def test_a_missing_tool_file_is_shown_as_a_message(content_dir, monkeypatch, file, tool, call):
    (content_dir / file).unlink()
    cat = catalog.load(content_dir)
    assert getattr(cat, tool) is None
    monkeypatch.setattr(pages_common, "catalog", lambda: cat)
    shown = repr(call())
    assert "could not be shown" in shown and file in shown and "course check" in shown
