"""`dwcp rules` and `dwcp schema`: reference material for people and editors."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from dwcp.cli.app import app
from dwcp.errors import UsageError
from dwcp.escape import terminal_text


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


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
    from dwcp.lint import ruledocs

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
    from dwcp.config import find_root
    from dwcp.views import schema

    root = find_root(Path.cwd())
    folder = out or root / "schemas"
    if check:
        _check_schemas(folder)
    try:
        written = schema.write(folder)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write the schemas ({exc.strerror})") from None
    for name in written:
        print(f"wrote {terminal_text(folder / name)}")


def _check_schemas(folder: Path) -> NoReturn:
    from dwcp.views import schema

    if schema.none_written(folder):
        print(
            f"{folder}: no schemas written yet; write them with `dwcp schema`, or set up the "
            "whole repository (schemas, editor settings, hooks, CI) with `dwcp init`",
            file=sys.stderr,
        )
        raise typer.Exit(1)
    problems = schema.check(folder)
    for name, problem in problems.items():
        what = "missing" if problem == "missing" else "out of date"
        print(f"{terminal_text(folder / name)}: {what}; run `dwcp schema`", file=sys.stderr)
    raise typer.Exit(1 if problems else 0)
