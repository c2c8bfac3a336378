"""The figures of the ILO Governing Body papers reproduced from small programme files.

Each fixture in tests/reports/fixtures says in its header which published figure it encodes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest

from dwcp.analyses.tables import Cell, percent
from dwcp.domain.exchange import builtin_rates
from dwcp.domain.money import Money
from dwcp.source.loader import display_name
from dwcp.views.reports import formats
from tests.helpers import CLEAN
from tests.reports import FIXTURES, build, fixture, get_table, records, rows_of

GHA = fixture("GHA-2010-2013.yaml")
KEN = fixture("KEN-2010-2013.yaml")
NPL = fixture("NPL-2010-2015.yaml")
TZA = fixture("TZA-2010-2013.yaml")
MDA = fixture("MDA-2012-2015.yaml")
SYR = fixture("SYR-2010-2011.yaml")
MNE = fixture("MNE-2012-2015.yaml")
INVALID = fixture("invalid-LSO-2010-2013.yaml")

D = Decimal
MONEY = ("required", "secured", "pipeline", "gap")


def money(row: Mapping[str, Cell]) -> tuple[Cell, ...]:
    return tuple(row[k] for k in MONEY)


# --- GB.306/TC/1 para. 26: 58 per cent of extra-budgetary funding reaches DWCP outcomes ----------


def test_extra_budgetary_funding_linked_to_outcomes_is_58_per_cent():
    funding = get_table(build("alignment", GHA, KEN), "alignment-funding")
    portfolio = [r for r in records(funding) if r["file"] == "(portfolio)"]
    extra = [r for r in portfolio if r["source"] == "extra-budgetary"]
    assert extra == [
        {
            "file": "(portfolio)",
            "source": "extra-budgetary",
            "currency": "USD",
            "budget": D(1_000_000),
            "linked to outcomes": D(580_000),
            "linked share": 58.0,
        }
    ]
    # The paper's reference figure is printed beside the computed one.
    assert "Observed in 2009 (GB.306/TC/1, para. 26): 58 per cent." in funding.notes


def test_each_programme_row_of_the_funding_table():
    funding = get_table(build("alignment", GHA, KEN), "alignment-funding")
    by_key = {(r["file"], r["source"]): r for r in records(funding)}
    gha, ken = display_name(GHA), display_name(KEN)
    # 400,000 with shares 50 + 20 per cent, plus 100,000 linked to nothing.
    gha_extra = by_key[(gha, "extra-budgetary")]
    assert (gha_extra["budget"], gha_extra["linked to outcomes"]) == (500_000, 280_000)
    assert gha_extra["linked share"] == 56.0
    # 300,000 naming an outcome without a share counts whole; a project without budget is
    # not counted at all.
    ken_extra = by_key[(ken, "extra-budgetary")]
    assert (ken_extra["budget"], ken_extra["linked to outcomes"]) == (500_000, 300_000)
    assert ken_extra["linked share"] == 60.0
    # RBSA is voluntary core funding, not extra-budgetary: its own row, never in the 58.
    assert by_key[(gha, "RBSA")]["linked share"] == 100.0
    assert (ken, "RBSA") not in by_key
    assert by_key[("(portfolio)", "RBSA")]["budget"] == 200_000


def test_portfolio_report_shows_the_same_funding_table():
    alignment = get_table(build("alignment", GHA, KEN), "alignment-funding")
    portfolio = get_table(build("portfolio", GHA, KEN), "alignment-funding")
    assert portfolio == alignment


def test_tc_indicator_1_2_counts_all_voluntary_funding():
    """RBSA, partnerships, One UN funds and project support: 780,000 of 1,200,000."""
    report = build("portfolio", GHA, KEN, biennium="2010-11")
    tc = {r["indicator"]: r for r in records(get_table(report, "portfolio-tc-strategy"))}
    assert tc["1.2"]["value"] == 65.0
    assert tc["1.2"]["basis"] == "780,000 of 1,200,000 USD"
    assert tc["1.2"]["milestone"] == "60 (2010-11)"
    assert tc["1.2"]["met"] is True


# --- GB.306/TC/1 Table 1: estimated biennial cost by outcome, gap of 1,480,000 on outcome 3 ------


def test_table_1_resources_by_outcome():
    outcomes = rows_of(get_table(build("gaps", NPL), "gaps-resources-by-outcome"), NPL)
    assert [(r["priority"], r["outcome"], r["biennium"], r["currency"]) for r in outcomes] == [
        ("P1", "NPL101", "2010-11", "USD"),
        ("P1", "NPL102", "2010-11", "USD"),
        ("P2", "NPL201", "2010-11", "USD"),
    ]
    assert [money(r) for r in outcomes] == [
        (3_600_000, 3_600_000, 0, 0),
        (3_600_000, 3_600_000, 0, 0),
        (6_280_000, 4_800_000, 0, 1_480_000),
    ]
    # Nothing in the pipeline: no cover where there is a gap, no figure where there is none.
    assert [r["pipeline would cover"] for r in outcomes] == [None, None, 0.0]


def test_table_1_secured_shares_are_30_30_40_per_cent():
    outcomes = rows_of(get_table(build("gaps", NPL), "gaps-resources-by-outcome"), NPL)
    secured = [r["secured"] for r in outcomes]
    total = sum(D(str(s)) for s in secured)
    assert total == 12_000_000
    assert [percent(D(str(s)), total) for s in secured] == [30.0, 30.0, 40.0]


def test_table_1_totals_by_priority_and_programme():
    report = build("gaps", NPL)
    priorities = rows_of(get_table(report, "gaps-resources-by-priority"), NPL)
    assert [(r["priority"], r["currency"], *money(r)) for r in priorities] == [
        ("P1", "USD", 7_200_000, 7_200_000, 0, 0),
        ("P2", "USD", 6_280_000, 4_800_000, 0, 1_480_000),
    ]
    (programme,) = rows_of(get_table(report, "gaps-resources-by-programme"), NPL)
    assert programme["currency"] == "USD"
    assert programme["secured"] == 12_000_000
    assert programme["gap"] == 1_480_000
    assert programme["required"] == 13_480_000


def test_table_1_gap_filling_and_portfolio_listing():
    gaps = build("gaps", NPL)
    filling = {r["file"]: r for r in records(get_table(gaps, "gaps-gap-filling"))}
    assert (filling["(portfolio)"]["requirements"], filling["(portfolio)"]["filled"]) == (3, 2)
    assert filling["(portfolio)"]["share filled"] == 66.7

    portfolio = build("portfolio", NPL, biennium="2010-11")
    (listed,) = rows_of(get_table(portfolio, "portfolio-programmes"), NPL)
    assert (listed["required"], listed["secured"], listed["gap"]) == (
        13_480_000,
        12_000_000,
        1_480_000,
    )
    tc = {r["indicator"]: r for r in records(get_table(portfolio, "portfolio-tc-strategy"))}
    assert (tc["1.1"]["value"], tc["1.1"]["met"]) == (66.7, False)  # milestone 70 for 2010-11
    assert tc["1.1"]["basis"] == "2 of 3 requirements filled"


# --- GB.306/TC/1 para. 6: alignment with the UN framework is rarely all-or-nothing ---------------


def alignment_cells() -> dict[tuple[str, str, str], object]:
    matrix = get_table(build("alignment", TZA, MDA, SYR), "alignment-matrix")
    return {
        (Path(str(r["file"])).stem[:3], str(r["priority"]), str(r["UN outcome"])): r["alignment"]
        for r in records(matrix)
    }


def test_one_un_outcome_fully_covers_two_priorities_tanzania():
    cells = alignment_cells()
    tanzania = {k[1:]: v for k, v in cells.items() if k[0] == "TZA"}
    assert tanzania == {
        ("P1", "UNDAF-2"): "none",
        ("P1", "UNDAF-3"): "full",  # child labour
        ("P2", "UNDAF-2"): "none",
        ("P2", "UNDAF-3"): "full",  # HIV and AIDS
    }


def test_broad_priority_only_partly_reflected_moldova():
    cells = alignment_cells()
    moldova = {k[1:]: v for k, v in cells.items() if k[0] == "MDA"}
    assert moldova == {
        ("P1", "UNDAF-1"): "partial",  # HIV and AIDS at the workplace
        ("P1", "UNDAF-2"): "partial",  # migrant workers
        ("P1", "UNDAF-3"): "none",
    }


def test_decent_work_un_outcome_no_priority_covers_syria():
    report = build("alignment", TZA, MDA, SYR)
    uncovered = records(get_table(report, "alignment-uncovered-un-outcomes"))
    syr = display_name(SYR)
    assert uncovered == [
        {
            "file": syr,
            "UN outcome": "UNDAF-2",
            "statement": "Children are protected against exploitation",
            "reason": "Left to UNICEF and the Ministry of Social Affairs",
        },
        {
            "file": syr,
            "UN outcome": "UNDAF-3",
            "statement": "Women's participation in the labour market",
            "reason": None,
        },
    ]
    # Tanzania's UNDAF-2 is not a decent-work outcome, so it is no reverse gap.
    assert all(r["file"] == syr for r in uncovered)


def test_priority_reaching_no_un_outcome_at_all():
    report = build("alignment", TZA, MDA, SYR)
    outside = records(get_table(report, "alignment-priorities-outside-un"))
    assert outside == [{"file": display_name(SYR), "priority": "P2", "title": "Social dialogue"}]
    cells = alignment_cells()
    assert {v for k, v in cells.items() if k[:2] == ("SYR", "P2")} == {"none"}


def test_priority_table_names_the_declared_alignment():
    priorities = records(get_table(build("alignment", TZA, MDA), "alignment-priorities"))
    assert [r["UN outcomes"] for r in priorities] == [
        "UNDAF-3 (full)",
        "UNDAF-3 (full)",
        "UNDAF-1 (partial), UNDAF-2 (partial)",
    ]


# --- A programme with schema errors is left out, and named --------------------------------------


@pytest.fixture
def folder_with_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A programmes folder: NPL (valid), LSO (schema errors), XXX (not even YAML)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "programmes"
    folder.mkdir()
    shutil.copy(NPL, folder / NPL.name)
    shutil.copy(INVALID, folder / INVALID.name)
    (folder / "broken.yaml").write_text("country: [ZMB\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", ["alignment", "gaps", "portfolio"])
def test_invalid_programmes_are_left_out_and_named(folder_with_invalid: Path, kind: str):
    report = build(kind, folder_with_invalid)  # type: ignore[arg-type]
    assert report.programmes == ["programmes/NPL-2010-2015.yaml"]
    left_out = {x.file: x.reason for x in report.left_out}
    assert set(left_out) == {"programmes/broken.yaml", "programmes/invalid-LSO-2010-2013.yaml"}
    assert left_out["programmes/invalid-LSO-2010-2013.yaml"] == (
        "2 schema problem(s); first: `status` (`finished`) of the programme has a value that "
        "is not allowed (line 8)"
    )
    assert "(line 2, column" in left_out["programmes/broken.yaml"]
    # Its figures are exactly those of the valid programme alone.
    alone = build(kind, folder_with_invalid / NPL.name)  # type: ignore[arg-type]
    assert report.tables == alone.tables


def test_left_out_programmes_are_named_in_every_view(folder_with_invalid: Path):
    report = build("gaps", folder_with_invalid)
    line = "left out: programmes/invalid-LSO-2010-2013.yaml: 2 schema problem(s)"
    assert line in formats.render_terminal(report, width=400, color=False)
    assert f"- {line}" in formats.render_markdown(report)
    data = json.loads(formats.render_json(report))
    assert [x["file"] for x in data["left_out"]] == [
        "programmes/broken.yaml",
        "programmes/invalid-LSO-2010-2013.yaml",
    ]


def test_invalid_file_does_not_change_the_58_per_cent():
    report = build("alignment", GHA, KEN, INVALID)
    assert [x.file for x in report.left_out] == [display_name(INVALID)]
    funding = records(get_table(report, "alignment-funding"))
    extra = [r for r in funding if r["file"] == "(portfolio)" and r["source"] == "extra-budgetary"]
    assert [r["linked share"] for r in extra] == [58.0]


# --- Amounts in two currencies are never added unconverted ----------------------------------


def mne101_eur_in_usd() -> Decimal:
    """EUR 200,000 secured for MNE101 (USD requirement) at the UN operational rate of
    1 January 2012 in the catalogue (units per USD), rounded to cents."""
    converted = builtin_rates().convert(Money(Decimal(200_000), "EUR"), "USD", dt.date(2012, 1, 1))
    assert converted is not None
    return converted.money.amount


def test_resources_in_another_currency_count_in_the_requirements_currency():
    """Was: a EUR row with nothing required and the full USD gap of 200,000."""
    table = get_table(build("gaps", MNE), "gaps-resources-by-outcome")
    outcomes = rows_of(table, MNE)
    secured = Decimal(300_000) + mne101_eur_in_usd()
    assert secured > 500_000  # so the gap is closed
    assert [(r["outcome"], r["currency"], *money(r)) for r in outcomes] == [
        ("MNE101", "USD", 500_000, float(secured), 0, 0),
        ("MNE102", "EUR", 400_000, 250_000, 100_000, 150_000),
    ]
    (note,) = [n for n in table.notes if "MNE101" in n]
    assert note.startswith(f"{display_name(MNE)}, MNE101 2012-13: EUR 200,000.00 secured counted ")
    assert f"as USD {mne101_eur_in_usd():,.2f} secured at the United Nations operational" in note
    assert "rate of exchange of 2012-01-01, 1 EUR = " in note


@pytest.mark.parametrize("table_id", ["gaps-resources-by-priority", "gaps-resources-by-programme"])
def test_two_currencies_give_separate_total_rows(table_id: str):
    rows = rows_of(get_table(build("gaps", MNE), table_id), MNE)
    by_currency = {r["currency"]: money(r) for r in rows}
    # The EUR gap is the sum of the outcome gaps (150,000 + 0), not required - secured.
    assert by_currency == {
        "EUR": (400_000, 250_000, 100_000, 150_000),
        "USD": (500_000, float(300_000 + mne101_eur_in_usd()), 0, 0),
    }


def test_two_currencies_in_the_portfolio_listing_and_delivery():
    portfolio = build("portfolio", MNE, as_of=dt.date(2013, 7, 1))
    listed = rows_of(get_table(portfolio, "portfolio-programmes"), MNE)
    assert {r["currency"]: (r["required"], r["secured"], r["gap"]) for r in listed} == {
        "EUR": (400_000, 250_000, 150_000),
        "USD": (500_000, float(300_000 + mne101_eur_in_usd()), 0),
    }
    delivery = rows_of(get_table(build("gaps", MNE), "gaps-delivery-by-programme"), MNE)
    assert {r["currency"]: (r["allocated"], r["spent"], r["delivery rate"]) for r in delivery} == {
        "EUR": (200_000, 150_000, 75.0),
        "USD": (300_000, 240_000, 80.0),
    }


def test_two_currencies_in_the_funding_table():
    funding = records(get_table(build("alignment", MNE), "alignment-funding"))
    assert [
        (r["file"], r["currency"], r["budget"], r["linked to outcomes"], r["linked share"])
        for r in funding
    ] == [
        (display_name(MNE), "EUR", 600_000, 300_000, 50.0),
        (display_name(MNE), "USD", 400_000, 400_000, 100.0),
        ("(portfolio)", "EUR", 600_000, 300_000, 50.0),
        ("(portfolio)", "USD", 400_000, 400_000, 100.0),
    ]


def test_tc_table_says_it_cannot_add_two_currencies():
    portfolio = build("portfolio", MNE, as_of=dt.date(2013, 7, 1))
    tc_table = get_table(portfolio, "portfolio-tc-strategy")
    assert tc_table.title.endswith("computed for 2012-13")
    tc = {r["indicator"]: r for r in records(tc_table)}
    for indicator, what in (("1.2", "voluntary project funding"), ("2.2", "allocations")):
        assert tc[indicator]["value"] is None
        assert tc[indicator]["met"] is None
        basis = str(tc[indicator]["basis"])
        assert basis.startswith(f"{what} in 2 currencies (")
        assert basis.endswith("): not added up")
        assert "EUR" in basis
        assert "USD" in basis
    # Counting requirements never adds amounts, so 1.1 has a value: MNE101's USD requirement
    # is filled once its EUR resources count in USD, MNE102's EUR one is not.
    assert (tc["1.1"]["value"], tc["1.1"]["basis"]) == (50.0, "1 of 2 requirements filled")


def test_no_figure_anywhere_adds_the_two_currencies():
    """900,000 (USD 500,000 + EUR 400,000 required) or 750,000 secured would be a sum of both."""
    for kind in ("alignment", "gaps", "portfolio"):
        report = build(kind, MNE, as_of=dt.date(2013, 7, 1))
        for t in report.tables:
            for row in t.rows:
                assert D(900_000) not in row, (t.id, row)
                assert D(750_000) not in row, (t.id, row)
                assert D(1_000_000) not in row, (t.id, row)


# --- The fixtures themselves ---------------------------------------------------------------------


def test_every_fixture_but_the_invalid_one_is_in_the_reports():
    report = build("portfolio", FIXTURES, CLEAN)
    names = {Path(p).name for p in report.programmes}
    assert names == {p.name for p in FIXTURES.glob("*.yaml")} - {INVALID.name} | {CLEAN.name}
    assert [Path(x.file).name for x in report.left_out] == [INVALID.name]


def test_a_programme_named_twice_is_counted_once():
    relative = Path(os.path.relpath(GHA))
    report = build("alignment", GHA.resolve(), KEN, relative)
    assert report.programmes == [display_name(GHA), display_name(KEN)]
    funding = records(get_table(report, "alignment-funding"))
    extra = [r for r in funding if r["file"] == "(portfolio)" and r["source"] == "extra-budgetary"]
    assert [(r["budget"], r["linked share"]) for r in extra] == [(1_000_000, 58.0)]
