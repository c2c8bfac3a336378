"""`dwcp report`: alignment, gaps, portfolio and results reports."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import AsOfOpt, PathsArg, as_of_date, write_or_print
from dwcp.errors import UsageError


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


report_app = typer.Typer(
    help="Alignment, gap and results reports, per programme and across the portfolio.",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")


def _report(
    kind: str,
    paths: list[Path] | None,
    output_format: ReportFormat,
    output: Path | None,
    as_of: str | None,
    select: list[str] | None,
    audience: str | None,
    biennium: str | None = None,
    only_off_track: bool = False,
) -> None:
    from dwcp.analyses.report_data import build_report
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.model.common import is_biennium
    from dwcp.model.public import chosen_audience
    from dwcp.views.reports import formats

    if biennium is not None and not is_biennium(biennium):
        raise UsageError(f"--biennium {biennium!r}: write a biennium such as 2020-21")
    settings = checked_settings(find_root(Path.cwd()))
    shown_to = chosen_audience(audience, settings.raw.audience)
    catalogue = load_catalogue(settings.catalogues_dir)
    report = build_report(
        kind,  # type: ignore[arg-type]
        paths or [settings.programmes_dir],
        settings,
        catalogue,
        as_of_date(as_of),
        select,
        biennium,
        shown_to,
        only_off_track,
    )
    if output_format is ReportFormat.csv:
        if output is None:
            raise UsageError("--format csv writes one file per table: give --output DIR")
        for path in formats.write_csv(report, output):
            print(f"wrote {path}")
        return
    if output_format is ReportFormat.html:
        from dwcp.resources import templates_for
        from dwcp.views.reports.html import render_html

        # A programme repository's own templates/ overrides the built-in ones.
        text = render_html(report, templates_for(settings.root))
    else:
        render = {
            ReportFormat.table: lambda r: formats.render_terminal(r, color=output is None),
            ReportFormat.json: formats.render_json,
            ReportFormat.markdown: formats.render_markdown,
        }[output_format]
        text = render(report)
    write_or_print(text, output)


FormatOpt = Annotated[ReportFormat, typer.Option("--format", help="Output format.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="File to write (a folder for csv).")
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(help="Only programmes matching KEY=VALUE: country, region, status, biennium."),
]
AudienceOpt = Annotated[
    str | None,
    typer.Option(
        "--audience",
        metavar="public|internal",
        help="public (the default, or the audience key of [tool.dwcp]) computes every figure "
        "without the items marked internal, and gives each finding its rule's summary "
        "instead of a message that may quote one; internal uses everything.",
        show_default=False,
    ),
]


@report_app.command("alignment")
def report_alignment(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    audience: AudienceOpt = None,
) -> None:
    """Alignment with national plans, the UN framework, SDGs, P&B and funding.

    Example: dwcp report alignment --format markdown --select region=asia-pacific
    """
    _report("alignment", paths, output_format, output, as_of, select, audience)


@report_app.command("gaps")
def report_gaps(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    audience: AudienceOpt = None,
) -> None:
    """Gaps in resources, delivery, measurement, method and tripartism.

    Example: dwcp report gaps programmes/VNM-2017-2021.yaml --format csv --output gaps/
    """
    _report("gaps", paths, output_format, output, as_of, select, audience)


@report_app.command("portfolio")
def report_portfolio(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    biennium: Annotated[
        str | None,
        typer.Option(help="Biennium for the TC Strategy table (default: latest with data)."),
    ] = None,
    audience: AudienceOpt = None,
) -> None:
    """All programmes at once, ending with the TC Strategy 2010-15 measurement table.

    Example: dwcp report portfolio --format html --output portfolio.html
    """
    _report("portfolio", paths, output_format, output, as_of, select, audience, biennium)


@report_app.command("results")
def report_results(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    audience: AudienceOpt = None,
    off_track: Annotated[
        bool,
        typer.Option(
            "--off-track",
            help="Only what needs attention (not met, off track, partly met, no data), worst "
            "first, with the outcome, who is responsible and the next review.",
        ),
    ] = False,
) -> None:
    """Indicators against their milestones and targets: status, rollups, reviews.

    Thresholds come from [tool.dwcp.results] (partly-met, default 0.5).

    Example: dwcp report results --off-track --as-of 2020-06-30
    """
    _report("results", paths, output_format, output, as_of, select, audience, None, off_track)
