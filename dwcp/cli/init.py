"""`dwcp init`: set up a programme repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dwcp.cli.app import app
from dwcp.escape import terminal_text

if TYPE_CHECKING:
    from dwcp.workflow.init import Plan, Step


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder of the programme repository (default: the current one); made if missing.",
        ),
    ] = Path(),
    example: Annotated[
        bool,
        typer.Option(
            "--example", help="Add a sample programme (Viet Nam 2017-2021) to start from."
        ),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            help="Where the hooks and CI install dwcp from: a pip requirement (default "
            "dwcp==VERSION), or a git URL or local clone of the dwcp repository.",
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(help="The tag or commit of a git --source (default vVERSION)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be written; write nothing.")
    ] = False,
) -> None:
    """Set up a programme repository: the programmes folder, the JSON Schemas, VS Code
    settings, pre-commit hooks, a GitHub Actions workflow, the [tool.dwcp] settings and
    .gitignore.

    Safe to run again: it adds only what is missing. A file that exists with other content is
    left as it is and listed, and the exit code is 1. The [tool.dwcp] table goes at the end of
    an existing pyproject.toml, else into a new dwcp.toml.

    Example: dwcp init --example
    """
    from dwcp.workflow.init import apply, make_plan, parse_source

    chosen = parse_source(source, rev, Path.cwd())
    plan = make_plan(directory, chosen, example)
    for warning in plan.warnings:
        print(f"dwcp: warning: {terminal_text(warning)}", file=sys.stderr)
    if not dry_run:
        apply(plan)  # first: nothing is reported written unless it was
    for step in plan.steps:
        print(terminal_text(_line(step, dry_run)))
    _summary(plan, dry_run)
    raise typer.Exit(1 if plan.left else 0)


def _line(step: Step, dry_run: bool) -> str:
    shown = _shown(step.path)
    if step.action == "write":
        return f"{'would write' if dry_run else 'wrote'} {shown}"
    if step.action == "add":
        return f"{'would add' if dry_run else 'added'} {step.note} to {shown}"
    if step.action == "same":
        return f"unchanged {shown}" + (f" ({step.note})" if step.note else "")
    return f"{'would leave' if dry_run else 'left'} {shown}: {step.note}"


def _summary(plan: Plan, dry_run: bool) -> None:
    changed = sum(step.data is not None for step in plan.steps)
    same = sum(step.action == "same" for step in plan.steps)
    done = "would be written" if dry_run else "written"
    print(f"{_files(changed)} {done}, {same} unchanged, {len(plan.left)} left as they were")
    if plan.left:
        print(
            f"dwcp: {_files(len(plan.left))} differ{'s' if len(plan.left) == 1 else ''} from "
            f"what dwcp init writes and {'was' if len(plan.left) == 1 else 'were'} left as "
            f"{'it was' if len(plan.left) == 1 else 'they were'}:",
            file=sys.stderr,
        )
        for step in plan.left:
            print(terminal_text(f"  {_shown(step.path)}: {step.note}"), file=sys.stderr)
        print(
            "Merge by hand, or move the file aside and run dwcp init again to get the new one.",
            file=sys.stderr,
        )
    if dry_run:
        print("nothing written (--dry-run)")
        return
    if not changed:
        return
    if plan.source.is_git:
        print(f"the hooks and the workflow install dwcp from {plan.source.describe()}")
    else:
        print(f"the hooks and the workflow install {plan.source.requirement}")
    here = _shown(plan.root)
    start = "" if here == "." else f"cd {here}, then "
    print(
        f"next: {start}dwcp new COUNTRY --period START-END (or edit the sample), dwcp lint, "
        "and pre-commit install"
    )


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:
        return path.as_posix()
    return path.as_posix() if relative.as_posix().startswith("../..") else relative.as_posix()
