"""The leadership experience log (lesson 03): checking entries, saving them as events, listing them
escaped, editing, deleting, summing up by domain, and finding them again in a new kernel."""
import datetime as dt

import pytest

from course.identity import Identity
from course.engine.profile import Profile, save_profile
from course.engine.experience_log import item_id, load_entries, replay, summarise, validate_entry
from course.ui.learner.experience_log import ExperienceLog

from .sessions import page_before_sign_in, signed_in_session

TODAY = dt.date(2026, 11, 15)
DOMAINS = {"communication", "leadership", "professionalism", "healthcare-environment", "business"}


def new_log(cat, session):
    return ExperienceLog(cat.experience_log, cat, session, today=TODAY)


def fill(log, what="Charge nurse on nights", month=3, year=2024, domain="leadership", note=""):
    log.what.value, log.note.value = what, note
    log.month.value, log.year.value, log.domain.value = month, year, domain


def good(**changes):
    raw = {"what": "Precepted two new graduates", "month": 5, "year": 2025, "domain": "leadership", "note": ""}
    raw.update(changes)
    return raw


# --- checking one entry ---------------------------------------------------------------------

def test_a_good_entry_is_cleaned():
    entry, problem = validate_entry(good(what="  Led   the\x00 huddle  ", note=" ok \x00"), DOMAINS, TODAY)
    assert problem is None
    assert entry == {"what": "Led the huddle", "month": 5, "year": 2025, "domain": "leadership", "note": "ok"}


@pytest.mark.parametrize("changes, message", [
    ({"what": "ab"}, "few words"),
    ({"what": "x" * 161}, "under 160"),
    ({"note": "n" * 501}, "under 500"),
    ({"month": None}, "month and year"),
    ({"year": None}, "month and year"),
    ({"month": 13}, "not one the form offers"),
    ({"month": True}, "not one the form offers"),  # a bool is not a month
    ({"month": "3"}, "not one the form offers"),
    ({"year": 1960}, "not one the form offers"),  # older than the year list reaches
    ({"year": 2027}, "not one the form offers"),
    ({"year": 2026, "month": 12}, "in the future"),
    ({"domain": None}, "Choose the competency domain"),
    ({"domain": "charisma"}, "not one the form offers"),
    ({"what": 42}, "could not be read"),
])
def test_bad_entries_are_refused_with_a_reason(changes, message):
    entry, problem = validate_entry(good(**changes), DOMAINS, TODAY)
    assert entry is None and message in problem


def test_not_a_mapping_is_refused():
    assert validate_entry(["what"], DOMAINS, TODAY) == (None, "The entry could not be read.")


# --- replaying events -----------------------------------------------------------------------

def event(action, entry_id, **entry):
    response = {"action": action, "id": entry_id}
    if action != "delete":
        response["entry"] = good(**entry)
    return {"response": response}


def test_replay_applies_add_edit_delete_in_order_and_skips_damage():
    events = [
        event("add", "a", what="First entry"),
        event("add", "b", what="Second entry"),
        event("edit", "a", what="First entry, edited"),
        event("delete", "b"),
        event("edit", "ghost", what="Editing an entry that never existed"),  # ignored
        {"response": "not a dict"},
        {"response": {"action": "add", "id": "c", "entry": {"what": "x"}}},  # invalid entry: skipped
        {"response": {"action": "explode", "id": "a"}},
    ]
    entries = replay(events, DOMAINS)
    assert list(entries) == ["a"] and entries["a"]["what"] == "First entry, edited"


def test_summary_counts_every_domain_and_names_the_empty_ones():
    entries = {"a": good(domain="leadership"), "b": good(domain="leadership"), "c": good(domain="business")}
    counts, empty = summarise(entries, ["communication", "leadership", "business"])
    assert counts == {"communication": 0, "leadership": 2, "business": 1}
    assert empty == ["communication"]


# --- the widget, driven like the browser --------------------------------------------------

def test_add_list_summarise_and_restore_in_a_new_kernel(cat, session, db_url):
    log = new_log(cat, session)
    assert "Nothing logged yet" in log.list_box.children[0].value
    fill(log, what='<img src=x onerror="alert(1)"> ran the huddle', note="<b>note</b>")
    log.save_button.click()
    assert "Added" in log.status.value and "Saved to your progress" in log.status.value
    fill(log, what="Joined the falls committee", month=9, year=2023, domain="healthcare-environment")
    log.save_button.click()
    html = "".join(child.children[0].value for child in log.list_box.children[1:])
    assert "&lt;img src=x" in html and "<img" not in html and "&lt;b&gt;note&lt;/b&gt;" in html
    assert html.index("ran the huddle") < html.index("falls committee")  # newest first
    summary = log.summary.value
    assert "Nothing logged yet in: Communication, Professionalism, Business skills." in summary
    assert "<td class=\"course-num\">1</td>" in summary
    assert log.what.value == "" and log.month.label == "Month…" and log.domain.label == "Choose a domain…"

    events = session.history(item_id("clinical-experience"))
    assert [e["response"]["action"] for e in events] == ["add", "add"]
    assert all(e["kind"] == "exercise" and e["lesson"] == "clinical-experience" for e in events)

    later = signed_in_session(db_url, "Alex Kim", source="link")  # a new kernel
    again = new_log(cat, later)
    assert len(again.entries) == 2 and "falls committee" in again.list_box.children[2].children[0].value
    assert "Nothing logged yet in: Communication" in again.summary.value


@pytest.fixture
def one_entry(cat, session):
    """A log with one entry added through the form, and that entry's id."""
    log = new_log(cat, session)
    fill(log)
    log.save_button.click()
    (entry_id,) = log.entries
    return log, entry_id


def test_edit_changes_the_entry_in_place(one_entry, db_url):
    log, entry_id = one_entry
    log.start_edit(entry_id)
    assert log.what.value == "Charge nurse on nights" and log.save_button.description == "Save changes"
    assert "Editing entry 1" in log.form_title.value
    log.what.value = "Charge nurse on nights (six months)"
    log.domain.value = "business"
    log.save_button.click()
    assert len(log.entries) == 1 and log.entries[entry_id]["domain"] == "business"
    assert "Updated" in log.status.value and log.save_button.description == "Add to my log"
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    assert load_entries(later, "clinical-experience", DOMAINS)[entry_id]["what"].endswith("(six months)")


def test_edit_buttons_in_the_list_work(cat, session):
    log = new_log(cat, session)
    fill(log)
    log.save_button.click()
    row = log.list_box.children[1]
    edit, delete = row.children[1].children
    assert edit.description == "Edit entry 1" and delete.description == "Delete entry 1"
    edit.click()
    assert log.editing is not None
    log.cancel_button.click()
    assert log.editing is None and log.what.value == ""
    delete.click()
    assert log.entries == {} and "Deleted" in log.status.value


def test_delete_and_undo(one_entry, db_url):
    log, entry_id = one_entry
    log.delete(entry_id)
    assert log.entries == {} and log.undo_button.layout.display is None
    assert "Nothing logged yet" in log.list_box.children[0].value
    log.undo_button.click()
    assert entry_id in log.entries and "Restored" in log.status.value
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    assert list(load_entries(later, "clinical-experience", DOMAINS)) == [entry_id]


def test_incomplete_or_tampered_form_saves_nothing(cat, session, caplog):
    log = new_log(cat, session)
    fill(log, domain=None)
    log.save_button.click()
    assert "Choose the competency domain" in log.status.value
    fill(log)
    log.domain._trait_values["value"] = "charisma"  # as if a tampered client slipped it past the trait
    log.save_button.click()
    assert "not one the form offers" in log.status.value and "does not offer" in caplog.text
    fill(log, what="x" * 500)
    log.save_button.click()
    assert "under 160" in log.status.value
    assert session.history(item_id("clinical-experience")) == []


def test_every_domain_logged_says_so(cat, session):
    log = new_log(cat, session)
    for domain in DOMAINS:
        fill(log, domain=domain)
        log.save_button.click()
    assert "Every domain has at least one entry" in log.summary.value


def test_profile_tailors_the_prompt_and_its_absence_points_to_lesson_00(cat, session):
    log = new_log(cat, session)
    assert "No starting profile is saved yet" in log.intro.value and "lesson 00" in log.intro.value
    save_profile(session, Profile(stage="high-school", field="nursing"))
    log2 = new_log(cat, session)
    assert "High-school student" in log2.intro.value
    assert cat.experience_log.stage_prompts["high-school"][:40] in log2.intro.value.replace("&#x27;", "'")


def test_entries_before_sign_in_are_kept_then_saved(cat, db_url):
    s = page_before_sign_in(db_url)
    log = new_log(cat, s)
    fill(log)
    log.save_button.click()
    assert "Not saved yet" in log.status.value and len(log.entries) == 1
    s.set_identity(Identity("Robin", None, "sign-in"))
    assert len(s.store().events_for("robin", item_id("clinical-experience"))) == 1
    assert len(log.entries) == 1  # restored on sign-in, nothing lost or doubled


def test_a_refused_entry_comes_back_after_a_reload(cat, session, db_url):
    log = new_log(cat, session)
    fill(log, what="Ran the night huddle 👩‍⚕️ with زهرا محمد\u200cزاده", domain="")
    log.save_button.click()
    assert "Not saved yet" in log.status.value and session.history(item_id("clinical-experience")) == []
    later = signed_in_session(db_url, "Alex Kim", None, "link")
    again = new_log(cat, later)
    assert again.what.value == "Ran the night huddle 👩‍⚕️ with زهرا محمد\u200cزاده"
    assert (again.month.value, again.year.value) == (3, 2024) and again.domain.value == ""
    assert "not saved yet" in again.status.value and "domain" in again.status.value
    again.domain.value = "leadership"
    again.save_button.click()
    assert "Added" in again.status.value
    assert load_entries(later, "clinical-experience", {c: c for c in cat.competencies}).popitem()[1]["what"] \
        == "Ran the night huddle 👩‍⚕️ with زهرا محمد\u200cزاده"
    assert new_log(cat, later).what.value == ""  # the draft went with the save
