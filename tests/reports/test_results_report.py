"""`dwcp report results` through the real entry point: statuses, rollups, the off-track
list, the review calendar, the heatmap and [tool.dwcp.results]."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import CliRun
from tests.helpers import clean_data, dump
from tests.reports.test_cli_report import as_json, failed, ok, tables

ZMB = "programmes/ZMB-2018-2022.yaml"


def _write(repo: Path) -> None:
    """The clean fixture with ZMB101.1 behind its 2019 milestone (22 < 25), a responsible
    partner, and a recommendation with its management response."""
    data: Any = clean_data()
    outcome = data["priorities"][0]["outcomes"][0]
    outcome["responsible"] = "Ministry of Labour and Social Security"
    outcome["indicators"][0]["actuals"] = [{"date": "2019-12-31", "value": 22}]
    data["monitoring"]["reviews"][0]["recommendations"] = [
        {"text": "Track trainees by sex", "response": "accepted", "implementation": "in-progress"}
    ]
    (repo / ZMB).write_text(dump(data), encoding="utf-8")


def test_statuses_and_rollups(dwcp: CliRun, repo: Path) -> None:
    _write(repo)
    data = as_json(dwcp("report", "results", "--as-of=2020-03-01", "--format=json"))
    by_id = tables(data)
    indicators = by_id["results-indicators"]
    names = [c["name"] for c in indicators["columns"]]
    row = next(r for r in indicators["rows"] if r[names.index("indicator")] == "ZMB101.1")
    assert row[names.index("status")] == "off track"
    assert row[names.index("due")] == "milestone 2019"
    assert row[names.index("distance to target")] == 90.0  # (40-22)/(40-20)
    programme = by_id["results-by-programme"]
    cols = [c["name"] for c in programme["columns"]]
    (only,) = programme["rows"]
    statuses = ["not met", "off track", "partly met", "no data", "on track", "met", "not yet due"]
    assert sum(only[cols.index(s)] for s in statuses) == only[cols.index("indicators")]
    reviews = by_id["results-reviews"]
    states = [r[[c["name"] for c in reviews["columns"]].index("state")] for r in reviews["rows"]]
    assert states == ["overdue", "planned"]
    recs = by_id["results-recommendations"]["rows"]
    assert recs[0][3:7] == ["Track trainees by sex", None, "accepted", "in-progress"]


def test_off_track_lists_what_needs_attention(dwcp: CliRun, repo: Path) -> None:
    _write(repo)
    data = as_json(dwcp("report", "results", "--off-track", "--as-of=2020-03-01", "--format=json"))
    (table,) = data["tables"]
    names = [c["name"] for c in table["columns"]]
    first = dict(zip(names, table["rows"][0], strict=True))
    assert first["indicator"] == "ZMB101.1"
    assert first["responsible"] == "Ministry of Labour and Social Security"
    assert first["next review"] == "2019-12-15 annual-review (overdue)"
    assert all(
        r[names.index("status")] in ("not met", "off track", "partly met", "no data")
        for r in table["rows"]
    )


def test_html_draws_the_status_heatmap_without_script(dwcp: CliRun) -> None:
    html = ok(dwcp("report", "results", "--as-of=2020-03-01", "--format=html")).out
    assert 'id="chart-results"' in html
    assert "<script" not in html


def test_partly_met_threshold_from_configuration(dwcp: CliRun, repo: Path) -> None:
    data: Any = clean_data()
    data["priorities"][0]["outcomes"][0]["indicators"][0]["actuals"] = [
        {"date": "2022-12-31", "value": 33}  # 65% of the way from 20 to 40
    ]
    (repo / ZMB).write_text(dump(data), encoding="utf-8")

    def status() -> str:
        out = as_json(dwcp("report", "results", "--as-of=2023-03-01", "--format=json"))
        t = tables(out)["results-indicators"]
        names = [c["name"] for c in t["columns"]]
        row = next(r for r in t["rows"] if r[names.index("indicator")] == "ZMB101.1")
        return str(row[names.index("status")])

    assert status() == "partly met"
    (repo / "pyproject.toml").write_text(
        "[tool.dwcp]\n[tool.dwcp.results]\npartly-met = 0.7\n", encoding="utf-8"
    )
    assert status() == "not met"


def test_unknown_results_key_names_file_line_and_column(dwcp: CliRun, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        "[tool.dwcp]\n[tool.dwcp.results]\npartly-mett = 0.7\n", encoding="utf-8"
    )
    failed(
        dwcp("report", "results"),
        "pyproject.toml:3:1: unknown key `partly-mett` in [tool.dwcp.results]; "
        "did you mean `partly-met`?",
    )


def test_out_of_range_threshold_names_file_line_and_column(dwcp: CliRun, repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        "[tool.dwcp]\n[tool.dwcp.results]\npartly-met = 2\n", encoding="utf-8"
    )
    failed(dwcp("report", "results"), "pyproject.toml:3:1: [tool.dwcp] results.partly-met")
