"""Certification eligibility: the rules as data (content/certifications.yaml), checked here.

A certification has one or more routes; a route is a list of conditions (a degree, a license,
a position, an amount of education or of experience). The learner is eligible if every condition
of any route holds. Otherwise the closest route says what is missing: more years or hours, or a
degree, credits, license or position. Thresholds come from facts.yaml, so each figure lives once.
Every route carries a note to confirm with the certifying body, because eligibility rules change.
Question ids such as `rn_licence` keep their first spelling: saved answers refer to them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from course.engine.profile import Profile
from course.schema.certifications import (  # noqa: F401 (the rules' model; callers use them from here)
    HOURS_FACT, LICENCE_QUESTIONS, MEASURE_LIMITS, MEASURE_UNITS, Certification, CertificationFile, Condition,
    DegreeCondition, EducationCondition, ExperienceCondition, LicenceCondition, Measure, NumberQuestion,
    PositionCondition, Question, Route, YesNo, YesNoQuestion)


# --- the learner's situation ----------------------------------------------------------------

@dataclass(frozen=True)
class Situation:
    degrees: frozenset[str] = frozenset()
    yes: frozenset[str] = frozenset()  # the yes-no questions answered yes
    amounts: dict = field(default_factory=dict)  # measure -> number


def defaults_from(profile: Profile | None) -> dict:
    """Starting answers for the explorer's questions, taken from the profile where it says."""
    answers = {m: 0 for m in MEASURE_UNITS}
    answers.update(rn_licence=False, physician_licence=False, executive_position=False)
    if profile:
        answers["healthcare_years"] = profile.clinical_years
        answers["rn_licence"] = bool(profile.licensed and profile.field == "nursing")
        answers["physician_licence"] = bool(profile.licensed and profile.field == "medicine")
        if profile.field == "medicine":
            answers["physician_practice_years"] = profile.clinical_years
    return answers


def validate_answers(raw, content: CertificationFile) -> tuple[dict | None, str | None]:
    """The answers as numbers and booleans, or (None, a message). Only questions the file asks."""
    if not isinstance(raw, dict):
        return None, "The answers could not be read."
    clean = {}
    for q in content.questions:
        value = raw.get(q.id)
        if q.kind == "yes-no":
            if not isinstance(value, bool):
                return None, f"Answer yes or no: {q.label}"
            clean[q.id] = value
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            return None, f"Type a number for: {q.label}"
        limit = MEASURE_LIMITS[MEASURE_UNITS[q.id]]
        if not 0 <= value <= limit:
            return None, f"Use a number from 0 to {limit:,} for: {q.label}"
        clean[q.id] = round(float(value), 2)
    return clean, None


def situation_from(profile: Profile | None, answers: dict) -> Situation:
    return Situation(
        degrees=frozenset(profile.degrees if profile else ()),
        yes=frozenset(k for k, v in answers.items() if v is True),
        amounts={k: float(v) for k, v in answers.items() if k in MEASURE_UNITS},
    )


# --- checking the rules ----------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    kind: str  # degree, licence, position, education or experience
    label: str
    missing: float = 0.0  # for experience and education: how many more years, hours or credits
    unit: str = ""
    needed: float = 0.0  # the threshold, so a partly met gap can be told from an untouched one

    def describe(self, facts: dict | None = None) -> str:
        if self.kind == "education":
            return f"needs {_amount(self.missing)} more {self.unit} {self.label}"
        if self.kind != "experience":
            return f"needs {self.label}"
        amount = f"{self.missing:,.0f}" if self.unit == "hours" else _years(self.missing)
        text = f"{amount} more {self.unit if self.missing != 1 else self.unit.rstrip('s')} {self.label}"
        hours_fact = (facts or {}).get(HOURS_FACT)
        if self.unit == "hours" and hours_fact is not None and hours_fact.value:
            months = self.missing / hours_fact.value * 12
            text += f" (about {max(1, round(months))} months at full time)"
        return text


def _years(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


@dataclass(frozen=True)
class RouteResult:
    route: Route
    gaps: tuple[Gap, ...]

    @property
    def met(self) -> bool:
        return not self.gaps

    @property
    def credential_gaps(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.kind != "experience")

    @property
    def credentials_to_go(self) -> float:
        """Missing credentials, counting a partly completed amount of education as a part."""
        return sum(g.missing / g.needed if g.kind == "education" and g.needed else 1.0
                   for g in self.credential_gaps)

    def years_to_go(self, facts: dict) -> float:
        """The longest experience gap in this route, in years (hours at full time)."""
        per_year = getattr(facts.get(HOURS_FACT), "value", None) or 2080
        return max((g.missing / per_year if g.unit == "hours" else g.missing
                    for g in self.gaps if g.kind == "experience"), default=0.0)


ELIGIBLE, AFTER, NEEDS = "eligible", "after", "needs"
STATUS_TEXT = {ELIGIBLE: "Eligible now", AFTER: "After more experience",
               NEEDS: "Needs a degree, credits, license or position"}


@dataclass(frozen=True)
class Verdict:
    certification: Certification
    status: str  # ELIGIBLE, AFTER or NEEDS
    summary: str
    best: RouteResult
    routes: tuple[RouteResult, ...]
    advice: str | None = None  # the recommended (not required) experience, where there is one


def condition_gap(cond, situation: Situation, facts: dict) -> Gap | None:
    """What is missing for one condition, or None when the learner meets it."""
    if isinstance(cond, DegreeCondition):
        return None if situation.degrees & set(cond.any_of) else Gap("degree", cond.label)
    if isinstance(cond, LicenceCondition):
        return None if LICENCE_QUESTIONS[cond.licence] in situation.yes else Gap("licence", cond.label)
    if isinstance(cond, PositionCondition):
        return None if "executive_position" in situation.yes else Gap("position", cond.label)
    needed = float(facts[cond.fact].value)
    have = float(situation.amounts.get(cond.measure, 0))
    if have >= needed:
        return None
    kind = "education" if isinstance(cond, EducationCondition) else "experience"
    return Gap(kind, cond.label, round(needed - have, 2), MEASURE_UNITS[cond.measure], needed)


def check_route(route: Route, situation: Situation, facts: dict) -> RouteResult:
    gaps = (condition_gap(cond, situation, facts) for cond in route.conditions)
    return RouteResult(route, tuple(g for g in gaps if g is not None))


def evaluate(cert: Certification, situation: Situation, facts: dict) -> Verdict:
    results = tuple(check_route(r, situation, facts) for r in cert.routes)
    advice = None
    if cert.recommended:
        rec = cert.recommended
        needed = float(facts[rec.fact].value)
        have = float(situation.amounts.get(rec.measure, 0))
        advice = (f"Recommended: about {_years(needed)} {MEASURE_UNITS[rec.measure]} {rec.label}; "
                  f"you report {_years(have)}." + (" You have that already." if have >= needed else ""))
    met = [r for r in results if r.met]
    if met:
        best = met[0]
        return Verdict(cert, ELIGIBLE, f"Eligible now, on what you entered ({best.route.label}).", best,
                       results, advice)
    only_experience = [r for r in results if not r.credential_gaps]
    if only_experience:
        best = min(only_experience, key=lambda r: r.years_to_go(facts))
        wanted = " and ".join(g.describe(facts) for g in best.gaps)
        return Verdict(cert, AFTER, f"After {wanted} ({best.route.label}).", best, results, advice)
    best = min(results, key=lambda r: (len(r.credential_gaps), r.credentials_to_go, r.years_to_go(facts)))
    wanted = "; ".join(g.describe(facts) for g in best.gaps)
    return Verdict(cert, NEEDS, f"Closest route ({best.route.label}): {wanted}.", best, results, advice)


def evaluate_all(content: CertificationFile, situation: Situation, facts: dict) -> list[Verdict]:
    return [evaluate(c, situation, facts) for c in content.certifications]
