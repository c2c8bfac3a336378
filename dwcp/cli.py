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
    from dwcp.config import Settings
    from dwcp.findings import Finding
    from dwcp.render.documents import RenderOptions
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


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


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
    _write_or_print(text, output)


report_app = typer.Typer(
    help="Alignment and gap reports, per programme and across the portfolio.",
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
    biennium: str | None = None,
) -> None:
    from dwcp.catalogue import load_catalogue
    from dwcp.config import find_root, load_settings
    from dwcp.model.base import is_biennium
    from dwcp.reports import views
    from dwcp.reports.build import build_report

    if biennium is not None and not is_biennium(biennium):
        raise UsageError(f"--biennium {biennium!r}: write a biennium such as 2020-21")
    settings = load_settings(find_root(Path.cwd()))
    catalogue = load_catalogue(settings.catalogues_dir)
    report = build_report(
        kind,  # type: ignore[arg-type]
        paths or [settings.programmes_dir],
        settings,
        catalogue,
        _as_of(as_of),
        select,
        biennium,
    )
    if output_format is ReportFormat.csv:
        if output is None:
            raise UsageError("--format csv writes one file per table: give --output DIR")
        for path in views.write_csv(report, output):
            print(f"wrote {path}")
        return
    if output_format is ReportFormat.html:
        from dwcp.reports.html import render_html

        local = settings.root / "templates"
        # A programme repository's own templates/ overrides the built-in ones.
        text = render_html(report, template_dir=local if local.is_dir() else None)
    else:
        render = {
            ReportFormat.table: lambda r: views.render_terminal(r, color=output is None),
            ReportFormat.json: views.render_json,
            ReportFormat.markdown: views.render_markdown,
        }[output_format]
        text = render(report)
    _write_or_print(text, output)


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from dwcp.cache import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report ({exc.strerror})") from None


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Programme files or folders (default: the programmes folder)."),
]
FormatOpt = Annotated[ReportFormat, typer.Option("--format", help="Output format.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="File to write (a folder for csv).")
]
AsOfOpt = Annotated[
    str | None, typer.Option(help="Date for time-based figures, YYYY-MM-DD (default today).")
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(help="Only programmes matching KEY=VALUE: country, region, status, biennium."),
]


@report_app.command("alignment")
def report_alignment(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
) -> None:
    """Alignment with national plans, the UN framework, SDGs, P&B and funding.

    Example: dwcp report alignment --format markdown --select region=asia-pacific
    """
    _report("alignment", paths, output_format, output, as_of, select)


@report_app.command("gaps")
def report_gaps(
    paths: PathsArg = None,
    output_format: FormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
) -> None:
    """Gaps in resources, delivery, measurement, method and tripartism.

    Example: dwcp report gaps programmes/VNM-2017-2021.yaml --format csv --output gaps/
    """
    _report("gaps", paths, output_format, output, as_of, select)


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
) -> None:
    """All programmes at once, ending with the TC Strategy 2010-15 measurement table.

    Example: dwcp report portfolio --format html --output portfolio.html
    """
    _report("portfolio", paths, output_format, output, as_of, select, biennium)


class DocFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


@app.command()
def render(
    paths: PathsArg = None,
    output_format: Annotated[
        list[DocFormat] | None, typer.Option("--format", help="html, pdf or md; repeatable.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the documents.")] = Path(
        "out/documents"
    ),
    lang: Annotated[
        str | None, typer.Option("--lang", help="en, fr or es (default: the programme's).")
    ] = None,
    audience: Annotated[
        str, typer.Option(help="public (internal items left out) or internal (marked).")
    ] = "public",
    template_dir: Annotated[
        Path | None, typer.Option(help="Folder of templates that override the built-in ones.")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Render programmes with lint errors, marked as not validated.")
    ] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Render programme documents from templates, in the programme's language.

    Programmes with lint errors are not rendered (exit 1) unless --force.

    Example: dwcp render programmes/VNM-2017-2021.yaml --format html --format pdf --out site/
    """
    from dwcp.catalogue import load_catalogue
    from dwcp.render.documents import render_documents, write_all

    formats = tuple(f.value for f in output_format or [DocFormat.html])
    settings, options = _render_setup(formats, out, as_of, lang, audience, template_dir, force)
    outcome = render_documents(
        paths or [settings.programmes_dir],
        settings,
        load_catalogue(settings.catalogues_dir),
        options,
    )
    for name, findings in outcome.blocked.items():
        print(
            f"{name}: not rendered, {len(findings)} error(s); fix them or use --force",
            file=sys.stderr,
        )
        for f in findings:
            print(f"  {f.file}:{f.line}:{f.column}: {f.code} {f.message}", file=sys.stderr)
    for path in write_all(outcome.files):
        print(f"wrote {path}")
    raise typer.Exit(1 if outcome.blocked else 0)


@app.command()
def site(
    paths: PathsArg = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the website.")] = Path("out/site"),
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the index: en, fr or es.")
    ] = None,
    audience: Annotated[str, typer.Option(help="public or internal.")] = "public",
    template_dir: Annotated[
        Path | None, typer.Option(help="Folder of templates that override the built-in ones.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Include programmes with lint errors.")] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Build a static website: an index, a page per programme, the portfolio reports.

    Every link is relative: open index.html from disk, no server needed.

    Example: dwcp site --out out/site
    """
    from dwcp.catalogue import load_catalogue
    from dwcp.render.documents import write_all
    from dwcp.render.site import build_site

    settings, options = _render_setup(("html",), out, as_of, lang, audience, template_dir, force)
    outcome = build_site(
        paths or [settings.programmes_dir],
        settings,
        load_catalogue(settings.catalogues_dir),
        options,
    )
    _report_blocked(outcome.blocked)
    written = write_all(outcome.files)
    print(f"wrote {len(written)} files; open {out / 'index.html'}")
    raise typer.Exit(1 if outcome.blocked else 0)


def _render_setup(
    formats: tuple[str, ...],
    out: Path,
    as_of: str | None,
    lang: str | None,
    audience: str,
    template_dir: Path | None,
    force: bool,
) -> tuple[Settings, RenderOptions]:
    from dwcp.config import find_root, load_settings
    from dwcp.render.documents import RenderOptions

    if audience not in ("public", "internal"):
        raise UsageError(f"--audience {audience!r}: use public or internal")
    options = RenderOptions(
        formats=formats,  # type: ignore[arg-type]
        out=out,
        as_of=_as_of(as_of),
        language=lang,
        audience=audience,  # type: ignore[arg-type]
        template_dir=template_dir,
        force=force,
    )
    return load_settings(find_root(Path.cwd())), options


def _report_blocked(blocked: dict[str, list[Finding]]) -> None:
    for name, findings in blocked.items():
        print(
            f"{name}: not rendered, {len(findings)} error(s); fix them or use --force",
            file=sys.stderr,
        )
        for f in findings:
            print(f"  {f.file}:{f.line}:{f.column}: {f.code} {f.message}", file=sys.stderr)


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
    try:
        written = schema_export.write(folder)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot write the schemas ({exc.strerror})") from None
    for name in written:
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
