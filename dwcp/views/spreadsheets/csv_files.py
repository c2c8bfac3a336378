"""The tables as CSV files, one per sheet, for Excel and for other tools.

The choices, all for Excel:
- UTF-8 with a byte order mark: without it Excel reads the file in the computer's legacy
  code page and garbles accented text (Côte d'Ivoire, Programa, Énoncé).
- Commas between fields, CRLF between records (RFC 4180); numbers as the workbook stores
  them, with a dot for decimals and no thousands separators, and shares as fractions (0.5 is
  50 per cent), so they read the same in every locale's tools.
- Every text cell, headers too, goes through dwcp.escape.spreadsheet_cell, as in the
  workbook: text Excel would run as a formula (starting with =, +, -, @, tab or carriage
  return) gets a leading apostrophe, the usual guard against formula injection, and text
  longer than an Excel cell holds is cut with a note saying so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from dwcp import __version__
from dwcp.escape import spreadsheet_cell
from dwcp.model.public import Audience
from dwcp.views.i18n import Translator
from dwcp.views.spreadsheets.sheets import Table
from dwcp.views.spreadsheets.xlsx import Cell, shown

ABOUT = "about.csv"
"""What the files describe, as in `dwcp report --format csv`: who they were made for, the
date the findings were judged at, and the dwcp that wrote them."""


def csv_files(tables: list[Table], translate: Translator) -> dict[str, bytes]:
    """File name -> content, one `<table key>.csv` per table."""
    return {f"{table.key}.csv": csv_bytes(table, translate) for table in tables}


def csv_bytes(table: Table, translate: Translator) -> bytes:
    header: list[Cell] = [translate(f"export.col.{c.key}") for c in table.columns]
    return _encoded([header, *([shown(value, translate) for value in row] for row in table.rows)])


def about_csv(translate: Translator, as_of: dt.date, audience: Audience) -> bytes:
    keys = ("audience", "as_of", "tool_version")
    header: list[Cell] = [translate(f"export.col.{key}") for key in keys]
    return _encoded([header, [audience, as_of.isoformat(), __version__]])


def _encoded(rows: list[list[Cell]]) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerows([text(value) for value in row] for row in rows)
    return stream.getvalue().encode("utf-8-sig")


def text(value: Cell) -> str:
    """A cell as CSV text: empty for no value, numbers in plain decimal notation."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_cell(value)
    if isinstance(value, Decimal):
        # normalize() drops trailing zeros (0.5000 -> 0.5); "f" avoids exponents (6E+5).
        return format(value.normalize(), "f")
    return str(value)
