"""Steps 2-4 as they nest in the file: priorities, their outcomes, indicators and resources."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

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
from dwcp.model.narrative import Prose


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


class BySex(Model):
    """An actual value split between women and men, for an indicator that counts people."""

    women: Number | None = None
    men: Number | None = None


class Actual(Model):
    """A reported value, for monitoring."""

    date: Date
    value: Number | None = None
    description: str | None = None
    source: str | None = None
    by_sex: BySex | None = None
    """The value for women and for men, where the source splits it."""


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


def _pb_code(value: object) -> object:
    """A whole number is its code (`outcome: 3`); a decimal is refused, since YAML reads
    1.10 as 1.1 and the code would silently change."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A ValueError, not a TypeError: only the former becomes a validation problem.
        message = 'write the code in quotes, such as "1.10": unquoted, 1.10 is read as 1.1'
        raise ValueError(message)  # noqa: TRY004
    return value


PbCode = Annotated[
    str,
    Field(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$"),
    BeforeValidator(_pb_code),
]
"""A P&B code as its P&B writes it: outcome "3" or "1a", output "1.2", indicator "1.2.1"."""


class PbReference(Model):
    """A Programme and Budget outcome of one biennium, and optionally one of its outputs and
    output indicators, by their codes."""

    biennium: BienniumText
    outcome: PbCode
    output: PbCode | None = None
    """An output of that outcome, such as 1.2 (P&B outputs exist from 2020-21)."""
    indicator: PbCode | None = None
    """An output indicator of that output, such as 1.2.1."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Editors should accept the legacy form the loader accepts, and nothing else.
        json_schema = handler.resolve_ref_schema(handler(core_schema))
        current = dict(json_schema)
        legacy = {
            "type": "object",
            "additionalProperties": False,
            "required": ["biennium", "number"],
            "properties": {
                "biennium": current["properties"]["biennium"],
                "number": {
                    "type": "integer",
                    "description": "Older form of `outcome`, read as its code.",
                },
            },
        }
        json_schema.clear()
        json_schema.update(
            title=current.pop("title"),
            description=current.pop("description"),
            anyOf=[current, legacy],
        )
        return json_schema

    @model_validator(mode="before")
    @classmethod
    def _legacy_number(cls, data: object) -> object:
        # Files written before codes were strings say `{biennium: 2018-19, number: 3}`.
        if isinstance(data, dict) and "number" in data and "outcome" not in data:
            return {("outcome" if k == "number" else k): v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _codes_nest(self) -> PbReference:
        if self.indicator is not None and self.output is None:
            raise ValueError("an indicator needs the output it belongs to")
        if self.output is not None and not self.output.startswith(f"{self.outcome}."):
            raise ValueError(
                f"output {self.output} does not belong to outcome {self.outcome}: "
                f"its code starts with {self.outcome}."
            )
        if self.indicator is not None and not self.indicator.startswith(f"{self.output}."):
            raise ValueError(
                f"indicator {self.indicator} does not belong to output {self.output}: "
                f"its code starts with {self.output}."
            )
        return self

    @property
    def code(self) -> str:
        """The most precise code given: the indicator's, else the output's, else the outcome's."""
        return self.indicator or self.output or self.outcome


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


class UnLink(Model):
    """A link to an outcome (and perhaps one of its outputs) of a listed UN framework."""

    outcome: Identifier
    alignment: Literal["full", "partial"]
    output: Identifier | None = None
    """The id of one of that UN outcome's outputs, when the link is that precise."""


def _check_one_role(item: Priority | Outcome) -> None:
    if item.enabling and item.cross_cutting:
        raise ValueError(
            f"{item.id} is marked both enabling and cross_cutting; keep one: enabling work "
            "makes the rest possible, cross-cutting work runs through all of it"
        )


class Outcome(Model):
    """A country programme outcome (CPO)."""

    id: Identifier
    """CPO code: ISO3 plus three digits, such as MLI904."""
    statement: Text
    enabling: bool = False
    """True for an enabling outcome, which serves the others (capacity, coordination)."""
    cross_cutting: bool = False
    """True for an outcome that runs through the whole programme, such as gender equality."""
    biennia: list[BienniumText] = []
    effect_on_women_and_men: str | None = None
    """How the outcome will affect women and men."""
    pb_outcomes: list[PbReference] = []
    un_outcomes: list[UnLink] = []
    """UN framework outcomes (and outputs) this outcome contributes to."""
    conventions: list[str] = []
    indicators: list[Indicator] = []
    outputs: list[Output] = []
    budget_required: list[BudgetLine] = []
    resources: list[Resource] = []
    responsible: str | None = None
    """The constituent or partner answerable for the outcome, for the off-track list."""
    strategy: Prose | None = None
    """How the outcome will be reached: the means of action, partners and sequence (Markdown)."""
    theory_of_change: Prose | None = None
    """Why those outputs lead to the outcome, and under which assumptions (Markdown)."""

    @model_validator(mode="after")
    def _one_role(self) -> Self:
        _check_one_role(self)
        return self


class Priority(Model):
    """A country programme priority (the methodology advises at most three)."""

    id: Identifier
    title: Text
    enabling: bool = False
    """True for an enabling priority, which makes the others possible."""
    cross_cutting: bool = False
    """True for a priority that runs through the others, such as social dialogue."""
    rationale: str | None = None
    strategic_objectives: list[str] = []
    national_goals: list[Identifier] = []
    un_outcomes: list[UnLink] = []
    sdg_targets: list[str] = []
    outcomes: list[Outcome] = []
    strategy: Prose | None = None
    """The strategy of the priority as a whole (Markdown)."""
    theory_of_change: Prose | None = None
    """How the priority's outcomes together bring the change sought (Markdown)."""

    @model_validator(mode="after")
    def _one_role(self) -> Self:
        _check_one_role(self)
        return self

    def un_links(self) -> list[UnLink]:
        """Its own links to UN framework outcomes, then those of its outcomes."""
        return [*self.un_outcomes, *(link for o in self.outcomes for link in o.un_outcomes)]

    def un_alignment(self) -> dict[str, str]:
        """Each UN outcome it reaches, full or partial; full wins when links differ."""
        found: dict[str, str] = {}
        for link in self.un_links():
            if found.get(link.outcome) != "full":
                found[link.outcome] = link.alignment
        return found
