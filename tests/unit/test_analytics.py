"""Cohort analytics on a small hand-built cohort whose answers are known (tests/unit/cohort_fixture.py)."""
import pytest

from course.mentor import analytics as an

from course.mentor import help_flags, item_stats, learner_record, scenario_stats

from .cohort_fixture import MARKUP_NAME, build


pytestmark = pytest.mark.both_stores  # every test with a store runs on SQLite and on PostgreSQL (tests/pg.py)


@pytest.fixture
def data(store):
    build(store)
    return an.load_cohort(store, "c1")


def test_load_reads_only_the_cohort(data):
    assert set(data.learners["learner_id"]) == {"ann", "ben", "cara", MARKUP_NAME.casefold()}
    assert "dan" not in set(data.events["learner_id"])
    assert data.events["response"].map(type).eq(dict).all()


def test_learner_progress(data, fixture_catalog):
    p = an.learner_progress(data, fixture_catalog).set_index("learner_id")
    assert p.at["ann", "lessons_done"] == 1  # items, exercise, scenario and reflection of alpha
    assert p.at["ben", "lessons_done"] == 0 and p.at["ben", "lessons_started"] == 1
    assert p.at["ann", "items_answered"] == 4 and p.at["ann", "first_try_share"] == pytest.approx(0.75)
    assert p.at["ben", "first_try_share"] == 0.0 and p.at["cara", "first_try_share"] == 1.0
    assert p.at["ben", "days_inactive"] == 29 or p.at["ben", "days_inactive"] == 30
    assert p.at["cara", "days_inactive"] <= 2
    assert list(p["name"]) == sorted(p["name"], key=str.casefold)  # the roster is in name order


def test_lesson_matrix(data, fixture_catalog):
    share, status = an.lesson_matrix(data, fixture_catalog)
    assert list(share.columns) == ["alpha"]  # beta is planned and has no content
    assert status.at["ann", "alpha"] == "complete" and share.at["ann", "alpha"] == 1.0
    # Ben: q-single (out of tries) and q-multi answered, scenario finished: 3 of 7 parts
    assert status.at["ben", "alpha"] == "in progress" and share.at["ben", "alpha"] == pytest.approx(3 / 7)
    assert status.at["cara", "alpha"] == "in progress"


def test_item_analysis_first_try_and_most_chosen_wrong_option(data, fixture_catalog):
    items = item_stats.item_analysis(data, fixture_catalog).set_index("item")
    single = items.loc["q-single"]
    assert single["learners"] == 3 and single["first_try_share"] == pytest.approx(1 / 3)
    assert single["top_wrong"] == "Option A" and single["top_wrong_count"] == 2  # Ann and Ben, first tries
    multi = items.loc["q-multi"]
    assert multi["first_try_share"] == 0.5 and multi["top_wrong"] == "B"
    assert items.loc["q-order", "first_try_share"] == 1.0 and items.loc["q-order", "top_wrong"] == ""
    assert items.loc["q-num", "learners"] == 1


def test_scenario_endings_paths_and_choices(data, fixture_catalog):
    endings = scenario_stats.scenario_endings(data, fixture_catalog).set_index("ending")
    assert endings.at["good-end", "runs"] == 1 and endings.at["bad-end", "runs"] == 1
    assert endings.at["mixed-end", "runs"] == 0 and endings.at["good-end", "share"] == 0.5
    paths = scenario_stats.scenario_paths(data, fixture_catalog)
    expert = paths[paths["expert"]]
    assert len(paths) == 2 and list(expert["path"].iloc[0]) == [
        "Call a quick huddle with the charge nurse.", "Accept the float and redistribute.",
        "Support the nurse to escalate with SBAR."]
    choices = scenario_stats.scenario_choices(data, fixture_catalog).set_index(["node", "choice"])
    assert choices.at[("call", "huddle"), "picks"] == 1 and choices.at[("call", "huddle"), "share"] == 0.5
    assert choices.at[("late", "cover"), "picks"] == 1
    summary = scenario_stats.scenario_summary(data, fixture_catalog).set_index("scenario")
    assert summary.at["night-shift", "learners"] == 2 and summary.at["night-shift", "strong_share"] == 0.5


def test_competency_profiles_cohort_and_one_learner(data, fixture_catalog):
    profile = scenario_stats.competency_profile(data, fixture_catalog, "ann").set_index("domain")
    # per decision: Ann's three decisions moved leadership by +1 and communication by +2 in all
    assert profile.at["leadership", "learner_scenario"] == pytest.approx(1 / 3)
    assert profile.at["communication", "learner_scenario"] == pytest.approx(2 / 3)
    # the cohort average is over the two learners who played, three decisions each:
    # (1/3 + -1/3) / 2, (1/3 + -2/3) / 2, (2/3 + 0) / 2
    assert profile.at["leadership", "cohort_scenario"] == pytest.approx(0)
    assert profile.at["business", "cohort_scenario"] == pytest.approx(-1 / 6)
    assert profile.at["communication", "cohort_scenario"] == pytest.approx(1 / 3)
    assert profile["cohort_readiness"].isna().all()  # no readiness self-assessment in this cohort


def test_the_profile_compares_like_with_like_however_many_scenarios_were_played(store, fixture_catalog):
    """Two learners who decide alike score alike: a second scenario played does not double the score."""
    from .cohort_fixture import DELTAS, Builder

    b = Builder(store)
    b.learner("gil", "Gil", "c1").run([("call", "huddle"), ("plan", "accept"), ("night", "escalate")],
                                      "good-end", "strong", DELTAS)
    b.learner("hal", "Hal", "c1").run([("call", "huddle"), ("plan", "accept"), ("night", "escalate")],
                                      "good-end", "strong", DELTAS)
    b.event("alpha", "scenario:day-shift", "scenario", {"run": "d1", "action": "start"})
    for step, (choice, deltas) in enumerate([("a", {"leadership": 1}), ("b", {"business": 1}),
                                            ("c", {"communication": 2})], 1):  # a second scenario, alike
        b.event("alpha", "scenario:day-shift", "scenario", {"run": "d1", "action": "choice", "node": f"n{step}",
                                                            "choice": choice, "step": step, "deltas": deltas})
    b.save()
    data = an.load_cohort(store, "c1")
    gil = scenario_stats.competency_profile(data, fixture_catalog, "gil").set_index("domain")["learner_scenario"]
    hal = scenario_stats.competency_profile(data, fixture_catalog, "hal").set_index("domain")["learner_scenario"]
    assert hal.to_dict() == pytest.approx(gil.to_dict())  # a sum would give Hal twice Gil's numbers
    assert an.scenario_competencies(data, fixture_catalog).at["hal", "leadership"] == 2  # the capstone's total


def test_a_replay_replaces_the_earlier_run_in_the_profile(store, fixture_catalog):
    from .cohort_fixture import DELTAS, Builder

    b = Builder(store)
    (b.learner("eve", "Eve", "c1")
     .run([("call", "skip"), ("plan", "refuse"), ("late", "cover")], "bad-end", "poor", DELTAS)
     .run([("call", "huddle"), ("plan", "accept"), ("night", "escalate")], "good-end", "strong", DELTAS))
    b.save()
    profile = scenario_stats.competency_profile(an.load_cohort(store, "c1"), fixture_catalog, "eve").set_index("domain")
    assert profile.at["business", "learner_scenario"] == pytest.approx(1 / 3)  # not (1 - 2) / 6


def test_a_replay_left_midway_leaves_the_profile_with_the_finished_run(store, fixture_catalog):
    """The profile's bars describe the same runs as the endings the learner is told about."""
    from .cohort_fixture import DELTAS, Builder

    b = Builder(store)
    (b.learner("eve", "Eve", "c1")
     .run([("call", "huddle"), ("plan", "accept"), ("night", "escalate")], "good-end", "strong", DELTAS))
    b.event("alpha", "scenario:night-shift", "scenario", {"run": "replay", "action": "start"})
    b.event("alpha", "scenario:night-shift", "scenario", {"run": "replay", "action": "choice", "node": "call",
                                                          "choice": "skip", "step": 1, "deltas": DELTAS["skip"]})
    b.save()
    profile = scenario_stats.competency_profile(an.load_cohort(store, "c1"), fixture_catalog, "eve").set_index("domain")
    assert profile.at["leadership", "learner_scenario"] == pytest.approx(1 / 3)
    assert profile.at["communication", "learner_scenario"] == pytest.approx(2 / 3)


def test_readiness_self_assessment_when_present(store, fixture_catalog):
    from .cohort_fixture import Builder

    b = Builder(store)
    (b.learner("fay", "Fay", "c1")
     .event("into-management", "into-management/readiness", "exercise",
            {"ratings": {"leadership": 4, "business": 2}})
     .event("into-management", "into-management/readiness", "exercise",
            {"ratings": {"leadership": 5, "business": 3, "communication": 9}}))  # 9 is out of scale
    b.save()
    ready = an.readiness_profiles(an.load_cohort(store, "c1"), fixture_catalog)
    assert ready.at["fay", "leadership"] == 5 and ready.at["fay", "business"] == 3  # the latest take
    assert ready["communication"].isna().all()


def test_needs_help_gives_the_reasons(data, fixture_catalog):
    helped = help_flags.needs_help(data, fixture_catalog).set_index("learner_id")
    assert list(helped.index) == ["ben"]
    assert helped.at["ben", "reason"] == "no activity for 30 days" and helped.at["ben", "first_reason"] == "inactive"
    lenient = help_flags.needs_help(data, fixture_catalog, inactive_days=365, low_first_try=0.99)
    assert lenient.empty  # Ann's 75% and Ben's 0% are shares of 4 and 2 self-checks: too few to judge


def test_needs_help_waits_for_evidence_and_ranks_by_reason(store, fixture_catalog):
    """A first-try share counts from ten self-checks on, poor endings from two finished scenarios;
    the quiet come first, the longest quiet first, then the lowest shares."""
    from .cohort_fixture import DELTAS, Builder

    b = Builder(store)
    steps = [("call", "skip"), ("plan", "refuse"), ("late", "cover")]

    def answers(builder, right, wrong):
        for i in range(right + wrong):
            builder.event("alpha", f"q-{i}", "answer", {"choice": "a"}, i < right, 1.0 if i < right else 0.0)
        return builder

    answers(b.learner("few", "Few Answers", "c1"), 0, 9)  # 0% of 9: not enough to judge
    answers(b.learner("low", "Low Share", "c1"), 2, 8)  # 20% of 10
    answers(b.learner("mid", "Mid Share", "c1"), 4, 6)  # 40% of 10
    b.learner("one", "One Poor Run", "c1").run(steps, "bad-end", "poor", DELTAS)
    b.learner("two", "Two Poor Runs", "c1").run(steps, "bad-end", "poor", DELTAS)
    b.event("alpha", "scenario:day-shift", "scenario", {"run": "d", "action": "end", "ending": "x", "rating": "poor"})
    answers(b.learner("quiet", "Quiet And Low", "c1", days_ago=20), 1, 9)
    b.learner("quieter", "Quieter", "c1", days_ago=40)
    b.save()
    helped = help_flags.needs_help(an.load_cohort(store, "c1"), fixture_catalog)
    assert list(helped["learner_id"]) == ["quieter", "quiet", "low", "mid", "two"]
    reasons = helped.set_index("learner_id")["reason"]
    assert reasons["quiet"] == ("no activity for 20 days; right on the first try in 10% of 10 self-checks "
                                "(below 50%)")
    assert reasons["two"] == "all 2 scenarios finished so far ended poorly"


def test_learner_detail(data, fixture_catalog):
    detail = learner_record.learner_detail(data, fixture_catalog, "ann")
    single = next(a for a in detail["answers"] if a["item"] == "q-single")
    assert single["tries"] == 2 and single["first_try_correct"] is False and single["correct"] is True
    assert single["answer"] == "Option B"
    assert detail["runs"][0]["ending"] == {"title": "A safe night", "rating": "strong"}
    assert detail["reflections"][0]["text"] == "Huddles matter."
    assert detail["plans"][0]["item"] == "sorter"


def test_a_log_of_entries_is_replayed_for_the_drill_down(store, fixture_catalog):
    from .cohort_fixture import Builder

    b = Builder(store)
    (b.learner("gus", "Gus", "c1")
     .event("beta", "beta/experience-log", "exercise", {"action": "add", "id": "e1", "entry": {"what": "led a huddle"}})
     .event("beta", "beta/experience-log", "exercise", {"action": "add", "id": "e2", "entry": {"what": "budget"}})
     .event("beta", "beta/experience-log", "exercise", {"action": "edit", "id": "e1", "entry": {"what": "led two"}})
     .event("beta", "beta/experience-log", "exercise", {"action": "delete", "id": "e2"}))
    b.save()
    plans = learner_record.learner_detail(an.load_cohort(store, "c1"), fixture_catalog, "gus")["plans"]
    assert plans[0]["response"] == {"entries": [{"what": "led two"}]}


def test_an_empty_cohort_gives_empty_views(store, fixture_catalog):
    store.ensure_cohort("empty")
    data = an.load_cohort(store, "empty")
    assert an.learner_progress(data, fixture_catalog).empty
    assert help_flags.needs_help(data, fixture_catalog).empty
    assert item_stats.item_analysis(data, fixture_catalog)["learners"].eq(0).all()
    assert scenario_stats.scenario_paths(data, fixture_catalog).empty


def test_live_session_answers_appear_for_the_cohort_and_the_learner(data, fixture_catalog):
    live = learner_record.live_summary(data, fixture_catalog)
    assert len(live) == 1
    row = live.iloc[0]
    assert row["code"] == "KM4Q7P" and row["answers"] == 1 and row["correct_share"] == 0.0
    assert row["top_answer"] == "Option C" and "Which one?" in row["prompt"]
    detail = learner_record.learner_detail(data, fixture_catalog, "cara")
    assert detail["live"][0]["answer"] == "Option C" and detail["live"][0]["correct"] is False
    assert detail["plans"] == []  # a live answer is not an exercise entry


def test_try_this_again_the_mentor_keeps_first_tries_the_learner_the_latest_run(store, fixture_catalog):
    """Ben got q-single wrong twice (out of tries); he tries it again with a hint and gets it right. His
    progress follows the new run; the item analysis still counts his first answer ever, and his
    answers view says he used a hint and a second run."""
    build(store)
    before = item_stats.item_analysis(an.load_cohort(store, "c1"), fixture_catalog).set_index("item").loc["q-single"]
    for kind, item, response, correct in (("reset", "q-single", {}, None),
                                          ("hint", "q-single/hint", {}, None),
                                          ("answer", "q-single", {"choice": "b"}, True)):
        store.record(learner_id="ben", cohort_id="c1", lesson="alpha", item=item, kind=kind, response=response,
                     correct=correct)
    data = an.load_cohort(store, "c1")
    after = item_stats.item_analysis(data, fixture_catalog).set_index("item").loc["q-single"]
    assert (after["learners"], after["first_try_share"]) == (before["learners"], before["first_try_share"])
    assert an.learner_progress(data, fixture_catalog).set_index("learner_id").at["ben", "first_try_share"] == 0.0
    state = an._states(data)["ben"]["q-single"]
    assert state["attempts"] == 1 and state["correct"] is True  # the same as Store.latest_state gives
    assert store.latest_state("ben", "alpha")["q-single"]["attempts"] == 1
    single = next(a for a in learner_record.learner_detail(data, fixture_catalog, "ben")["answers"] if a["item"] == "q-single")
    assert single["tries"] == 3 and single["runs"] == 2 and single["hints"] == 1
    assert single["first_try_correct"] is False and single["correct"] is True
    plans = learner_record.learner_detail(data, fixture_catalog, "ben")["plans"]
    assert all(p["kind"] not in ("hint", "reset", "draft") for p in plans)
