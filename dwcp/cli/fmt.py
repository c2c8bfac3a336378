"""`dwcp fmt`: rewrite programme and translation files in canonical key order and layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import PathsArg
from dwcp.escape import stop_commands, terminal_text


@app.command()
def fmt(
    paths: PathsArg = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Write nothing; print the changes as a unified diff.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Say which engine formatted each file.")
    ] = False,
) -> None:
    """Rewrite programme files with keys in the model's order and the standard layout.

    Translation files beside them (VNM-2017-2021.fr.yaml) are formatted too, their keys in
    the translation model's order: `original` before `text` in each passage.

    Every comment stays with the key or list item it was written at; quoting and `|` or `>`
    text stay as written; the data never changes. Exit codes: 0 done (or nothing to change),
    1 with --check or --diff when a file would change, 2 a file could not be formatted.

    Example: dwcp fmt --check programmes/
    """
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.workflow.fmt.apply import format_paths, summary, unified_diff

    settings = checked_settings(find_root(Path.cwd()))
    dry_run = check or diff
    targets = paths or [settings.programmes_dir]
    outcomes = format_paths(targets, settings.root, write=not dry_run, use_cache=not no_cache)
    for outcome in outcomes:
        if verbose and outcome.engine:
            # The fast engine, the round-trip one for files it declines, or the cache.
            print(f"{terminal_text(outcome.name)}: {outcome.engine}", file=sys.stderr)
        if outcome.error is not None:
            print(terminal_text(outcome.error, multiline=True), file=sys.stderr)
        elif outcome.changed and diff:
            sys.stdout.write(stop_commands(unified_diff(outcome)))
        elif outcome.changed:
            print(f"{'would reformat' if check else 'reformatted'} {terminal_text(outcome.name)}")
    # With --diff, standard output is only the patch, so the summary goes to standard error.
    print(summary(outcomes, check=dry_run), file=sys.stderr if diff else sys.stdout)
    if any(outcome.error is not None for outcome in outcomes):
        raise typer.Exit(2)
    raise typer.Exit(1 if dry_run and any(outcome.changed for outcome in outcomes) else 0)
