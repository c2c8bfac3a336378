"""The tables as one Excel workbook, byte for byte the same for the same input and date."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping
from decimal import Decimal
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from dwcp import __version__
from dwcp.errors import UsageError
from dwcp.escape import spreadsheet_cell, xml_text
from dwcp.model.public import Audience
from dwcp.views.i18n import Translator
from dwcp.views.spreadsheets.sheets import ColumnKind, Label, Table, Value

FORMATS: dict[ColumnKind, str] = {
    "money": "#,##0",
    "percent": "0.0%",
    "year": "0",
    "integer": "0",
}
WHOLE = "#,##0"
FRACTION = "#,##0.0##"
MIN_WIDTH = 8
MAX_WIDTH = 60
FILTER_BUTTON = 3
"""Room the auto-filter arrow takes in a header cell, in characters."""
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
EARLIEST_ZIP_TIME = dt.datetime(1980, 1, 1)
LATEST_ZIP_TIME = dt.datetime(2107, 12, 31, 23, 59, 58)
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")

Cell = str | int | float | Decimal | None


def shown(value: Value, translate: Translator) -> Cell:
    """What a cell holds in the language of the workbook (and of the CSV files)."""
    if isinstance(value, Label):
        return translate(value.key)
    if isinstance(value, bool):
        return translate("export.yes" if value else "export.no")
    return value


def workbook_bytes(
    tables: list[Table], translate: Translator, stamp: dt.datetime, audience: Audience
) -> bytes:
    """The workbook: a sheet per table, headers bold and frozen, filters, number formats; who
    it was made for (public or internal) is its category property."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(translate(f"export.sheet.{table.key}")))
        _fill(sheet, table, translate)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = f"dwcp {__version__}"
    properties.created = properties.modified = stamp
    properties.language = translate.language
    properties.category = audience  # Excel shows it under File > Info, as Categories
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of writing.
    ExcelWriter(workbook, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return _with_entry_times(buffer.getvalue(), stamp)


def sheet_name(text: str) -> str:
    """Excel refuses sheet names over 31 characters or with any of []:*?/\\ in them."""
    return xml_text(text).translate(SHEET_NAME_FORBIDDEN).strip()[:SHEET_NAME_LIMIT] or "Sheet"


def _fill(sheet: Worksheet, table: Table, translate: Translator) -> None:
    headers = [_text(translate(f"export.col.{c.key}")) for c in table.columns]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    widths = [len(h) + FILTER_BUTTON for h in headers]
    for index, row in enumerate(table.rows):
        bold = index in table.totals
        for number, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            content = _clean(shown(value, translate))
            cell = sheet.cell(row=index + 2, column=number, value=content)
            if isinstance(content, str):
                cell.data_type = "s"  # text that starts with "=" stays text, not a formula
            form = _number_format(column.kind, content)
            if form:
                cell.number_format = form
            if bold:
                cell.font = BOLD
            widths[number - 1] = max(widths[number - 1], _width(column.kind, content))
    last = get_column_letter(len(headers))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    for number, width in enumerate(widths, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(width + 1, MAX_WIDTH))
        if width > MAX_WIDTH:  # long text wraps in the capped column instead of spilling
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.alignment = WRAPPED


def _clean(content: Cell) -> Cell:
    return _text(content) if isinstance(content, str) else content


def _text(text: str) -> str:
    """Text as a workbook can hold it: control characters (possible in quoted YAML) shown as
    \\x01 and the like; formulas neutralised and overlong text cut with a note, as in CSV."""
    return spreadsheet_cell(xml_text(text))


def _number_format(kind: ColumnKind, content: Cell) -> str | None:
    if not isinstance(content, int | float | Decimal):
        return None
    if kind in FORMATS:
        return FORMATS[kind]
    whole = content == int(content)
    return WHOLE if whole else FRACTION


def _width(kind: ColumnKind, content: Cell) -> int:
    """Characters the value takes as shown with its number format."""
    if content is None:
        return 0
    if isinstance(content, str):
        return max(len(line) for line in content.splitlines() or [""])
    if kind == "percent":
        return len(f"{content * 100:.1f}%")
    if kind in ("year", "integer"):
        return len(str(content))
    return len(f"{content:,.3f}".rstrip("0").rstrip("."))


def _with_entry_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same archive with every entry dated `stamp`: zip entries otherwise carry the
    time of writing, so two runs would never give the same bytes."""
    when = min(max(stamp, EARLIEST_ZIP_TIME), LATEST_ZIP_TIME).timetuple()[:6]
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = ZipInfo(entry.filename, date_time=when)
            fixed.compress_type = ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def creation_time(as_of: dt.date, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else midnight of the as-of date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.combine(as_of, dt.time())
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a time; set it to whole seconds since "
            "1970-01-01 UTC, or unset it"
        ) from None
    return moment.replace(tzinfo=None)
