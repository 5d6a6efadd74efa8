"""The leadership experience log as data (lesson 03): an entry checked, the log rebuilt by replaying
its add, edit and delete events, counted per HLA domain (the widget is
course/ui/learner/experience_log.py)."""
from __future__ import annotations

import datetime as dt

from course import keys

WHAT_MIN, WHAT_MAX = 3, 160
NOTE_MAX = 500
MAX_ENTRIES = 300
YEARS_BACK = 50  # the year list reaches this far into the past

item_id = keys.experience_log  # the key is built in course/keys.py


def validate_entry(raw, domains, today: dt.date | None = None, *, stored: bool = False
                   ) -> tuple[dict | None, str | None]:
    """A clean entry {what, month, year, domain, note}, or (None, a message for the learner).

    `stored=True` re-checks a saved entry: the same rules, except that the year window moves
    with time (an entry saved long ago stays valid).
    """
    today = today or dt.date.today()
    earliest = 1900 if stored else today.year - YEARS_BACK
    if not isinstance(raw, dict):
        return None, "The entry could not be read."
    what, note = raw.get("what"), raw.get("note", "")
    month, year, domain = raw.get("month"), raw.get("year"), raw.get("domain")
    if not isinstance(what, str) or not isinstance(note, str):
        return None, "The entry could not be read."
    what = " ".join(what.replace("\x00", "").split())
    note = note.replace("\x00", "").strip()
    if len(what) < WHAT_MIN:
        return None, "Describe the experience in a few words first."
    if len(what) > WHAT_MAX:
        return None, f"Keep the description under {WHAT_MAX} characters (now {len(what)}); use the note for detail."
    if len(note) > NOTE_MAX:
        return None, f"Keep the note under {NOTE_MAX} characters (now {len(note)})."
    if month is None or year is None:
        return None, "Choose the month and year it happened (roughly is fine)."
    if type(month) is not int or type(year) is not int or not 1 <= month <= 12 \
            or not earliest <= year <= today.year:
        return None, "That date is not one the form offers."
    if (year, month) > (today.year, today.month):
        return None, "That date is in the future: log experiences you have already had."
    if domain is None:
        return None, "Choose the competency domain it built most."
    if domain not in domains:
        return None, "That domain is not one the form offers."
    return {"what": what, "month": month, "year": year, "domain": domain, "note": note}, None

def replay(events, domains) -> dict[str, dict]:
    """The log as it stands after the learner's add/edit/delete events, oldest first.

    An event that does not fit (content changed since, or a damaged row) is skipped, so one bad
    row never hides the rest of the log.
    """
    entries: dict[str, dict] = {}
    for event in events:
        response = event.get("response")
        if not isinstance(response, dict) or not isinstance(response.get("id"), str):
            continue
        action, entry_id = response.get("action"), response["id"]
        if action == "delete":
            entries.pop(entry_id, None)
        elif action in ("add", "edit"):
            entry, _problem = validate_entry(response.get("entry"), domains, stored=True)
            if entry and (action == "add" or entry_id in entries):
                entries[entry_id] = entry
    return entries

def summarise(entries: dict[str, dict], domains) -> tuple[dict[str, int], list[str]]:
    """A count per domain (every domain listed, in order) and the domains with no entry yet."""
    counts = {d: 0 for d in domains}
    for entry in entries.values():
        if entry["domain"] in counts:
            counts[entry["domain"]] += 1
    return counts, [d for d, n in counts.items() if n == 0]

def load_entries(session, lesson: str, domains) -> dict[str, dict]:
    """This learner's log (other lessons, such as the self-assessment, read it too)."""
    return replay(session.history(item_id(lesson)), domains)
