"""The alignment report: how priorities tie into national plans, the UN framework, the SDGs,
the P&B and the strategic objectives, and how much project funding reaches the outcomes."""

from __future__ import annotations

from collections import defaultdict

from dwcp.analyses.figures import funding_links
from dwcp.analyses.tables import Cell, Table, percent, table
from dwcp.analyses.tc import TcStrategy
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.money import Money, Totals
from dwcp.domain.vocabulary import extra_budgetary_sources
from dwcp.model.results_framework import UnLink
from dwcp.portfolio.selection import Portfolio


def alignment_tables(portfolio: Portfolio, catalogue: Catalogue, tc: TcStrategy) -> list[Table]:
    return [
        _priorities(portfolio),
        _matrix(portfolio),
        _uncovered(portfolio),
        _outside_un(portfolio),
        _overlap(portfolio),
        _objectives(portfolio, catalogue),
        _pb_coverage(portfolio, catalogue),
        funding_alignment(portfolio, tc),
    ]


def _priorities(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        for priority in entry.programme.priorities:
            pb = sorted(
                {f"{r.biennium}/{r.number}" for o in priority.outcomes for r in o.pb_outcomes}
            )
            rows.append(
                [
                    entry.file,
                    priority.id,
                    priority.title,
                    ", ".join(priority.national_goals),
                    ", ".join(_written(u) for u in priority.un_links()),
                    ", ".join(priority.sdg_targets),
                    ", ".join(pb),
                    ", ".join(priority.strategic_objectives),
                ]
            )
    return table(
        "alignment-priorities",
        "What each priority is aligned with",
        [
            ("file", "text"),
            ("priority", "text"),
            ("title", "text"),
            ("national goals", "text"),
            ("UN outcomes", "text"),
            ("SDG targets", "text"),
            ("P&B outcomes (biennium/number)", "text"),
            ("strategic objectives", "text"),
        ],
        rows,
    )


def _matrix(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        un_outcomes = entry.programme.context.un_outcomes()
        for priority in entry.programme.priorities:
            links = priority.un_alignment()
            rows.extend(
                [entry.file, priority.id, o.id, links.get(o.id, "none")] for o in un_outcomes
            )
    return table(
        "alignment-matrix",
        "Priorities x UN framework outcomes (full, partial or none, as declared)",
        [("file", "text"), ("priority", "text"), ("UN outcome", "text"), ("alignment", "text")],
        rows,
    )


def _uncovered(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        covered = {u.outcome for p in entry.programme.priorities for u in p.un_links()}
        rows.extend(
            [entry.file, o.id, o.statement, o.not_covered_reason]
            for o in entry.programme.context.un_outcomes()
            if o.decent_work and o.id not in covered
        )
    return table(
        "alignment-uncovered-un-outcomes",
        "Decent-work UN outcomes that no priority covers (the reverse gap, GB.306/TC/1 para. 6)",
        [("file", "text"), ("UN outcome", "text"), ("statement", "text"), ("reason", "text")],
        rows,
    )


def _outside_un(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = [
        [entry.file, priority.id, priority.title]
        for entry in portfolio.entries
        for priority in entry.programme.priorities
        if not priority.un_links()
    ]
    return table(
        "alignment-priorities-outside-un",
        "Priorities that reach no UN framework outcome",
        [("file", "text"), ("priority", "text"), ("title", "text")],
        rows,
    )


def _overlap(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        period = entry.programme.period
        spans = [un.period for un in entry.programme.context.un_frameworks if un.period]
        if not spans:
            rows.append([entry.file, period.describe(), None, None, None])
            continue
        # Years under any listed framework: programmes often straddle two.
        covered = {year for span in spans for year in span.years()}
        years = len(set(period.years()) & covered)
        rows.append(
            [
                entry.file,
                period.describe(),
                "; ".join(span.describe() for span in spans),
                years,
                percent(years, len(period.years())),
            ]
        )
    return table(
        "alignment-period-overlap",
        "Overlap of the programme period with the UN framework periods",
        [
            ("file", "text"),
            ("programme period", "text"),
            ("UN framework periods", "text"),
            ("years in common", "count"),
            ("share of programme years", "percent"),
        ],
        rows,
    )


def _written(link: UnLink) -> str:
    """`CF2 (partial)`, or `CF2/CF2.1 (full)` for a link to one of its outputs."""
    target = link.outcome if link.output is None else f"{link.outcome}/{link.output}"
    return f"{target} ({link.alignment})"


def _objectives(portfolio: Portfolio, catalogue: Catalogue) -> Table:
    programmes: dict[str, set[str]] = defaultdict(set)
    priorities: dict[str, int] = defaultdict(int)
    for entry in portfolio.entries:
        for priority in entry.programme.priorities:
            for objective in priority.strategic_objectives:
                programmes[objective].add(entry.file)
                priorities[objective] += 1
    rows: list[list[Cell]] = [
        [o.id, o.title, len(programmes[o.id]), priorities[o.id]]
        for o in catalogue.strategic_objectives
    ]
    return table(
        "alignment-strategic-objectives",
        "Coverage of the four strategic objectives",
        [
            ("objective", "text"),
            ("title", "text"),
            ("programmes", "count"),
            ("priorities", "count"),
        ],
        rows,
    )


def _pb_coverage(portfolio: Portfolio, catalogue: Catalogue) -> Table:
    counts: dict[tuple[str, int], set[str]] = defaultdict(set)
    for entry in portfolio.entries:
        for priority in entry.programme.priorities:
            for outcome in priority.outcomes:
                for ref in outcome.pb_outcomes:
                    counts[(ref.biennium, ref.number)].add(f"{entry.file}#{outcome.id}")
    rows: list[list[Cell]] = []
    for biennium, number in sorted(counts):
        found = catalogue.pb_outcome(biennium, number)
        cpos = counts[(biennium, number)]
        programmes = {c.split("#")[0] for c in cpos}
        title = found.title if found else "(not in the catalogue)"
        rows.append([biennium, number, title, len(programmes), len(cpos)])
    return table(
        "alignment-pb-outcomes",
        "Programme and Budget outcomes reached through country programme outcomes",
        [
            ("biennium", "text"),
            ("number", "count"),
            ("title", "text"),
            ("programmes", "count"),
            ("country outcomes", "count"),
        ],
        rows,
    )


def funding_alignment(portfolio: Portfolio, tc: TcStrategy) -> Table:
    """Share of extra-budgetary and of RBSA project money linked to programme outcomes."""
    rows: list[list[Cell]] = []
    totals = Totals(2)
    extra_budgetary = extra_budgetary_sources()
    for entry in portfolio.entries:
        for label, sources in (("XBTC/XBDC", extra_budgetary), ("RBSA", frozenset({"RBSA"}))):
            for currency, linked in funding_links(entry.programme, sources).items():
                rows.append(
                    [
                        entry.file,
                        label,
                        currency,
                        linked.total,
                        linked.linked,
                        percent(linked.linked, linked.total),
                    ]
                )
                totals.add((label,), Money(linked.total, currency), Money(linked.linked, currency))
    for (label,), currency, (total, linked_amount) in totals.sorted():
        rows.append(
            ["(portfolio)", label, currency, total, linked_amount, percent(linked_amount, total)]
        )
    notes = [f"{ref.label}: {ref.percent} per cent." for ref in tc.references]
    notes.append(
        "Technical Cooperation Strategy indicator 1.2 milestones: "
        + ", ".join(f"{b}: {v} per cent" for b, v in tc.indicator("1.2").milestones.items())
        + "."
    )
    return table(
        "alignment-funding",
        "Project funding linked to programme outcomes",
        [
            ("file", "text"),
            ("source", "text"),
            ("currency", "text"),
            ("budget", "amount"),
            ("linked to outcomes", "amount"),
            ("linked share", "percent"),
        ],
        rows,
        notes,
    )
