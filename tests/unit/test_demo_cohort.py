"""`course demo-cohort`: the right number of invented learners, all marked as demo data, doing
plausible things with the real content (answers to real items, paths the scenario engine allows)."""
import json
from collections import defaultdict

import pytest
import sqlalchemy as sa

from course.mentor import analytics as an
from course.cli.main import main as cli_main
from course.mentor.demo import make_demo_cohort
from course.engine.scenarios import Run
from course.store.tables import cohorts, events, learners


def all_rows(store, table, **where):
    query = sa.select(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query.order_by(*table.primary_key.columns)).mappings()]


@pytest.fixture
def demo(store, fixture_catalog):
    summary = make_demo_cohort(store, 60, "demo-test", seed=3, catalog=fixture_catalog)
    return store, summary


def test_counts_and_demo_flags(demo):
    store, summary = demo
    people = all_rows(store, learners, cohort_id="demo-test")
    assert summary["learners"] == len(people) == 60
    assert all(p["is_demo"] and p["id"].startswith("demo:demo-test:") for p in people)
    assert len({p["display_name"] for p in people}) == 60
    assert all_rows(store, cohorts, id="demo-test")[0]["is_demo"] is True
    acts = all_rows(store, events, cohort_id="demo-test")
    assert summary["events"] == len(acts) > 60 * 3
    assert {c["id"]: c["is_demo"] for c in store.cohort_list()} == {"demo-test": True}


def test_answers_are_real_items_often_wrong_then_right(demo, fixture_catalog):
    store, _ = demo
    acts = all_rows(store, events, cohort_id="demo-test")
    answers = [a for a in acts if a["kind"] == "answer"]
    assert {a["item"] for a in answers} == set(fixture_catalog.items)
    sequences = defaultdict(list)
    for a in answers:
        item = fixture_catalog.items[a["item"]]
        response = json.loads(a["response"])
        if item.kind == "single":
            assert response["choice"] in {o.id for o in item.options}
        sequences[(a["learner_id"], a["item"])].append(a["correct"])
    for (_learner, item_id), tries in sequences.items():
        most = fixture_catalog.items[item_id].max_tries
        assert len(tries) <= most and (tries[-1] or len(tries) == most or tries == [False])
        assert all(t is False for t in tries[:-1])  # nobody answers again after a right answer
    wrong_then_right = sum(tries == [False, True] for tries in sequences.values())
    right_first = sum(tries[0] for tries in sequences.values())
    assert wrong_then_right > 5 and right_first > wrong_then_right  # varied and plausible


def test_scenario_runs_follow_paths_the_engine_allows(demo, fixture_catalog):
    store, _ = demo
    acts = [a for a in all_rows(store, events, cohort_id="demo-test") if a["kind"] == "scenario"]
    runs = defaultdict(list)
    for a in acts:
        response = json.loads(a["response"])
        runs[response["run"]].append(response)
    endings = set()
    for steps in runs.values():
        assert steps[0]["action"] == "start"
        replay = Run(fixture_catalog.scenarios["night-shift"])
        for step in steps[1:]:
            if step["action"] == "choice":
                replay.choose(step["choice"])  # raises if the demo took a choice not offered
            else:
                assert replay.finished and step["ending"] == replay.node_id and step["path"] == [c for _, c in replay.steps]
                endings.add(step["rating"])
    assert len(endings) >= 2  # not everyone takes the same path


def test_progress_varies_and_reflections_exist(demo, fixture_catalog):
    store, _ = demo
    data = an.load_cohort(store, "demo-test")
    progress = an.learner_progress(data, fixture_catalog)
    assert progress["lessons_done"].nunique() == 2  # some finished alpha, some did not
    assert progress["days_inactive"].max() >= 14 and progress["days_inactive"].min() <= 6
    assert (data.events["kind"] == "reflection").sum() > 5  # the count follows the seeded draws
    assert not an.needs_help(data, fixture_catalog).empty


def test_running_again_replaces_the_demo_and_never_touches_real_learners(store, fixture_catalog):
    make_demo_cohort(store, 10, "demo-test", catalog=fixture_catalog)
    make_demo_cohort(store, 12, "demo-test", catalog=fixture_catalog)
    assert len(all_rows(store, learners, cohort_id="demo-test")) == 12
    store.ensure_learner("real person", "Real Person", "spring")
    with pytest.raises(ValueError, match="real learners"):
        make_demo_cohort(store, 5, "spring", catalog=fixture_catalog)
    assert len(all_rows(store, learners, cohort_id="spring")) == 1
    with pytest.raises(ValueError, match="between"):
        make_demo_cohort(store, 0, "demo-x", catalog=fixture_catalog)
    with pytest.raises(ValueError):
        make_demo_cohort(store, 5, "Bad Name!", catalog=fixture_catalog)


def test_cli_demo_cohort(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("COURSE_DB_URL", url)
    assert cli_main(["demo-cohort", "--learners", "25", "--cohort", "demo-cli"]) == 0
    out = capsys.readouterr().out
    assert "25 learners" in out and "DEMO DATA" in out
    from course.store.core import Store

    assert len(all_rows(Store(url), learners, cohort_id="demo-cli")) == 25
