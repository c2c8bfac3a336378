"""Step 1, country context: national plans, UN frameworks, constituents, projects."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, model_validator

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


class UnOutput(Model):
    """An output of a UN framework outcome, for links more precise than the outcome."""

    id: Identifier
    statement: Text


class UnOutcome(Model):
    id: Identifier
    """Unique across all the UN frameworks listed, so a link names one outcome."""
    statement: Text
    decent_work: bool = False
    """True when this UN framework outcome concerns decent work."""
    not_covered_reason: str | None = None
    """Why no programme priority covers this decent-work outcome, if none does."""
    outputs: list[UnOutput] = []


UnFrameworkKind = Literal[
    "undaf", "undap", "unsdf", "partnership-framework", "unsdcf", "one-un", "other"
]


class UnFramework(Model):
    """A UN country framework: UNDAF, UNDAP, UNSDF, partnership framework, UNSDCF ..."""

    id: Identifier | None = None
    """A short name to tell frameworks apart, such as UNDAF-2013; links name outcomes."""
    kind: UnFrameworkKind
    name: Text
    period: Period | None = None
    outcomes: list[UnOutcome] = []


LEGACY_UN_FRAMEWORK = "un_framework"
"""The key older files use for their one UN framework; it loads as un_frameworks[0]."""


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
    """Values for women and men, adults; either may be unpublished. A statistic about
    children is split into girls and boys (BySexChildren)."""

    women: Number | None = None
    men: Number | None = None


class BySexChildren(Model):
    """Values for girls and boys; either may be unpublished."""

    girls: Number | None = None
    boys: Number | None = None


Population = Literal["all", "adults", "youth", "children"]


class Statistic(Visible):
    """A key decent work statistic for the country."""

    name: Text
    value: Number
    unit: str | None = None
    year: Year
    """The year the figure refers to (its survey or reference year), not a programme year."""
    published: Year | None = None
    """The year the source published the figure, when later than `year`: whether it was
    available when the programme was drafted."""
    source: Text
    population: Population | None = None
    """Whom the figure is about; left out, a name that speaks of children says children."""
    by_sex: BySex | None = None
    """Women and men: for a statistic about adults only."""
    by_sex_children: BySexChildren | None = None
    """Girls and boys: for a statistic about children."""


def _legacy_schema(schema: dict[str, Any]) -> None:
    """Editors accept the one `un_framework` of older files, never with `un_frameworks`."""
    properties = schema["properties"]
    item = properties["un_frameworks"]["items"]
    properties[LEGACY_UN_FRAMEWORK] = {
        "anyOf": [item, {"type": "null"}],
        "deprecated": True,
        "description": "One UN framework, as older files give it; use un_frameworks.",
    }
    schema["not"] = {"required": [LEGACY_UN_FRAMEWORK, "un_frameworks"]}


class Context(Model):
    model_config = ConfigDict(json_schema_extra=_legacy_schema)
    LEGACY_KEYS: ClassVar[dict[str, str]] = {LEGACY_UN_FRAMEWORK: "un_frameworks"}
    """Keys older files use, and the field each stands for (key order, editors' schema)."""

    national_frameworks: list[NationalFramework] = []
    un_frameworks: list[UnFramework] = []
    """The UN frameworks in force during the programme; most programmes straddle two."""
    constituents: list[Constituent] = []
    projects: list[Project] = []
    lessons_learned: list[Lesson] = []
    partnerships: list[Partnership] = []
    statistics: list[Statistic] = []
    tripartite_body: TripartiteBody | None = None
    labour_standards: LabourStandards | None = None

    def un_outcomes(self) -> list[UnOutcome]:
        """The outcomes of every UN framework listed, framework by framework."""
        return [outcome for framework in self.un_frameworks for outcome in framework.outcomes]

    @model_validator(mode="before")
    @classmethod
    def _one_framework_as_list(cls, data: Any) -> Any:
        """`un_framework: {...}` of older files is `un_frameworks: [{...}]`."""
        if not isinstance(data, dict) or LEGACY_UN_FRAMEWORK not in data:
            return data
        if "un_frameworks" in data:
            raise ValueError(
                "the context gives both un_framework and un_frameworks; move the one "
                "framework into the un_frameworks list"
            )
        moved = {k: v for k, v in data.items() if k != LEGACY_UN_FRAMEWORK}
        single = data[LEGACY_UN_FRAMEWORK]
        moved["un_frameworks"] = [] if single is None else [single]
        return moved


class TripartiteSeat(Model):
    """One group in a national tripartite body, and the organizations that sit for it."""

    group: ConstituentGroup
    organizations: list[Text] = []


class TripartiteBody(Model):
    """A standing national tripartite body (a tripartite forum, a national labour council or
    labour advisory board). It can sign the programme and steer it (`group: tripartite-body`)
    for the groups of its composition."""

    name: Text
    established: Year | None = None
    """The year it was set up."""
    legal_basis: str | None = None
    """The law or decree that sets it up, such as "Labour and Employment Relations Act 2013"."""
    composition: list[TripartiteSeat] = []

    def groups(self) -> frozenset[str]:
        """The constituent groups that sit on the body."""
        return frozenset(seat.group for seat in self.composition)


RatificationStatus = Literal["in-force", "not-in-force", "denounced", "abrogated"]
"""As NORMLEX states a ratification: in force, not yet in force (registered, awaiting its
date), denounced, or of a Convention since abrogated."""


class Ratification(Model):
    """An ILO instrument the country has ratified."""

    instrument: str
    """A Convention or Protocol id from the catalogue, such as C087 or P029."""
    ratified: Date
    """The date the ratification was registered."""
    status: RatificationStatus = "in-force"


SupervisoryBody = Literal["ceacr", "cas", "cfa", "other"]
"""Committee of Experts on the Application of Conventions and Recommendations, Conference
Committee on the Application of Standards, Committee on Freedom of Association, or another
body (a commission of inquiry, a representation committee)."""


class SupervisoryComment(Visible):
    """A comment of the ILO supervisory bodies on the country, and the outcomes that act on it."""

    body: SupervisoryBody
    year: Year
    instrument: str | None = None
    """The Convention or Protocol commented on; none for a freedom of association case."""
    reference: str | None = None
    """Which comment: "observation", "direct request", "Case No. 3184"."""
    summary: Text
    addressed_by: list[Identifier] = []
    """Ids of the outcomes of this programme that address it."""


class LabourStandards(Model):
    """International labour standards in the country: ratifications and the supervisory
    bodies' comments."""

    ratifications: list[Ratification] = []
    """Every ratification NORMLEX lists for the country: once any is recorded, an instrument
    missing here is taken as not ratified."""
    supervisory_comments: list[SupervisoryComment] = []
