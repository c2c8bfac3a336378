"""Money: exact amounts with their currency, totals per currency, and shares.

Amounts are `Decimal`, never float. Two currencies are never added: `Money` refuses, and
`Totals` keeps one row per key and currency. The only conversion is `domain.exchange`'s, at the
UN operational rates, for resources against a requirement in another currency; any other
figure that would need two currencies has to say so instead of showing a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, Protocol

ZERO = Decimal(0)
CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


class CurrencyMismatch(ValueError):
    """Amounts in two currencies were about to be added."""


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency."""

    amount: Decimal
    currency: str

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + other.amount, self._same_currency(other))

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - other.amount, self._same_currency(other))

    def _same_currency(self, other: Money) -> str:
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency} cannot be added")
        return self.currency


class Priced(Protocol):
    """Anything that may name its own currency: a resource line, a budget line, a project."""

    @property
    def currency(self) -> str | None: ...


def currency_of(item: Priced, default: str) -> str:
    """The currency of a line: its own, else the programme's planning currency (`default`)."""
    return item.currency or default


def money_of(amount: Decimal, item: Priced, default: str) -> Money:
    """`amount` of a line, in the line's currency (see `currency_of`)."""
    return Money(amount, currency_of(item, default))


Key = tuple[str, ...]


class Total(NamedTuple):
    """One row of `Totals`: what it is a total of, its currency, and the summed amounts."""

    key: Key
    currency: str
    amounts: tuple[Decimal, ...]


class Totals:
    """Running sums of a fixed number of amounts (`width`) per key and currency.

    The one accumulator of money in dwcp: each row holds one currency, so amounts in
    different currencies land in different rows and are never added together. Rows keep
    the order in which they were first added; `sorted()` orders them by key, then currency.
    """

    def __init__(self, width: int = 1) -> None:
        self.width = width
        self._rows: dict[tuple[Key, str], list[Decimal]] = {}

    def add(self, key: Key, *amounts: Money) -> None:
        """Add amount i to the i-th sum of `key`, in the currency the amounts share."""
        if len(amounts) != self.width:
            raise ValueError(f"{len(amounts)} amounts for totals of {self.width}")
        currency = amounts[0].currency
        if any(a.currency != currency for a in amounts):
            names = ", ".join(sorted({a.currency for a in amounts}))
            raise CurrencyMismatch(f"one row of totals in several currencies: {names}")
        row = self._row(key, currency)
        for index, money in enumerate(amounts):
            row[index] += money.amount

    def add_to(self, key: Key, index: int, amount: Money) -> None:
        """Add `amount` to the `index`-th sum of `key` only (the others count it as zero)."""
        self._row(key, amount.currency)[index] += amount.amount

    def _row(self, key: Key, currency: str) -> list[Decimal]:
        row = self._rows.get((key, currency))
        if row is None:
            row = self._rows[(key, currency)] = [ZERO] * self.width
        return row

    def get(self, key: Key, currency: str) -> tuple[Decimal, ...]:
        """The sums of `key` in `currency`: zeros when nothing was added there."""
        return tuple(self._rows.get((key, currency), [ZERO] * self.width))

    def __iter__(self) -> Iterator[Total]:
        for (key, currency), amounts in self._rows.items():
            yield Total(key, currency, tuple(amounts))

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, row: object) -> bool:
        return row in self._rows

    def sorted(self) -> list[Total]:
        return sorted(self, key=lambda total: (total.key, total.currency))


@dataclass(frozen=True)
class Difference:
    """A row of totals that is not the same in two versions (absent rows count as zeros)."""

    key: Key
    currency: str
    old: tuple[Decimal, ...]
    new: tuple[Decimal, ...]


def either(old: Totals, new: Totals) -> list[tuple[Key, str]]:
    """The (key, currency) rows of either totals: those of `new` in order, then those only
    `old` has."""
    rows = dict.fromkeys((t.key, t.currency) for t in new)
    rows.update(dict.fromkeys((t.key, t.currency) for t in old))
    return list(rows)


def differences(old: Totals, new: Totals) -> Iterator[Difference]:
    """Rows whose sums differ, in the order of `either`."""
    for key, currency in either(old, new):
        before, after = old.get(key, currency), new.get(key, currency)
        if before != after:
            yield Difference(key, currency, before, after)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` as per cent of `whole`, exact (views round it); None when there is no whole.

    The one definition of a share in dwcp: reports show it to 0.1 per cent, the spreadsheets
    keep it as a fraction to 0.01 per cent.
    """
    if not whole:
        return None
    return Decimal(part) * _HUNDRED / Decimal(whole)
