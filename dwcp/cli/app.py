"""The typer application every command module registers on."""

from __future__ import annotations

from typing import Annotated

import typer

from dwcp import __version__

app = typer.Typer(
    name="dwcp",
    help="Validate, lint and publish ILO Decent Work Country Programmes kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
