"""Event item keys: built in course/keys.py, read back the same way, and (until every widget builds
its keys there) equal to what each widget module still builds itself."""
from course import keys


def test_keys_read_back_what_they_build():
    assert keys.hint_of(keys.hint("role-scope")) == "role-scope"
    assert keys.scenario_of(keys.scenario("staffing-shortage")) == "staffing-shortage"
    assert keys.scenario_of(keys.scenario_ending("staffing-shortage")) == "staffing-shortage"
    assert keys.scenario_of("the-role/reflection") is None
    assert keys.is_reflection(keys.reflection("the-role")) and not keys.is_reflection("the-role/run-chart")
    assert keys.in_lesson(keys.run_chart("quality-safety"), "quality-safety")
    assert not keys.in_lesson(keys.run_chart("quality-safety"), "quality")


def test_stored_keys_keep_their_shape():
    """Learners' saved work is filed under these: a changed shape would lose it."""
    assert keys.reflection("the-role") == "the-role/reflection"
    assert keys.scenario_ending("s1") == "scenario:s1/ending"
    assert keys.draft("x") == "x/draft" and keys.hint("q") == "q/hint"
    assert keys.PROFILE == "start-here/profile" and keys.PATHWAY == "education/pathway"
    assert keys.budget_lab("operations-toolkit", "fte") == "operations-toolkit/budget-lab/fte"
    assert keys.development_goal("capstone", "d30") == "capstone/development-plan/d30"


def test_the_widgets_build_the_same_keys(cat):
    from course.capstone import plan
    from course.engine import pdsa, run_chart_entry, staffing
    from course.mentor import analytics
    from course.mentor import live
    from course.ui.learner import budget_lab, certifications, change_plan, experience_log, planner, sbar
    from course.ui.learner import scenario, self_assessment, sort

    assert scenario.item_id("s1") == keys.scenario("s1") and scenario.ending_item("s1") == keys.scenario_ending("s1")
    assert experience_log.item_id("l") == keys.experience_log("l")
    assert change_plan.item_id("l") == keys.change_plan("l")
    assert budget_lab.item_id("l", "fte") == keys.budget_lab("l", "fte")
    assert certifications.item_id(cat.certifications) == keys.certifications(cat.certifications.lesson)
    assert self_assessment.item_id(cat.self_assessment) == keys.self_assessment(cat.self_assessment.lesson,
                                                                                 cat.self_assessment.id)
    assert planner.ITEM == keys.PATHWAY
    assert (sbar.CHECKLIST_SUFFIX, sbar.REVEAL_SUFFIX, sort.INVENTORY_SUFFIX) == (keys.CHECKLIST, keys.REVEAL,
                                                                                 keys.INVENTORY)
    assert plan.goals_item(cat.development_plan) == keys.development_plan(cat.development_plan.lesson)
    assert (analytics.SCENARIO_PREFIX, analytics.ENDING_SUFFIX) == (keys.SCENARIO_PREFIX, keys.ENDING)
    assert live.SCENARIO_PREFIX == keys.SCENARIO_PREFIX
    assert analytics.READINESS_PREFIX == cat.self_assessment.lesson + "/"
    for lesson in ("l",):
        assert (pdsa.item_id(lesson), run_chart_entry.item_id(lesson), staffing.item_id(lesson)) == (
            keys.pdsa_plan(lesson), keys.run_chart(lesson), keys.staffing_grid(lesson))
