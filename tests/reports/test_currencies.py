"""The gap report in the requirement's currency: converted resources named with their rate,
and resources no rate converts kept apart and said so. The clean fixture: ZMB101 needs USD
600,000 for 2018-19; 500,000 secured from RBSA, 100,000 in the XBDC pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from dwcp.analyses.report_data import build_report
from dwcp.config import Settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.source.loader import display_name
from tests.helpers import CLEAN, clean_data, dump, outcome
from tests.reports import build, get_table, records


def gaps_of(tmp_path: Path, currency: str) -> tuple[list[dict[str, Any]], list[str], str]:
    data: Any = clean_data()
    outcome(data)["resources"][1]["currency"] = currency
    path = tmp_path / CLEAN.name
    path.write_text(dump(data), encoding="utf-8")
    table = get_table(build("gaps", path), "gaps-resources-by-outcome")
    return records(table), list(table.notes), display_name(path)


def test_a_converted_pipeline_line_is_named_with_its_rate(tmp_path: Path):
    """EUR 100,000 at 0.837 EUR per USD (1 January 2018, the catalogue) = USD 119,474.31."""
    rows, notes, name = gaps_of(tmp_path, "EUR")
    assert [
        (r["currency"], r["required"], r["secured"], r["pipeline"], r["gap"]) for r in rows
    ] == [("USD", 600_000, 500_000, 119_474.31, 100_000)]
    assert notes[1] == (
        f"{name}, ZMB101 2018-19: EUR 100,000.00 in the pipeline counted as USD 119,474.31 in "
        "the pipeline at the United Nations operational rate of exchange of 2018-01-01, "
        "1 EUR = 1.194743 USD."
    )


def test_without_a_rate_the_money_stays_apart_and_the_note_says_so(tmp_path: Path):
    rows, notes, name = gaps_of(tmp_path, "XOF")
    assert [(r["currency"], r["required"], r["pipeline"], r["gap"]) for r in rows] == [
        ("USD", 600_000, 0, 100_000),
        ("XOF", 0, 100_000, 0),
    ]
    assert notes[1] == (
        f"{name}, ZMB101 2018-19: XOF 100,000.00 in the pipeline not converted: no United "
        "Nations operational rate of exchange from XOF to USD is known for 2018-01-01, so they "
        "are shown in a XOF row of their own and fill none of the USD gap."
    )


def test_a_repository_rate_reaches_the_report(tmp_path: Path):
    """A repository's catalogues/exchange_rates.yaml rate (600 XOF per USD) converts the line
    as lint says it will: XOF 100,000 = USD 166.67."""
    folder = tmp_path / "catalogues"
    folder.mkdir()
    (folder / "exchange_rates.yaml").write_text(
        "exchange_rates:\n  - {currency: XOF, effective: 2017-12-01, per_usd: '600'}\n",
        encoding="utf-8",
    )
    data: Any = clean_data()
    outcome(data)["resources"][1]["currency"] = "XOF"
    path = tmp_path / CLEAN.name
    path.write_text(dump(data), encoding="utf-8")
    report = build_report(
        "gaps",
        [path],
        Settings(root=tmp_path),
        load_catalogue(folder),
        dt.date(2019, 7, 1),
        None,
        None,
        "internal",
    )
    rows = records(get_table(report, "gaps-resources-by-outcome"))
    assert [(r["currency"], r["pipeline"]) for r in rows] == [("USD", 166.67)]
