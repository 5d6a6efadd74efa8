"""Lesson 07's content model: the budget lab's steps, the KPI dashboard's targets, the change plan.

The texts live in course/content/operations_toolkit.yaml; the loader validates them here and
checks what a schema alone cannot (placeholders the lab can fill; the notebook's budget-lab calls
are checked with every notebook's references). No pandas and no widgets here, so loading the catalog stays light.
"""
from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import Field, model_validator

from course.schema.base import MAX_TRIES, Problem, Slug, Strict, Text, unique_by_id

CONTENT_FILE = "operations_toolkit.yaml"

# What the budget lab gives the learner (placeholders a text may use) and asks of them (answers
# course/engine/budget.py works out); the KPIs the dashboard knows how to compute.
INPUTS = ("month_name", "days_in_month", "budget_patient_days", "actual_patient_days", "budget_worked_hours",
          "actual_worked_hours", "actual_nonproductive_hours", "actual_paid_hours", "budget_worked_labor_cost",
          "actual_worked_labor_cost", "budget_hppd", "budget_rate", "total_variance", "fte_hours",
          "weekly_fte_hours", "pay_period_fte_hours", "month_fte_hours")
FIGURES = ("ftes", "actual_hppd", "flexible_budget", "volume_variance", "efficiency_variance", "rate_variance")
KPI_IDS = ("length-of-stay", "overtime", "hppd", "falls", "rn-turnover", "patient-experience")


class Unit(Strict):
    """The fictional unit the sample data describes."""

    name: Text
    kind: Text
    beds: int = Field(ge=1, le=200)
    fiscal_year: Text
    note: Text  # that the data is fictional teaching data


class LabField(Strict):
    figure: Literal[FIGURES]  # type: ignore[valid-type]  (which answer in budget.lab_answers)
    label: Text
    unit: Text
    tolerance: float = Field(gt=0)  # an answer this close to the key counts as right


class LabStep(Strict):
    id: Slug
    title: Text
    prompt: Text  # may use {placeholders} from budget.INPUTS: figures the learner is given
    fields: list[LabField] = Field(min_length=1, max_length=3)
    hint: Text  # the formula, shown after a wrong try
    explanation: Text  # shown once answered; may also use the answers' placeholders
    max_tries: int = Field(default=MAX_TRIES, ge=1, le=5)

    @model_validator(mode="after")
    def _unique_figures(self):
        figures = [f.figure for f in self.fields]
        if len(figures) != len(set(figures)):
            raise ValueError("a step asks for the same figure twice")
        return self


class BudgetLab(Strict):
    month: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]  # the month every step works on
    fte_fact: Slug  # the fact that holds the paid hours of 1.0 FTE
    steps: Annotated[list[LabStep], Field(min_length=1), unique_by_id("step")]


class Kpi(Strict):
    id: Literal[KPI_IDS]  # type: ignore[valid-type]
    label: Text
    unit: Text
    decimals: int = Field(default=1, ge=0, le=3)
    target: float
    better: Literal["lower", "higher", "none"]  # "none": a budgeted level, neither direction is better
    how_to_read: Text


class KpiDashboard(Strict):
    title: Text
    intro: Text
    kpis: list[Kpi] = Field(min_length=2)


class PlanField(Strict):
    id: Slug
    label: Text
    hint: Text
    kind: Literal["line", "text", "choice"]
    options: list[Text] = []
    min_chars: int = Field(default=3, ge=1)
    max_chars: int = Field(default=600, le=2000)

    @model_validator(mode="after")
    def _options(self):
        if self.kind == "choice" and len(self.options) < 2:
            raise ValueError("a choice field needs at least two options")
        if self.kind != "choice" and self.options:
            raise ValueError("only a choice field has options")
        if self.min_chars > self.max_chars:
            raise ValueError("'min_chars' must not be greater than 'max_chars'")
        return self


class Policy(Strict):
    title: Text
    text: list[Text] = Field(min_length=1)  # paragraphs
    note: Text  # e.g. that the policy is fictional


class ChangePlan(Strict):
    title: Text
    instructions: Text
    policy: Policy
    fields: Annotated[list[PlanField], Field(min_length=3), unique_by_id("field")]


class OperationsContent(Strict):
    lesson: Slug
    unit: Unit
    budget_lab: BudgetLab
    kpi_dashboard: KpiDashboard
    change_plan: ChangePlan

    def check(self, context) -> list[Problem]:
        """(place, reason) for what the schema cannot see: the lesson, the fact behind an FTE, and placeholders."""
        problems = context.unknown_lesson("lesson", self.lesson)
        problems += context.fact_problem("budget_lab.fte_fact", self.budget_lab.fte_fact)
        for i, step in enumerate(self.budget_lab.steps):
            for name, allowed in (("prompt", INPUTS), ("hint", INPUTS), ("explanation", INPUTS + FIGURES)):
                try:
                    found = placeholders(getattr(step, name))
                except ValueError as exc:
                    problems.append((f"budget_lab.steps.{i}.{name}", f"malformed placeholder ({exc})"))
                    continue
                for placeholder in found:
                    if placeholder in FIGURES and name != "explanation":
                        problems.append((f"budget_lab.steps.{i}.{name}",
                                         f"'{{{placeholder}}}' is an answer: it may appear only in the explanation"))
                    elif placeholder not in allowed:
                        problems.append((f"budget_lab.steps.{i}.{name}", f"unknown placeholder '{{{placeholder}}}'"))
        kpi_ids = [k.id for k in self.kpi_dashboard.kpis]
        if len(kpi_ids) != len(set(kpi_ids)):
            problems.append(("kpi_dashboard.kpis", "a KPI is listed twice"))
        return problems

    def step_ids(self) -> list[str]:
        return [s.id for s in self.budget_lab.steps]


def placeholders(text: str) -> list[str]:
    """The {names} a text asks to be filled in; raises ValueError on a malformed brace or a format
    spec (the lab fills in figures already formatted)."""
    names = []
    for _, name, spec, conv in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conv:
            raise ValueError(f"'{{{name}}}' has a format spec; write just {{{name.split(':')[0]}}}")
        names.append(name)
    return names
