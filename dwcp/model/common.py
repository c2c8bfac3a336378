"""Shared building blocks of the programme model: strict base class and small value types."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


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


def is_biennium(value: str) -> bool:
    """An ILO biennium: an even year and the next, written like 2020-21."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return False
    start, end = int(value[:4]), int(value[5:])
    return end == (start + 1) % 100 and start % 2 == 0


def _check_biennium(value: str) -> str:
    if not is_biennium(value):
        raise ValueError("a biennium is an even year and the next, such as 2020-21")
    return value


Biennium = Annotated[
    str,
    Field(pattern=r"^[0-9]{4}-[0-9]{2}$", examples=["2020-21"]),
    AfterValidator(_check_biennium),
]
Identifier = Annotated[
    str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
]
Text = Annotated[str, Field(min_length=1)]
Amount = Decimal
Date = dt.date

ConstituentGroup = Literal["government", "employers", "workers"]
PartyGroup = Literal["government", "employers", "workers", "ilo", "un", "other"]
Sex = Literal["female", "male"]


class Period(Model):
    """A span of calendar years, both ends included."""

    start: Year
    end: Year

    def years(self) -> range:
        return range(self.start, self.end + 1)

    def contains(self, year: int) -> bool:
        return self.start <= year <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.overlaps_years(other.start, other.end)

    def overlaps_years(self, start: int, end: int) -> bool:
        return self.start <= end and start <= self.end


def biennium_years(biennium: str) -> tuple[int, int]:
    """`"2020-21"` -> (2020, 2021)."""
    start = int(biennium[:4])
    return start, start + 1
