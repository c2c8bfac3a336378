"""Step 1, country context: national plans, the UN framework, constituents, projects."""

from __future__ import annotations

from typing import Literal

from dwcp.model.common import (
    Amount,
    ConstituentGroup,
    Date,
    Identifier,
    Model,
    Number,
    Period,
    Text,
    Visible,
    Year,
)


class NationalGoal(Model):
    id: Identifier
    statement: Text


class NationalFramework(Model):
    """A national development plan, poverty reduction strategy or sector policy."""

    id: Identifier
    name: Text
    period: Period | None = None
    goals: list[NationalGoal] = []


class UnOutcome(Model):
    id: Identifier
    statement: Text
    decent_work: bool = False
    """True when this UN framework outcome concerns decent work."""
    not_covered_reason: str | None = None
    """Why no programme priority covers this decent-work outcome, if none does."""


class UnFramework(Model):
    """The UN country framework (UNDAF, UNSDCF or One UN programme)."""

    kind: Literal["undaf", "unsdcf", "one-un", "other"]
    name: Text
    period: Period | None = None
    outcomes: list[UnOutcome] = []


class Constituent(Model):
    """One constituent group, its organizations and their concerns."""

    group: ConstituentGroup
    organizations: list[Text] = []
    concerns: list[Text] = []
    consulted_on: Date | None = None
    """When the group was consulted on this programme."""


class Contribution(Model):
    outcome: Identifier
    """The CPO code of an outcome in this programme."""
    share_percent: Number | None = None
    """Share of the project's budget that serves this outcome, 0-100."""


class Project(Visible):
    """An ongoing or planned ILO project in the country."""

    symbol: Identifier
    """Project symbol, such as ZMB/18/02/RBS."""
    title: Text
    funding_source: str
    """A funding source id from the catalogue (RB, RBTC, RBSA, XBTC, XBDC, ...)."""
    donor: str | None = None
    budget: Amount | None = None
    currency: str | None = None
    """ISO 4217 code; the programme's currency when left out."""
    period: Period | None = None
    status: Literal["planned", "ongoing", "closed"] = "ongoing"
    contributes_to: list[Contribution] = []
    allocated: Amount | None = None
    """Funds allocated to date, for the delivery rate."""
    spent: Amount | None = None
    """Expenditure to date, for the delivery rate."""


class Lesson(Visible):
    text: Text
    source: str | None = None


class Partnership(Visible):
    partner: Text
    description: str | None = None


class BySex(Model):
    """Values for women and men (or girls and boys); either may be unpublished."""

    women: Number | None = None
    men: Number | None = None


class Statistic(Visible):
    """A key decent work statistic for the country."""

    name: Text
    value: Number
    unit: str | None = None
    year: Year
    source: Text
    by_sex: BySex | None = None


class Context(Model):
    national_frameworks: list[NationalFramework] = []
    un_framework: UnFramework | None = None
    constituents: list[Constituent] = []
    projects: list[Project] = []
    lessons_learned: list[Lesson] = []
    partnerships: list[Partnership] = []
    statistics: list[Statistic] = []
