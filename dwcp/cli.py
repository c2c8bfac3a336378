"""The command line: thin typer commands over the library, and the one error boundary.

Heavy modules (models, rich, jinja) are imported inside the commands that need them so
that `dwcp --version` and `dwcp rules` start quickly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from dwcp import __version__
from dwcp.errors import DwcpError, UsageError

if TYPE_CHECKING:
    from dwcp.results import LintResult

app = typer.Typer(
    name="dwcp",
    help="Validate, lint and publish ILO Decent Work Country Programmes kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        print(f"dwcp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Validate, lint and publish ILO Decent Work Country Programmes kept as YAML."""


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD") from None


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


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
) -> None:
    """Check programme files against the schema and the methodology rules.

    Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 dwcp could not run.

    Example: dwcp lint programmes/ --format json --as-of 2024-01-01
    """
    from dwcp.catalogue import load_catalogue
    from dwcp.config import find_root, load_settings
    from dwcp.findings import Severity
    from dwcp.linter import Linter, LintOptions

    root = find_root(config.parent if config else Path.cwd())
    settings = load_settings(root, config)
    options = LintOptions(_as_of(as_of), _codes(select), _codes(ignore), not no_cache)
    linter = Linter(settings, load_catalogue(settings.catalogues_dir), options)
    result = linter.lint_paths(paths or [settings.programmes_dir])
    chosen = output_format or (
        LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text
    )
    _emit_lint(result, chosen, output, statistics)
    threshold = Severity(fail_on.value) if fail_on else settings.raw.fail_on
    raise typer.Exit(1 if result.reaches(threshold) else 0)


def _emit_lint(result: LintResult, chosen: LintFormat, output: Path | None, stats: bool) -> None:
    if chosen is LintFormat.text:
        from dwcp.text_output import render_text

        text = render_text(result, statistics=stats, color=output is None)
    else:
        from dwcp.formatters import FORMATTERS

        text = FORMATTERS[chosen.value](result)
    if output is None:
        sys.stdout.write(text)
        return
    from dwcp.cache import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report ({exc.strerror})") from None


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code or name to document.")] = None,
    output_format: Annotated[RulesFormat, typer.Option("--format", help="Output format.")] = (
        RulesFormat.text
    ),
) -> None:
    """List the rules, or print one rule's documentation.

    Example: dwcp rules DW405
    """
    from dwcp import ruledocs

    if code is None:
        sys.stdout.write(ruledocs.listing(output_format.value))
        return
    text = ruledocs.one(code, output_format.value)
    if text is None:
        raise UsageError(f"no rule {code!r}; `dwcp rules` lists them")
    sys.stdout.write(text)


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the committed schemas are stale.")
    ] = False,
    out: Annotated[Path | None, typer.Option(help="Folder for the schemas.")] = None,
) -> None:
    """Write JSON Schema for programme and catalogue files (for editors and CI).

    Example: dwcp schema --check
    """
    from dwcp import schema_export
    from dwcp.config import find_root

    folder = out or find_root(Path.cwd()) / "schemas"
    if check:
        stale = schema_export.stale(folder)
        for name in stale:
            print(f"{folder / name}: out of date; run `dwcp schema`", file=sys.stderr)
        raise typer.Exit(1 if stale else 0)
    for name in schema_export.write(folder):
        print(f"wrote {folder / name}")


def _fail(message: str) -> NoReturn:
    print(f"dwcp: error: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    """Console entry point: run the app inside the error boundary."""
    # dwcp uses no pydantic plugins; looking for installed ones costs ~50 ms a run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except DwcpError as exc:
        _fail(exc.message)
    except KeyboardInterrupt:
        _fail("interrupted")
    except RecursionError:
        _fail("input is nested too deeply to process")
    except MemoryError:
        _fail("out of memory; the input is too large")
    except Exception as exc:  # the last line of defence: no traceback for users
        if os.environ.get("DWCP_DEBUG"):
            raise
        _fail(
            f"internal error ({type(exc).__name__}: {exc}); please report it, and set "
            "DWCP_DEBUG=1 to see the traceback"
        )
