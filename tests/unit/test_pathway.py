"""The pathway planner's logic (course/engine/pathway.py) on the real content, from several starting
points, and the content checks that report bad pathway content with file, place and reason.

Expected lengths are read from facts.yaml, so the tests follow a figure when it is updated."""

import pytest
from pydantic import ValidationError

from course import catalog
from course.paths import NOTEBOOK_DIR
from course.engine.pathway import (NO_DEGREE, Choices, build_plan, check_choices, default_choices, fact_years,
                            option_rows, parse_choices)
from course.engine.profile import Profile

from .content_edits import edit, edit_yaml, named, problems, set_at


@pytest.fixture(scope="module")
def pw(cat):
    return cat.pathways


def years(cat, fact_id):
    return fact_years(cat.facts[fact_id])


def plan_for(cat, profile, **choices):
    base = default_choices(cat.pathways, profile).model_dump()
    base.update(choices)
    return build_plan(profile, Choices(**base), cat.pathways, cat.facts)


def step(plan, step_id):
    return next(s for s in plan.steps if s.id == step_id)


def ids(plan):
    return [s.id for s in plan.steps]


# --- starting points ---------------------------------------------------------------------------

def test_high_school_student_in_nursing(cat):
    profile = Profile(stage="high-school", field="nursing")
    plan = plan_for(cat, profile)  # defaults: nursing route, MSN, full-time, 3 years of practice
    bsn_years, _ = years(cat, "rn-bsn-years")
    grad_low, grad_high = years(cat, "bls-graduate-program-length")
    assert plan.origin == "after high school" and plan.done == ()
    assert ids(plan) == ["bsn", "rn-license", "practice", "first-leadership", "msn", "apply"]
    assert step(plan, "bsn").start == 0 and step(plan, "bsn").years == bsn_years
    assert step(plan, "rn-license").milestone and step(plan, "rn-license").start == bsn_years
    assert step(plan, "practice").start == bsn_years and step(plan, "practice").source == "yours"
    msn = step(plan, "msn")  # full-time: after the practice years
    assert msn.start == bsn_years + 3 and (msn.years, msn.years_high) == (grad_low, grad_high)
    assert (plan.total, plan.total_high) == (bsn_years + 3 + grad_low, bsn_years + 3 + grad_high)
    lead = step(plan, "first-leadership")
    assert lead.end == step(plan, "practice").end and lead.source == "suggested"
    assert any("Full-time study" in n for n in plan.notes)


def test_practising_rn_with_a_bsn(cat, pw):
    profile = Profile(stage="clinician", field="nursing", clinical_years=4, degrees=("bsn",), licensed=True)
    plan = plan_for(cat, profile, practice_years=6, graduate="msn", pace="part-time")
    done = {d.id: d.why for d in plan.done}
    assert set(done) == {"bsn", "rn-license", "practice-so-far"}
    assert done["practice-so-far"] == "4 years so far"
    grad_low, grad_high = years(cat, "bls-graduate-program-length")
    factor = pw.planning.part_time_factor
    msn = step(plan, "msn")
    assert msn.start == 0 and msn.source == "part-time" and "part-time" in msn.label
    assert (msn.years, msn.years_high) == (grad_low * factor, grad_high * factor)
    practice = step(plan, "practice")  # keeps going until the part-time degree is done
    assert practice.start == 0 and practice.end == msn.end and practice.source == "until-study-ends"
    assert plan.origin == "from now" and plan.total == grad_low * factor
    assert pw.planning.part_time_note in plan.notes


def test_physician_with_leadership_adds_a_full_time_mba(cat):
    profile = Profile(stage="clinician", field="medicine", clinical_years=8, licensed=True,
                      degrees=("bachelor-science", "md"), leadership_roles=True)
    plan = plan_for(cat, profile, graduate="mba", pace="full-time", practice_years=5)
    assert {"bachelor-premed", "md", "residency", "physician-license", "first-leadership"} <= {d.id for d in plan.done}
    assert ids(plan) == ["mba", "apply"]  # practice already long enough, leadership already begun
    low, high = years(cat, "bls-graduate-program-length")
    assert step(plan, "mba").start == 0 and (plan.total, plan.total_high) == (low, high)
    assert "medical director" in step(plan, "apply").label


def test_psychology_undergraduate(cat):
    profile = Profile(stage="undergraduate", field="mental-health", degrees=())
    plan = plan_for(cat, profile, years_left=1.5, graduate=NO_DEGREE)
    first = plan.steps[0]
    assert first.id == "bachelor-psychology" and first.status == "in-progress" and first.years == 1.5
    phd = step(plan, "phd-psychology")
    assert phd.start == 1.5 and phd.years == years(cat, "psychology-doctorate-median-years")[0]
    assert step(plan, "psychologist-license").milestone and step(plan, "psychologist-license").start == phd.end
    assert "msn" not in ids(plan) and "mha" not in ids(plan)
    assert any("Counselors and clinical social workers" in n for n in plan.notes)


def test_unrelated_bachelors_back_in_school_for_nursing(cat):
    profile = Profile(stage="undergraduate", field="nursing", degrees=("bachelor-other",))
    plan = plan_for(cat, profile, years_left=3)
    bsn = step(plan, "bsn")  # another field's bachelor's does not count as a BSN
    assert bsn.status == "in-progress" and bsn.years == 3 and plan.done == ()


def test_unrelated_bachelors_on_the_medicine_route(cat):
    profile = Profile(stage="graduate", field="other", degrees=("bachelor-other",))
    plan = plan_for(cat, profile, route="medicine", graduate="mha", years_left=1)
    assert [d.id for d in plan.done] == ["bachelor-premed"]  # any bachelor's counts ...
    assert any("prerequisite science courses" in n for n in plan.notes)  # ... with prerequisites to plan
    assert any("Your profile's field is other" in n for n in plan.notes)
    # A graduate student in another field: the degree in progress comes first, then the route.
    assert plan.steps[0].id == "mha" and plan.steps[0].status == "in-progress" and plan.steps[0].start == 0
    assert step(plan, "md").start == 1
    residency_low, residency_high = years(cat, "physician-residency-years")
    md_years = years(cat, "md-school-years")[0]
    assert step(plan, "physician-license").start == 1 + md_years + residency_low
    assert plan.total_high - plan.total == residency_high - residency_low


def test_degrees_explain_what_is_done_before_the_license_does(cat):
    profile = Profile(stage="clinician", field="medicine", clinical_years=3, licensed=True,
                      degrees=("bachelor-other", "md"))
    plan = plan_for(cat, profile)
    why = {d.id: d.why for d in plan.done}
    assert why["md"] == "you hold: Medical degree (MD or DO)" and why["residency"] == "you hold a license in this field"
    assert not any("prerequisite" in n for n in plan.notes)  # a practising physician needs no premed advice


def test_other_field_defaults_to_a_degree_offered_everywhere(cat, pw):
    choices = default_choices(pw, Profile(stage="high-school", field="other"))
    assert choices.route == pw.planning.default_route and choices.graduate == "mha"


def test_new_manager_moves_into_a_wider_role(cat):
    profile = Profile(stage="new-manager", field="nursing", clinical_years=10, licensed=True,
                      degrees=("associate-nursing",))
    plan = plan_for(cat, profile, graduate=NO_DEGREE)
    assert ids(plan) == ["apply"] and plan.total == 0
    assert step(plan, "apply").label.startswith("Move into a wider management role")
    assert "first-leadership" in {d.id for d in plan.done}


def test_clinician_without_leadership_gets_a_leadership_year(cat, pw):
    profile = Profile(stage="clinician", field="allied-health", clinical_years=7, licensed=True)
    plan = plan_for(cat, profile, graduate=NO_DEGREE, practice_years=3)
    lead = step(plan, "first-leadership")
    assert lead.years == pw.planning.leadership_min_years and step(plan, "practice").source == "suggested"
    assert "physical therapist" in step(plan, "practice").label


def test_degree_already_held_is_done(cat):
    profile = Profile(stage="clinician", field="nursing", clinical_years=2, licensed=True, degrees=("bsn", "mha"))
    choices = default_choices(cat.pathways, profile)
    assert choices.graduate == "mha"  # the option the learner holds comes first
    plan = build_plan(profile, choices, cat.pathways, cat.facts)
    assert "mha" in {d.id for d in plan.done} and "mha" not in ids(plan)


def test_every_starting_point_gives_a_plan_with_text(cat, pw):
    from course.engine.profile import FIELDS, STAGES

    for stage in STAGES:
        for field in FIELDS:
            profile = Profile(stage=stage, field=field, clinical_years=3 if stage == "clinician" else 0)
            for route in pw.routes:
                choices = default_choices(pw, profile).model_copy(update={"route": route.id})
                if check_choices(pw, choices):
                    choices = choices.model_copy(update={"graduate": NO_DEGREE})
                plan = build_plan(profile, choices, pw, cat.facts)
                lines = plan.lines()
                assert len(lines) == len(plan.steps) and plan.steps[-1].id == "apply"
                assert plan.total <= plan.total_high
                starts = [s.start for s in plan.steps]
                assert starts == sorted(starts)
                assert all(s.years <= s.years_high for s in plan.steps)


def test_plan_lines_say_where_each_length_comes_from(cat):
    plan = plan_for(cat, Profile(stage="high-school", field="nursing"))
    text = " ".join(plan.lines())
    assert "Typically" in text and "your choice" in text and "a suggestion of this course" in text
    assert "A milestone; its timing varies" in text and "Your goal" in text
    summary = plan.summary()
    assert summary["route"] == "nursing" and summary["total_years"] == [plan.total, plan.total_high]


# --- choices -----------------------------------------------------------------------------------

def test_choices_that_do_not_fit_are_refused(cat, pw):
    profile = Profile(stage="clinician", field="medicine", licensed=True)
    bad = Choices(route="medicine", graduate="msn", pace="full-time", practice_years=3)
    assert "not offered" in check_choices(pw, bad)
    with pytest.raises(ValueError, match="not offered"):
        build_plan(profile, bad, pw, cat.facts)
    assert check_choices(pw, bad.model_copy(update={"route": "astrology"})) == "Choose one of the clinical routes offered."


@pytest.mark.parametrize("data", [
    {"route": "nursing", "graduate": "msn", "pace": "full-time", "practice_years": 0},
    {"route": "nursing", "graduate": "msn", "pace": "full-time", "practice_years": 11},
    {"route": "nursing", "graduate": "msn", "pace": "sometimes", "practice_years": 3},
    {"route": "nursing", "graduate": "msn", "pace": "full-time", "practice_years": 3, "years_left": 1.25},
    {"route": "nursing", "graduate": "msn", "pace": "full-time", "practice_years": 3, "extra": 1},
    {"route": "Nursing!", "graduate": "msn", "pace": "full-time", "practice_years": 3},
])
def test_bad_choices_fail_validation(data):
    with pytest.raises(ValidationError):
        Choices(**data)
    assert parse_choices(data) is None


def test_parse_choices_round_trip(pw):
    choices = default_choices(pw, Profile(stage="undergraduate", field="nursing"))
    assert parse_choices(choices.model_dump(mode="json")) == choices
    assert parse_choices(None) is None and parse_choices("nursing") is None


def test_option_rows_take_lengths_from_facts(cat, pw):
    rows = {r["id"]: r for r in option_rows(pw, cat.facts)}
    assert set(rows) == {"msn", "md", "phd-psychology", "mha", "mba", "mph"}
    low, high = years(cat, "bls-graduate-program-length")
    assert rows["mha"]["Typical length (US, full-time)"] == f"{low:g}–{high:g} years"
    md = rows["md"]["Typical length (US, full-time)"]
    assert "medical school" in md and "residency" in md and " + " in md
    assert rows["mha"]["Leads to a clinical license?"] == "No."


# --- bad content ------------------------------------------------------------------------------

@pytest.mark.parametrize("change, place, reason", [
    (set_at(["steps", 0, "fact"], "no-such-fact"), "steps.0.fact", "unknown fact 'no-such-fact'"),
    (set_at(["steps", 0, "fact"], "bls-entry-education"), "steps.0.fact", "has no value or low/high years"),
    (set_at(["steps", 0, "done_by"], ["phd-in-astrology"]), "steps.0.done_by.0", "unknown profile degree"),
    (set_at(["steps", 0, "kind"], "holiday"), "steps.0.kind", "Input should be"),
    (set_at(["routes", 0, "entry"], ["bsn", "no-such-step"]), "routes.0.entry.1", "unknown step 'no-such-step'"),
    (set_at(["routes", 0, "entry"], ["rn-license", "bsn"]), "routes.0.entry", "must end with a licensure step"),
    (set_at(["routes", 0, "fields"], ["knitting"]), "routes.0.fields.0", "unknown profile field 'knitting'"),
    (set_at(["routes", 1, "fields"], ["nursing"]), "routes.1.fields.0", "already on route 'nursing'"),
    (set_at(["planning", "default_route"], "space"), "planning.default_route", "unknown route 'space'"),
    (set_at(["planning", "part_time_factor"], 0), "planning.part_time_factor", "greater than or equal to 1"),
    (set_at(["planning", "other_field_note"], "Your {feild} differs"), "planning.other_field_note",
     "only {field} and {route} can be filled in"),
    (set_at(["kinds", "education", "colour"], "blue"), "kinds.education.colour", "should match pattern"),
    (set_at(["graduate_options", 0, "routes"], ["nursing", "mars"]), "graduate_options.0.routes.1",
     "unknown route 'mars'"),
    (set_at(["graduate_options", 0, "degree"], "msc-magic"), "graduate_options.0.degree", "unknown profile degree"),
    (set_at(["graduate_options", 0, "steps"], ["rn-license"]), "graduate_options.0.steps.0", "has no typical length"),
    (set_at(["graduate_options", 0, "id"], "none"), "graduate_options.0.id", "reserved"),
])
def test_bad_pathway_content_is_named(content_dir, change, place, reason):
    edit_yaml(content_dir / "pathways.yaml", change)
    found = problems(content_dir)
    assert named(found, "pathways.yaml", reason, place), found


RANGE = "    low: 2\n    high: 3\n"


@pytest.mark.parametrize("file, change, reason", [
    ("pathways.yaml", lambda path: edit_yaml(path, lambda data: data["kinds"].pop("licensure")),
     "no style for 'licensure'"),
    ("pathways.yaml", lambda path: edit_yaml(path, lambda data: data["steps"].append(dict(data["steps"][0]))),
     "duplicate step id 'bsn'"),
    ("pathways.yaml", lambda path: path.write_text("steps: [unclosed\n"), "not valid YAML"),
    ("facts.yaml", lambda path: edit(path, RANGE, "    low: 3\n    high: 2\n"), "'low' must not be greater than 'high'"),
    ("facts.yaml", lambda path: edit(path, RANGE, "    low: 2\n"), "give both 'low' and 'high'"),
], ids=["missing-kind", "duplicate-step", "not-yaml", "low-above-high", "half-range"])
def test_broken_pathway_or_fact_file_is_named(content_dir, file, change, reason):
    change(content_dir / file)
    found = problems(content_dir)
    assert named(found, file, reason), found


def test_planner_content_is_optional(content_dir):
    (content_dir / "pathways.yaml").unlink()
    assert catalog.load(content_dir, NOTEBOOK_DIR).pathways is None
