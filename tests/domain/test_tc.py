"""The Technical Cooperation Strategy 2010-15 definitions (analyses/tc.py, overview.py), each
on programmes whose figures are worked out by hand below."""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.analyses.overview import satisfied, tc_table
from dwcp.analyses.tables import Cell
from dwcp.analyses.tc import StrategyPeriod, TcIndicator, TcStrategies, TcStrategy, tc_strategy
from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.model import Programme
from dwcp.model.common import Biennium
from dwcp.portfolio.selection import Entry, Portfolio
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.helpers import clean_data, dump

# --- TC 3.2: each group's latest survey up to the end of the biennium ----------------------

# period, then satisfaction surveys (group, year, per cent)
PROGRAMMES: dict[str, tuple[tuple[int, int], list[tuple[str, int, int]]]] = {
    # Satisfied in 2009; the workers' 2012 survey (40 %) ends it by 2012-13.
    "A": (
        (2008, 2013),
        [
            ("government", 2009, 60),
            ("employers", 2009, 55),
            ("workers", 2009, 70),
            ("workers", 2012, 40),
        ],
    ),
    # The workers say 45 % in 2010 (not satisfied in the baseline year), 65 % in 2013.
    "B": (
        (2010, 2015),
        [
            ("government", 2010, 50),
            ("employers", 2010, 80),
            ("workers", 2010, 45),
            ("workers", 2013, 65),
        ],
    ),
    # Satisfied throughout; a survey after the biennium changes nothing.
    "C": (
        (2010, 2014),
        [
            ("government", 2010, 70),
            ("employers", 2010, 70),
            ("workers", 2010, 70),
            ("government", 2016, 90),
        ],
    ),
    # The workers' only survey is of 2015, after 2012-13: not satisfied by then.
    "D": (
        (2011, 2015),
        [("government", 2011, 60), ("employers", 2011, 60), ("workers", 2015, 60)],
    ),
}


def programme(period: tuple[int, int], surveys: list[tuple[str, int, int]]) -> Programme:
    data: Any = clean_data()
    data["period"] = {"start": period[0], "end": period[1]}
    data["monitoring"]["satisfaction"] = [
        {"group": group, "year": year, "satisfied_percent": share} for group, year, share in surveys
    ]
    built = to_programme(parse(dump(data), "programme.yaml"))
    assert isinstance(built, Programme), built
    return built


def portfolio() -> Portfolio:
    return Portfolio(
        [Entry(f"{name}.yaml", programme(*spec), "africa") for name, spec in PROGRAMMES.items()]
    )


def tc_row(biennium: str, indicator: str) -> dict[str, Cell]:
    table = tc_table(portfolio(), tc_strategy(), Biennium.parse(biennium))
    names = [c.name for c in table.columns]
    rows = [dict(zip(names, row, strict=True)) for row in table.rows]
    return next(r for r in rows if r["indicator"] == indicator)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("A", 2010, True),
        ("A", 2013, False),
        ("B", 2010, False),
        ("B", 2013, True),
        ("C", 2010, True),
        ("C", 2013, True),
        ("D", 2013, False),
        ("D", 2015, True),
    ],
)
def test_a_programme_is_satisfied_on_each_groups_latest_survey(name: str, year: int, expected):
    assert satisfied(programme(*PROGRAMMES[name]), year) is expected


def test_the_last_listed_survey_of_a_year_is_the_latest():
    surveys = [("government", 2010, 70), ("employers", 2010, 70), ("workers", 2010, 70)]
    assert not satisfied(programme((2010, 2014), [*surveys, ("workers", 2010, 30)]), 2010)
    assert satisfied(programme((2010, 2014), [("workers", 2010, 30), *surveys]), 2010)


def test_tc_3_2_counts_programmes_on_surveys_known_by_the_end_of_the_biennium():
    """Baseline 2010 (surveys up to 2010, programmes active in 2010): A and C; B's workers
    say 45 %, D has not started. 2012-13 (surveys up to 2013; A, B, C and D active): B and
    C; A's workers now say 40 %, D's workers have no survey before 2015. (2 - 2) / 2 = 0 %.
    The old reading (any survey of 50 % or more, whenever) gave 3 then 4: 33.3 %."""
    row = tc_row("2012-13", "3.2")
    assert (row["value"], row["basis"]) == (0.0, "2 DWCPs now, 2 in 2010")


def test_tc_3_2_in_a_later_biennium_reads_later_surveys():
    """2014-15 (surveys up to 2015; B, C and D active): all three count, D on its workers'
    2015 survey: (3 - 2) / 2 = 50 %. The old reading gave 3 then 3: 0 %."""
    row = tc_row("2014-15", "3.2")
    assert (row["value"], row["basis"]) == (50.0, "3 DWCPs now, 2 in 2010")


# --- strategy milestones apply to the biennium they name ----------------------------------


def indicator(milestones: dict[str, int]) -> TcIndicator:
    return TcIndicator(
        id="9.9", title="t", kind="share", baseline="b", target=90, milestones=milestones
    )


STRATEGY = {"2010-11": 70, "2012-13": 80, "2014-15": 90}


@pytest.mark.parametrize(
    ("biennium", "expected"),
    [
        ("2008-09", (None, "before the strategy")),
        ("2010-11", (70, "2010-11")),
        ("2012-13", (80, "2012-13")),
        ("2014-15", (90, "2014-15")),
        ("2016-17", (90, "final target")),
        ("2020-21", (90, "final target")),
    ],
)
def test_each_biennium_has_the_milestone_it_names(biennium: str, expected):
    assert indicator(STRATEGY).milestone(Biennium.parse(biennium)) == expected


def test_a_biennium_within_the_strategy_that_no_milestone_names_has_none():
    gapped = indicator({"2010-11": 20, "2014-15": 50})
    assert gapped.milestone(Biennium.parse("2012-13")) == (None, "no milestone for this biennium")


def tc_table_for(biennium: str) -> Any:
    return tc_table(portfolio(), tc_strategy(), Biennium.parse(biennium))


@pytest.mark.parametrize("biennium", ["2008-09", "2016-17", "2018-19", "2024-25"])
def test_a_biennium_outside_every_strategy_gets_no_indicator_set(biennium: str):
    """The Technical Cooperation Strategy 2010-15 applies to 2010-11 to 2014-15 only. Was:
    2008-09 shown "before the strategy", 2018-19 and 2024-25 judged against its 2015 final
    target although later strategies replaced those indicators."""
    table = tc_table_for(biennium)
    assert table.rows == []
    assert table.notes[0].startswith(f"No strategy indicator set applies to {biennium}")
    assert "Technical Cooperation Strategy 2010-15 (2010-2015)" in table.notes[0]


def test_a_biennium_inside_the_strategy_is_judged_against_its_milestone():
    table = tc_table_for("2012-13")
    assert table.title == "Technical Cooperation Strategy 2010-15 measurement, computed for 2012-13"
    assert tc_row("2012-13", "3.2")["milestone"] == "60 (2012-13)"


def strategies(*periods: tuple[str, int, int]) -> TcStrategies:
    return TcStrategies(
        strategies=[
            TcStrategy(
                id=name,
                name=name,
                period=StrategyPeriod(first=first, last=last),
                baseline_year=first,
                indicators=[indicator({f"{first}-{str(first + 1)[2:]}": 50})],
            )
            for name, first, last in periods
        ]
    )


def test_the_strategy_in_force_is_the_one_whose_period_holds_the_biennium():
    tc = strategies(("old", 2010, 2015), ("new", 2016, 2017), ("later", 2020, 2025))
    chosen = {b: tc.for_biennium(Biennium.parse(b)) for b in ("2014-15", "2016-17", "2018-19")}
    assert {b: s.id if s else None for b, s in chosen.items()} == {
        "2014-15": "old",
        "2016-17": "new",
        "2018-19": None,
    }
    latest = tc.with_indicator("9.9")
    assert latest is not None
    assert latest.id == "later"


def test_a_strategy_whose_period_outlasts_its_milestones_judges_against_its_final_target():
    """Final target only after the last milestone, and only while the strategy is in force."""
    tc = strategies(("long", 2010, 2019))
    strategy = tc.for_biennium(Biennium.parse("2018-19"))
    assert strategy is not None
    assert strategy.indicators[0].milestone(Biennium.parse("2018-19")) == (90, "final target")


def test_the_strategy_catalogue_names_its_source_and_its_unlisted_successors():
    header = (BUILTIN_DIR / "tc_strategy.yaml").read_text(encoding="utf-8")
    assert "GB.306/TC/1" in header
    assert "checked 2026-12-05" in header
    for successor in ("GB.322/POL/6", "GB.325/POL/6", "GB.340/POL/6"):
        assert successor in header
    (strategy,) = tc_strategy().strategies
    assert (strategy.period.first, strategy.period.last) == (2010, 2015)
    assert [i.id for i in strategy.indicators] == ["1.1", "1.2", "2.2", "3.1", "3.2", "3.3"]
    assert strategy.indicator("1.1").milestones == {"2010-11": 70, "2012-13": 80, "2014-15": 90}
    assert strategy.indicator("1.2").funding_classes == ["voluntary-core", "extra-budgetary"]
