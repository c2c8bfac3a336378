"""Domain changes between two versions of one programme.

The models are walked field by field as plain data (`walk.py`), in programme terms
(`terms.py`): list items are matched by their id or natural key, so reordering a list is never
a change, and outcomes are matched across priorities, so moving one is reported as a move.
Money is compared per outcome, biennium and currency, and totalled per currency only
(`budget.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from dwcp.model import Programme
from dwcp.workflow.diff.budget import budget_change, budget_rows, totals_change, totals_rows
from dwcp.workflow.diff.model import BudgetRow, Change, Summary, TotalsRow
from dwcp.workflow.diff.terms import PROGRAMME
from dwcp.workflow.diff.walk import ROOT, walk


@dataclass
class Comparison:
    changes: list[Change]
    budget: list[BudgetRow]
    totals: list[TotalsRow]


def compare(old: Programme, new: Programme) -> Comparison:
    """Every domain change from `old` to `new`, budget rows and per-currency totals included."""
    changes: list[Change] = []
    walk(old.model_dump(), new.model_dump(), ROOT, changes, PROGRAMME)
    budget = budget_rows(old, new)
    totals = totals_rows(old, new)
    changes.extend(budget_change(row) for row in budget)
    changes.extend(totals_change(row) for row in totals)
    return Comparison(changes, budget, totals)


def summarise(programme: Programme) -> Summary:
    outcomes = [o for p in programme.priorities for o in p.outcomes]
    return Summary(
        country=programme.country,
        period=programme.period.describe(),
        status=programme.status,
        priorities=len(programme.priorities),
        outcomes=len(outcomes),
        indicators=sum(len(o.indicators) for o in outcomes),
    )
