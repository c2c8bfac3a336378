"""Biennium, the one value type for ILO bienniums (dwcp.model.common), on hand-worked cases."""

from __future__ import annotations

import pytest

from dwcp.model.common import Biennium, Period, is_biennium


def test_parse_reads_first_and_last_year():
    biennium = Biennium.parse("2020-21")
    assert (biennium.first, biennium.last) == (2020, 2021)
    assert list(biennium.years()) == [2020, 2021]
    assert str(biennium) == "2020-21"


def test_the_century_turns_inside_a_biennium():
    assert Biennium.parse("2098-99").last == 2099
    assert str(Biennium(2098)) == "2098-99"
    assert str(Biennium(2000)) == "2000-01"
    assert Biennium.parse("1998-99") < Biennium.parse("2000-01")


@pytest.mark.parametrize("text", ["2021-22", "2020-22", "2020-2021", "2020", "20-21", " 2020-21"])
def test_anything_but_an_even_year_and_the_next_is_refused(text: str):
    with pytest.raises(ValueError, match="an even year and the next"):
        Biennium.parse(text)
    assert not is_biennium(text)


def test_an_odd_first_year_is_refused():
    with pytest.raises(ValueError):
        Biennium(2021)


@pytest.mark.parametrize(
    ("year", "text"), [(2020, "2020-21"), (2021, "2020-21"), (2019, "2018-19")]
)
def test_the_biennium_of_a_year(year: int, text: str):
    assert str(Biennium.of(year)) == text
    assert Biennium.of(year).contains(year)


def test_contains_only_its_two_years():
    biennium = Biennium.parse("2020-21")
    assert [y for y in range(2018, 2024) if biennium.contains(y)] == [2020, 2021]


def test_ordering_equality_and_hashing_follow_the_first_year():
    texts = ["2014-15", "2010-11", "2012-13"]
    assert [str(b) for b in sorted(map(Biennium.parse, texts))] == sorted(texts)
    assert max(map(Biennium.parse, texts)) == Biennium(2014)
    assert len({Biennium.parse("2010-11"), Biennium(2010)}) == 1


def test_the_bienniums_a_period_touches():
    assert [str(b) for b in Period(start=2023, end=2027).bienniums()] == [
        "2022-23",
        "2024-25",
        "2026-27",
    ]
    assert [str(b) for b in Period(start=2018, end=2018).bienniums()] == ["2018-19"]


def test_a_period_overlaps_a_biennium_sharing_one_year():
    period = Period(start=2018, end=2022)
    assert period.overlaps_biennium(Biennium(2016)) is False
    assert period.overlaps_biennium(Biennium(2022)) is True
    assert Period(start=2019, end=2019).overlaps_biennium(Biennium(2018)) is True
