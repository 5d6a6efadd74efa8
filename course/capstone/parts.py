"""The parts of a development plan, named once: a new part is one entry here (with its words in
development_plan.yaml and its two templates, templates/parts/<id>.md and .html).

Each PlanPart says which lesson builds it (the plan links there while the part is missing), how it
is read from the learner's saved work (reading.py), how it is said in one line on the lesson's
list (summaries.py), and in which section of the documents it appears. An optional part is never
listed as missing: the learner cannot build it alone (a mentor's comments to keep).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from course.capstone import reading, summaries


@dataclass(frozen=True)
class PlanPart:
    id: str
    lesson: str  # the lesson that builds it
    read: Callable  # Sources -> what the learner saved (falsy when nothing)
    summary: Callable  # (Plan, value) -> one line of plain text
    section: str  # a Section id below
    call: str  # the notebook call that builds it: course.<call>(...)
    optional: bool = False

    @property
    def template(self) -> str:
        """Its render, per format: parts/<id>.md and parts/<id>.html."""
        return f"parts/{self.id}"


@dataclass(frozen=True)
class Section:
    id: str
    heading: str


PARTS = (
    PlanPart("profile", "start-here", reading.profile, summaries.profile, "start", "starting_profile"),
    PlanPart("pathway", "education", reading.pathway, summaries.pathway, "pathway", "planner"),
    PlanPart("experience-log", "clinical-experience", reading.experience_log, summaries.experience_log, "evidence",
             "experience_log"),
    PlanPart("self-assessment", "into-management", reading.self_assessment, summaries.self_assessment,
             "competencies", "self_assessment"),
    PlanPart("certifications", "into-management", reading.certifications, summaries.certifications,
             "certifications", "certifications"),
    PlanPart("scenarios", "leading-teams", reading.scenarios, summaries.scenarios, "competencies", "scenario"),
    PlanPart("sbar", "communication", reading.sbar, summaries.sbar, "practice", "sbar"),
    PlanPart("budget-lab", "operations-toolkit", reading.budget_lab, summaries.budget_lab, "practice", "budget_lab"),
    PlanPart("change-plan", "operations-toolkit", reading.change_plan, summaries.change_plan, "practice",
             "change_plan"),
    PlanPart("run-chart", "quality-safety", reading.run_chart, summaries.run_chart, "practice", "run_chart"),
    PlanPart("pdsa-plan", "quality-safety", reading.pdsa_plan, summaries.pdsa_plan, "practice", "pdsa_plan"),
    PlanPart("staffing-grid", "people-staffing", reading.staffing_grid, summaries.staffing_grid, "practice",
             "staffing_grid"),
    PlanPart("reflections", "start-here", reading.reflections, summaries.reflections, "reflections", "reflection"),
    PlanPart("goals", "capstone", reading.goals, summaries.goals, "goals", "development_plan"),
    PlanPart("mentor-feedback", "capstone", reading.kept_feedback, summaries.kept_feedback, "feedback",
             "development_plan", optional=True),
)

# The documents' sections, in the order a mentor reads a plan: the goals first, they are what the
# conversation is about (the HTML page puts the summary picture right after them).
SECTIONS = (
    Section("goals", "My goals"),
    Section("start", "Where I start"),
    Section("pathway", "My pathway"),
    Section("competencies", "Competency profile"),
    Section("evidence", "Evidence: my experience log"),
    Section("certifications", "Certifications I checked"),
    Section("practice", "Practice work"),
    Section("feedback", "Feedback I kept from my mentor"),
    Section("reflections", "My reflections"),
)


def in_section(section_id: str) -> tuple[PlanPart, ...]:
    return tuple(p for p in PARTS if p.section == section_id)
