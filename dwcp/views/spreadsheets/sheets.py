"""The four exported tables as language-neutral rows: the writers add the labels.

Values stay typed (numbers, years, amounts as Decimal) so a spreadsheet can compute with
them; only headers, sheet names, yes/no and the "Total" label depend on the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath
from typing import Literal

from dwcp.analyses.figures import MoneyCell, cell_totals, money_cells
from dwcp.config import ResultsConfig
from dwcp.domain.attainment import standing
from dwcp.domain.exchange import Rates
from dwcp.domain.indicators import is_sex_disaggregated
from dwcp.domain.money import currency_of, share
from dwcp.domain.pb_codes import sorted_references
from dwcp.lint.findings import Finding
from dwcp.model import Programme
from dwcp.model.results_framework import Indicator, Milestone, Outcome, Priority, UnLink

ColumnKind = Literal["text", "integer", "year", "number", "money", "percent", "flag"]

# Shares are kept as fractions to 0.01 per cent; the workbook shows them as percentages.
SHARE_STEP = Decimal("0.0001")


@dataclass(frozen=True)
class Label:
    """A cell whose text is a message of the catalogue, such as the word "Total"."""

    key: str


Value = str | int | float | Decimal | bool | Label | None


@dataclass(frozen=True)
class Column:
    key: str
    """The header is the message `export.col.<key>`."""
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Table:
    key: str
    """The sheet name is the message `export.sheet.<key>`; the CSV file is `<key>.csv`."""
    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    totals: frozenset[int] = frozenset()
    """Indices of the rows that are totals (shown bold)."""


@dataclass(frozen=True)
class Source:
    """A valid programme and the file it came from, as the linter names it."""

    file: str
    programme: Programme

    @property
    def stem(self) -> str:
        return PurePath(self.file).stem


RESULTS_COLUMNS = (
    Column("country"),
    Column("programme"),
    Column("priority"),
    Column("priority_title"),
    Column("outcome"),
    Column("outcome_statement"),
    Column("indicator"),
    Column("indicator_statement"),
    Column("unit"),
    Column("baseline", "number"),
    Column("baseline_year", "year"),
    Column("baseline_description"),
    Column("target", "number"),
    Column("target_year", "year"),
    Column("target_description"),
    Column("milestones"),
    Column("means_of_verification"),
    Column("sex_disaggregated", "flag"),
    Column("pb_outcomes"),
    Column("un_outcomes"),
    Column("enabling", "flag"),
    Column("cross_cutting", "flag"),
)
STATUS_COLUMNS = (
    Column("country"),
    Column("programme"),
    Column("priority"),
    Column("outcome"),
    Column("indicator"),
    Column("indicator_statement"),
    Column("status"),
    Column("status_rule"),
    Column("baseline", "number"),
    Column("latest_actual", "number"),
    Column("latest_actual_year", "year"),
    Column("due"),
    Column("distance_to_target", "percent"),
    Column("women", "number"),
    Column("men", "number"),
)
BUDGET_COLUMNS = (
    Column("country"),
    Column("programme"),
    Column("priority"),
    Column("outcome"),
    Column("outcome_statement"),
    Column("biennium"),
    Column("currency"),
    Column("funding_sources"),
    Column("required", "money"),
    Column("secured", "money"),
    Column("pipeline", "money"),
    Column("gap", "money"),
    Column("pipeline_cover", "percent"),
)
FUNDING_COLUMNS = (
    Column("country"),
    Column("programme"),
    Column("priority"),
    Column("outcome"),
    Column("biennium"),
    Column("currency"),
    Column("funding_source"),
    Column("donor"),
    Column("project"),
    Column("secured", "money"),
    Column("pipeline", "money"),
)
FINDINGS_COLUMNS = (
    Column("file"),
    Column("line", "integer"),
    Column("column", "integer"),
    Column("code"),
    Column("severity"),
    Column("step"),
    Column("message"),
    Column("path"),
    Column("hint"),
)


def all_tables(
    sources: Sequence[Source],
    findings: Sequence[Finding],
    rates: Rates | None = None,
    as_of: dt.date | None = None,
    config: ResultsConfig | None = None,
) -> list[Table]:
    return [
        results_table(sources),
        *([status_table(sources, as_of, config)] if as_of is not None else []),
        budget_table(sources, rates),
        funding_table(sources),
        findings_table(findings),
    ]


# --- results framework -----------------------------------------------------------------------


def results_table(sources: Iterable[Source]) -> Table:
    """One row per indicator; an outcome without indicators (or a priority without outcomes)
    still gets a row, so nothing the programme plans disappears from the sheet."""
    rows = [row for source in sources for row in _results_rows(source)]
    return Table("results", RESULTS_COLUMNS, rows)


def _results_rows(source: Source) -> Iterator[tuple[Value, ...]]:
    width = len(RESULTS_COLUMNS)
    for priority in source.programme.priorities:
        head: tuple[Value, ...] = (
            source.programme.country,
            source.stem,
            priority.id,
            priority.title,
        )
        if not priority.outcomes:
            yield _padded(head, width)
        for outcome in priority.outcomes:
            tail = _outcome_links(priority, outcome)
            if not outcome.indicators:
                yield (*_padded((*head, outcome.id, outcome.statement), width - len(tail)), *tail)
            for indicator in outcome.indicators:
                yield (*head, outcome.id, outcome.statement, *_indicator_cells(indicator), *tail)


def status_table(
    sources: Iterable[Source], as_of: dt.date, config: ResultsConfig | None = None
) -> Table:
    """One row per indicator with its status as of the date (dwcp.domain.attainment, as the
    results report), the status a message so it reads in the sheet's language."""
    rows: list[tuple[Value, ...]] = []
    for source in sources:
        p = source.programme
        for priority in p.priorities:
            for outcome in priority.outcomes:
                for indicator in outcome.indicators:
                    s = standing(indicator, as_of, p.period, config)
                    due = s.due
                    rows.append(
                        (
                            p.country,
                            source.stem,
                            priority.id,
                            outcome.id,
                            indicator.id,
                            indicator.statement,
                            Label("export.status." + s.status.replace(" ", "_")),
                            s.rule,
                            number(indicator.baseline.value) if indicator.baseline else None,
                            number(s.latest.value) if s.latest else None,
                            s.latest.date.year if s.latest else None,
                            f"{'target' if due.index == -1 else 'milestone'} {due.milestone.year}"
                            if due
                            else None,
                            _fraction(s.distance),
                            number(s.by_sex.women) if s.by_sex else None,
                            number(s.by_sex.men) if s.by_sex else None,
                        )
                    )
    return Table("results_status", STATUS_COLUMNS, rows)


def _fraction(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(SHARE_STEP, rounding=ROUND_HALF_UP)


def _outcome_links(priority: Priority, outcome: Outcome) -> tuple[Value, ...]:
    """P&B links, UN links (the outcome's own, else its priority's) and whether the outcome,
    or its priority, is enabling or cross-cutting."""
    refs = sorted_references(outcome.pb_outcomes)
    un = outcome.un_outcomes or priority.un_outcomes
    return (
        "; ".join(f"{p.code} ({p.biennium})" for p in refs) or None,
        "; ".join(_un_link(link) for link in un) or None,
        outcome.enabling or priority.enabling,
        outcome.cross_cutting or priority.cross_cutting,
    )


def _un_link(link: UnLink) -> str:
    output = f" / {link.output}" if link.output else ""
    return f"{link.outcome}{output} ({link.alignment})"


def _padded(cells: tuple[Value, ...], width: int) -> tuple[Value, ...]:
    return (*cells, *[None] * (width - len(cells)))


def _indicator_cells(indicator: Indicator) -> tuple[Value, ...]:
    baseline, target = indicator.baseline, indicator.target
    return (
        indicator.id,
        indicator.statement,
        indicator.unit,
        number(baseline.value) if baseline else None,
        baseline.year if baseline else None,
        baseline.description if baseline else None,
        number(target.value) if target else None,
        target.year if target else None,
        target.description if target else None,
        "; ".join(_milestone(m) for m in indicator.milestones) or None,
        "; ".join(indicator.means_of_verification) or None,
        is_sex_disaggregated(indicator),
    )


def _milestone(milestone: Milestone) -> str:
    value = number(milestone.value)
    if value is None:
        return f"{milestone.year}: {milestone.description or ''}".rstrip()
    note = f" ({milestone.description})" if milestone.description else ""
    return f"{milestone.year}: {value}{note}"


def number(value: float | None) -> int | float | None:
    """Whole numbers as int, so 40 reads 40 and not 40.0 in every format."""
    if value is None:
        return None
    return int(value) if value.is_integer() else value


# --- budget -----------------------------------------------------------------------------------


def budget_table(sources: Iterable[Source], rates: Rates | None = None) -> Table:
    """One row per outcome, biennium and currency, as `money_cells` defines them, then one
    total row per programme and currency: totals are sums of the rows, never across
    currencies."""
    rows: list[tuple[Value, ...]] = []
    totals: set[int] = set()
    for source in sources:
        cells = list(money_cells(source.programme, rates))
        rows.extend(_cell_row(source, cell) for cell in cells)
        for total in cell_totals(cells).sorted():
            required, secured, pipeline, gap, cover = total.amounts
            totals.add(len(rows))
            rows.append(
                (
                    source.programme.country,
                    source.stem,
                    Label("export.total"),
                    None,
                    None,
                    None,
                    total.currency,
                    None,
                    required,
                    secured,
                    pipeline,
                    gap,
                    fraction(cover, gap),
                )
            )
    return Table("budget", BUDGET_COLUMNS, rows, frozenset(totals))


def _cell_row(source: Source, cell: MoneyCell) -> tuple[Value, ...]:
    return (
        source.programme.country,
        source.stem,
        cell.priority.id,
        cell.outcome.id,
        cell.outcome.statement,
        cell.biennium,
        cell.currency,
        _sources(cell, source.programme.planning.currency),
        cell.required,
        cell.secured,
        cell.pipeline,
        cell.gap,
        fraction(cell.pipeline_cover, cell.gap),
    )


def _sources(cell: MoneyCell, default: str) -> str | None:
    """The funding sources of the resource lines that make up this cell, with those in other
    currencies counted in it at the UN operational rate."""
    counted = {cell.currency} | {c.currency for c in cell.conversions if c.rate is not None}
    names = {
        line.source
        for line in cell.outcome.resources
        if line.biennium == cell.biennium and currency_of(line, default) in counted
    }
    return ", ".join(sorted(names)) or None


def funding_table(sources: Iterable[Source]) -> Table:
    """One row per resource line: what each funding source brings to each outcome, secured
    or in the pipeline. The budget sheet's secured and pipeline columns are the sums of these
    rows per outcome, biennium and currency."""
    rows: list[tuple[Value, ...]] = []
    for source in sources:
        programme = source.programme
        for priority in programme.priorities:
            for outcome in priority.outcomes:
                for line in outcome.resources:
                    secured = line.status == "secured"
                    rows.append(
                        (
                            programme.country,
                            source.stem,
                            priority.id,
                            outcome.id,
                            line.biennium,
                            currency_of(line, programme.planning.currency),
                            line.source,
                            line.donor,
                            line.project,
                            line.amount if secured else None,
                            None if secured else line.amount,
                        )
                    )
    return Table("funding", FUNDING_COLUMNS, rows)


def fraction(part: Decimal, whole: Decimal) -> Decimal | None:
    """`money.share` as a spreadsheet cell: a fraction (0.5 is 50 per cent), half-up to
    0.01 per cent, for the sheet's percentage format; None when there is no whole."""
    exact = share(part, whole)
    if exact is None:
        return None
    return (exact / 100).quantize(SHARE_STEP, rounding=ROUND_HALF_UP)


# --- lint findings ----------------------------------------------------------------------------


def findings_table(findings: Iterable[Finding]) -> Table:
    rows: list[tuple[Value, ...]] = [
        (
            f.file,
            f.line,
            f.column,
            f.code,
            f.severity.value,
            f.step.value,
            f.message or None,
            f.path or None,
            f.hint or None,
        )
        for f in findings
    ]
    return Table("findings", FINDINGS_COLUMNS, rows)
