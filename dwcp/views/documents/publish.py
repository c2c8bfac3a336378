"""Render programme documents: gather every programme, render everything in memory, and
only then write, atomically, inside the chosen folder. One failure writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal

from dwcp.config import ResultsConfig, Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.errors import UsageError
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding
from dwcp.model import Programme
from dwcp.model.public import Audience, visible
from dwcp.parallel import PARALLEL_THRESHOLD, map_items
from dwcp.portfolio.gather import GatheredFile, Gathering, gather_then
from dwcp.resources import Templates, templates_for
from dwcp.source.loader import discover, display_name
from dwcp.views.documents.pdf import PdfEngine, PdfMetadata, pdf_job, write_pdf
from dwcp.views.documents.progress_data import build_progress, status_changes
from dwcp.views.documents.template_data import DocumentContext, build_context
from dwcp.views.documents.translated import in_language
from dwcp.views.environment import environment_for, render_template
from dwcp.views.i18n import LANGUAGES, Translator
from dwcp.views.typography import french_spacing

Format = Literal["html", "pdf", "md"]
Edition = Literal["draft", "final"]
DEFAULT_KIND = "programme"
PROGRESS_KIND = "progress"
# A document kind is a template set: documents/<kind>.html.j2 (HTML and PDF) and
# documents/<kind>.md.j2. A repository's templates/ or --template-dir adds kinds this way.
ENDINGS: dict[str, str] = {"html": ".html.j2", "md": ".md.j2", "pdf": ".html.j2"}


def template_of(kind: str, fmt: str) -> str:
    """The template that renders a document kind in a format."""
    return f"documents/{kind}{ENDINGS[fmt]}"


def document_kinds(templates: Templates) -> list[str]:
    """The document kinds the template folders provide (`programme`, ...)."""
    return templates.names_in("documents", ".html.j2")


@dataclass(frozen=True)
class RenderOptions:
    formats: tuple[Format, ...]
    out: Path
    as_of: dt.date
    language: str | None = None
    audience: Audience = "public"
    template_dir: Path | None = None
    force: bool = False
    edition: Edition = "draft"
    """final: the colophon shows the version date only; the PDF metadata keeps the rest."""
    catalogue: Catalogue | None = field(default=None, compare=False)
    """The catalogue the names of objectives, P&B outcomes and regions come from (None:
    the built-in one)."""
    document: str = DEFAULT_KIND
    results: ResultsConfig = field(default_factory=ResultsConfig, compare=False)
    """The thresholds statuses are judged by ([tool.dwcp.results]): for progress reports."""
    since: str | None = None
    """The git revision of the previous progress report (--since), whose statuses a progress
    report compares with."""
    previous: Callable[[Path, str], Programme | None] | None = field(default=None, compare=False)
    """Reads a programme file at a revision (None: not there then); given with `since`."""


@dataclass
class RenderOutcome:
    files: dict[Path, bytes] = field(default_factory=dict)
    blocked: dict[str, list[Finding]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    """By programme, the passages shown in the original language (--lang differs)."""


def render_documents(
    paths: list[Path],
    settings: Settings,
    catalogue: Catalogue,
    options: RenderOptions,
    engine: PdfEngine | None = None,
) -> RenderOutcome:
    """Gather every programme under `paths` and render it, as `render_gathering` does, but
    each in the worker that validated it: the programmes never cross processes."""
    check_options(options)
    options = replace(
        options, catalogue=options.catalogue or catalogue, results=settings.raw.results
    )
    files = discover(paths)
    _refuse_collisions(files, options)
    # Only errors decide whether a document is written: rules that can only warn are skipped.
    linter = Linter(
        settings, catalogue, LintOptions(as_of=options.as_of, use_cache=False, errors_only=True)
    )
    templates = templates_for(settings.root, options.template_dir)
    check_kind(templates, options)
    threshold = _threshold(options)
    if engine is not None and len(files) >= threshold:
        engine.close()  # the workers write their own PDFs

    def render(file: GatheredFile, errors: Sequence[Finding]) -> _Rendered | None:
        return _render_file(templates, options, engine, file, errors)

    gathering, rendered = gather_then(files, linter, render, threshold)
    return _outcome(gathering, options, rendered)


def check_options(options: RenderOptions) -> None:
    """Refuse options that cannot work before any file is read."""
    if options.language is not None and options.language not in LANGUAGES:
        raise UsageError(f"--lang {options.language!r}: use one of {', '.join(LANGUAGES)}")
    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out {options.out}: is a file; give a folder for the documents")


def check_kind(templates: Templates, options: RenderOptions) -> None:
    """Refuse a document kind the templates do not provide, in each format asked for."""
    kinds = document_kinds(templates)
    if options.document not in kinds:
        raise UsageError(f"--document {options.document!r}: use one of {', '.join(kinds)}")
    for fmt in options.formats:
        if templates.find(template_of(options.document, fmt)) is None:
            raise UsageError(
                f"--document {options.document} has no {fmt} template "
                f"({template_of(options.document, fmt)}); choose another --format"
            )


def render_gathering(
    gathering: Gathering,
    templates: Templates,
    options: RenderOptions,
    engine: PdfEngine | None = None,
    also: Sequence[Callable[[], dict[Path, bytes]]] = (),
) -> RenderOutcome:
    """Render every gathered programme; one with lint errors (its own or found across files)
    is blocked unless forced, and a forced one says in the document that it has errors.

    `engine`, when given, writes the PDF of a single programme (see dwcp.views.documents.pdf);
    several programmes are spread over forked workers, each writing its own PDFs. `also` are
    more pages to make on the same workers (the site's reports), started first as the longest.
    """
    _refuse_collisions([f.path for f in gathering.files if f.path is not None], options)
    threshold = _threshold(options)
    if engine is not None and len(gathering.files) >= threshold:
        engine.close()  # the workers write their own PDFs
    render = partial(_render_file, templates, options, engine)
    jobs: list[Callable[[], _Rendered | None]] = [partial(_other, make) for make in also]
    jobs += [partial(render, file, gathering.errors_of(file.file)) for file in gathering.files]
    # Forked workers inherit the jobs and the gathered programmes: only a job's number goes
    # to a worker, and only the documents come back.
    # One job at a time: a report takes as long as dozens of pages, and several handed to
    # one worker in a batch would leave the other idle at the end.
    chunk = 1 if also else None
    rendered = map_items(lambda i: jobs[i](), range(len(jobs)), threshold, chunk)
    outcome = _outcome(gathering, options, rendered[len(also) :])
    for extra in rendered[: len(also)]:
        assert extra is not None  # noqa: S101 - narrows the type: `also` always makes pages
        outcome.files.update(extra.files)
    return outcome


def _threshold(options: RenderOptions) -> int:
    # A PDF takes seconds, so two programmes are already worth a worker each.
    return 2 if "pdf" in options.formats else PARALLEL_THRESHOLD


def _outcome(
    gathering: Gathering, options: RenderOptions, rendered: Sequence[_Rendered | None]
) -> RenderOutcome:
    chosen = {f.file for f in publishable(gathering, options.force)}
    blocked = [f for f in gathering.files if f.file not in chosen]
    outcome = RenderOutcome(blocked={f.file: gathering.errors_of(f.file) for f in blocked})
    for result in rendered:
        if result is not None:
            outcome.files.update(result.files)
            outcome.warnings.extend(result.warnings)
            if result.untranslated:
                outcome.untranslated[result.name] = result.untranslated
    return outcome


def _other(make: Callable[[], dict[Path, bytes]]) -> _Rendered:
    return _Rendered(make())


def publishable(gathering: Gathering, force: bool) -> list[GatheredFile]:
    """The files whose documents are written: valid programmes without lint errors (their
    own or found across files), or with them when forced."""
    return [
        f
        for f in gathering.files
        if f.unloadable is None and (force or not gathering.errors_of(f.file))
    ]


def _refuse_collisions(files: list[Path], options: RenderOptions) -> None:
    """Two programmes with one file name would write one document: refuse before any work."""
    seen: dict[str, Path] = {}
    for path in files:
        first = seen.setdefault(path.stem, path)
        if first is not path:
            target = _target(options.out, path, options.formats[0])
            raise UsageError(
                f"{display_name(path)} and {display_name(first)} would both be written to "
                f"{target}; render them into different --out folders"
            )


@dataclass
class _Rendered:
    files: dict[Path, bytes]
    warnings: list[str] = field(default_factory=list)
    name: str = ""
    untranslated: list[str] = field(default_factory=list)


def _refused_warning(name: str, refused: tuple[str, ...]) -> str:
    shown = ", ".join(refused[:3]) + (", ..." if len(refused) > 3 else "")
    return (
        f"{name}: left out {len(refused)} resource(s) that lie outside the template folders "
        f"(only files inside them are read, nothing is fetched): {shown}"
    )


def _render_file(
    templates: Templates,
    options: RenderOptions,
    engine: PdfEngine | None,
    file: GatheredFile,
    errors: Sequence[Finding],
) -> _Rendered | None:
    """The documents of one programme (whose lint errors, its own and those found across
    files, are `errors`), or None when it is not published."""
    programme, name, path = file.programme, file.file, file.path
    if programme is None or path is None or (errors and not options.force):
        return None
    language = options.language or programme.language
    translated = in_language(programme, path, language)
    seen = file.seen_by == options.audience  # made the audience's view when gathered (site)
    shown = translated.programme if seen else visible(translated.programme, options.audience)
    valid = not errors
    country = _country(programme, language)
    context = build_context(
        shown, path, name, options.as_of, options.audience, valid, country, language
    )
    context = _edition(context, options.edition)
    if options.document == PROGRESS_KIND:  # only a progress report judges every indicator
        progress = build_progress(shown, options.as_of, options.results, context.numbers)
        if options.since is not None and options.previous is not None:
            before = options.previous(path, options.since)
            found = status_changes(before, shown, options.as_of, options.results, context.numbers)
            progress = replace(progress, since=options.since, changes=found)
        context = replace(context, progress=progress)
    env = environment_for(templates, Translator(templates.messages, language), options.catalogue)
    files: dict[Path, bytes] = {}
    warnings: list[str] = []
    for fmt in options.formats:
        text = render_template(env, template_of(options.document, fmt), context, name)
        if language == "fr":
            text = french_spacing(text, fmt)
        target = _target(options.out, path, fmt)
        if fmt == "pdf":
            metadata = _metadata(context, language)
            job = pdf_job(text, templates.asset_folders(), options.as_of, name, metadata=metadata)
            pdf = engine.write(job) if engine is not None else write_pdf(job)
            files[target] = pdf.data
            if pdf.refused:
                warnings.append(_refused_warning(name, pdf.refused))
        else:
            files[target] = text.encode()
    untranslated = [p.label for p in translated.untranslated]
    return _Rendered(files, warnings, name, untranslated)


def _edition(context: DocumentContext, edition: Edition) -> DocumentContext:
    """The context with the edition and the version date the colophon shows: the last
    revision, else the validation, else the last signature, else the as-of date."""
    p = context.p
    dates = [r.date for r in p.revisions] or ([p.validated] if p.validated else [])
    dates = dates or [s.date for s in p.signatories if s.date is not None]
    version = max(dates) if dates else context.provenance.as_of
    provenance = replace(context.provenance, edition=edition, version_date=version)
    return replace(context, provenance=provenance)


def _metadata(context: DocumentContext, language: str) -> PdfMetadata:
    """The full provenance, kept in the PDF's metadata whatever the edition shows."""
    from dwcp.views.locale import country_name

    prov = context.provenance
    commit = "none"
    if prov.commit is not None:
        commit = prov.commit.id + (" (uncommitted changes)" if prov.commit.dirty else "")
    return PdfMetadata(
        title=context.p.title,
        country=country_name(context.p.country, language),
        producer=prov.tool,
        keywords=("Decent Work Country Programme", "ILO", context.p.country, prov.edition),
        custom=(
            ("source", prov.source),
            ("commit", commit),
            ("as-of", prov.as_of.isoformat()),
            ("edition", prov.edition),
            ("version-date", prov.version_date.isoformat() if prov.version_date else ""),
        ),
    )


def _country(programme: Programme, language: str) -> str:
    from dwcp.views.locale import country_name

    return country_name(programme.country, language)


def _target(out: Path, source: Path, fmt: str) -> Path:
    extension = {"html": "html", "md": "md", "pdf": "pdf"}[fmt]
    target = (out / f"{source.stem}.{extension}").resolve()
    if out.resolve() not in target.parents:
        raise UsageError(f"{source}: would write outside {out}")
    return target
