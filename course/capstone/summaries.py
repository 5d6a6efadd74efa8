"""Each part of the plan in one line, for the lesson's list of what the learner saved (plain text:
the page escapes it). Each function takes the Plan and the part's value; parts.py names which
function says which part.
"""
from __future__ import annotations

from course.capstone.formatting import date_text, plural
from course.engine.staffing import num


def profile(plan, p) -> str:
    return p.describe() + "."


def pathway(plan, p) -> str:
    return f"{p.route}: about {p.years_text} {p.origin}, {len(p.steps)} steps."


def experience_log(plan, entries) -> str:
    covered = len({e.domain for e in entries})
    return f"{plural(len(entries), 'entry', 'entries')}, in {covered} of {len(plan.domains)} domains."


def self_assessment(plan, a) -> str:
    weak = ", ".join(plan.short[d] for d in a.weakest) or "no domain stands out"
    return f"{plural(a.takes, 'take')}; weakest in the latest: {weak}."


def certifications(plan, rows) -> str:
    now = [c.abbreviation for c in rows if c.status.startswith("Eligible")]
    return f"{len(rows)} certifications checked; eligible now: {', '.join(now) if now else 'none yet'}."


def scenarios(plan, part) -> str:
    """The endings by rating and what the bars add up to, in one breath: a mixed ending can still hold
    gains, so "0 strong" beside bars that all go up reads as a contradiction unless both are said."""
    runs = part.runs
    counts = {rating: sum(r.rating == rating for r in runs) for rating in ("strong", "mixed", "poor")}
    endings = ", ".join(f"{n} {rating}" for rating, n in counts.items() if n) or "none finished"
    if runs and not counts["strong"]:
        endings += ", none strong yet"
    totals = part.totals
    gains, losses = sum(v > 0 for v in totals.values()), sum(v < 0 for v in totals.values())
    net = ((f"a gain in all {gains} domains" if gains == len(totals) else f"a gain in {gains} of {len(totals)} domains")
           if gains else "no gain yet")
    net += f" and a loss in {losses}" if losses else ""
    return (f"{plural(len(runs), 'scenario')} played to an ending ({endings}); "
            f"your choices in them add up to {net} (the picture's bars).")


def sbar(plan, draft) -> str:
    return f"Draft saved for “{draft.title}”."


def budget_lab(plan, lab) -> str:
    return f"{lab.answered} of {lab.steps} steps worked through, {lab.right} right."


def change_plan(plan, saved) -> str:
    return f"Plan saved for “{saved.title}”."


def run_chart(plan, r) -> str:
    sample = " (the sample unit's fictional data)" if r.sample else ""
    found = f"the rules find {r.signals}" if r.signals else "no signal of non-random change"
    return f"{r.indicator}{sample}, {r.first} to {r.last}: {found}."


def pdsa_plan(plan, fields) -> str:
    aim = next((text for label, text in fields if label.startswith("Aim")), "")
    return f"Aim: {aim}" if aim else "Plan saved."


def staffing_grid(plan, g) -> str:
    where = f"{g.unit}: " if g.unit else ""
    return f"{where}{g.staff_per_shift} staff on every shift, {num(g.ftes)} FTEs at the average census."


def reflections(plan, texts) -> str:
    return f"{plural(len(texts), 'reflection')} saved."


def goals(plan, part) -> str:
    return f"{plural(len(part.goals), 'goal')} set; review by {date_text(part.review_by)}."


def kept_feedback(plan, comments) -> str:
    return f"{plural(len(comments), 'comment')} from your mentor kept in the plan."
