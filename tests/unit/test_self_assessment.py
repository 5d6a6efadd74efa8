"""The readiness self-assessment (lesson 04): scoring, weakest domains, change between takes,
refusing tampered ratings, the chart's text alternative, and restoring takes in a new kernel."""
import pytest

from course.engine.profile import Profile, save_profile
from course.engine.self_assessment import change, domain_scores, item_id, validate_ratings, weakest_domains
from course.ui.learner.self_assessment import SelfAssessmentWidget, chart_png

from .sessions import signed_in_session


@pytest.fixture(scope="module")
def sa(cat):
    return cat.self_assessment


def ratings_by_domain(sa, per_domain: dict) -> dict:
    """Every statement of a domain gets that domain's rating."""
    return {s.id: per_domain[d.competency] for d in sa.domains for s in d.statements}


PROFILE = {"communication": 4, "leadership": 3, "professionalism": 5, "healthcare-environment": 2, "business": 1}


# --- the content ----------------------------------------------------------------------------

def test_content_covers_five_domains_with_enough_statements(cat, sa):
    assert {d.competency for d in sa.domains} == set(cat.competencies)
    assert all(len(d.statements) >= 4 for d in sa.domains)
    labels = " ".join(level.label for level in sa.scale)
    for anchor in ("Novice", "Competent", "Expert"):  # as in ACHE's tool (facts.yaml)
        assert anchor in labels and anchor in cat.facts[sa.scale_fact].display
    assert all(lesson in {l.id for l in cat.course.lessons} for d in sa.domains for lesson in d.lessons)


# --- scoring --------------------------------------------------------------------------------

def test_scores_are_domain_means(sa):
    ratings = ratings_by_domain(sa, PROFILE)
    first = sa.domains[0].statements
    ratings[first[0].id], ratings[first[1].id] = 1, 2  # communication: 1, 2, 4, 4
    scores = domain_scores(ratings, sa)
    assert scores["communication"] == 2.75 and scores["business"] == 1.0
    assert list(scores) == [d.competency for d in sa.domains]


def test_complete_ratings_pass_and_gaps_are_counted(sa):
    ratings = ratings_by_domain(sa, PROFILE)
    assert validate_ratings(ratings, sa) == (ratings, None)
    some = dict(list(ratings.items())[:5])
    clean, problem = validate_ratings(some, sa)
    assert clean is None and f"({len(ratings) - 5} still to rate)" in problem


@pytest.mark.parametrize("bad", [0, 6, "3", 3.0, 2.5, True, [3]])
def test_tampered_values_are_refused(sa, bad):
    ratings = ratings_by_domain(sa, PROFILE)
    ratings[sa.domains[1].statements[0].id] = bad
    clean, problem = validate_ratings(ratings, sa)
    assert clean is None and "whole number from 1 to 5" in problem


def test_unknown_statement_is_refused_but_old_takes_still_read(sa):
    ratings = ratings_by_domain(sa, PROFILE) | {"not-a-statement": 3}
    assert validate_ratings(ratings, sa)[0] is None
    # A take saved before the content changed: unknown ids dropped, bad values skipped.
    stored, _ = validate_ratings({"not-a-statement": 3, "comm-structured-update": 9,
                                  "lead-coordinate": 2}, sa, stored=True)
    assert stored == {"lead-coordinate": 2}
    scores = domain_scores(stored, sa)
    assert scores["leadership"] == 2 and scores["communication"] is None


def test_weakest_domains():
    assert weakest_domains(PROFILE) == ["business", "healthcare-environment"]
    tied = {"a": 2.0, "b": 3.0, "c": 3.0, "d": 4.5}
    assert weakest_domains(tied) == ["a", "b", "c"]  # a tie with the second lowest is named too
    assert weakest_domains({"a": 3.0, "b": 3.25, "c": 3.4}) == []  # an even profile names none
    assert weakest_domains({"a": 1.0, "b": 1.0, "c": 4.0}) == ["a", "b"]
    assert weakest_domains({"a": None, "b": 2.0, "c": 4.0}) == ["b"]
    assert weakest_domains({}) == []


def test_change_between_takes():
    first = {"a": 2.0, "b": 3.5, "c": None}
    latest = {"a": 3.25, "b": 3.0, "c": 2.0}
    assert change(first, latest) == {"a": 1.25, "b": -0.5, "c": None}


def test_chart_is_a_png_with_any_number_of_domains():
    png = chart_png(["A", "B"], [1.0, 4.5], [2.0, None])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000


# --- the widget -----------------------------------------------------------------------------

def rate(widget, per_domain):
    for domain in widget.assessment.domains:
        for statement in domain.statements:
            widget.selects[statement.id].value = per_domain[domain.competency]


def test_take_shows_chart_table_and_weakest_domains(cat, session):
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    assert w.results_box.layout.display == "none" and w.form.layout.display is None
    assert all(select.label == "Choose a rating…" for select in w.selects.values())
    w.save_button.click()
    assert "Rate every statement first" in w.form_status.value
    rate(w, PROFILE)
    w.save_button.click()
    html = w.results.value
    assert 'src="data:image/png;base64,' in html
    assert 'alt="Bar chart of your average self-rating in each HLA domain' in html
    assert "Business skills 1.0" in html and "Communication 4.0" in html  # the text alternative
    assert "<caption>Your average rating per domain" in html
    assert "Your weakest domains are: Business Skills and Knowledge and Knowledge of the Healthcare Environment" in html
    assert "Lesson 07: The operations toolkit" in html  # the lessons that build the domain
    assert "Saved to your progress" in html
    assert w.form.layout.display == "none" and w.results_box.layout.display is None
    events = session.history(item_id(cat.self_assessment))
    assert len(events) == 1 and events[0]["kind"] == "exercise"
    assert events[0]["score"] == pytest.approx(3.0 / 5)


def test_retake_shows_first_vs_latest_and_survives_a_new_kernel(cat, session, db_url):
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    rate(w, PROFILE)
    w.save_button.click()
    w.retake_button.click()
    assert w.form.layout.display is None and w.save_button.description == "Save as a new take"
    assert all(w.selects[s.id].value == 1 for s in w.assessment.domains[4].statements)  # prefilled
    rate(w, PROFILE | {"business": 3})
    w.save_button.click()
    html = w.results.value
    assert "First take vs latest" in html and "+2.0" in html and "no change" in html
    assert "Take 2, shown beside your first take" in html and "First take:" in html  # in the alt text

    later = signed_in_session(db_url, "Alex Kim", source="link")  # a new kernel, the same learner
    again = SelfAssessmentWidget(cat.self_assessment, cat, later)
    assert len(again.takes) == 2 and again.results_box.layout.display is None
    assert "First take vs latest" in again.results.value and "+2.0" in again.results.value
    assert again.selects["bus-budget"].value == 3


def test_tampered_rating_saves_nothing(cat, session, caplog):
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    rate(w, PROFILE)
    w.selects["bus-budget"]._trait_values["value"] = 9  # slipped past the trait, as a tampered client might
    w.save_button.click()
    assert "whole number from 1 to 5" in w.form_status.value and "does not offer" in caplog.text
    assert session.history(item_id(cat.self_assessment)) == []


def test_actions_follow_the_profile_stage(cat, session):
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    assert "No starting profile is saved yet" in w.profile_line.value
    assert "lesson 00" in w.profile_line.value
    rate(w, PROFILE)
    w.save_button.click()
    everyone = w.results.value
    assert "Build a simple budget for something you run" in everyone  # no profile: every action

    save_profile(session, Profile(stage="clinician", clinical_years=8, field="nursing", licensed=True))
    w2 = SelfAssessmentWidget(cat.self_assessment, cat, session)
    html = w2.results.value
    assert "Practicing clinician with 8 years" in w2.profile_line.value
    assert "Ask to sit in on a budget or staffing meeting" in html  # a clinician's action
    assert "Build a simple budget for something you run" not in html  # a student's action
    assert "Work through the operations toolkit in lesson 07" in html  # an action for everyone


def test_even_profile_names_no_weakest_domain(cat, session):
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    rate(w, {d: 3 for d in PROFILE})
    w.save_button.click()
    assert "no domain stands out as weakest" in w.results.value
    assert "What to work on next" not in w.results.value


def test_experience_log_counts_appear_for_weak_domains(cat, session):
    from course.ui.learner.experience_log import ExperienceLog
    import datetime as dt

    log = ExperienceLog(cat.experience_log, cat, session, today=dt.date(2026, 1, 1))
    log.what.value, log.month.value, log.year.value, log.domain.value = "Budget meeting", 4, 2025, "business"
    log.save_button.click()
    w = SelfAssessmentWidget(cat.self_assessment, cat, session)
    rate(w, PROFILE)
    w.save_button.click()
    assert "Your experience log (lesson 03) has 1 entry in this domain." in w.results.value
