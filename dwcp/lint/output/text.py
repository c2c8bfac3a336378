"""`--format text`: findings for people in a terminal, like ruff's, with a short summary."""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.table import Table

from dwcp.escape import terminal_markup
from dwcp.lint.findings import Severity
from dwcp.lint.results import LintResult
from dwcp.lint.rules import BY_CODE

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_text(result: LintResult, statistics: bool = False, color: bool = True) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=None if color else False,
        no_color=not color,
        width=120,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    for f in result.findings:
        style = _STYLE[f.severity]
        console.print(
            f"[bold]{terminal_markup(f.file)}[/]:{f.line}:{f.column}: [{style}]{f.code}[/] "
            f"{terminal_markup(f.message)} [dim]({f.severity.value}, {f.name})[/]"
        )
        if f.hint:
            console.print(f"  [dim]hint:[/] {terminal_markup(f.hint)}")
    if statistics and result.findings:
        console.print(_statistics(result))
    console.print(_summary(result))
    return buffer.getvalue()


def _statistics(result: LintResult) -> Table:
    table = Table(title="Findings by rule", title_justify="left")
    for column, justify in (
        ("count", "right"),
        ("code", "left"),
        ("name", "left"),
        ("severity", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    counts = Counter(f.code for f in result.findings)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = BY_CODE[code]
        table.add_row(str(count), code, rule.name, rule.severity.value)
    return table


def _summary(result: LintResult) -> str:
    files = len(result.files)
    parts = [
        f"{result.count(severity)} {severity.value}{'s' if result.count(severity) != 1 else ''}"
        for severity in Severity
    ]
    verdict = "[green]All clear.[/] " if not result.findings else ""
    cached = f", {result.from_cache} from cache" if result.from_cache else ""
    return (
        f"{verdict}{', '.join(parts)} in {files} file{'s' if files != 1 else ''}{cached} "
        f"(as of {result.as_of.isoformat()})."
    )
