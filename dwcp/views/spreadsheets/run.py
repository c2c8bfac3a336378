"""`dwcp export` without the command line: check where to write, build, write atomically."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.exchange import Rates
from dwcp.errors import UsageError
from dwcp.files import write_all, write_atomic_bytes
from dwcp.model.public import Audience
from dwcp.resources import templates_for
from dwcp.views.i18n import Translator
from dwcp.views.spreadsheets.collect import Collected, check_language, choose_language, collect
from dwcp.views.spreadsheets.sheets import all_tables


@dataclass(frozen=True)
class ExportOptions:
    as_of: dt.date
    language: str | None = None
    """--lang; None: the programmes' shared language, else English."""
    audience: Audience = "public"


@dataclass(frozen=True)
class Written:
    files: list[Path]
    invalid: list[str]
    """Programme files left out of the results and budget (their errors are in findings)."""
    language: str


def export_xlsx(
    paths: Sequence[Path],
    out: Path,
    settings: Settings,
    catalogue: Catalogue,
    options: ExportOptions,
) -> Written:
    from dwcp.views.spreadsheets.xlsx import creation_time, workbook_bytes

    target = xlsx_target(out)
    stamp = creation_time(options.as_of)
    collected, translate = _prepare(paths, settings, catalogue, options)
    tables = all_tables(
        collected.sources,
        collected.findings,
        Rates(catalogue.exchange_rates),
        options.as_of,
        settings.raw.results,
    )
    data = workbook_bytes(tables, translate, stamp, options.audience)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(target, data)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the workbook ({_reason(exc)})") from None
    return Written([out], collected.invalid, translate.language)


def export_csv(
    paths: Sequence[Path],
    out: Path,
    settings: Settings,
    catalogue: Catalogue,
    options: ExportOptions,
) -> Written:
    from dwcp.views.spreadsheets.csv_files import ABOUT, about_csv, csv_files

    folder = csv_target(out)
    collected, translate = _prepare(paths, settings, catalogue, options)
    tables = all_tables(
        collected.sources,
        collected.findings,
        Rates(catalogue.exchange_rates),
        options.as_of,
        settings.raw.results,
    )
    about = about_csv(translate, options.as_of, options.audience)
    files = {ABOUT: about, **csv_files(tables, translate)}
    try:
        write_all({folder / name: data for name, data in files.items()})
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the CSV files ({_reason(exc)})") from None
    return Written([out / name for name in files], collected.invalid, translate.language)


def xlsx_target(out: Path) -> Path:
    """The resolved workbook path, or a UsageError saying what is wrong with --out."""
    target = out.resolve()
    if target.is_dir():
        raise UsageError(f"{out}: is a folder; give --out a file name ending in .xlsx")
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the workbook's name must end in .xlsx, such as {out}.xlsx")
    return target


def csv_target(out: Path) -> Path:
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{out}: is a file; give --out a folder for the CSV files")
    return target


def _prepare(
    paths: Sequence[Path], settings: Settings, catalogue: Catalogue, options: ExportOptions
) -> tuple[Collected, Translator]:
    # Checked before the (slower) linting, so a wrong --lang fails at once.
    if options.language is not None:
        check_language(options.language)
    collected = collect(paths, settings, catalogue, options.as_of, options.audience)
    language = choose_language(collected.sources, options.language)
    return collected, Translator(templates_for(settings.root).messages, language)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
