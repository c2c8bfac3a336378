"""Steps 2-4 as they nest in the file: priorities, their outcomes, indicators and resources."""

from __future__ import annotations

from typing import Literal

from dwcp.model.common import (
    Amount,
    BienniumText,
    Date,
    Identifier,
    Model,
    Number,
    Text,
    Visible,
    Year,
)


class Baseline(Model):
    """Where the indicator stands at the start, or when that will be known."""

    value: Number | None = None
    description: str | None = None
    """Qualitative baseline, or the meaning of the value."""
    year: Year | None = None
    source: str | None = None
    to_be_established_by: Date | None = None
    """Date by which a baseline still unknown will be measured."""


class Target(Model):
    value: Number | None = None
    description: str | None = None
    year: Year | None = None


class Milestone(Model):
    year: Year
    value: Number | None = None
    description: str | None = None


class Actual(Model):
    """A reported value, for monitoring."""

    date: Date
    value: Number | None = None
    description: str | None = None
    source: str | None = None


class Indicator(Model):
    id: Identifier
    statement: Text
    unit: str | None = None
    """What the value counts: people, percent, number, yes/no ..."""
    baseline: Baseline | None = None
    target: Target | None = None
    milestones: list[Milestone] = []
    means_of_verification: list[Text] = []
    disaggregation: list[Text] = []
    """Breakdowns reported, such as sex, age, disability, region."""
    actuals: list[Actual] = []


class PbReference(Model):
    """A Programme and Budget outcome, keyed by biennium and number."""

    biennium: BienniumText
    number: int


class Output(Visible):
    id: Identifier
    statement: Text


class BudgetLine(Model):
    """Funds an outcome needs in one biennium."""

    biennium: BienniumText
    amount: Amount
    currency: str | None = None


class Resource(Visible):
    """Funds for an outcome from one source, secured or in the pipeline."""

    source: str
    """A funding source id from the catalogue."""
    amount: Amount
    currency: str | None = None
    biennium: BienniumText
    status: Literal["secured", "pipeline"]
    donor: str | None = None
    project: str | None = None
    """Symbol of the project that brings these funds."""
    allocated: Amount | None = None
    spent: Amount | None = None


class Outcome(Model):
    """A country programme outcome (CPO)."""

    id: Identifier
    """CPO code: ISO3 plus three digits, such as MLI904."""
    statement: Text
    biennia: list[BienniumText] = []
    effect_on_women_and_men: str | None = None
    """How the outcome will affect women and men."""
    pb_outcomes: list[PbReference] = []
    conventions: list[str] = []
    indicators: list[Indicator] = []
    outputs: list[Output] = []
    budget_required: list[BudgetLine] = []
    resources: list[Resource] = []


class UnLink(Model):
    outcome: Identifier
    alignment: Literal["full", "partial"]


class Priority(Model):
    """A country programme priority (at most three per programme)."""

    id: Identifier
    title: Text
    rationale: str | None = None
    strategic_objectives: list[str] = []
    national_goals: list[Identifier] = []
    un_outcomes: list[UnLink] = []
    sdg_targets: list[str] = []
    outcomes: list[Outcome] = []
