"""The starting profile's vocabulary (stages, fields, degrees): the ids content files refer to
(pathways, certifications, the experience log, the self-assessment) and the profile form offers."""
from __future__ import annotations

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
