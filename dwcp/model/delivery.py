"""Steps 4-6 outside the results chain: risks, management, monitoring and sign-off."""

from __future__ import annotations

from typing import Literal

from dwcp.model.common import (
    ConstituentGroup,
    Date,
    Identifier,
    Model,
    Number,
    PartyGroup,
    Sex,
    Text,
    Visible,
)

Level = Literal["low", "medium", "high"]


class Risk(Visible):
    id: Identifier | None = None
    description: Text
    likelihood: Level | None = None
    impact: Level | None = None
    mitigation: str | None = None


class Planning(Model):
    currency: str = "USD"
    """ISO 4217 code used for every amount that names no currency of its own."""
    risks: list[Risk] = []
    assumptions: list[Text] = []


class Manager(Model):
    role: Text
    office: Text
    name: str | None = None


class Member(Visible):
    group: PartyGroup
    organization: Text
    name: str | None = None
    sex: Sex | None = None


class SteeringCommittee(Model):
    name: str | None = None
    chair: str | None = None
    meets: str | None = None
    """How often it meets, such as "twice a year"."""
    members: list[Member] = []


class Role(Model):
    group: PartyGroup
    role: Text


class Partner(Visible):
    name: Text
    role: str | None = None


class Management(Model):
    programme_manager: Manager | None = None
    steering_committee: SteeringCommittee | None = None
    constituent_roles: list[Role] = []
    implementing_partners: list[Partner] = []


class Arrangement(Model):
    what: Text
    frequency: Text
    responsible: Text


class ReportDue(Model):
    report: Text
    due: Date | None = None
    frequency: str | None = None
    audience: str | None = None


ReviewKind = Literal[
    "annual-review",
    "mid-term-review",
    "country-programme-review",
    "independent-evaluation",
    "final-review",
]


ResponseStatus = Literal["accepted", "partially", "rejected"]
Implementation = Literal["done", "in-progress", "not-started"]


class Recommendation(Visible):
    """A review's recommendation and the management response to it."""

    text: Text
    addressed_to: str | None = None
    response: ResponseStatus | None = None
    """How management answered it: accepted, partially (accepted in part) or rejected."""
    implementation: Implementation | None = None
    """How far an accepted recommendation has been carried out."""
    due: Date | None = None


class Review(Visible):
    kind: ReviewKind
    planned: Date | None = None
    done: Date | None = None
    participatory: bool = True
    findings: str | None = None
    key_findings: list[Text] = []
    """The review's findings one by one, beside the summary in `findings`."""
    recommendations: list[Recommendation] = []


class Satisfaction(Model):
    """How satisfied a constituent group said it was with its participation."""

    group: ConstituentGroup
    year: int
    satisfied_percent: Number
    """Share of respondents satisfied with their participation, 0-100."""
    source: str | None = None


class Monitoring(Model):
    arrangements: list[Arrangement] = []
    reporting: list[ReportDue] = []
    reviews: list[Review] = []
    satisfaction: list[Satisfaction] = []


class Signatory(Model):
    organization: Text
    group: PartyGroup
    signer: Text
    title: str | None = None
    date: Date | None = None
