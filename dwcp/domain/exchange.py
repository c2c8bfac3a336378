"""Converting money at the United Nations operational rates of exchange (catalogues/exchange_rates.yaml).

The one place dwcp turns an amount into another currency: the latest rate of each currency at
or before the date asked for, through the US dollar (the UN states every rate as units per
USD). Where either currency has no rate by then there is no conversion, and the caller says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from dwcp.domain.catalogue import ExchangeRate
from dwcp.domain.money import CENT, Money

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
