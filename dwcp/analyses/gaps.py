"""The gap report: money, delivery, measurement, method and tripartism, per programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from dwcp.analyses.figures import MoneyCell, deliveries, programme_cells
from dwcp.analyses.tables import Cell, Table, percent, table
from dwcp.analyses.tc import TcStrategies
from dwcp.domain.exchange import Conversion, Rates, rate_text
from dwcp.domain.indicators import actuals_expected, lacks_sex_disaggregation, milestone_checks
from dwcp.domain.money import Money, Totals, money_of
from dwcp.domain.reviews import review_overdue
from dwcp.domain.tripartism import groups_represented
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.lint.findings import Finding, Severity, Step
from dwcp.model.common import Period
from dwcp.model.results_framework import Indicator
from dwcp.portfolio.selection import Entry, Portfolio

MONEY = [
    ("currency", "text"),
    ("required", "amount"),
    ("secured", "amount"),
    ("pipeline", "amount"),
    ("gap", "amount"),
    ("pipeline would cover", "percent"),
]
SUMMED_PER_ROW = (
    "Totals are sums of the outcome rows, the gap too, so it exceeds required - secured where an "
    "outcome is over-funded; pipeline would cover sums min(pipeline, gap) per row over the gap."
)
METHOD_STEPS = (
    Step.CONTEXT,
    Step.PRIORITIES,
    Step.OUTCOMES,
    Step.PLANNING,
    Step.MANAGEMENT,
    Step.MONITORING,
    Step.SIGNOFF,
)

FindingsOf = Callable[[Entry], list[Finding]]


def gap_tables(
    portfolio: Portfolio,
    tc: TcStrategies,
    as_of: dt.date,
    findings_of: FindingsOf,
    rates: Rates | None = None,
) -> list[Table]:
    cells = {
        entry.file: list(programme_cells(entry.programme, rates)) for entry in portfolio.entries
    }
    return [
        _by_outcome(portfolio, cells),
        _grouped(portfolio, cells, "priority"),
        _grouped(portfolio, cells, "programme"),
        _by_source(portfolio),
        gap_filling(portfolio, cells, tc),
        *delivery_tables(portfolio, tc),
        _measurement(portfolio, as_of),
        method_matrix(portfolio, findings_of),
        _tripartism(portfolio, as_of),
    ]


def _money_row(
    required: Decimal, secured: Decimal, pipeline: Decimal, gap: Decimal, cover: Decimal
) -> list[Cell]:
    """`cover` is the pipeline that would fill a gap: min(pipeline, gap) per outcome row,
    summed above the rows, so pipeline on a row without a gap covers no other row's gap."""
    return [required, secured, pipeline, gap, percent(cover, gap)]


def _by_outcome(portfolio: Portfolio, cells: dict[str, list[MoneyCell]]) -> Table:
    rows: list[list[Cell]] = [
        [
            entry.file,
            c.priority.id,
            c.outcome.id,
            c.biennium,
            c.currency,
            *_money_row(c.required, c.secured, c.pipeline, c.gap, c.pipeline_cover),
        ]
        for entry in portfolio.entries
        for c in cells[entry.file]
    ]
    notes = [
        conversion_note(entry.file, c, conversion)
        for entry in portfolio.entries
        for c in cells[entry.file]
        for conversion in c.conversions
    ]
    return table(
        "gaps-resources-by-outcome",
        "Resources by outcome and biennium",
        [("file", "text"), ("priority", "text"), ("outcome", "text"), ("biennium", "text"), *MONEY],
        rows,
        ["gap = required - secured, never below zero, per outcome, biennium and currency.", *notes],
    )


def conversion_note(file: str, cell: MoneyCell, conversion: Conversion) -> str:
    """Where resources in another currency went: into the requirement's currency at the UN
    operational rate (named with its date), or, with no rate, into a row of their own."""
    c = conversion
    what = (
        f"{file}, {cell.outcome.id} {cell.biennium}: {_amounts(c.currency, c.secured, c.pipeline)}"
    )
    if c.rate is None:
        return (
            f"{what} not converted: no United Nations operational rate of exchange from "
            f"{c.currency} to {c.target} is known for {c.rate_date.isoformat()}, so they are "
            f"shown in a {c.currency} row of their own and fill none of the {c.target} gap."
        )
    return (
        f"{what} counted as {_amounts(c.target, c.secured_converted, c.pipeline_converted)} at "
        f"the United Nations operational rate of exchange of {c.rate_date.isoformat()}, "
        f"{rate_text(c)}."
    )


def _amounts(currency: str, secured: Decimal, pipeline: Decimal) -> str:
    parts = [
        f"{currency} {amount:,.2f} {status}"
        for amount, status in ((secured, "secured"), (pipeline, "in the pipeline"))
        if amount
    ]
    return " and ".join(parts) or f"{currency} 0.00"


def _grouped(portfolio: Portfolio, cells: dict[str, list[MoneyCell]], level: str) -> Table:
    sums = Totals(5)
    for entry in portfolio.entries:
        for c in cells[entry.file]:
            key = (entry.file, c.priority.id) if level == "priority" else (entry.file,)
            sums.add(key, *c.figures())
    rows: list[list[Cell]] = [[*t.key, t.currency, *_money_row(*t.amounts)] for t in sums]
    keys = [("file", "text"), ("priority", "text")] if level == "priority" else [("file", "text")]
    return table(
        f"gaps-resources-by-{level}",
        f"Resources by {level} (sums of the outcome rows)",
        [*keys, *MONEY],
        rows,
        [SUMMED_PER_ROW, *_converted(portfolio, cells)],
    )


def _converted(portfolio: Portfolio, cells: dict[str, list[MoneyCell]]) -> list[str]:
    if not any(c.conversions for entry in portfolio.entries for c in cells[entry.file]):
        return []
    return [CONVERTED]


CONVERTED = (
    "Resources in another currency than an outcome's requirement are counted in the "
    "requirement's currency at the United Nations operational rate of exchange, as the notes "
    "of the table of resources by outcome name them."
)


def _by_source(portfolio: Portfolio) -> Table:
    sums = Totals(2)
    for entry in portfolio.entries:
        default = entry.programme.planning.currency
        for priority in entry.programme.priorities:
            for outcome in priority.outcomes:
                for line in outcome.resources:
                    key = (entry.file, line.source, line.biennium)
                    slot = 0 if line.status == "secured" else 1
                    sums.add_to(key, slot, money_of(line.amount, line, default))
    rows: list[list[Cell]] = [[*t.key, t.currency, *t.amounts] for t in sums.sorted()]
    return table(
        "gaps-resources-by-source",
        "Resources by funding source and biennium",
        [
            ("file", "text"),
            ("source", "text"),
            ("biennium", "text"),
            ("currency", "text"),
            ("secured", "amount"),
            ("pipeline", "amount"),
        ],
        rows,
    )


def gap_filling(portfolio: Portfolio, cells: dict[str, list[MoneyCell]], tc: TcStrategies) -> Table:
    rows: list[list[Cell]] = []
    all_needed = all_filled = 0
    for entry in portfolio.entries:
        needed = [c for c in cells[entry.file] if c.required > 0]
        filled = sum(1 for c in needed if c.filled)
        all_needed += len(needed)
        all_filled += filled
        rows.append([entry.file, len(needed), filled, percent(filled, len(needed))])
    rows.append(["(portfolio)", all_needed, all_filled, percent(all_filled, all_needed)])
    return table(
        "gaps-gap-filling",
        "Resource requirements adequately filled (TC Strategy indicator 1.1)",
        [
            ("file", "text"),
            ("requirements", "count"),
            ("filled", "count"),
            ("share filled", "percent"),
        ],
        rows,
        [
            "A requirement (outcome, biennium, currency) is filled when secured >= required.",
            *tc.milestone_note("1.1"),
        ],
    )


def delivery_tables(portfolio: Portfolio, tc: TcStrategies) -> list[Table]:
    by_project, by_source, by_programme = Totals(2), Totals(2), Totals(2)
    for entry in portfolio.entries:
        for item in deliveries(entry.programme):
            allocated = Money(item.delivery.allocated, item.currency)
            spent = Money(item.delivery.spent, item.currency)
            by_source.add((entry.file, item.source), allocated, spent)
            by_programme.add((entry.file,), allocated, spent)
            if item.project:
                by_project.add((entry.file, item.project, item.source), allocated, spent)
    notes = tc.milestone_note("2.2")
    rate = [("allocated", "amount"), ("spent", "amount"), ("delivery rate", "percent")]
    return [
        table(
            "gaps-delivery-by-project",
            "Delivery by project (spent / allocated)",
            [
                ("file", "text"),
                ("project", "text"),
                ("source", "text"),
                ("currency", "text"),
                *rate,
            ],
            _delivery_rows(by_project),
            notes,
        ),
        table(
            "gaps-delivery-by-source",
            "Delivery by funding source",
            [("file", "text"), ("source", "text"), ("currency", "text"), *rate],
            _delivery_rows(by_source),
            notes,
        ),
        table(
            "gaps-delivery-by-programme",
            "Delivery by programme",
            [("file", "text"), ("currency", "text"), *rate],
            _delivery_rows(by_programme),
            notes,
        ),
    ]


def _delivery_rows(totals: Totals) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for t in totals.sorted():
        allocated, spent = t.amounts
        rows.append([*t.key, t.currency, allocated, spent, percent(spent, allocated)])
    return rows


def _measurement(portfolio: Portfolio, as_of: dt.date) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        period, expected = entry.programme.period, actuals_expected(entry.programme.status)
        for priority in entry.programme.priorities:
            for outcome in priority.outcomes:
                for indicator in outcome.indicators:
                    problems = indicator_problems(indicator, period, as_of, expected)
                    if problems:
                        rows.append([entry.file, outcome.id, indicator.id, "; ".join(problems)])
    return table(
        "gaps-measurement",
        f"Indicators with measurement gaps (as of {as_of.isoformat()})",
        [("file", "text"), ("outcome", "text"), ("indicator", "text"), ("gaps", "text")],
        rows,
    )


def indicator_problems(
    indicator: Indicator, period: Period, as_of: dt.date, expects_actuals: bool
) -> list[str]:
    """What the indicator lacks; "not by sex" and "due, no actual" as DW417 and DW418 judge
    them (dwcp.domain.indicators), the latter only where the programme reports actuals."""
    problems = []
    baseline, target = indicator.baseline, indicator.target
    if baseline is None or (baseline.value is None and not baseline.description):
        problems.append("no baseline")
    if target is None or (target.value is None and not target.description):
        problems.append("no target")
    if not indicator.milestones:
        problems.append("no milestones")
    if not indicator.means_of_verification:
        problems.append("no means of verification")
    if lacks_sex_disaggregation(indicator):
        problems.append("not by sex")
    for check in milestone_checks(indicator, as_of, period):
        year = check.milestone.year
        if check.state == "no actual" and expects_actuals:
            problems.append(f"milestone {year} due, no actual")
        elif check.state == "missed" and check.actual is not None:
            actual, milestone = check.actual.value, check.milestone.value
            problems.append(f"off track in {year} ({actual:g} vs {milestone:g})")
    return problems


def method_matrix(portfolio: Portfolio, findings_of: FindingsOf) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        findings = [
            f for f in findings_of(entry) if f.severity in (Severity.ERROR, Severity.WARNING)
        ]
        for step in METHOD_STEPS:
            mine = [f for f in findings if f.step is step]
            status = (
                "complete"
                if not mine
                else ("missing" if any(f.severity is Severity.ERROR for f in mine) else "partial")
            )
            rows.append(
                [entry.file, step.value, status, "; ".join(f"{f.code}: {f.message}" for f in mine)]
            )
    return table(
        "gaps-method",
        "Completeness of the six steps and sign-off (from the lint rules)",
        [("file", "text"), ("step", "text"), ("status", "text"), ("what is missing", "text")],
        rows,
        ["complete: no error or warning; partial: warnings only; missing: at least one error."],
    )


def _tripartism(portfolio: Portfolio, as_of: dt.date) -> Table:
    rows: list[list[Cell]] = []
    tripartite = tripartite_groups()
    for entry in portfolio.entries:
        p = entry.programme
        consulted = {c.group for c in p.context.constituents if c.consulted_on is not None}
        committee = p.management.steering_committee
        body = p.context.tripartite_body
        members = groups_represented(
            (m.group for m in committee.members) if committee else (), body
        )
        signed = groups_represented((s.group for s in p.signatories), body)
        satisfaction = ", ".join(
            f"{s.group} {s.satisfied_percent:g}% ({s.year})" for s in p.monitoring.satisfaction
        )
        overdue = [
            f"{r.kind} {r.planned.isoformat()}"
            for r in p.monitoring.reviews
            if r.planned is not None and review_overdue(r, as_of)
        ]
        rows.append(
            [
                entry.file,
                ", ".join(g for g in tripartite if g not in consulted),
                ", ".join(g for g in tripartite if g not in members),
                ", ".join(g for g in tripartite if g not in signed),
                satisfaction,
                ", ".join(overdue),
            ]
        )
    return table(
        "gaps-tripartism",
        f"Tripartism and reviews (as of {as_of.isoformat()})",
        [
            ("file", "text"),
            ("not consulted", "text"),
            ("not on the steering committee", "text"),
            ("not among the signatories", "text"),
            ("satisfaction with participation", "text"),
            ("reviews overdue", "text"),
        ],
        rows,
    )
