"""The charts' figures (`Report.figures`) are the tables' numbers, computed by the analyses,
and stay out of the report's data: its JSON is the tables alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest

from dwcp.analyses.gaps import method_matrix
from dwcp.analyses.report_data import (
    BY_OUTCOME,
    FUNDING,
    METHOD,
    PROGRAMMES,
    Figures,
    Kind,
    Report,
    build_report,
    step_statuses,
)
from dwcp.analyses.tables import Cell, table
from dwcp.config import Settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding, Severity, Step
from dwcp.portfolio.selection import Entry, load_portfolio
from dwcp.views.reports.formats import render_json

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "programmes", ROOT / "tests" / "reports" / "fixtures"]
AS_OF = dt.date(2024, 6, 30)
KINDS: tuple[Kind, ...] = get_args(Kind)


@pytest.fixture(scope="module", params=FOLDERS, ids=lambda f: f.name)
def reports(request: pytest.FixtureRequest) -> dict[str, Report]:
    folder: Path = request.param
    settings, catalogue = Settings(root=ROOT), load_catalogue()
    return {kind: build_report(kind, [folder], settings, catalogue, AS_OF) for kind in KINDS}


def _rows(report: Report, table_id: str, *columns: str) -> Iterator[tuple[Cell, ...]]:
    t = report.table(table_id)
    assert t is not None
    yield from zip(*(t.column(c) for c in columns), strict=True)


def _amount(value: Decimal) -> Cell:
    """An amount as the tables hold it (whole, else to the cent)."""
    return table("x", "x", [("amount", "amount")], [[value]]).rows[0][0]


def test_outcome_bars_sum_the_outcome_rows(reports: dict[str, Report]) -> None:
    report = reports["gaps"]
    expected: dict[tuple[str, str], dict[str, list[Decimal]]] = {}
    columns = ("file", "priority", "outcome", "currency", "required", "secured", "gap")
    for file, priority, outcome, currency, *money in _rows(report, BY_OUTCOME, *columns):
        sums = expected.setdefault((str(file), str(currency)), {})
        row = sums.setdefault(f"{outcome} ({priority})", [Decimal(0)] * 3)
        for i, value in enumerate(money):
            row[i] += Decimal(str(value))
    drawn = {
        (chart.file, chart.currency): {b.label: [b.required, b.secured, b.gap] for b in chart.bars}
        for chart in report.figures.gaps
    }
    assert {chart.source for chart in report.figures.gaps} == {BY_OUTCOME}
    assert drawn == expected
    assert list(drawn) == list(expected)  # the table's order


def test_programme_bars_are_the_programme_rows(reports: dict[str, Report]) -> None:
    report = reports["portfolio"]
    columns = ("file", "currency", "required", "secured", "gap")
    expected: dict[Cell, list[tuple[Cell, ...]]] = {}
    for file, currency, *money in _rows(report, PROGRAMMES, *columns):
        if currency is not None:  # a programme without resource figures has no bar
            expected.setdefault(currency, []).append((file, *money))
    drawn = {
        chart.currency: [
            (b.label, *map(_amount, (b.required, b.secured, b.gap))) for b in chart.bars
        ]
        for chart in report.figures.gaps
    }
    assert {chart.source for chart in report.figures.gaps} == {PROGRAMMES}
    assert all(chart.file is None for chart in report.figures.gaps)
    assert drawn == expected
    assert list(drawn) == list(expected)  # the table's order


@pytest.mark.parametrize("kind", ["gaps", "portfolio"])
def test_step_statuses_are_the_method_rows(reports: dict[str, Report], kind: str) -> None:
    report = reports[kind]
    expected = list(_rows(report, METHOD, "file", "step", "status", "what is missing"))
    drawn = [(s.file, s.step, s.status, s.missing) for s in report.figures.steps]
    assert drawn == expected


@pytest.mark.parametrize("kind", ["alignment", "portfolio"])
def test_funding_shares_are_the_funding_rows(reports: dict[str, Report], kind: str) -> None:
    report = reports[kind]
    columns = ("file", "source", "currency", "budget", "linked to outcomes", "linked share")
    expected = list(_rows(report, FUNDING, *columns))
    drawn = [
        (s.file, s.source, s.currency, _amount(s.budget), _amount(s.linked), s.percent)
        for s in report.figures.funding
    ]
    assert drawn == expected


def test_each_kind_has_the_figures_of_its_charts(reports: dict[str, Report]) -> None:
    assert not reports["alignment"].figures.gaps and not reports["alignment"].figures.steps
    assert not reports["gaps"].figures.funding
    for kind in KINDS:
        assert reports[kind].figures != Figures() or not reports[kind].programmes


def test_figures_stay_out_of_the_report_data(reports: dict[str, Report]) -> None:
    for report in reports.values():
        data = json.loads(render_json(report))
        assert set(data) == set(Report.model_fields) - {"figures"}
        assert "figures" not in report.model_dump()


def test_step_statuses_agree_with_the_method_table_on_errors_and_warnings() -> None:
    """The samples pass lint; made-up findings give every status, in both definitions."""
    settings, catalogue = Settings(root=ROOT), load_catalogue()
    linter = Linter(settings, catalogue, LintOptions(as_of=AS_OF, use_cache=False))
    portfolio = load_portfolio([ROOT / "programmes"], catalogue, [], linter, "public")
    made_up = [
        (Severity.ERROR, Step.CONTEXT),
        (Severity.WARNING, Step.CONTEXT),
        (Severity.WARNING, Step.PLANNING),
        (Severity.INFO, Step.MONITORING),
        (Severity.ERROR, Step.PORTFOLIO),
    ]

    def findings_of(entry: Entry) -> list[Finding]:
        chosen = made_up[: portfolio.entries.index(entry) % (len(made_up) + 1)]
        return [
            Finding(entry.file, 1, 1, f"DW{i}", "x", severity, step, f"message {i}")
            for i, (severity, step) in enumerate(chosen)
        ]

    expected = [tuple(row) for row in method_matrix(portfolio, findings_of).rows]
    drawn = [(s.file, s.step, s.status, s.missing) for s in step_statuses(portfolio, findings_of)]
    assert drawn == expected
    assert {s[2] for s in drawn} == {"complete", "partial", "missing"}
