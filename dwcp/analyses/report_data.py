"""Build a report: load the portfolio, run the analyses, collect their tables, and the
figures its charts draw (from the same numbers as the tables, never read back from them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dwcp import __version__
from dwcp.analyses.alignment import alignment_tables, funding_alignment
from dwcp.analyses.figures import cell_totals, funding_links, linked_funding_rows, programme_cells
from dwcp.analyses.gaps import METHOD_STEPS, FindingsOf, gap_tables, method_matrix
from dwcp.analyses.overview import portfolio_tables
from dwcp.analyses.results_report import (
    StatusCount,
    judged,
    off_track,
    results_tables,
    status_counts,
)
from dwcp.analyses.tables import Table, percent
from dwcp.analyses.tc import tc_strategy
from dwcp.config import ResultsConfig, Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.exchange import Rates
from dwcp.domain.money import ZERO, Money, Totals
from dwcp.lint.audience import findings_for
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding, Severity
from dwcp.model.public import Audience
from dwcp.portfolio.selection import Entry, Portfolio, load_portfolio

Kind = Literal["alignment", "gaps", "portfolio", "results"]
Status = Literal["complete", "partial", "missing"]
SCHEMA_VERSION = 1
# The tables whose figures the charts draw.
BY_OUTCOME = "gaps-resources-by-outcome"
PROGRAMMES = "portfolio-programmes"
METHOD = "gaps-method"
FUNDING = "alignment-funding"
RESULTS = "results-by-programme"


@dataclass(frozen=True)
class GapBar:
    """One outcome's or programme's resources in one currency, over every biennium."""

    label: str
    required: Decimal
    secured: Decimal
    gap: Decimal
    """Summed per outcome, biennium and currency row, as in the tables."""

    @property
    def covered(self) -> Decimal:
        """The secured part that counts against the requirement (required - gap)."""
        return max(self.required - self.gap, ZERO)


@dataclass(frozen=True)
class GapBars:
    """The bars of one chart: a programme's outcomes (`file`), or every programme (None)."""

    source: str
    """The id of the table with the same figures."""
    file: str | None
    currency: str
    bars: tuple[GapBar, ...]


@dataclass(frozen=True)
class StepStatus:
    """How complete one method step of one programme is, from its lint findings."""

    file: str
    step: str
    status: Status
    missing: str
    """The findings behind a status other than complete."""


@dataclass(frozen=True)
class FundingShare:
    """Project money from one kind of source linked to outcomes; file "(portfolio)": all."""

    file: str
    source: str
    currency: str
    budget: Decimal
    linked: Decimal
    percent: float | None
    """Per cent to 0.1, as the table shows it; None without a budget."""


@dataclass(frozen=True)
class Figures:
    """What a report's charts draw: the numbers of its tables BY_OUTCOME or PROGRAMMES,
    METHOD and FUNDING, computed as the analyses compute those tables."""

    gaps: tuple[GapBars, ...] = ()
    steps: tuple[StepStatus, ...] = ()
    funding: tuple[FundingShare, ...] = ()
    results: tuple[StatusCount, ...] = ()
    """Per programme, how many indicators have each status (table RESULTS)."""


class LeftOutProgramme(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    reason: str


class Report(BaseModel):
    """A report as data: the JSON view is exactly this model, less `figures`."""

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
    figures: Figures = Field(default_factory=Figures, exclude=True, repr=False)
    """For the charts; not part of the report's data (the JSON view leaves it out)."""

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
    only_off_track: bool = False,
) -> Report:
    """The report's figures; for the public, from programmes without their internal items,
    each finding with its rule's summary instead of a message that may quote one."""
    # The results report shows no finding: only the rules no one can turn off (reading and
    # schema, which decide what is left out) need to run, so it costs less than a lint.
    skipped = ["DW"] if kind == "results" else []
    linter = Linter(settings, catalogue, LintOptions(as_of=as_of, ignore=skipped, use_cache=False))
    portfolio = load_portfolio(paths, catalogue, select or [], linter, audience)
    return report_from(
        kind, portfolio, catalogue, as_of, biennium, audience, settings.raw.results, only_off_track
    )


def report_from(
    kind: Kind,
    portfolio: Portfolio,
    catalogue: Catalogue,
    as_of: dt.date,
    biennium: str | None = None,
    audience: Audience = "public",
    results: ResultsConfig | None = None,
    only_off_track: bool = False,
) -> Report:
    """A report of programmes already loaded (for the public, by `load_portfolio` as
    `visible()` views, so every figure is computed from public items only) and linted, for
    the method matrix."""
    tc = tc_strategy()
    rates = Rates(catalogue.exchange_rates)  # the repository's own rates too, as lint uses

    def findings_of(entry: Entry) -> list[Finding]:
        return findings_for(entry.findings, audience)

    if kind == "alignment":
        tables = alignment_tables(portfolio, catalogue, tc)
        figures = Figures(funding=funding_shares(portfolio))
    elif kind == "results":
        items = judged(portfolio, as_of, results or ResultsConfig())
        if only_off_track:
            tables = [off_track(items, as_of)]
            figures = Figures()
        else:
            tables = results_tables(portfolio, items, as_of)
            figures = Figures(results=status_counts(portfolio, items))
    elif kind == "gaps":
        tables = gap_tables(portfolio, tc, as_of, findings_of, rates)
        figures = Figures(
            gaps=outcome_bars(portfolio, rates), steps=step_statuses(portfolio, findings_of)
        )
    else:
        *overview, tc_measurement = portfolio_tables(portfolio, tc, as_of, biennium, rates)
        tables = [
            *overview,
            funding_alignment(portfolio, tc),
            method_matrix(portfolio, findings_of),
            tc_measurement,
        ]
        figures = Figures(
            gaps=programme_bars(portfolio, rates),
            steps=step_statuses(portfolio, findings_of),
            funding=funding_shares(portfolio),
        )
    return Report(
        kind=kind,
        as_of=as_of,
        audience=audience,
        programmes=[e.file for e in portfolio.entries],
        left_out=[
            LeftOutProgramme(file=x.file, reason=x.reason_for(audience)) for x in portfolio.left_out
        ],
        tables=tables,
        figures=figures,
    )


def outcome_bars(portfolio: Portfolio, rates: Rates | None = None) -> tuple[GapBars, ...]:
    """Per programme and currency, a bar per outcome (in the order of the table by outcome
    and biennium), its money cells summed over the bienniums."""
    charts: list[GapBars] = []
    for entry in portfolio.entries:
        sums = Totals(3)
        for cell in programme_cells(entry.programme, rates):
            required, secured, _, gap, _ = cell.figures()
            sums.add((f"{cell.outcome.id} ({cell.priority.id})",), required, secured, gap)
        by_currency: dict[str, list[GapBar]] = {}
        for (label,), currency, amounts in sums:
            by_currency.setdefault(currency, []).append(GapBar(label, *amounts))
        charts += [
            GapBars(BY_OUTCOME, entry.file, currency, tuple(bars))
            for currency, bars in by_currency.items()
        ]
    return tuple(charts)


def programme_bars(portfolio: Portfolio, rates: Rates | None = None) -> tuple[GapBars, ...]:
    """Per currency, a bar per programme with resource figures, in the order of the
    programmes table (by region, then country)."""
    by_currency: dict[str, list[GapBar]] = {}
    for entry in sorted(portfolio.entries, key=lambda e: (e.region, e.programme.country)):
        for total in cell_totals(programme_cells(entry.programme, rates)).sorted():
            required, secured, _, gap, _ = total.amounts
            bar = GapBar(entry.file, required, secured, gap)
            by_currency.setdefault(total.currency, []).append(bar)
    return tuple(
        GapBars(PROGRAMMES, None, currency, tuple(bars)) for currency, bars in by_currency.items()
    )


def step_statuses(portfolio: Portfolio, findings_of: FindingsOf) -> tuple[StepStatus, ...]:
    """Each programme's method steps: complete without errors or warnings, partial with
    warnings only, missing with an error (as the method table)."""
    statuses: list[StepStatus] = []
    for entry in portfolio.entries:
        shown = [f for f in findings_of(entry) if f.severity in (Severity.ERROR, Severity.WARNING)]
        for step in METHOD_STEPS:
            mine = [f for f in shown if f.step is step]
            errors = any(f.severity is Severity.ERROR for f in mine)
            status: Status = "missing" if errors else "partial" if mine else "complete"
            missing = "; ".join(f"{f.code}: {f.message}" for f in mine)
            statuses.append(StepStatus(entry.file, step.value, status, missing))
    return tuple(statuses)


def funding_shares(portfolio: Portfolio) -> tuple[FundingShare, ...]:
    """Per programme, kind of source and currency, then for the portfolio (as the funding
    table): project budgets and the part linked to outcomes."""
    kinds = linked_funding_rows()
    shares: list[FundingShare] = []
    totals = Totals(2)
    for entry in portfolio.entries:
        for label, sources in kinds:
            for currency, linked in funding_links(entry.programme, sources).items():
                shares.append(_share(entry.file, label, currency, linked.total, linked.linked))
                totals.add((label,), Money(linked.total, currency), Money(linked.linked, currency))
    for (label,), currency, (budget, linked_amount) in totals.sorted():
        shares.append(_share("(portfolio)", label, currency, budget, linked_amount))
    return tuple(shares)


def _share(file: str, source: str, currency: str, budget: Decimal, linked: Decimal) -> FundingShare:
    return FundingShare(file, source, currency, budget, linked, percent(linked, budget))
