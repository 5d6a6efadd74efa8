"""Certification eligibility (lesson 04): the rules in certifications.yaml checked against several
learner profiles, the thresholds taken from facts.yaml, the answers checked, and the explorer."""
import pytest

from course.engine.certifications import (AFTER, ELIGIBLE, NEEDS, defaults_from, evaluate_all, situation_from,
                                        validate_answers)
from course.engine.profile import Profile, save_profile
from course.ui.learner.certifications import CertificationExplorer, item_id

from .sessions import signed_in_session


def verdicts(cat, profile, **answers):
    start = defaults_from(profile) | answers
    clean, problem = validate_answers(start, cat.certifications)
    assert problem is None, problem
    found = evaluate_all(cat.certifications, situation_from(profile, clean), cat.facts)
    return {v.certification.id: v for v in found}


NURSE_BSN = Profile(stage="clinician", clinical_years=6, field="nursing", degrees=("bsn",), licensed=True)
NURSE_ADN = Profile(stage="clinician", clinical_years=10, field="nursing", degrees=("associate-nursing",),
                    licensed=True)
STUDENT = Profile(stage="high-school", field="mental-health")
PHYSICIAN = Profile(stage="clinician", clinical_years=12, field="medicine", degrees=("bachelor-science", "md"),
                    licensed=True)
ADMINISTRATOR = Profile(stage="new-manager", clinical_years=3, field="other", degrees=("bachelor-other", "mha"))


def test_content_has_the_seven_certifications_and_every_rule_says_to_confirm(cat):
    certs = cat.certifications.certifications
    assert {c.abbreviation for c in certs} == {"FACHE", "CNML", "NE-BC", "CENP", "CMPE", "CPE", "CPHQ"}
    for c in certs:
        assert c.url.startswith("https://")
        for route in c.routes:
            assert "confirm" in route.confirm.lower()


def test_nurse_with_bsn_and_some_manager_hours(cat):
    v = verdicts(cat, NURSE_BSN, nurse_manager_hours=1000)
    assert v["cnml"].status == AFTER
    assert "1,080 more hours in a nurse manager role" in v["cnml"].summary  # 2,080 from facts.yaml
    assert "about 6 months at full time" in v["cnml"].summary
    assert v["cenp"].status == AFTER and v["cenp"].best.route.id == "bsn"
    assert "4 more years in an executive nursing role" in v["cenp"].summary
    assert v["cmpe"].status == ELIGIBLE  # a bachelor's and 6 years in healthcare
    assert v["fache"].status == NEEDS and "master's or other post-baccalaureate degree" in v["fache"].summary
    assert v["cphq"].status == ELIGIBLE
    assert v["nebc"].status == AFTER and "2 more years full-time (or the equivalent) in a nurse manager" \
        in v["nebc"].summary
    assert v["cpe"].status == NEEDS and "needs a medical degree (MD or DO)" in v["cpe"].summary


def test_nurse_with_bsn_and_enough_hours_is_eligible_for_cnml(cat):
    assert verdicts(cat, NURSE_BSN, nurse_manager_hours=2080)["cnml"].status == ELIGIBLE
    assert verdicts(cat, NURSE_BSN, nurse_manager_hours=2079)["cnml"].status == AFTER


def test_nurse_with_associate_degree_takes_the_longer_route(cat):
    v = verdicts(cat, NURSE_ADN, nurse_manager_hours=3000)
    assert v["cnml"].status == AFTER and v["cnml"].best.route.id == "diploma-associate"
    assert "2,200 more hours" in v["cnml"].summary  # 5,200 needed with a diploma or associate degree
    assert v["cenp"].status == NEEDS  # no BSN or master's
    assert v["nebc"].status == NEEDS and "bachelor's or higher degree in nursing" in v["nebc"].summary
    # CMPE: no bachelor's; 90 college credits are 30 short of the 120 that can stand in for one.
    v = verdicts(cat, NURSE_ADN, college_credits=90)
    assert v["cmpe"].status == NEEDS
    assert "needs 30 more credits of college coursework" in " ".join(g.describe() for r in v["cmpe"].routes
                                                                   for g in r.gaps)
    v = verdicts(cat, NURSE_ADN, college_credits=120)
    assert v["cmpe"].status == ELIGIBLE and v["cmpe"].best.route.id == "credits"


def test_license_is_needed_for_nursing_certifications(cat):
    v = verdicts(cat, NURSE_BSN, rn_licence=False, nurse_manager_hours=5000)
    assert v["cnml"].status == NEEDS and "needs an unrestricted RN license" in v["cnml"].summary


def test_student_without_profile_details(cat):
    v = verdicts(cat, STUDENT)
    assert v["cnml"].status == NEEDS and v["cenp"].status == NEEDS and v["fache"].status == NEEDS
    assert v["cmpe"].status == NEEDS and "needs a bachelor's degree (or higher)" in v["cmpe"].summary
    assert "2 more years of healthcare experience" in v["cmpe"].summary
    assert any("Early-career pathway" in n for n in v["cmpe"].certification.notes)
    assert v["cphq"].status == ELIGIBLE and "Recommended: about 2 years in healthcare quality; you report 0." \
        in v["cphq"].advice


def test_no_profile_assumes_no_degree(cat):
    v = verdicts(cat, None, healthcare_years=10, management_years=6)
    assert v["cmpe"].status == NEEDS and v["fache"].status == NEEDS  # no degree, no credits
    v = verdicts(cat, None, healthcare_years=3, college_credits=120)
    assert v["cmpe"].status == ELIGIBLE and v["cmpe"].best.route.id == "credits"


def test_administrator_and_fache(cat):
    assert verdicts(cat, ADMINISTRATOR, management_years=5, executive_position=True)["fache"].status == ELIGIBLE
    v = verdicts(cat, ADMINISTRATOR, management_years=4.5, executive_position=True)["fache"]
    assert v.status == AFTER and "0.5 more years of healthcare management experience" in v.summary
    v = verdicts(cat, ADMINISTRATOR, management_years=5)["fache"]
    assert v.status == NEEDS and "healthcare management position (a department manager" in v.summary
    assert verdicts(cat, ADMINISTRATOR)["cnml"].status == NEEDS  # not a nurse


def test_physician_md_counts_as_post_baccalaureate(cat):
    v = verdicts(cat, PHYSICIAN, management_years=1)
    assert v["fache"].status == NEEDS and {g.kind for g in v["fache"].best.gaps} == {"position", "experience"}
    assert v["cnml"].status == NEEDS and v["cmpe"].status == ELIGIBLE and v["nebc"].status == NEEDS


def test_physician_executive_routes(cat):
    # 12 years of practice, a license (from the profile); no management degree and no course hours yet.
    v = verdicts(cat, PHYSICIAN, management_years=1)["cpe"]
    assert v.status == NEEDS and "graduate management degree" in v.summary
    v = verdicts(cat, PHYSICIAN, management_years=1, management_education_hours=100)["cpe"]
    assert v.status == NEEDS and "needs 50 more course hours of tested management education" in v.summary
    v = verdicts(cat, PHYSICIAN, management_years=1, management_education_hours=150)["cpe"]
    assert v.status == ELIGIBLE and v.best.route.id == "management-education"
    with_mba = PHYSICIAN.model_copy(update={"degrees": ("bachelor-science", "md", "mba")})
    v = verdicts(cat, with_mba, management_years=0.5)["cpe"]
    assert v.status == AFTER and "0.5 more years of medical management experience" in v.summary
    assert verdicts(cat, with_mba, management_years=1)["cpe"].status == ELIGIBLE
    v = verdicts(cat, with_mba, management_years=1, physician_practice_years=2)["cpe"]
    assert v.status == AFTER and "1 more year of clinical practice after residency" in v.summary
    v = verdicts(cat, with_mba, management_years=1, physician_licence=False)["cpe"]
    assert v.status == NEEDS and "board certification" in v.summary


def test_nurse_executive_ne_bc(cat):
    assert verdicts(cat, NURSE_BSN, management_years=2)["nebc"].status == ELIGIBLE
    v = verdicts(cat, NURSE_BSN, management_years=1.5)["nebc"]
    assert v.status == AFTER and "0.5 more years full-time" in v.summary
    dnp = NURSE_BSN.model_copy(update={"degrees": ("dnp",)})
    assert verdicts(cat, dnp, management_years=3)["nebc"].status == ELIGIBLE
    assert verdicts(cat, NURSE_BSN, management_years=3, rn_licence=False)["nebc"].status == NEEDS


def test_cphq_advice_when_experience_is_there(cat):
    v = verdicts(cat, STUDENT, quality_years=3)["cphq"]
    assert v.status == ELIGIBLE and "You have that already" in v.advice


def test_thresholds_come_from_facts(cat):
    facts = dict(cat.facts)
    facts["cnml-hours-bsn"] = facts["cnml-hours-bsn"].model_copy(update={"value": 1000})
    answers, _ = validate_answers(defaults_from(NURSE_BSN) | {"nurse_manager_hours": 1000}, cat.certifications)
    found = evaluate_all(cat.certifications, situation_from(NURSE_BSN, answers), facts)
    assert next(v for v in found if v.certification.id == "cnml").status == ELIGIBLE


def test_defaults_come_from_the_profile():
    d = defaults_from(NURSE_BSN)
    assert d["healthcare_years"] == 6 and d["rn_licence"] is True and d["executive_position"] is False
    assert d["physician_licence"] is False and d["physician_practice_years"] == 0
    p = defaults_from(PHYSICIAN)
    assert p["rn_licence"] is False and p["physician_licence"] is True  # licensed as a physician
    assert p["physician_practice_years"] == 12
    assert defaults_from(None)["healthcare_years"] == 0


@pytest.mark.parametrize("change, message", [
    ({"management_years": -1}, "from 0 to 60"),
    ({"management_years": 61}, "from 0 to 60"),
    ({"nurse_manager_hours": 10**9}, "from 0 to 120,000"),
    ({"college_credits": 401}, "from 0 to 400"),
    ({"management_education_hours": -5}, "from 0 to 5,000"),
    ({"physician_licence": 1}, "Answer yes or no"),
    ({"quality_years": float("nan")}, "Type a number"),
    ({"quality_years": "2"}, "Type a number"),
    ({"quality_years": True}, "Type a number"),
    ({"rn_licence": "yes"}, "Answer yes or no"),
    ({"executive_position": None}, "Answer yes or no"),
])
def test_bad_answers_are_refused(cat, change, message):
    clean, problem = validate_answers(defaults_from(None) | change, cat.certifications)
    assert clean is None and message in problem


def test_only_asked_questions_are_kept(cat):
    clean, _ = validate_answers(defaults_from(None) | {"injected": "<script>"}, cat.certifications)
    assert "injected" not in clean
    assert validate_answers("nope", cat.certifications) == (None, "The answers could not be read.")


# --- the explorer ---------------------------------------------------------------------------

def test_explorer_uses_the_profile_saves_and_restores(cat, session, db_url):
    save_profile(session, NURSE_BSN)
    ex = CertificationExplorer(cat.certifications, cat, session)
    assert "Bachelor of Science in Nursing (BSN)" in ex.profile_line.value
    assert ex.inputs["healthcare_years"].value == "6" and ex.inputs["rn_licence"].value is True
    assert ex.results.value == ""
    ex.inputs["nurse_manager_hours"].value = "1,000 hours"
    ex.check_button.click()
    html = ex.results.value
    assert "you could apply now for: CMPE, CPHQ" in html
    assert "Eligible after 1,080 more hours in a nurse manager role" in html
    assert html.count("confirm") + html.count("Confirm") >= 5  # the note on every certification
    assert "How each answer was worked out" in html and "<details" in html
    event = session.history(item_id(cat.certifications))[-1]
    assert event["response"]["answers"]["nurse_manager_hours"] == 1000

    later = signed_in_session(db_url, "Alex Kim", None, "link")
    again = CertificationExplorer(cat.certifications, cat, later)
    assert again.inputs["nurse_manager_hours"].value == "1,000 hours"  # as typed
    assert "Eligible after 1,080 more hours" in again.results.value


def test_explorer_works_without_a_profile(cat, session):
    ex = CertificationExplorer(cat.certifications, cat, session)
    assert "No starting profile is saved yet" in ex.profile_line.value and "lesson 00" in ex.profile_line.value
    ex.check_button.click()
    assert "you could apply now for: CPHQ" in ex.results.value


def test_explorer_refuses_a_tampered_answer(cat, session, caplog):
    ex = CertificationExplorer(cat.certifications, cat, session)
    ex.inputs["management_years"]._trait_values["value"] = -40.0  # not even text: a tampered client
    ex.check_button.click()
    assert "Years in a healthcare management role: Type a number first." in ex.status.value
    assert ex.results.value == "" and "does not offer" in caplog.text
    ex.inputs["management_years"].value = "-40"
    ex.check_button.click()
    assert "use a number from 0 to 60 years (you typed “-40”)" in ex.status.value and ex.results.value == ""
    assert session.history(item_id(cat.certifications)) == []


def test_the_explorer_uses_the_years_the_profile_says_and_keeps_a_refused_draft(cat, session, db_url):
    """1.5 years in the profile are 1.5 here (once saved as 15); "six" is refused, kept, and comes back."""
    save_profile(session, NURSE_BSN.model_copy(update={"clinical_years": 1.5}))
    ex = CertificationExplorer(cat.certifications, cat, session)
    assert ex.inputs["healthcare_years"].value == "1.5"
    ex.check_button.click()
    answers = session.history(item_id(cat.certifications))[-1]["response"]["answers"]
    assert answers["healthcare_years"] == 1.5
    assert "you entered 1.5" in ex.results.value
    ex.inputs["management_years"].value = "six"
    ex.inputs["nurse_manager_hours"].value = "2,000 hrs"
    ex.check_button.click()
    assert "Could not read “six” as a number: type digits, e.g. 6." in ex.status.value
    assert "Not saved yet" in ex.status.value and "you entered 1.5" in ex.results.value  # the last check stays
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    again = CertificationExplorer(cat.certifications, cat, later)
    assert again.inputs["management_years"].value == "six" and again.inputs["nurse_manager_hours"].value == "2,000 hrs"
    assert "Could not read “six”" in again.status.value
    again.inputs["management_years"].value = "2 years"
    again.check_button.click()
    assert "Saved to your progress" in again.status.value
    assert later.history(item_id(cat.certifications))[-1]["response"]["answers"]["nurse_manager_hours"] == 2000
    third = CertificationExplorer(cat.certifications, cat, later)
    assert third.inputs["management_years"].value == "2 years" and "Could not read" not in third.status.value


def test_answers_saved_before_new_questions_still_come_back(cat, session):
    """Answers saved before a question was added restore; the new question starts from its default."""
    save_profile(session, NURSE_BSN)
    old = {"rn_licence": True, "executive_position": False, "healthcare_years": 6, "management_years": 2,
           "nurse_manager_hours": 1500, "executive_nursing_years": 0, "quality_years": 0}
    session.record(lesson=cat.certifications.lesson, item=item_id(cat.certifications), kind="exercise",
                   response={"answers": old})
    ex = CertificationExplorer(cat.certifications, cat, session)
    assert ex.inputs["nurse_manager_hours"].value == "1,500" and ex.inputs["college_credits"].value == "0"
    assert "580 more hours in a nurse manager role" in ex.results.value
    assert "NE-BC" in ex.results.value and "Eligible now" in ex.results.value
