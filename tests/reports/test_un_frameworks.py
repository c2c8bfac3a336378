"""Issue 14 in the reports: a programme straddling two UN frameworks, linked to UN outcomes
(and outputs) from its outcomes as well as its priorities, over an extended period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dwcp.analyses.report_data import Report
from tests.helpers import clean_data, dump
from tests.reports import build, get_table, records
from tests.rules.util import flow


def straddling() -> Any:
    """The clean programme, extended to 2024, with the framework that follows its first."""
    d = clean_data()
    d["period"]["extended_to"] = 2024
    d["period"]["extension"] = flow(date="2022-06-30", by="National Steering Committee")
    first = d["context"].pop("un_framework")
    second = {
        "kind": "unsdcf",
        "name": "Cooperation Framework 2023-2027",
        "period": flow(start=2023, end=2027),
        "outcomes": [
            {
                "id": "CF1",
                "statement": "People have decent work",
                "decent_work": True,
                "outputs": [flow(id="CF1.1", statement="Skills systems are modernised")],
            },
            flow(id="CF2", statement="Social protection for all", decent_work=True),
        ],
    }
    d["context"].insert(1, "un_frameworks", [first, second])
    outcome = d["priorities"][0]["outcomes"][0]
    link = flow(outcome="CF1", alignment="partial", output="CF1.1")
    outcome.insert(5, "un_outcomes", [link])
    return d


@pytest.fixture
def report(tmp_path: Path) -> Report:
    path = tmp_path / "ZMB-2018-2022.yaml"
    path.write_text(dump(straddling()), encoding="utf-8")
    return build("alignment", path, as_of=dt.date(2023, 6, 1))


def test_the_matrix_has_the_outcomes_of_both_frameworks(report: Report):
    cells = {
        (r["priority"], r["UN outcome"]): r["alignment"]
        for r in records(get_table(report, "alignment-matrix"))
    }
    # CF1 is reached through outcome ZMB101, not by the priority itself.
    assert cells == {("P1", "UNSDPF-1"): "full", ("P1", "CF1"): "partial", ("P1", "CF2"): "none"}


def test_the_priority_row_lists_its_outcomes_links_too(report: Report):
    [row] = records(get_table(report, "alignment-priorities"))
    assert row["UN outcomes"] == "UNSDPF-1 (full), CF1/CF1.1 (partial)"


def test_an_outcome_level_link_covers_the_un_outcome(report: Report):
    uncovered = records(get_table(report, "alignment-uncovered-un-outcomes"))
    assert [r["UN outcome"] for r in uncovered] == ["CF2"]


def test_the_period_overlap_counts_every_framework_and_the_extension(report: Report):
    [row] = records(get_table(report, "alignment-period-overlap"))
    assert row["programme period"] == "2018-2022, extended to 2024"
    assert row["UN framework periods"] == "2016-2022; 2023-2027"
    assert (row["years in common"], row["share of programme years"]) == (7, 100.0)
