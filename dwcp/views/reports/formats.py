"""Report views that need no template: terminal tables, JSON, Markdown and CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dwcp.analyses.report_data import Report
from dwcp.analyses.tables import Cell, Table, format_cell, table
from dwcp.errors import UsageError
from dwcp.escape import (
    json_document,
    markdown_text,
    spreadsheet_cell,
    terminal_markup,
    terminal_text,
)
from dwcp.files import write_atomic

AUDIENCE_WORDS = {
    "public": "audience: public",
    "internal": "audience: internal, not for publication",
}
"""How each view says who the report was made for, in its first line."""


def header(report: Report) -> list[str]:
    title = (
        f"dwcp {report.kind} report, as of {report.as_of.isoformat()}, "
        f"{len(report.programmes)} programme(s); {AUDIENCE_WORDS[report.audience]}"
    )
    lines = [title]
    lines += [f"left out: {x.file}: {x.reason}" for x in report.left_out]
    return lines


def render_terminal(report: Report, width: int = 160, color: bool = True) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=None if color else False,
        no_color=not color,
        emoji=False,
    )
    for line in header(report):
        console.print(terminal_text(line), markup=False, highlight=False, soft_wrap=True)
    for t in report.tables:
        view = RichTable(title=terminal_markup(t.title), title_justify="left", show_lines=False)
        for column in t.columns:
            justify = "left" if column.kind in ("text", "flag") else "right"
            view.add_column(terminal_markup(column.name), justify=justify)  # type: ignore[arg-type]
        for row in t.rows:
            view.add_row(*(_plain(v, c.kind) for v, c in zip(row, t.columns, strict=True)))
        if not t.rows:
            view.caption = "(none)"
        console.print(view)
        for note in t.notes:
            console.print(f"  {terminal_text(note)}", markup=False, highlight=False, style="dim")
    return buffer.getvalue()


def _plain(value: Cell, kind: str) -> str:
    return terminal_markup(format_cell(value, kind))


def render_json(report: Report) -> str:
    return json_document(report.model_dump_json(indent=2)) + "\n"


def render_markdown(report: Report) -> str:
    out = [f"# {markdown_text(header(report)[0])}", ""]
    out += [f"- {markdown_text(line)}" for line in header(report)[1:]]
    for t in report.tables:
        out += ["", f"## {markdown_text(t.title)}", ""]
        if not t.rows:
            out.append("_None._")
            continue
        out.append("| " + " | ".join(markdown_text(c.name) for c in t.columns) + " |")
        out.append(
            "| " + " | ".join("---" if c.kind == "text" else "---:" for c in t.columns) + " |"
        )
        for row in t.rows:
            cells = (format_cell(v, c.kind) for v, c in zip(row, t.columns, strict=True))
            out.append("| " + " | ".join(markdown_text(cell) for cell in cells) + " |")
        out += [f"\n_{markdown_text(note)}_" for note in t.notes]
    return "\n".join(out) + "\n"


def csv_text(t: Table) -> str:
    """One table as CSV: raw values (no separators or % signs), empty for missing; text that
    a spreadsheet would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spreadsheet_cell(c.name) for c in t.columns)
    for row in t.rows:
        writer.writerow(_csv_cell(v) for v in row)
    return buffer.getvalue()


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    return spreadsheet_cell(value) if isinstance(value, str) else str(value)


def about_table(report: Report) -> Table:
    """What the CSV files describe: the report, its as-of date and audience, and every file it
    covers (one row with no file when it covers none, so the date and audience still travel)."""
    files: list[tuple[str | None, str, str | None]] = [
        (file, "included", None) for file in report.programmes
    ]
    files += [(x.file, "left out", x.reason) for x in report.left_out]
    about = [report.kind, report.as_of.isoformat(), report.audience, report.tool_version]
    rows: list[list[Cell]] = [[*about, *entry] for entry in files or [(None, "none", None)]]
    columns = ["report", "as of", "audience", "dwcp version", "file", "status", "reason"]
    return table("about", "About this report", [(c, "text") for c in columns], rows)


def write_csv(report: Report, folder: Path) -> list[Path]:
    """Write one CSV file per table into `folder`; returns the files written."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: --format csv needs a folder for --output, not a file")
    folder.mkdir(parents=True, exist_ok=True)
    texts = {folder / "about.csv": csv_text(about_table(report))}
    texts.update({folder / f"{t.id}.csv": csv_text(t) for t in report.tables})
    for path, text in texts.items():
        write_atomic(path, text)
    return list(texts)
