"""`dwcp lint`: check programme files against the schema and the rules."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import as_of_date, rule_codes, write_or_print
from dwcp.escape import terminal_text

if TYPE_CHECKING:
    from dwcp.lint.results import LintResult


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class Threshold(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Programme files or folders (default: the programmes folder)."),
    ] = None,
    output_format: Annotated[
        LintFormat | None,
        typer.Option("--format", help="Output format; github when GITHUB_ACTIONS is set."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule codes or prefixes (DW4,DW501).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes.")] = None,
    fail_on: Annotated[
        Threshold | None, typer.Option(help="Lowest severity that makes the exit code 1.")
    ] = None,
    statistics: Annotated[bool, typer.Option(help="Show counts per rule.")] = False,
    as_of: Annotated[
        str | None, typer.Option(help="Date for time-based rules, YYYY-MM-DD (default today).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option(help="A pyproject.toml to read [tool.dwcp] from.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Fail only on findings not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(help="Record the current findings in this file and exit 0."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Only programmes changed since this git revision, and those their change affects.",
        ),
    ] = None,
) -> None:
    """Check programme files against the schema and the methodology rules.

    Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 dwcp could not run.

    Example: dwcp lint programmes/ --format json --as-of 2024-01-01

    Example: dwcp lint --changed-since origin/main --baseline .dwcp-baseline.json
    """
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.lint.core import Linter, LintOptions
    from dwcp.lint.findings import Severity
    from dwcp.portfolio.gather import gather

    root = find_root(config.parent if config else Path.cwd())
    settings = checked_settings(root, config)
    selected, ignored = rule_codes(select, "--select"), rule_codes(ignore, "--ignore")
    options = LintOptions(as_of_date(as_of), selected, ignored, not no_cache)
    linter = Linter(settings, load_catalogue(settings.catalogues_dir), options)
    result = gather(paths or [settings.programmes_dir], linter, models=False).lint_result()
    if changed_since is not None:
        from dwcp.lint.changed import changes_since, narrow

        # Configuration (dwcp.toml or pyproject.toml) and catalogues change every finding.
        configs = [settings.root / "dwcp.toml", settings.root / "pyproject.toml"]
        watched = [*configs, settings.catalogues_dir or root / "catalogues"]
        result = narrow(result, changes_since(root, changed_since, watched))
    if write_baseline is not None:
        from dwcp.files import output_path
        from dwcp.lint import baseline as baselines

        count = baselines.write(result, root, output_path(write_baseline, "the baseline"))
        print(f"recorded {count} finding(s) in {terminal_text(write_baseline)}", file=sys.stderr)
        raise typer.Exit(0)
    if baseline is not None:
        result = _apply_baseline(result, root, baseline)
    chosen = output_format or (
        LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text
    )
    _emit_lint(result, chosen, output, statistics)
    threshold = Severity(fail_on.value if fail_on else settings.raw.fail_on)
    raise typer.Exit(1 if result.reaches(threshold) else 0)


def _apply_baseline(result: LintResult, root: Path, source: Path) -> LintResult:
    from dwcp.lint import baseline as baselines

    applied = baselines.apply(result, baselines.load(source), root)
    if applied.baselined:
        print(
            f"{applied.baselined} finding(s) accepted by {terminal_text(source)}", file=sys.stderr
        )
    if applied.fixed:
        print(
            f"{len(applied.fixed)} baseline entr{'y is' if len(applied.fixed) == 1 else 'ies are'}"
            f" fixed; run `dwcp lint --write-baseline {terminal_text(source)}` to drop them:",
            file=sys.stderr,
        )
        for file, code, path in applied.fixed:
            print(terminal_text(f"  {file}: {code} at {path or '(file)'}"), file=sys.stderr)
    return applied.result


def _emit_lint(result: LintResult, chosen: LintFormat, output: Path | None, stats: bool) -> None:
    if chosen is LintFormat.text:
        from dwcp.lint.output.text import render_text

        text = render_text(result, statistics=stats, color=output is None)
    else:
        from dwcp.lint.output import FORMATTERS

        text = FORMATTERS[chosen.value](result)
    write_or_print(text, output)
