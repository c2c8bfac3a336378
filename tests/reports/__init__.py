"""Tests of the report figures; shared helpers to build reports and read their tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dwcp.analyses.report_data import Kind, Report, build_report
from dwcp.analyses.tables import Cell, Table
from dwcp.config import Settings
from dwcp.model.public import Audience
from dwcp.source.loader import display_name
from tests.helpers import catalogue

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    assert path.is_file(), path
    return path


def build(
    kind: Kind,
    *paths: Path,
    as_of: dt.date = dt.date(2011, 7, 1),
    select: list[str] | None = None,
    biennium: str | None = None,
    audience: Audience = "internal",
) -> Report:
    """Build a report the way the CLI does, with the built-in catalogues; for internal use
    unless asked, so the figures are those of every item in the file."""
    settings = Settings(root=Path.cwd())
    return build_report(kind, list(paths), settings, catalogue(), as_of, select, biennium, audience)


def get_table(report: Report, table_id: str) -> Table:
    found = report.table(table_id)
    assert found is not None, f"{report.kind} report has no table {table_id!r}"
    return found


def records(t: Table) -> list[dict[str, Cell]]:
    """The table's rows as dicts keyed by column name."""
    names = [c.name for c in t.columns]
    return [dict(zip(names, row, strict=True)) for row in t.rows]


def rows_of(t: Table, path: Path) -> list[dict[str, Cell]]:
    """The rows of one programme file."""
    name = display_name(path)
    return [r for r in records(t) if r["file"] == name]
