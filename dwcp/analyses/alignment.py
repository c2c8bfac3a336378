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
                    ", ".join(f"{u.outcome} ({u.alignment})" for u in priority.un_outcomes),
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
        un = entry.programme.context.un_framework
        for priority in entry.programme.priorities:
            links = {u.outcome: u.alignment for u in priority.un_outcomes}
            rows.extend(
                [entry.file, priority.id, o.id, links.get(o.id, "none")]
                for o in (un.outcomes if un else [])
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
        un = entry.programme.context.un_framework
        covered = {u.outcome for p in entry.programme.priorities for u in p.un_outcomes}
        rows.extend(
            [entry.file, o.id, o.statement, o.not_covered_reason]
            for o in (un.outcomes if un else [])
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
        if not priority.un_outcomes
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
        un = entry.programme.context.un_framework
        if un is None or un.period is None:
            rows.append([entry.file, f"{period.start}-{period.end}", None, None, None])
            continue
        years = len(set(period.years()) & set(un.period.years()))
        rows.append(
            [
                entry.file,
                f"{period.start}-{period.end}",
                f"{un.period.start}-{un.period.end}",
                years,
                percent(years, len(period.years())),
            ]
        )
    return table(
        "alignment-period-overlap",
        "Overlap of the programme period with the UN framework period",
        [
            ("file", "text"),
            ("programme period", "text"),
            ("UN framework period", "text"),
            ("years in common", "count"),
            ("share of programme years", "percent"),
        ],
        rows,
    )


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
