"""Converting money at the United Nations operational rates of exchange (catalogues/exchange_rates.yaml).

The one place dwcp turns an amount into another currency: the latest rate of each currency at
or before the date asked for, through the US dollar (the UN states every rate as units per
USD). Where either currency has no rate by then there is no conversion, and the caller says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import groupby
from typing import NamedTuple

from dwcp.domain.catalogue import ExchangeRate
from dwcp.domain.money import CENT, ZERO, Money, Totals, currency_of, money_of
from dwcp.domain.vocabulary import builtin_catalogue
from dwcp.model.common import Biennium
from dwcp.model.results_framework import Outcome

DOLLAR = "USD"


class Converted(NamedTuple):
    """An amount converted: the new money, the rate applied (units of the new currency per
    unit of the old one) and the effective date of the rate (the later of the two used)."""

    money: Money
    rate: Decimal
    rate_date: dt.date


class Rates:
    """The rates of a catalogue, by currency in date order."""

    def __init__(self, rates: Iterable[ExchangeRate]) -> None:
        self._by_currency: dict[str, list[ExchangeRate]] = {}
        for rate in sorted(rates, key=lambda r: r.effective):
            self._by_currency.setdefault(rate.currency, []).append(rate)

    def per_usd(self, currency: str, on_date: dt.date) -> tuple[Decimal, dt.date | None] | None:
        """Units of `currency` per US dollar in force on `on_date`, with the rate's date
        (None for the dollar itself); None when no rate is known by then."""
        if currency == DOLLAR:
            return Decimal(1), None
        known = [r for r in self._by_currency.get(currency, []) if r.effective <= on_date]
        if not known:
            return None
        return known[-1].per_usd, known[-1].effective

    def convert(self, money: Money, to_currency: str, on_date: dt.date) -> Converted | None:
        """`money` in `to_currency` at the rates in force on `on_date`, rounded to cents."""
        if money.currency == to_currency:
            return Converted(money, Decimal(1), on_date)
        source = self.per_usd(money.currency, on_date)
        target = self.per_usd(to_currency, on_date)
        if source is None or target is None:
            return None
        rate = target[0] / source[0]
        dates = [d for d in (source[1], target[1]) if d is not None]
        amount = (money.amount * rate).quantize(CENT)
        return Converted(Money(amount, to_currency), rate, max(dates, default=on_date))


def convert(
    money: Money, to_currency: str, on_date: dt.date, rates: Iterable[ExchangeRate]
) -> Converted | None:
    """`money` in `to_currency` at the latest UN operational rates at or before `on_date`
    (see `Rates.convert`); None when no rate is known."""
    return Rates(rates).convert(money, to_currency, on_date)


@cache
def builtin_rates() -> Rates:
    """The rates of the built-in catalogue, for callers that are given no catalogue."""
    return Rates(builtin_catalogue().exchange_rates)


def conversion_date(biennium: str) -> dt.date:
    """The date an outcome's resources for a biennium are converted at: 1 January of its first
    year, when the biennium's plan is made (a fixed date, so figures do not move with the day
    a report is run)."""
    return dt.date(Biennium.parse(biennium).first, 1, 1)


@dataclass(frozen=True)
class Conversion:
    """An outcome's resources for a biennium in a currency other than its requirement's, with
    what they count for in the requirement's currency; `rate` None where no UN operational
    rate is known, and then they count for nothing in the gap."""

    currency: str
    target: str
    secured: Decimal
    pipeline: Decimal
    rate: Decimal | None
    rate_date: dt.date
    """The rate's effective date, or the date asked for when there is no rate."""
    secured_converted: Decimal = ZERO
    pipeline_converted: Decimal = ZERO


@dataclass(frozen=True)
class OutcomeMoney:
    """One outcome's money for one biennium in one currency: the requirement's currency takes
    in the converted resources of other currencies (`conversions`)."""

    biennium: str
    currency: str
    required: Decimal
    secured: Decimal
    pipeline: Decimal
    conversions: tuple[Conversion, ...] = ()


def requirement_currency(outcome: Outcome, biennium: str, default: str) -> str | None:
    """The one currency of an outcome's requirement for a biennium; None where it states no
    requirement for it, or states it in several currencies (nothing to convert to then)."""
    found = {currency_of(n, default) for n in outcome.budget_required if n.biennium == biennium}
    return found.pop() if len(found) == 1 else None


def outcome_money(outcome: Outcome, default: str, rates: Rates) -> list[OutcomeMoney]:
    """Required, secured and pipeline per biennium and currency (in that order), resources in
    another currency than the biennium's one requirement currency converted into it at the UN
    operational rate of the biennium's start. Unconverted money keeps a row of its own."""
    sums = Totals(3)
    for need in outcome.budget_required:
        sums.add_to((need.biennium,), 0, money_of(need.amount, need, default))
    for line in outcome.resources:
        slot = 1 if line.status == "secured" else 2
        sums.add_to((line.biennium,), slot, money_of(line.amount, line, default))
    rows: list[OutcomeMoney] = []
    for (biennium,), group in groupby(sums.sorted(), key=lambda t: t.key):
        target = requirement_currency(outcome, biennium, default)
        kept, conversions = [], []
        for total in group:
            required, secured, pipeline = total.amounts
            if target is None or total.currency == target:
                kept.append(OutcomeMoney(biennium, total.currency, required, secured, pipeline))
                continue
            conversion = _convert(total.currency, target, secured, pipeline, biennium, rates)
            conversions.append(conversion)
            if conversion.rate is None:
                kept.append(OutcomeMoney(biennium, total.currency, required, secured, pipeline))
        rows.extend(_fold(row, target, tuple(conversions)) for row in kept)
    return rows


def _convert(
    currency: str, target: str, secured: Decimal, pipeline: Decimal, biennium: str, rates: Rates
) -> Conversion:
    on = conversion_date(biennium)
    got = rates.convert(Money(secured, currency), target, on)
    if got is None:
        return Conversion(currency, target, secured, pipeline, None, on)
    return Conversion(
        currency,
        target,
        secured,
        pipeline,
        got.rate,
        got.rate_date,
        got.money.amount,
        (pipeline * got.rate).quantize(CENT),
    )


def _fold(
    row: OutcomeMoney, target: str | None, conversions: tuple[Conversion, ...]
) -> OutcomeMoney:
    if row.currency != target or not conversions:
        return row
    secured = row.secured + sum((c.secured_converted for c in conversions), ZERO)
    pipeline = row.pipeline + sum((c.pipeline_converted for c in conversions), ZERO)
    return OutcomeMoney(row.biennium, row.currency, row.required, secured, pipeline, conversions)


def rate_text(conversion: Conversion) -> str:
    """ "1 EUR = 1.295337 USD", as notes and findings name a rate (to six places)."""
    rate = conversion.rate or Decimal(0)
    shown = rate.quantize(Decimal("0.000001")).normalize()
    return f"1 {conversion.currency} = {shown:f} {conversion.target}"
