"""`dwcp export xlsx|csv`: the results framework, budget and lint findings as spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import AsOfOpt, PathsArg, as_of_date
from dwcp.escape import terminal_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from dwcp.config import Settings
    from dwcp.domain.catalogue import Catalogue
    from dwcp.views.spreadsheets.run import ExportOptions, Written

    Runner = Callable[[Sequence[Path], Path, Settings, Catalogue, ExportOptions], Written]

export_app = typer.Typer(
    help="Spreadsheets of the results framework, the budget and the lint findings.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")

AudienceOpt = Annotated[
    str | None,
    typer.Option(
        "--audience",
        metavar="public|internal",
        help="public (the default, or the audience key of [tool.dwcp]) leaves out items "
        "marked internal, and gives each finding its rule's summary instead of a message "
        "that may quote one; internal keeps everything.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="en, fr, es, ar, pt or ru (default: the programmes' shared language, else en).",
    ),
]


@export_app.command("xlsx")
def export_xlsx(
    out: Annotated[Path, typer.Option("--out", help="The workbook to write (.xlsx).")],
    paths: PathsArg = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    audience: AudienceOpt = None,
) -> None:
    """One workbook: results framework, budget, funding by source and lint findings.

    Headers are in the programmes' language. Set SOURCE_DATE_EPOCH for a workbook that is
    byte for byte the same on every run.

    Example: dwcp export xlsx programmes/VNM-2017-2021.yaml --out out/VNM.xlsx
    """
    from dwcp.views.spreadsheets.run import export_xlsx as run

    _report(_run(run, paths, out, lang, as_of, audience))


@export_app.command("csv")
def export_csv(
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSV files.")],
    paths: PathsArg = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    audience: AudienceOpt = None,
) -> None:
    """The workbook's tables as CSV files (UTF-8 with BOM, for Excel).

    Example: dwcp export csv --out out/export --lang fr
    """
    from dwcp.views.spreadsheets.run import export_csv as run

    _report(_run(run, paths, out, lang, as_of, audience))


def _run(
    run: Runner,
    paths: list[Path] | None,
    out: Path,
    lang: str | None,
    as_of: str | None,
    audience: str | None,
) -> Written:
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.model.public import chosen_audience
    from dwcp.views.spreadsheets.run import ExportOptions

    settings = checked_settings(find_root(Path.cwd()))
    shown_to = chosen_audience(audience, settings.raw.audience)
    options = ExportOptions(as_of_date(as_of), lang, shown_to)
    catalogue = load_catalogue(settings.catalogues_dir)
    return run(paths or [settings.programmes_dir], out, settings, catalogue, options)


def _report(written: Written) -> None:
    if written.invalid:
        print(
            f"note: {len(written.invalid)} file(s) not valid, so not in the results and budget "
            "tables; their errors are in the findings: "
            + terminal_text(", ".join(written.invalid)),
            file=sys.stderr,
        )
    for path in written.files:
        print(f"wrote {terminal_text(path)}")
