"""`dwcp render` and `dwcp site`: public documents and the static website."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dwcp.cli.app import app
from dwcp.cli.common import AsOfOpt, PathsArg, as_of_date
from dwcp.errors import UsageError
from dwcp.escape import terminal_text

if TYPE_CHECKING:
    from dwcp.config import Settings
    from dwcp.lint.findings import Finding
    from dwcp.views.documents.pdf import PdfEngine
    from dwcp.views.documents.publish import RenderOptions


class DocFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


class Edition(StrEnum):
    draft = "draft"
    final = "final"


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
        str | None,
        typer.Option("--lang", help="en, fr, es, ar, pt or ru (default: the programme's)."),
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
    edition: Annotated[
        Edition,
        typer.Option(
            help="draft (the colophon names source file, git commit and tool) or final "
            "(the colophon shows the version date; the PDF metadata keeps the rest)."
        ),
    ] = Edition.draft,
    as_of: AsOfOpt = None,
    document: Annotated[
        str,
        typer.Option(
            "--document",
            help="Document kind: programme (default), or another the templates provide "
            "(documents/<kind>.html.j2).",
        ),
    ] = "programme",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="With --document progress: the git revision of the previous progress report; "
            "the report lists the indicators whose status changed since.",
        ),
    ] = None,
) -> None:
    """Render programme documents from templates, in the programme's language.

    Programmes with lint errors are not rendered (exit 1) unless --force.

    Example: dwcp render programmes/VNM-2017-2021.yaml --format html --format pdf --out site/
    """
    formats = tuple(f.value for f in output_format or [DocFormat.html])
    with _pdf_engine(formats) as engine:
        # Imported after the PDF helper starts, so it imports WeasyPrint meanwhile.
        from dwcp.domain.catalogue import load_catalogue
        from dwcp.files import write_all
        from dwcp.views.documents.publish import render_documents

        settings, options = _render_setup(formats, out, as_of, lang, audience, template_dir, force)
        options = replace(options, edition=edition.value, document=document)
        options = _with_since(options, since)
        outcome = render_documents(
            paths or [settings.programmes_dir],
            settings,
            load_catalogue(settings.catalogues_dir),
            options,
            engine,
        )
    _report_blocked(outcome.blocked)
    for warning in outcome.warnings:
        print(f"warning: {terminal_text(warning)}", file=sys.stderr)
    _report_untranslated(outcome.untranslated, options.language)
    for path in write_all(outcome.files):
        print(f"wrote {terminal_text(path)}")
    raise typer.Exit(1 if outcome.blocked else 0)


@app.command()
def site(
    paths: PathsArg = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the website.")] = Path("out/site"),
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the index: en, fr, es, ar, pt or ru.")
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
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.files import write_all
    from dwcp.views.site import build_site

    settings, options = _render_setup(("html",), out, as_of, lang, audience, template_dir, force)
    outcome = build_site(
        paths or [settings.programmes_dir],
        settings,
        load_catalogue(settings.catalogues_dir),
        options,
    )
    _report_blocked(outcome.blocked)
    written = write_all(outcome.files)
    print(f"wrote {len(written)} files; open {terminal_text(out / 'index.html')}")
    raise typer.Exit(1 if outcome.blocked else 0)


def _pdf_engine(formats: tuple[str, ...]) -> AbstractContextManager[PdfEngine | None]:
    if "pdf" not in formats:
        return nullcontext(None)
    from dwcp.views.documents.pdf import PdfEngine

    return PdfEngine()


def _with_since(options: RenderOptions, since: str | None) -> RenderOptions:
    """Check --since (a progress report's, a revision of this repository) before rendering."""
    if since is None:
        return options
    from dwcp.workflow.previous import programme_at, since_revision

    if options.document != "progress":
        raise UsageError("--since compares progress reports: use it with --document progress")
    since_revision(Path.cwd(), since)
    return replace(options, since=since, previous=programme_at)


def _render_setup(
    formats: tuple[str, ...],
    out: Path,
    as_of: str | None,
    lang: str | None,
    audience: str,
    template_dir: Path | None,
    force: bool,
) -> tuple[Settings, RenderOptions]:
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.views.documents.publish import RenderOptions

    if audience not in ("public", "internal"):
        raise UsageError(f"--audience {audience!r}: use public or internal")
    options = RenderOptions(
        formats=formats,  # type: ignore[arg-type]
        out=out,
        as_of=as_of_date(as_of),
        language=lang,
        audience=audience,  # type: ignore[arg-type]
        template_dir=template_dir,
        force=force,
    )
    settings = checked_settings(find_root(Path.cwd()))
    return settings, options


def _report_untranslated(untranslated: dict[str, list[str]], language: str | None) -> None:
    """Passages shown in the original language, marked in the documents: listed here too."""
    for name, labels in untranslated.items():
        shown = ", ".join(labels[:10]) + (", ..." if len(labels) > 10 else "")
        print(
            terminal_text(
                f"{name}: {len(labels)} passage(s) not translated into {language}, shown in "
                f"the original and marked: {shown}"
            ),
            file=sys.stderr,
        )


def _report_blocked(blocked: dict[str, list[Finding]]) -> None:
    for name, findings in blocked.items():
        print(
            f"{terminal_text(name)}: not rendered, {len(findings)} error(s); "
            "fix them or use --force",
            file=sys.stderr,
        )
        for f in findings:
            print(
                terminal_text(f"  {f.file}:{f.line}:{f.column}: {f.code} {f.message}"),
                file=sys.stderr,
            )
