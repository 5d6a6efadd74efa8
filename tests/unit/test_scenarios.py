"""The scenario engine: the validator's rejections, every path of every scenario, the player."""

import pytest

from course import catalog
from course.engine import scenarios
from course.engine.scenarios import Run
from course.ui.learner.scenario import ScenarioPlayer

from ..conftest import FIXTURES
from .content_edits import edit, problems
from .sessions import signed_in_session


def test_every_path_of_every_real_scenario_reaches_an_ending(cat):
    for sid, sc in cat.scenarios.items():
        paths = list(scenarios.all_paths(sc))
        assert len(paths) == cat.scenario_stats[sid].paths
        for path in paths:
            run = Run(sc)
            for node_id, choice_id in path[:-1]:
                assert run.node_id == node_id
                run.choose(choice_id)
            assert run.finished and run.node_id == path[-1][0], (sid, path)
            assert len(path) - 1 >= 3, f"{sid}: a path with fewer than 3 decisions"


def test_real_scenarios_meet_the_course_bar(cat):
    assert len(cat.scenarios) == 14
    by_lesson = {}
    for sc in cat.scenarios.values():
        by_lesson.setdefault(sc.lesson, set()).add(sc.id)
    assert set(by_lesson) == {"leading-teams", "communication", "operations-toolkit", "quality-safety",
                              "people-staffing"}
    for sid, stats in cat.scenario_stats.items():
        sc = cat.scenarios[sid]
        assert stats.endings >= 3 and stats.min_depth >= 3, sid
        ratings = {n.ending.rating for n in sc.nodes if n.ending}
        assert ratings == {"strong", "mixed", "poor"}, sid
        uses_state = any(c.sets for n in sc.nodes for c in n.choices)
        assert uses_state, f"{sid} never branches on earlier choices"


def test_fixture_analysis(fixture_catalog):
    stats = fixture_catalog.scenario_stats["night-shift"]
    assert stats.summary("night-shift") == {"id": "night-shift", "nodes": 7, "endings": 3, "paths": 8,
                                            "min_depth": 3, "max_depth": 3}


NOTEBOOKS = FIXTURES / "notebooks"


def problems_after(fixture_content_dir, old, new):
    edit(fixture_content_dir / "scenarios" / "night-shift.yaml", old, new)
    return [f"{p}: {r}" for f, p, r in problems(fixture_content_dir, NOTEBOOKS) if f.endswith("night-shift.yaml")]


@pytest.mark.parametrize("old, new, expected", [
    ("next: good-end", "next: nowhere", "unknown node 'nowhere'"),  # dangling reference
    ("    choices:\n      - id: escalate", "    choices:\n      - id: escalate\n        sets: [x]\n        text: t\n        next: night\n        feedback: f\n      - id: escalate2",
     "can go round for ever"),  # a path that never ends
    ("        feedback: Structured escalation.\n", "", "feedback: Field required"),
    ("deltas: {communication: 2}", "deltas: {communication: 3}", "outside -2..2"),
    ("deltas: {business: 1}", "deltas: {finance: 1}", "unknown competency 'finance'"),
    ("{when: skipped-huddle, to: late}", "{when: skipped-huddle, to: bad-end}", "at least 3"),
    ("  - id: mixed-end\n", "  - id: mixed-end-unused\n", "unknown node 'mixed-end'"),
    ("unless: skipped-huddle", "unless: never-set", "flag 'never-set', which no choice sets"),
    ("        expert: true\n      - id: skip", "      - id: skip", "exactly one choice per decision must be marked expert"),
])
def test_validator_rejects(fixture_content_dir, old, new, expected):
    problems = problems_after(fixture_content_dir, old, new)
    assert any(expected in p for p in problems), problems


def test_validator_rejects_dead_end(fixture_content_dir):
    path = fixture_content_dir / "scenarios" / "night-shift.yaml"
    text = path.read_text()
    for feedback in ("Too late to help tonight.", "Nobody is left to coordinate."):
        text = text.replace(f"feedback: {feedback}", f"feedback: {feedback}\n        unless: skipped-huddle")
    path.write_text(text)
    assert any("dead end" in r and "'late'" in r for _, _, r in problems(fixture_content_dir, NOTEBOOKS))


def test_validator_rejects_unreachable_node(fixture_content_dir):
    path = fixture_content_dir / "scenarios" / "night-shift.yaml"
    path.write_text(path.read_text().replace("next: bad-end", "next: mixed-end"))
    assert any("can never be reached" in r for _, _, r in problems(fixture_content_dir, NOTEBOOKS))


def test_run_refuses_choices_not_offered(fixture_catalog):
    run = Run(fixture_catalog.scenarios["night-shift"])
    with pytest.raises(ValueError):
        run.choose("escalate")  # belongs to a later node
    run.choose("skip")
    assert "skipped-huddle" in run.flags
    assert "nobody told her" in " ".join(run.situation())  # a variant reacts to the earlier choice
    run.choose("accept")
    assert {c.id for c in run.choices()} == {"escalate", "alone"}  # requires/unless


def play(player, choice_id):
    button = next(b for b in player.choice_box.children
                  if b.description == next(c.text for c in player.run.choices() if c.id == choice_id))
    button.click()
    player.continue_button.click()


def test_player_records_every_choice_and_resumes(fixture_catalog, session, db_url):
    sc = fixture_catalog.scenarios["night-shift"]
    player = ScenarioPlayer(sc, fixture_catalog, session)
    assert "Decision 1" in player.where.value and "Two nurses call out" in player.situation.value
    play(player, "huddle")
    assert "Decision 2" in player.where.value
    # a new kernel: the learner resumes at decision 2
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    resumed = ScenarioPlayer(sc, fixture_catalog, later)
    assert resumed.run.node_id == "plan" and "Decision 2" in resumed.where.value
    play(resumed, "accept")
    play(resumed, "wait")
    assert resumed.run.finished
    assert "A mixed ending" in resumed.debrief.value and "Escalate sooner." in resumed.debrief.value
    assert "Competency changes in this run" in resumed.debrief.value
    assert "Support the nurse to escalate with SBAR." in resumed.debrief.value  # the expert path beside
    history = later.store().events_for("alex kim")
    actions = [e["response"]["action"] for e in history]
    assert actions == ["start", "choice", "choice", "choice", "end"]
    assert history[-1]["response"]["rating"] == "mixed"
    # start again: a new run
    resumed.restart_button.click()
    assert resumed.run.node_id == "call" and not resumed.run.steps


def test_player_ignores_a_tampered_choice(fixture_catalog, session, caplog):
    player = ScenarioPlayer(fixture_catalog.scenarios["night-shift"], fixture_catalog, session)
    player.choose("escalate")
    assert player.run.node_id == "call" and "does not offer" in caplog.text
    assert session.store().events_for("alex kim") == []


def test_player_escapes_text(fixture_catalog, session, fixture_content_dir):
    path = fixture_content_dir / "scenarios" / "night-shift.yaml"
    path.write_text(path.read_text().replace("Two nurses call out at 17:00.", "<script>x()</script> call out."))
    cat = catalog.load(fixture_content_dir, NOTEBOOKS)
    player = ScenarioPlayer(cat.scenarios["night-shift"], cat, session)
    assert "&lt;script&gt;" in player.situation.value and "<script>" not in player.situation.value
