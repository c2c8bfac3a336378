"""The portfolio report: every programme at a glance, and the table of the technical cooperation
strategy in force for the chosen biennium."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from dwcp.analyses.figures import (
    cell_totals,
    deliveries,
    funding_links,
    programme_cells,
)
from dwcp.analyses.tables import Cell, Table, percent, table
from dwcp.analyses.tc import TcIndicator, TcStrategies
from dwcp.domain.exchange import Rates
from dwcp.domain.money import Money, Total, Totals
from dwcp.domain.vocabulary import sources_of_classes, tripartite_groups
from dwcp.model import Programme
from dwcp.model.common import Biennium
from dwcp.model.delivery import Satisfaction
from dwcp.portfolio.selection import Portfolio

SUMMED_PER_ROW = (
    "required, secured and gap sum each programme's outcome rows (see the gap report), the gap "
    "too, so it exceeds required - secured where an outcome is over-funded."
)


def portfolio_tables(
    portfolio: Portfolio,
    tc: TcStrategies,
    as_of: dt.date,
    biennium: str | None,
    rates: Rates | None = None,
) -> list[Table]:
    chosen = Biennium.parse(biennium) if biennium else default_biennium(portfolio, as_of, rates)
    return [
        _listing(portfolio, rates),
        _grouped(portfolio, "region", lambda e: [e.region]),
        _grouped(portfolio, "status", lambda e: [e.programme.status]),
        _grouped(portfolio, "biennium", lambda e: [str(b) for b in e.programme.period.bienniums()]),
        tc_table(portfolio, tc, chosen, rates),
    ]


def default_biennium(portfolio: Portfolio, as_of: dt.date, rates: Rates | None = None) -> Biennium:
    """The latest biennium that has started by the as-of date and holds resource figures;
    else the biennium of the as-of date."""
    bienniums = (
        Biennium.parse(c.biennium)
        for e in portfolio.entries
        for c in programme_cells(e.programme, rates)
    )
    return max((b for b in bienniums if b.first <= as_of.year), default=Biennium.of(as_of.year))


def _listing(portfolio: Portfolio, rates: Rates | None) -> Table:
    rows: list[list[Cell]] = []
    for entry in sorted(portfolio.entries, key=lambda e: (e.region, e.programme.country)):
        p = entry.programme
        outcomes = sum(len(pr.outcomes) for pr in p.priorities)
        money: list[tuple[str | None, list[Decimal | None]]] = [
            (t.currency, _required_secured_gap(t))
            for t in cell_totals(programme_cells(p, rates)).sorted()
        ]
        for currency, (required, secured, gap) in money or [(None, [None, None, None])]:
            rows.append(
                [
                    entry.file,
                    p.country,
                    entry.region,
                    p.status,
                    p.period.describe(),
                    len(p.priorities),
                    outcomes,
                    currency,
                    required,
                    secured,
                    gap,
                ]
            )
    return table(
        "portfolio-programmes",
        "Programmes",
        [
            ("file", "text"),
            ("country", "text"),
            ("region", "text"),
            ("status", "text"),
            ("period", "text"),
            ("priorities", "count"),
            ("outcomes", "count"),
            ("currency", "text"),
            ("required", "amount"),
            ("secured", "amount"),
            ("gap", "amount"),
        ],
        rows,
        [SUMMED_PER_ROW],
    )


def _required_secured_gap(total: Total) -> list[Decimal | None]:
    required, secured, _, gap, _ = total.amounts
    return [required, secured, gap]


def _grouped(portfolio: Portfolio, key: str, keys_of: Callable[..., list[str]]) -> Table:
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in portfolio.entries:
        for value in keys_of(entry):
            groups[value].append(entry.programme.country)
    rows: list[list[Cell]] = [
        [value, len(countries), ", ".join(sorted(countries))]
        for value, countries in sorted(groups.items())
    ]
    return table(
        f"portfolio-by-{key}",
        f"Programmes by {key}",
        [(key, "text"), ("programmes", "count"), ("countries", "text")],
        rows,
    )


TC_COLUMNS = [
    ("indicator", "text"),
    ("title", "text"),
    ("baseline", "text"),
    ("target", "text"),
    ("milestone", "text"),
    ("value", "percent"),
    ("met", "flag"),
    ("basis", "text"),
]


def tc_table(
    portfolio: Portfolio, tc: TcStrategies, biennium: Biennium, rates: Rates | None = None
) -> Table:
    strategy = tc.for_biennium(biennium)
    if strategy is None:
        periods = ", ".join(f"{s.name} ({s.period.first}-{s.period.last})" for s in tc.strategies)
        return table(
            "portfolio-tc-strategy",
            f"Cooperation strategy measurement, computed for {biennium}",
            TC_COLUMNS,
            [],
            [
                (
                    f"No strategy indicator set applies to {biennium}: the biennium lies "
                    f"outside the period of every strategy in the catalogue ({periods}), so "
                    "no figure is judged against their milestones or targets."
                )
            ],
        )
    rows: list[list[Cell]] = []
    for indicator in strategy.indicators:
        milestone, label = indicator.milestone(biennium)
        value, basis = _tc_value(indicator, portfolio, biennium, strategy.baseline_year, rates)
        met = None if value is None or milestone is None else value >= milestone
        rows.append(
            [
                indicator.id,
                indicator.title,
                indicator.baseline,
                f"{indicator.target}{'%' if indicator.kind == 'share' else '% increase'}",
                label if milestone is None else f"{milestone} ({label})",
                value,
                met,
                basis,
            ]
        )
    notes = [
        (
            "Shares are per cent of the amounts or items named in the basis column; increases "
            "are per cent over the number of programmes active in the baseline year "
            f"{strategy.baseline_year}."
        )
    ]
    return table(
        "portfolio-tc-strategy",
        f"{strategy.name} measurement, computed for {biennium}",
        TC_COLUMNS,
        rows,
        notes,
    )


def _tc_value(
    indicator: TcIndicator,
    portfolio: Portfolio,
    biennium: Biennium,
    baseline_year: int,
    rates: Rates | None = None,
) -> tuple[float | None, str]:
    programmes = [e.programme for e in portfolio.entries]
    if indicator.id == "1.1":
        return _gap_filled(programmes, biennium, rates)
    if indicator.id == "1.2":
        return _voluntary_linked(
            programmes, biennium, sources_of_classes(indicator.funding_classes)
        )
    if indicator.id == "2.2":
        return _delivery(programmes, biennium)
    if indicator.id == "3.1":
        return _increase(
            programmes, biennium, baseline_year, _reflects_decent_work, "UN frameworks"
        )
    if indicator.id == "3.2":
        return _increase(programmes, biennium, baseline_year, satisfied, "DWCPs")
    return None, "not recorded in programme files: constituents' satisfaction with UN frameworks"


def _single_currency(totals: Totals, what: str) -> tuple[float | None, str]:
    """The share of part in whole from totals of (part, whole) in one currency: project
    budgets and allocations are not converted, so two currencies give no figure."""
    if not totals:
        return None, f"no {what} recorded for this biennium"
    if len(totals) > 1:
        currencies = ", ".join(sorted(t.currency for t in totals))
        return None, f"{what} in {len(totals)} currencies ({currencies}): not added up"
    ((_, currency, (part, whole)),) = totals
    return percent(part, whole), f"{part:,.0f} of {whole:,.0f} {currency}"


def _gap_filled(
    programmes: list[Programme], biennium: Biennium, rates: Rates | None
) -> tuple[float | None, str]:
    cells = [
        c
        for p in programmes
        for c in programme_cells(p, rates)
        if c.biennium == str(biennium) and c.required
    ]
    if not cells:
        return None, "no resource requirements recorded for this biennium"
    filled = sum(1 for c in cells if c.filled)
    return percent(filled, len(cells)), f"{filled} of {len(cells)} requirements filled"


def _voluntary_linked(
    programmes: list[Programme], biennium: Biennium, voluntary: frozenset[str]
) -> tuple[float | None, str]:
    totals = Totals(2)
    for programme in programmes:
        active = _projects_in(programme, biennium)
        for currency, linked in funding_links(active, voluntary).items():
            totals.add((), Money(linked.linked, currency), Money(linked.total, currency))
    return _single_currency(totals, "voluntary project funding")


def _projects_in(programme: Programme, biennium: Biennium) -> Programme:
    projects = [
        p
        for p in programme.context.projects
        if p.period is None or p.period.overlaps_biennium(biennium)
    ]
    context = programme.context.model_copy(update={"projects": projects})
    return programme.model_copy(update={"context": context})


def _delivery(programmes: list[Programme], biennium: Biennium) -> tuple[float | None, str]:
    totals = Totals(2)
    for programme in programmes:
        for item in deliveries(programme):
            if item.years is not None and _overlap(item.years, biennium):
                spent = Money(item.delivery.spent, item.currency)
                totals.add((), spent, Money(item.delivery.allocated, item.currency))
    return _single_currency(totals, "allocations")


def _overlap(years: tuple[int, int], biennium: Biennium) -> bool:
    return years[0] <= biennium.last and biennium.first <= years[1]


def _reflects_decent_work(programme: Programme, _: int) -> bool:
    return bool(programme.context.un_frameworks) and any(p.un_links() for p in programme.priorities)


SATISFIED_PERCENT = 50
"""A group is satisfied with its participation when at least this share of it says so."""


def satisfied(programme: Programme, by_year: int) -> bool:
    """TC 3.2: each tripartite group's latest satisfaction survey up to the end of `by_year`
    (the last listed of a year) reports at least SATISFIED_PERCENT; a group with no survey
    by then is not satisfied."""
    latest: dict[str, Satisfaction] = {}
    for survey in programme.monitoring.satisfaction:
        known = latest.get(survey.group)
        if survey.year <= by_year and (known is None or survey.year >= known.year):
            latest[survey.group] = survey
    return all(
        group in latest and latest[group].satisfied_percent >= SATISFIED_PERCENT
        for group in tripartite_groups()
    )


def _increase(
    programmes: list[Programme],
    biennium: Biennium,
    baseline_year: int,
    counts: Callable[[Programme, int], bool],
    what: str,
) -> tuple[float | None, str]:
    """Per cent more programmes active in the biennium that count (judged on what is known by
    its end) than programmes active in the baseline year that count (known by its end)."""
    baseline = sum(
        1 for p in programmes if p.period.contains(baseline_year) and counts(p, baseline_year)
    )
    now = sum(
        1 for p in programmes if p.period.overlaps_biennium(biennium) and counts(p, biennium.last)
    )
    if baseline == 0:
        return None, f"no {what} qualify in the baseline year {baseline_year}: no baseline"
    return round(
        (now - baseline) * 100 / baseline, 1
    ), f"{now} {what} now, {baseline} in {baseline_year}"
