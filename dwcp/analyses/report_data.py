"""Build a report: load the portfolio, run the analyses, collect their tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dwcp import __version__
from dwcp.analyses.alignment import alignment_tables, funding_alignment
from dwcp.analyses.gaps import gap_tables, method_matrix
from dwcp.analyses.overview import portfolio_tables
from dwcp.analyses.tables import Table
from dwcp.analyses.tc import tc_strategy
from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.lint.audience import findings_for
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding
from dwcp.model.public import Audience
from dwcp.portfolio.selection import Entry, Portfolio, load_portfolio

Kind = Literal["alignment", "gaps", "portfolio"]
SCHEMA_VERSION = 1


class LeftOutProgramme(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    reason: str


class Report(BaseModel):
    """A report as data: the JSON view is exactly this model."""

    model_config = ConfigDict(frozen=True)

    schema_version: int = Field(SCHEMA_VERSION, description="Bumped on incompatible changes.")
    kind: Kind
    tool_version: str = __version__
    as_of: dt.date
    audience: Audience = Field(
        description="public: items marked internal and lint messages left out; internal: all."
    )
    programmes: list[str] = Field(description="Files whose figures the report includes.")
    left_out: list[LeftOutProgramme] = Field(description="Files left out, with the reason.")
    tables: list[Table]

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)


def build_report(
    kind: Kind,
    paths: list[Path],
    settings: Settings,
    catalogue: Catalogue,
    as_of: dt.date,
    select: list[str] | None = None,
    biennium: str | None = None,
    audience: Audience = "public",
) -> Report:
    """The report's figures; for the public, from programmes without their internal items,
    each finding with its rule's summary instead of a message that may quote one."""
    linter = Linter(settings, catalogue, LintOptions(as_of=as_of, use_cache=False))
    portfolio = load_portfolio(paths, catalogue, select or [], linter, audience)
    return report_from(kind, portfolio, catalogue, as_of, biennium, audience)


def report_from(
    kind: Kind,
    portfolio: Portfolio,
    catalogue: Catalogue,
    as_of: dt.date,
    biennium: str | None = None,
    audience: Audience = "public",
) -> Report:
    """A report of programmes already loaded (for the public, by `load_portfolio` as
    `visible()` views, so every figure is computed from public items only) and linted, for
    the method matrix."""
    tc = tc_strategy()

    def findings_of(entry: Entry) -> list[Finding]:
        return findings_for(entry.findings, audience)

    if kind == "alignment":
        tables = alignment_tables(portfolio, catalogue, tc)
    elif kind == "gaps":
        tables = gap_tables(portfolio, tc, as_of, findings_of)
    else:
        *overview, tc_measurement = portfolio_tables(portfolio, tc, as_of, biennium)
        tables = [
            *overview,
            funding_alignment(portfolio, tc),
            method_matrix(portfolio, findings_of),
            tc_measurement,
        ]
    return Report(
        kind=kind,
        as_of=as_of,
        audience=audience,
        programmes=[e.file for e in portfolio.entries],
        left_out=[
            LeftOutProgramme(file=x.file, reason=x.reason_for(audience)) for x in portfolio.left_out
        ],
        tables=tables,
    )
