"""Shared building blocks of the programme model: strict base class and small value types."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


class Model(BaseModel):
    """Every programme model rejects unknown keys, so a misspelt key is never dropped."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
        # Only Programme's validator is ever used: build it once, on first use, instead
        # of one per nested model at import.
        defer_build=True,
    )


class Visible(Model):
    """An item that may be kept out of public documents."""

    internal: bool = False
    """True keeps this item out of public documents (negotiations, contacts, notes)."""


Year = Annotated[int, Field(ge=1900, le=2100)]
Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number: NaN and infinity would break every comparison a rule makes."""


@dataclass(frozen=True, order=True)
class Biennium:
    """An ILO biennium: an even year and the next, written like 2020-21. Ordered by year."""

    first: int
    """The even year it starts with."""

    def __post_init__(self) -> None:
        if self.first % 2:
            raise ValueError(_NOT_A_BIENNIUM)

    @classmethod
    def parse(cls, text: str) -> Biennium:
        """`"2020-21"` -> Biennium(2020); ValueError for anything else."""
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            raise ValueError(_NOT_A_BIENNIUM)
        first = int(text[:4])
        if int(text[5:]) != (first + 1) % 100:
            raise ValueError(_NOT_A_BIENNIUM)
        return cls(first)

    @classmethod
    def of(cls, year: int) -> Biennium:
        """The biennium holding a year: 2021 -> 2020-21."""
        return cls(year - year % 2)

    @property
    def last(self) -> int:
        return self.first + 1

    def years(self) -> range:
        return range(self.first, self.last + 1)

    def contains(self, year: int) -> bool:
        return self.first <= year <= self.last

    def __str__(self) -> str:
        return f"{self.first}-{self.last % 100:02d}"


_NOT_A_BIENNIUM = "a biennium is an even year and the next, such as 2020-21"


def is_biennium(value: str) -> bool:
    """Whether the text is a biennium written like 2020-21."""
    try:
        Biennium.parse(value)
    except ValueError:
        return False
    return True


def _check_biennium(value: str) -> str:
    Biennium.parse(value)
    return value


BienniumText = Annotated[
    str,
    Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2020-21"]),
    AfterValidator(_check_biennium),
]
"""A biennium as the programme file writes it; Biennium.parse reads it."""
Identifier = Annotated[
    str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
]
Text = Annotated[str, Field(min_length=1)]
Amount = Decimal
Date = dt.date

ConstituentGroup = Literal["government", "employers", "workers"]
PartyGroup = Literal["government", "employers", "workers", "ilo", "un", "other", "tripartite-body"]
"""Who signs or sits on a committee; `tripartite-body` is the national tripartite body of
`context.tripartite_body`, standing for the groups of its composition."""
Sex = Literal["female", "male"]


class Extension(Model):
    """The decision that extended a period: when it was taken, by whom and why."""

    date: Date
    by: str | None = None
    """Who decided, such as the national steering committee."""
    summary: str | None = None


class Period(Model):
    """A span of calendar years, both ends included, perhaps extended past its end."""

    start: Year
    end: Year
    extended_to: Year | None = None
    """The last year of an extension agreed after the period was set."""
    extension: Extension | None = None
    """The dated decision behind extended_to."""

    @model_validator(mode="after")
    def _extension_after_end(self) -> Self:
        if self.extended_to is not None and self.extended_to <= self.end:
            raise ValueError(
                f"extended_to ({self.extended_to}) must come after the end of the period "
                f"({self.end}); change end instead if the period was only corrected"
            )
        if self.extension is not None and self.extended_to is None:
            raise ValueError("an extension decision needs extended_to, the year it runs to")
        return self

    @property
    def effective_end(self) -> int:
        """The last year in force: the extension's when there is one, else `end`.

        Everything that asks whether a year falls in the period uses it; only what names
        the period as agreed (the file name, its length) reads `end`.
        """
        return self.extended_to if self.extended_to is not None else self.end

    def describe(self) -> str:
        """`2016-2020`, or `2016-2020, extended to 2022`."""
        agreed = f"{self.start}-{self.end}"
        return agreed if self.extended_to is None else f"{agreed}, extended to {self.extended_to}"

    def years(self) -> range:
        return range(self.start, self.effective_end + 1)

    def contains(self, year: int) -> bool:
        return self.start <= year <= self.effective_end

    def overlaps(self, other: Period) -> bool:
        return self.overlaps_years(other.start, other.effective_end)

    def overlaps_years(self, start: int, end: int) -> bool:
        return self.start <= end and start <= self.effective_end

    def overlaps_biennium(self, biennium: Biennium) -> bool:
        return self.overlaps_years(biennium.first, biennium.last)

    def bienniums(self) -> list[Biennium]:
        """The bienniums the period touches, in order: 2023-2027 gives 2022-23 to 2026-27."""
        first = Biennium.of(self.start).first
        return [Biennium(year) for year in range(first, self.effective_end + 1, 2)]
