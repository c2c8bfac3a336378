"""Render programme documents: gather every programme, render everything in memory, and
only then write, atomically, inside the chosen folder. One failure writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.errors import UsageError
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding, Severity
from dwcp.lint.results import FileResult
from dwcp.lint.rules.portfolio import FileFacts
from dwcp.model import Programme
from dwcp.model.public import Audience, visible
from dwcp.parallel import PARALLEL_THRESHOLD, map_items
from dwcp.resources import Templates, templates_for
from dwcp.source.loader import LoadError, discover, display_name, load
from dwcp.source.validate import to_programme
from dwcp.views.documents.pdf import PdfEngine, pdf_job, write_pdf
from dwcp.views.documents.template_data import build_context
from dwcp.views.environment import environment_for, render_template
from dwcp.views.i18n import LANGUAGES, Translator

Format = Literal["html", "pdf", "md"]
TEMPLATES: dict[str, str] = {
    "html": "documents/programme.html.j2",
    "md": "documents/programme.md.j2",
    "pdf": "documents/programme.html.j2",
}


@dataclass(frozen=True)
class RenderOptions:
    formats: tuple[Format, ...]
    out: Path
    as_of: dt.date
    language: str | None = None
    audience: Audience = "public"
    template_dir: Path | None = None
    force: bool = False


@dataclass
class RenderOutcome:
    files: dict[Path, bytes] = field(default_factory=dict)
    blocked: dict[str, list[Finding]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def render_documents(
    paths: list[Path],
    settings: Settings,
    catalogue: Catalogue,
    options: RenderOptions,
    engine: PdfEngine | None = None,
) -> RenderOutcome:
    """Render every programme; programmes with lint errors are blocked unless forced.

    `engine`, when given, writes the PDF of a single programme (see dwcp.views.documents.pdf);
    several programmes are spread over forked workers, each writing its own PDFs.
    """
    if options.language is not None and options.language not in LANGUAGES:
        raise UsageError(f"--lang {options.language!r}: use one of {', '.join(LANGUAGES)}")
    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out {options.out}: is a file; give a folder for the documents")
    templates = templates_for(settings.root, options.template_dir)
    linter = Linter(settings, catalogue, LintOptions(as_of=options.as_of, use_cache=False))
    files = discover(paths)
    _refuse_collisions(files, options)
    # A PDF takes seconds, so two programmes are already worth a worker each.
    threshold = 2 if "pdf" in options.formats else PARALLEL_THRESHOLD
    if engine is not None and len(files) >= threshold:
        engine.close()  # the workers write their own PDFs
    # Programmes render on every core; results come back as bytes, in order.
    render = partial(_render_one, linter, templates, options, engine)
    rendered = map_items(render, files, threshold)
    # Cross-file rules (an outcome code used twice, say) need every programme's facts.
    crossing = _errors_by_file(linter.portfolio_findings([r.facts for r in rendered if r.facts]))
    if crossing and options.force:
        again = [path for path, r in zip(files, rendered, strict=True) if r.name in crossing]
        redo = partial(_render_one, linter, templates, options, engine, validated=False)
        fixed = dict(zip(again, map_items(redo, again, threshold), strict=True))
        rendered = [fixed.get(path, r) for path, r in zip(files, rendered, strict=True)]
    outcome = RenderOutcome()
    for result in rendered:
        errors = result.errors + ([] if options.force else crossing.get(result.name, []))
        if errors and not options.force:
            outcome.blocked[result.name] = errors
        else:
            outcome.files.update(result.files)
            outcome.warnings.extend(result.warnings)
    return outcome


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
    name: str
    files: dict[Path, bytes]
    errors: list[Finding]
    """Lint errors of the file itself (cross-file ones are checked afterwards)."""
    facts: FileFacts | None
    warnings: list[str] = field(default_factory=list)


def _refused_warning(name: str, refused: tuple[str, ...]) -> str:
    shown = ", ".join(refused[:3]) + (", ..." if len(refused) > 3 else "")
    return (
        f"{name}: left out {len(refused)} resource(s) that lie outside the template folders "
        f"(only files inside them are read, nothing is fetched): {shown}"
    )


def _errors_by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            found.setdefault(finding.file, []).append(finding)
    return found


def _render_one(
    linter: Linter,
    templates: Templates,
    options: RenderOptions,
    engine: PdfEngine | None,
    path: Path,
    validated: bool = True,
) -> _Rendered:
    name = display_name(path)
    loaded = _load(path, name, linter)
    if isinstance(loaded, list):
        return _Rendered(name, {}, loaded, None)
    programme, result = loaded
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors and not options.force:
        return _Rendered(name, {}, errors, result.facts)
    language = options.language or programme.language
    shown = visible(programme, options.audience)
    valid = validated and not errors
    context = build_context(shown, path, name, options.as_of, options.audience, valid)
    context["country"] = _country(programme, language)
    env = environment_for(templates, Translator(templates.messages, language))
    files: dict[Path, bytes] = {}
    warnings: list[str] = []
    for fmt in options.formats:
        text = render_template(env, TEMPLATES[fmt], context, name)
        target = _target(options.out, path, fmt)
        if fmt == "pdf":
            job = pdf_job(text, templates.asset_folders(), options.as_of, name)
            pdf = engine.write(job) if engine is not None else write_pdf(job)
            files[target] = pdf.data
            if pdf.refused:
                warnings.append(_refused_warning(name, pdf.refused))
        else:
            files[target] = text.encode()
    return _Rendered(name, files, errors, result.facts, warnings)


def _country(programme: Programme, language: str) -> str:
    from dwcp.views.locale import country_name

    return country_name(programme.country, language)


def _load(path: Path, name: str, linter: Linter) -> tuple[Programme, FileResult] | list[Finding]:
    try:
        document = load(path, name)
    except LoadError:
        return _lint_only(linter, path)
    result = to_programme(document)
    if not isinstance(result, Programme):
        return _lint_only(linter, path)
    return result, linter.lint_programme(document, result)


def _lint_only(linter: Linter, path: Path) -> list[Finding]:
    return linter.lint_paths([path]).findings


def _target(out: Path, source: Path, fmt: str) -> Path:
    extension = {"html": "html", "md": "md", "pdf": "pdf"}[fmt]
    target = (out / f"{source.stem}.{extension}").resolve()
    if out.resolve() not in target.parents:
        raise UsageError(f"{source}: would write outside {out}")
    return target
