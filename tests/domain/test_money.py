"""Money as one domain value: amounts with their currency, totals per currency, one share."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from dwcp.analyses.tables import percent
from dwcp.domain.money import (
    CurrencyMismatch,
    Difference,
    Money,
    Total,
    Totals,
    currency_of,
    differences,
    money_of,
    share,
)
from dwcp.views.spreadsheets.sheets import fraction

D = Decimal


def usd(amount: str) -> Money:
    return Money(D(amount), "USD")


def eur(amount: str) -> Money:
    return Money(D(amount), "EUR")


def test_money_adds_and_subtracts_exactly_in_one_currency():
    assert usd("0.10") + usd("0.20") == usd("0.30")
    assert usd("100") - usd("0.01") == usd("99.99")


def test_money_in_two_currencies_is_never_added():
    with pytest.raises(CurrencyMismatch, match="USD and EUR"):
        _ = usd("1") + eur("1")
    with pytest.raises(CurrencyMismatch, match="USD and EUR"):
        _ = usd("1") - eur("1")


def test_a_line_without_a_currency_takes_the_programme_default():
    assert currency_of(SimpleNamespace(currency=None), "USD") == "USD"
    assert currency_of(SimpleNamespace(currency=""), "USD") == "USD"
    assert currency_of(SimpleNamespace(currency="EUR"), "USD") == "EUR"
    assert money_of(D("5"), SimpleNamespace(currency=None), "ZMW") == Money(D("5"), "ZMW")


def test_totals_keep_one_row_per_key_and_currency():
    totals = Totals(2)
    totals.add(("P1",), usd("100"), usd("10"))
    totals.add(("P1",), eur("7"), eur("0"))
    totals.add(("P1",), usd("50.50"), usd("5"))
    totals.add_to(("P0",), 1, usd("3"))
    assert list(totals) == [
        Total(("P1",), "USD", (D("150.50"), D("15"))),
        Total(("P1",), "EUR", (D("7"), D("0"))),
        Total(("P0",), "USD", (D("0"), D("3"))),
    ]
    assert [(t.key, t.currency) for t in totals.sorted()] == [
        (("P0",), "USD"),
        (("P1",), "EUR"),
        (("P1",), "USD"),
    ]
    assert totals.get(("P1",), "USD") == (D("150.50"), D("15"))
    assert totals.get(("P9",), "USD") == (D("0"), D("0"))
    assert len(totals) == 3
    assert ((("P1",), "EUR")) in totals


def test_one_row_of_totals_refuses_two_currencies_and_the_wrong_width():
    totals = Totals(2)
    with pytest.raises(CurrencyMismatch, match="EUR, USD"):
        totals.add((), usd("1"), eur("1"))
    with pytest.raises(ValueError, match="1 amounts for totals of 2"):
        totals.add((), usd("1"))
    assert len(totals) == 0


def test_differences_of_totals_count_a_missing_row_as_zero():
    old, new = Totals(1), Totals(1)
    old.add((), usd("10"))
    old.add((), eur("5"))
    new.add((), Money(D("3"), "ZMW"))
    new.add((), usd("10"))
    assert list(differences(old, new)) == [
        Difference((), "ZMW", (D("0"),), (D("3"),)),
        Difference((), "EUR", (D("5"),), (D("0"),)),
    ]


def test_share_is_per_cent_exact_and_none_without_a_whole():
    # Per cent, not a fraction: the spreadsheets used to compute 0.25 here.
    assert share(1, 4) == D(25)
    assert share(D("1"), D("3")) == D(100) / D(3)
    assert share(5, 0) is None
    assert share(D("0"), D("0")) is None


@pytest.mark.parametrize(
    ("part", "whole", "report", "sheet"),
    [
        (1, 3, 33.3, D("0.3333")),
        (2, 3, 66.7, D("0.6667")),
        (1, 16, 6.3, D("0.0625")),  # half-up, not half-even (6.2)
        (1, 32, 3.1, D("0.0313")),  # half-up, not half-even (0.0312)
        (3, 3, 100.0, D("1.0000")),
        (0, 7, 0.0, D("0.0000")),
    ],
)
def test_reports_and_spreadsheets_round_the_same_share(
    part: int, whole: int, report: float, sheet: Decimal
):
    assert percent(part, whole) == report
    exported = fraction(D(part), D(whole))
    assert exported == sheet
    assert str(exported) == str(sheet)  # the CSV writes these digits
    assert percent(1, 0) is None
    assert fraction(D(1), D(0)) is None
