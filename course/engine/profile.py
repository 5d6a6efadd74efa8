"""The learner's starting profile: saved once in lesson 00, read by every later lesson.

Stored as an event (kind "exercise", item PROFILE_ITEM, lesson "start-here") whose response is
Profile.model_dump(); the latest one wins, so a learner can update it at any time.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from course import keys
from course.numbers import format_number

PROFILE_ITEM = keys.PROFILE
PROFILE_LESSON = keys.PROFILE_LESSON

STAGES = {
    "high-school": "High-school student",
    "undergraduate": "Undergraduate student",
    "graduate": "Graduate student",
    "clinician": "Practicing clinician",
    "new-manager": "New manager (in a first leadership role)",
}
FIELDS = {
    "nursing": "Nursing",
    "medicine": "Medicine",
    "mental-health": "Mental health (psychology, counseling, social work)",
    "allied-health": "Allied health (physical or occupational therapy, pharmacy, imaging, laboratory…)",
    "other": "Other or not sure yet",
}
DEGREES = {
    "associate-nursing": "Associate degree or diploma in nursing",
    "bsn": "Bachelor of Science in Nursing (BSN)",
    "bachelor-science": "Bachelor's in a science, pre-medicine or health field",
    "bachelor-psychology": "Bachelor's in psychology",
    "bachelor-other": "Another bachelor's degree",
    "msn": "Master of Science in Nursing (MSN)",
    "dnp": "Doctor of Nursing Practice (DNP)",
    "md": "Medical degree (MD or DO)",
    "phd-psychology": "Doctorate in psychology (PhD or PsyD)",
    "msw": "Master of Social Work (MSW)",
    "dpt": "Doctor of Physical Therapy (DPT)",
    "pharmd": "Doctor of Pharmacy (PharmD)",
    "mha": "Master of Health Administration or healthcare management (MHA)",
    "mba": "Master of Business Administration (MBA)",
    "mph": "Master of Public Health (MPH)",
    "other-masters": "Another master's degree",
}
GOAL_MAX = 1000
YEARS_MAX, HOURS_MIN, HOURS_MAX = 50, 1, 40


class Profile(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    stage: Literal["high-school", "undergraduate", "graduate", "clinician", "new-manager"]
    clinical_years: float = Field(default=0, ge=0, le=YEARS_MAX)  # years of clinical practice so far (1.5 is 1.5)
    field: Literal["nursing", "medicine", "mental-health", "allied-health", "other"]
    degrees: tuple[str, ...] = ()
    licensed: bool = False  # holds a clinical license now (RN, physician, psychologist, therapist…)
    leadership_roles: bool = False  # charge nurse, shift lead, committee chair, preceptor…
    hours_per_week: float = Field(default=3, ge=HOURS_MIN, le=HOURS_MAX)  # time for the course and development
    goals: str = Field(default="", max_length=GOAL_MAX)

    @field_validator("degrees")
    @classmethod
    def _known_degrees(cls, value):
        unknown = [d for d in value if d not in DEGREES]
        if unknown:
            raise ValueError(f"unknown degree(s): {', '.join(unknown)}")
        return tuple(dict.fromkeys(value))  # no duplicates, order kept

    @field_validator("goals")
    @classmethod
    def _clean_goals(cls, value):
        return value.replace("\x00", "").strip()

    def describe(self) -> str:
        """One plain sentence for headers and plans (escape it before putting it in HTML)."""
        n = self.clinical_years
        years = f" with {format_number(n)} {'year' if n == 1 else 'years'} of practice" if self.stage == "clinician" else ""
        return f"{STAGES[self.stage]}{years}; field: {FIELDS[self.field]}"


def load_profile(session) -> Profile | None:
    """The learner's latest saved profile, or None if they have not saved one (or it no longer fits)."""
    saved = session.state(PROFILE_LESSON).get(PROFILE_ITEM)
    if not saved:
        return None
    try:
        return Profile.model_validate(saved["response"])
    except Exception:
        return None


def save_profile(session, profile: Profile) -> str:
    return session.record(lesson=PROFILE_LESSON, item=PROFILE_ITEM, kind="exercise",
                          response=profile.model_dump(mode="json"))
