"""`dwcp diff`: what changed in the programmes between two git revisions, in domain words."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import AsOfOpt, as_of_date, write_or_print


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REVISION|PATH",
            help="BASE and HEAD revisions, then programme files or folders (PATH).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", help="text, markdown (for a PR comment) or json.")
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the diff to this file.")
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with 1 when anything changed.")
    ] = False,
    as_of: AsOfOpt = None,
    audience: Annotated[
        str | None,
        typer.Option(
            "--audience",
            metavar="public|internal",
            help="public (the default, or the audience key of [tool.dwcp]) compares the two "
            "versions without their items marked internal, and gives each finding its rule's "
            "summary instead of a message that may quote one; internal compares everything.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed in the programmes between two git revisions, in domain words.

    BASE defaults to the merge base of HEAD with main (or master); HEAD defaults to the
    working tree, uncommitted edits included. Changes read like `Indicator VNM101.1 target
    2021: 40 -> 55 per cent`; list items are matched by id, so reordering is no change. Lint
    findings that are new or resolved are listed too. For the public (the default), a
    change to an item marked internal shows nowhere, not even in a count or a total.

    Arguments, as in git: dwcp diff [BASE [HEAD]] [PATH]... An argument naming an existing
    file or folder is a PATH, and so is every argument after it or after `--`; a `.yaml`
    name that is no revision is a PATH too. Otherwise it is a revision (at most two). Use
    `--` for a folder that no longer exists, or one named like a branch.

    Exit codes: 0 the diff was shown (changes or not), 1 with --exit-code and something
    changed, 2 dwcp could not run (not a git repository, unknown revision).

    \b
    More examples:
      dwcp diff                      this branch, edits included, against main
      dwcp diff HEAD~1 HEAD          what the last commit changed
      dwcp diff main -- programmes/VNM-2017-2021.yaml
      dwcp diff --format json --exit-code

    Example: dwcp diff main HEAD programmes/ --format markdown -o comment.md
    """
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.lint.core import Linter, LintOptions
    from dwcp.model.public import chosen_audience
    from dwcp.workflow.diff import revisions, views
    from dwcp.workflow.diff.build import build_diff

    cwd = Path.cwd()
    top = revisions.toplevel(cwd)
    values = args or []
    named, paths = revisions.split_arguments(top, cwd, values, _after_separator(values))
    base = revisions.revision(top, named[0]) if named else revisions.default_base(top)
    head = revisions.revision(top, named[1]) if len(named) > 1 else revisions.WORKTREE
    settings = checked_settings(find_root(cwd))
    shown_to = chosen_audience(audience, settings.raw.audience)
    targets = [Path(p) for p in paths] or [settings.programmes_dir]
    specs = [revisions.pathspec(top, cwd, p) for p in targets]
    options = LintOptions(as_of_date(as_of), use_cache=False)
    linter = Linter(settings, load_catalogue(settings.catalogues_dir), options)
    report = build_diff(top, linter, base, head, specs, shown_to)
    render = {
        DiffFormat.text: lambda r: views.render_text(r, color=output is None and _tty()),
        DiffFormat.markdown: views.render_markdown,
        DiffFormat.json: views.render_json,
    }[output_format]
    write_or_print(render(report), output)
    raise typer.Exit(1 if exit_code and report.changed else 0)


def _after_separator(values: list[str]) -> int:
    """How many of the arguments came after `--` (click drops the separator itself)."""
    argv = sys.argv
    if "--" not in argv:
        return 0
    tail = argv[argv.index("--") + 1 :]
    return len(tail) if tail and values[-len(tail) :] == tail else 0


def _tty() -> bool:
    return sys.stdout.isatty()
