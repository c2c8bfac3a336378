"""The money comparison: budget cells and per-currency totals of two versions of a programme.

Money is read through `analyses.figures.money_cells`, per outcome, biennium and currency, and
totalled per currency only (`domain.money.Totals`). A cell is shown when its figures or the
resources of one of its funding sources changed; a total when any of its figures changed.
The diff compares the file's own amounts, each in its currency, unconverted: converting at the
UN operational rates is how the reports read them, and a new rate is no change to the file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dwcp.analyses.figures import MoneyCell, money_cells
from dwcp.domain.exchange import Rates
from dwcp.domain.money import Money, Totals, differences, either, money_of
from dwcp.model import Programme
from dwcp.workflow.diff.model import FIGURES, BudgetRow, Change, Figures, SourceChange, TotalsRow
from dwcp.workflow.diff.words import amount, amount_change

UNCONVERTED = Rates([])
"""No rates: every resource line stays in its own currency."""

CellKey = tuple[str, str, str]
"""(outcome id, biennium, currency)."""


@dataclass(frozen=True)
class _Money:
    """A programme's money as the diff reads it."""

    cells: Totals
    """Per (outcome id, biennium) and currency: required, secured, pipeline and gap."""
    priorities: dict[CellKey, str]
    """The priority of each cell (the last one, for an outcome id used twice)."""
    sources: Totals
    """Per (outcome id, biennium, funding source, status) and currency: the resources."""
    totals: Totals
    """Per currency: the sums of the cells."""


def _shown(cell: MoneyCell) -> tuple[Money, ...]:
    """The figures a diff shows, in the order of `FIGURES`."""
    return cell.figures()[: len(FIGURES)]


def _money(programme: Programme) -> _Money:
    cells, totals, sources = Totals(len(FIGURES)), Totals(len(FIGURES)), Totals(1)
    priorities: dict[CellKey, str] = {}
    for cell in money_cells(programme, UNCONVERTED):
        # An outcome id used twice is added up per cell, so both stay visible.
        cells.add((cell.outcome.id, cell.biennium), *_shown(cell))
        totals.add((), *_shown(cell))
        priorities[(cell.outcome.id, cell.biennium, cell.currency)] = cell.priority.id
    default = programme.planning.currency
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for line in outcome.resources:
                key = (outcome.id, line.biennium, line.source, line.status)
                sources.add(key, money_of(line.amount, line, default))
    return _Money(cells, priorities, sources, totals)


def budget_rows(old: Programme, new: Programme) -> list[BudgetRow]:
    """Money cells whose figures, or whose funding sources, changed."""
    before, after = _money(old), _money(new)
    lines = _source_changes(before.sources, after.sources)
    rows = []
    for (outcome, biennium), currency in either(before.cells, after.cells):
        cell = (outcome, biennium, currency)
        was = Figures(*before.cells.get((outcome, biennium), currency))
        now = Figures(*after.cells.get((outcome, biennium), currency))
        changed = lines.get(cell, ())
        if was != now or changed:
            priority = after.priorities.get(cell) or before.priorities[cell]
            rows.append(BudgetRow(*cell, priority, was, now, changed))
    return rows


def _source_changes(old: Totals, new: Totals) -> dict[CellKey, tuple[SourceChange, ...]]:
    """Per money cell, the funding sources and statuses whose resources changed, in order."""
    found: dict[CellKey, list[SourceChange]] = defaultdict(list)
    for change in differences(old, new):
        outcome, biennium, source, status = change.key
        found[(outcome, biennium, change.currency)].append(
            SourceChange(source, status, change.old[0], change.new[0])
        )
    return {
        cell: tuple(sorted(lines, key=lambda line: (line.source, line.status)))
        for cell, lines in found.items()
    }


def totals_rows(old: Programme, new: Programme) -> list[TotalsRow]:
    """Per currency, the sums of the money cells (never across currencies)."""
    return [
        TotalsRow(change.currency, Figures(*change.old), Figures(*change.new))
        for change in differences(_money(old).totals, _money(new).totals)
    ]


def figure_changes(old: Figures, new: Figures, said: frozenset[str] = frozenset()) -> list[str]:
    """`secured 100,000 -> 150,000`, ..., and always the gap: `gap 50,000 -> 0`. Figures in
    `said` are left out, having been given already."""
    parts = [
        amount_change(name, old.get(name), new.get(name))
        for name in FIGURES[:3]
        if old.get(name) != new.get(name) and name not in said
    ]
    if old.gap != new.gap:
        parts.append(amount_change("gap", old.gap, new.gap))
    else:
        parts.append(f"gap still {amount(new.gap)}")
    return parts


def budget_message(row: BudgetRow) -> str:
    """`Budget ZMB101 2018-19 (USD): RBTC secured 80,000 -> 90,000; secured 580,000 ->
    590,000; gap 20,000 -> 10,000`.

    Each changed funding line is named with its own amounts, then come the outcome's figures;
    a figure is left out when one line's change already says it (the line is all of it).
    """
    lines = [
        amount_change(f"{line.source} {line.status}", line.old, line.new) for line in row.lines
    ]
    said = frozenset(
        line.status
        for line in row.lines
        if (line.old, line.new) == (row.old.get(line.status), row.new.get(line.status))
    )
    parts = [*lines, *figure_changes(row.old, row.new, said)]
    return f"Budget {row.outcome} {row.biennium} ({row.currency}): {'; '.join(parts)}"


def budget_change(row: BudgetRow) -> Change:
    path = (
        f"priorities[{row.priority}].outcomes[{row.outcome}].budget[{row.biennium} {row.currency}]"
    )
    return Change("budget", path, _plain(row.old), _plain(row.new), budget_message(row))


def totals_change(row: TotalsRow) -> Change:
    text = f"Totals ({row.currency}): {'; '.join(figure_changes(row.old, row.new))}"
    return Change("totals", f"totals[{row.currency}]", _plain(row.old), _plain(row.new), text)


def _plain(figures: Figures) -> dict[str, Decimal]:
    return {name: figures.get(name) for name in FIGURES}
