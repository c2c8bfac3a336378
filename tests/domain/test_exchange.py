"""UN operational rates of exchange (catalogues/exchange_rates.yaml) and conversions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from dwcp.domain.catalogue import BUILTIN_DIR, ExchangeRate, load_catalogue
from dwcp.domain.exchange import Rates, builtin_rates, convert, outcome_money
from dwcp.domain.money import Money
from dwcp.model.results_framework import Outcome
from dwcp.source.loader import load

D = Decimal
DAY = dt.date


def rate(currency: str, effective: dt.date, per_usd: str) -> ExchangeRate:
    return ExchangeRate(currency=currency, effective=effective, per_usd=D(per_usd))


RATES = Rates(
    [
        rate("EUR", DAY(2024, 1, 1), "0.9"),
        rate("EUR", DAY(2024, 2, 1), "0.8"),
        rate("CHF", DAY(2024, 1, 15), "0.85"),
    ]
)


def test_the_catalogue_names_its_source_and_states_units_per_dollar():
    header = (BUILTIN_DIR / "exchange_rates.yaml").read_text(encoding="utf-8")
    assert "United Nations Operational Rates of Exchange" in header
    assert "treasury.un.org" in header
    assert "checked on 2026-12-05" in header
    assert "units of the currency per one US dollar" in header


def test_the_catalogue_has_the_currencies_the_programmes_and_fixtures_use():
    rates = load_catalogue().exchange_rates
    currencies = {r.currency for r in rates}
    assert {"EUR", "CHF", "GBP"} <= currencies
    # Every biennium start from 2006 to 2026, for each of them.
    for currency in ("EUR", "CHF", "GBP"):
        years = {r.effective.year for r in rates if r.currency == currency}
        assert set(range(2006, 2027, 2)) <= years, currency
    # Nothing in the table could be read against the UN's monthly lists at the check.
    assert all(not r.verified for r in rates)
    data = load(BUILTIN_DIR / "exchange_rates.yaml").data
    assert isinstance(data, dict)
    assert len(data["exchange_rates"]) == len(rates)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (DAY(2024, 1, 1), (D("100") / D("0.9"), DAY(2024, 1, 1))),
        (DAY(2024, 1, 31), (D("100") / D("0.9"), DAY(2024, 1, 1))),
        (DAY(2024, 2, 1), (D("125"), DAY(2024, 2, 1))),
        (DAY(2030, 6, 1), (D("125"), DAY(2024, 2, 1))),
    ],
)
def test_the_latest_rate_at_or_before_the_date_is_used(on: dt.date, expected):
    got = RATES.convert(Money(D(100), "EUR"), "USD", on)
    assert got is not None
    amount, rate_date = expected
    assert got.money == Money(amount.quantize(D("0.01")), "USD")
    assert got.rate_date == rate_date


def test_no_rate_before_the_first_or_for_an_unknown_currency_is_none():
    assert RATES.convert(Money(D(100), "EUR"), "USD", DAY(2023, 12, 31)) is None
    assert RATES.convert(Money(D(100), "XOF"), "USD", DAY(2024, 6, 1)) is None
    assert RATES.convert(Money(D(100), "USD"), "XOF", DAY(2024, 6, 1)) is None


def test_two_other_currencies_convert_through_the_dollar():
    """EUR 0.8 and CHF 0.85 per USD on 1 March: 1 EUR = 1.0625 CHF, dated by the later rate."""
    got = RATES.convert(Money(D(1000), "EUR"), "CHF", DAY(2024, 3, 1))
    assert got is not None
    assert (got.money, got.rate, got.rate_date) == (
        Money(D("1062.50"), "CHF"),
        D("1.0625"),
        DAY(2024, 2, 1),
    )


def test_the_dollar_converts_into_units_per_dollar():
    got = convert(
        Money(D(10), "USD"), "EUR", DAY(2024, 2, 15), [rate("EUR", DAY(2024, 2, 1), "0.8")]
    )
    assert got is not None
    assert got.money == Money(D("8.00"), "EUR")


def test_the_same_currency_is_not_converted():
    got = RATES.convert(Money(D(5), "XOF"), "XOF", DAY(2024, 1, 1))
    assert got is not None
    assert (got.money, got.rate) == (Money(D(5), "XOF"), D(1))


def test_a_repository_catalogue_adds_and_replaces_rates(tmp_path: Path):
    (tmp_path / "exchange_rates.yaml").write_text(
        "exchange_rates:\n"
        "  - {currency: XOF, effective: 2024-01-01, per_usd: '600'}\n"
        "  - {currency: EUR, effective: 2024-01-01, per_usd: '0.5'}\n",
        encoding="utf-8",
    )
    rates = load_catalogue(tmp_path).exchange_rates
    assert sum(1 for r in rates if r.currency == "EUR" and r.effective == DAY(2024, 1, 1)) == 1
    mine = Rates(rates)
    got = mine.convert(Money(D(1), "USD"), "EUR", DAY(2024, 6, 1))
    assert got is not None and got.money == Money(D("0.50"), "EUR")
    assert mine.convert(Money(D(1200), "XOF"), "USD", DAY(2024, 6, 1)) is not None


def outcome(needs: list[dict[str, object]], lines: list[dict[str, object]]) -> Outcome:
    return Outcome.model_validate(
        {"id": "ZMB101", "statement": "s", "budget_required": needs, "resources": lines}
    )


def test_outcome_money_folds_other_currencies_into_the_requirements():
    """USD 500,000 required for 2024-25; EUR 90,000 secured and 9,000 in the pipeline at 0.9 per
    USD are USD 100,000 and 10,000, added to USD 300,000 secured."""
    money = outcome(
        [{"biennium": "2024-25", "amount": 500000}],
        [
            {"source": "RB", "amount": 300000, "biennium": "2024-25", "status": "secured"},
            {
                "source": "XBDC",
                "amount": 90000,
                "currency": "EUR",
                "biennium": "2024-25",
                "status": "secured",
            },
            {
                "source": "XBDC",
                "amount": 9000,
                "currency": "EUR",
                "biennium": "2024-25",
                "status": "pipeline",
            },
        ],
    )
    (row,) = outcome_money(money, "USD", RATES)
    assert (row.currency, row.required, row.secured, row.pipeline) == (
        "USD",
        D(500000),
        D("400000.00"),
        D("10000.00"),
    )
    (conversion,) = row.conversions
    assert (conversion.currency, conversion.target, conversion.rate_date) == (
        "EUR",
        "USD",
        DAY(2024, 1, 1),
    )


def test_outcome_money_keeps_unconvertible_money_apart():
    money = outcome(
        [{"biennium": "2024-25", "amount": 500000}],
        [
            {
                "source": "RB",
                "amount": 1000,
                "currency": "XOF",
                "biennium": "2024-25",
                "status": "secured",
            }
        ],
    )
    rows = outcome_money(money, "USD", RATES)
    assert [(r.currency, r.required, r.secured) for r in rows] == [
        ("USD", D(500000), D(0)),
        ("XOF", D(0), D(1000)),
    ]
    assert rows[0].conversions[0].rate is None


def test_requirements_in_two_currencies_convert_nothing():
    money = outcome(
        [
            {"biennium": "2024-25", "amount": 500000},
            {"biennium": "2024-25", "amount": 100000, "currency": "CHF"},
        ],
        [
            {
                "source": "RB",
                "amount": 1000,
                "currency": "EUR",
                "biennium": "2024-25",
                "status": "secured",
            }
        ],
    )
    rows = outcome_money(money, "USD", builtin_rates())
    assert [(r.currency, r.conversions) for r in rows] == [("CHF", ()), ("EUR", ()), ("USD", ())]
