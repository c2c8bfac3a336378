"""Every figure the reports show, defined once. Amounts are never added across currencies.

Definitions (also in the README):
- required: the outcome's budget_required for a biennium; secured and pipeline: its resource
  lines with that status; gap = max(required - secured, 0) per outcome, biennium and
  currency; totals are sums of those cells, so they reconcile with the rows.
- conversion: where a biennium's requirement is in one currency, resource lines in another
  count in the requirement's currency at the UN operational rate of exchange in force on
  1 January of the biennium's first year (catalogues/exchange_rates.yaml), rounded to cents;
  with no rate known they keep a row of their own and fill none of the gap.
- pipeline cover: min(pipeline, gap) / gap per cell; above the cells, the sum of
  min(pipeline, gap) over the sum of the gaps, so pipeline money on a cell without a gap
  covers no other cell's gap.
- gap filled (TC indicator 1.1): a cell with a requirement is filled when secured >= required.
- linked share (TC indicator 1.2, GB.306/TC/1 para. 26): for projects funded from a source
  class (extra-budgetary, or voluntary core), the
  part of their budgets assigned to programme outcomes through contributes_to (the listed
  shares, or the whole budget when an outcome is named without a share) over their budgets.
- delivery rate (TC indicator 2.2): spent / allocated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from weakref import finalize

from dwcp.domain.exchange import Conversion, Rates, builtin_rates, outcome_money
from dwcp.domain.money import CENT, ZERO, Key, Money, Totals, currency_of, money_of
from dwcp.domain.vocabulary import extra_budgetary_sources, sources_of_classes
from dwcp.model import Programme
from dwcp.model.common import Biennium
from dwcp.model.country_context import Project
from dwcp.model.results_framework import Outcome, Priority


@dataclass(frozen=True)
class MoneyCell:
    """Resources of one outcome for one biennium in one currency."""

    priority: Priority
    outcome: Outcome
    biennium: str
    currency: str
    required: Decimal
    secured: Decimal
    pipeline: Decimal
    conversions: tuple[Conversion, ...] = ()
    """Resources in other currencies counted here (or, without a rate, not counted)."""

    @property
    def gap(self) -> Decimal:
        return max(self.required - self.secured, ZERO)

    @property
    def pipeline_cover(self) -> Decimal:
        return min(self.pipeline, self.gap)

    @property
    def filled(self) -> bool:
        return self.required > 0 and self.secured >= self.required

    def figures(self) -> tuple[Money, ...]:
        """Required, secured, pipeline, gap and pipeline cover: the order of `cell_totals`."""
        return tuple(
            Money(amount, self.currency)
            for amount in (
                self.required,
                self.secured,
                self.pipeline,
                self.gap,
                self.pipeline_cover,
            )
        )


def money_cells(programme: Programme, rates: Rates | None = None) -> Iterator[MoneyCell]:
    """Per outcome, biennium and currency; resources in another currency than the biennium's
    requirement counted in the requirement's currency at the UN operational rate of exchange
    (`rates`, by default the built-in catalogue's), see `domain.exchange.outcome_money`."""
    default = programme.planning.currency
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for row in outcome_money(outcome, default, rates or builtin_rates()):
                yield MoneyCell(
                    priority,
                    outcome,
                    row.biennium,
                    row.currency,
                    row.required,
                    row.secured,
                    row.pipeline,
                    row.conversions,
                )


# A report reads a programme's money cells several times (listing, charts, biennium, TC
# table), and each time converts every resource at the rates. Kept per programme object,
# by identity (models hash by value), and forgotten when the programme is.
_CELLS: dict[int, list[tuple[Rates, tuple[MoneyCell, ...]]]] = {}


def programme_cells(programme: Programme, rates: Rates | None = None) -> tuple[MoneyCell, ...]:
    """`money_cells`, computed once per programme and rates. Programmes are not changed once
    validated (a public view is a copy), so the cells stay right."""
    rates = rates or builtin_rates()
    key = id(programme)
    known = _CELLS.get(key)
    if known is None:
        known = _CELLS[key] = []
        finalize(programme, _CELLS.pop, key, None)
    for seen, cells in known:
        if seen is rates:
            return cells
    cells = tuple(money_cells(programme, rates))
    known.append((rates, cells))
    return cells


def _everything(cell: MoneyCell) -> Key:
    del cell
    return ()


def cell_totals(
    cells: Iterable[MoneyCell], key: Callable[[MoneyCell], Key] = _everything
) -> Totals:
    """The `MoneyCell.figures` of the cells summed per key (by default all cells together)
    and currency, so every total reconciles with the rows it sums."""
    totals = Totals(5)
    for cell in cells:
        totals.add(key(cell), *cell.figures())
    return totals


def linked_fraction(project: Project) -> Decimal:
    """Share (0-1) of a project's budget assigned to programme outcomes.

    With shares on every link, their sum (at most 100 per cent); when any link names an
    outcome without a share, that outcome takes the rest, so the whole budget is linked.
    """
    if not project.contributes_to:
        return ZERO
    shares = [c.share_percent for c in project.contributes_to]
    if any(s is None for s in shares):
        return Decimal(1)
    return min(Decimal(str(sum(s for s in shares if s is not None))) / 100, Decimal(1))


@dataclass(frozen=True)
class Linked:
    total: Decimal
    linked: Decimal


def linked_funding_rows() -> tuple[tuple[str, frozenset[str]], ...]:
    """The rows of the linked-funding figure, by how the ILO accounts the source: every
    extra-budgetary source (donor projects, domestic trust funds, UN pooled funds,
    public-private partnerships), then voluntary core funding (RBSA) on its own."""
    return (
        ("extra-budgetary", extra_budgetary_sources()),
        ("RBSA", sources_of_classes(["voluntary-core"])),
    )


def funding_links(programme: Programme, sources: frozenset[str]) -> dict[str, Linked]:
    """By currency: budgets of projects funded from `sources`, and the part linked to outcomes."""
    totals = Totals(2)
    for project in programme.context.projects:
        if project.funding_source in sources and project.budget is not None:
            budget = money_of(project.budget, project, programme.planning.currency)
            # Rounded to cents here, so shares are computed from the amounts shown.
            linked = (project.budget * linked_fraction(project)).quantize(CENT)
            totals.add((), budget, Money(linked, budget.currency))
    return {t.currency: Linked(*t.amounts) for t in totals.sorted()}


@dataclass(frozen=True)
class Delivery:
    """Allocation and expenditure of one project, source or programme, in one currency."""

    allocated: Decimal
    spent: Decimal


@dataclass(frozen=True)
class DeliveryItem:
    source: str
    project: str
    """Project symbol, or "" for a resource line that names none."""
    years: tuple[int, int] | None
    """The biennium of a resource line, or a project's own period (None if unknown)."""
    currency: str
    delivery: Delivery


def deliveries(programme: Programme) -> Iterator[DeliveryItem]:
    """Allocation and expenditure from resource lines, and from a project's own figures
    when no resource line reports on that project (so nothing is counted twice)."""
    default = programme.planning.currency
    reported: set[str] = set()
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for line in outcome.resources:
                if line.allocated is not None and line.spent is not None:
                    if line.project:
                        reported.add(line.project)
                    biennium = Biennium.parse(line.biennium)
                    yield DeliveryItem(
                        line.source,
                        line.project or "",
                        (biennium.first, biennium.last),
                        currency_of(line, default),
                        Delivery(line.allocated, line.spent),
                    )
    for project in programme.context.projects:
        if project.symbol in reported or project.allocated is None or project.spent is None:
            continue
        period = (project.period.start, project.period.end) if project.period else None
        yield DeliveryItem(
            project.funding_source,
            project.symbol,
            period,
            currency_of(project, programme.planning.currency),
            Delivery(project.allocated, project.spent),
        )
