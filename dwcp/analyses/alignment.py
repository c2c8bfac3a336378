"""The alignment report: how priorities tie into national plans, the UN framework, the SDGs,
the P&B and the strategic objectives, and how much project funding reaches the outcomes."""

from __future__ import annotations

from collections import defaultdict

from dwcp.analyses.figures import funding_links, linked_funding_rows
from dwcp.analyses.tables import Cell, Table, percent, table
from dwcp.analyses.tc import TcStrategies
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.money import Money, Totals
from dwcp.domain.pb_codes import code_key, sorted_references
from dwcp.model.results_framework import UnLink
from dwcp.portfolio.selection import Portfolio


def alignment_tables(portfolio: Portfolio, catalogue: Catalogue, tc: TcStrategies) -> list[Table]:
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
            refs = {r for o in priority.outcomes for r in o.pb_outcomes}
            pb = [f"{r.biennium}/{r.code}" for r in sorted_references(list(refs))]
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
    # Counted per P&B outcome: a CPO that names two outputs of one outcome reaches it once.
    counts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in portfolio.entries:
        for priority in entry.programme.priorities:
            for outcome in priority.outcomes:
                for ref in outcome.pb_outcomes:
                    counts[(ref.biennium, ref.outcome)].add(f"{entry.file}#{outcome.id}")
    rows: list[list[Cell]] = []
    for biennium, code in sorted(counts, key=lambda k: (k[0], code_key(k[1]))):
        found = catalogue.pb_outcome(biennium, code)
        cpos = counts[(biennium, code)]
        programmes = {c.split("#")[0] for c in cpos}
        title = found.title if found else "(not in the catalogue)"
        rows.append([biennium, code, title, len(programmes), len(cpos)])
    return table(
        "alignment-pb-outcomes",
        "Programme and Budget outcomes reached through country programme outcomes",
        [
            ("biennium", "text"),
            ("outcome", "text"),
            ("title", "text"),
            ("programmes", "count"),
            ("country outcomes", "count"),
        ],
        rows,
    )


def funding_alignment(portfolio: Portfolio, tc: TcStrategies) -> Table:
    """Share of extra-budgetary and of RBSA project money linked to programme outcomes."""
    rows: list[list[Cell]] = []
    totals = Totals(2)
    kinds = linked_funding_rows()
    for entry in portfolio.entries:
        for label, sources in kinds:
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
    strategy = tc.with_indicator("1.2")
    notes = (
        [f"{ref.label}: {ref.percent} per cent." for ref in strategy.references] if strategy else []
    )
    notes.extend(tc.milestone_note("1.2"))
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
