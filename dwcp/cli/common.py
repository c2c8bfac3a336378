"""Option types and small helpers shared by the command modules."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dwcp.errors import UsageError
from dwcp.escape import terminal_text

if TYPE_CHECKING:
    from dwcp.config import Settings

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Programme files or folders (default: the programmes folder)."),
]
AsOfOpt = Annotated[
    str | None, typer.Option(help="Date for time-based figures, YYYY-MM-DD (default today).")
]


def as_of_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD") from None


def checked_settings(root: Path, config_file: Path | None = None) -> Settings:
    """The repository's [tool.dwcp], its rule codes and rule options checked against the
    rules: every command says so when the configuration names a rule that does not exist."""
    from dwcp.config import load_settings
    from dwcp.lint.settings import rule_settings

    settings = load_settings(root, config_file)
    rule_settings(settings)
    return settings


def rule_codes(values: list[str] | None, option: str) -> list[str]:
    """The codes and prefixes given to `option`, upper case; UsageError for one that names no
    rule, since it would otherwise select or ignore nothing without a word."""
    from dwcp.lint.settings import unknown_rule_code

    codes = [c.strip() for v in values or [] for c in v.split(",") if c.strip()]
    for code in codes:
        problem = unknown_rule_code(code)
        if problem is not None:
            raise UsageError(f"{option}: {problem}")
    return [code.upper() for code in codes]


def write_or_print(text: str, output: Path | None) -> None:
    """Print text, or write it atomically to the file the user named, and say so."""
    if output is None:
        sys.stdout.write(text)
        return
    from dwcp.files import output_path, write_atomic

    try:
        write_atomic(output_path(output, "the report"), text)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report ({exc.strerror})") from None
    print(f"wrote {terminal_text(output)}")
