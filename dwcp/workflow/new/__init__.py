"""`dwcp new`: start a programme file with every section in place, optionally carrying
forward what continues from the previous programme."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from dwcp.config import Settings
from dwcp.domain.vocabulary import GUIDANCE_LANGUAGES, LANGUAGES
from dwcp.errors import DwcpError, UsageError
from dwcp.model.common import Period
from dwcp.workflow.new.carry import Previous

__all__ = ["Created", "create", "display", "parse_period"]

_PERIOD = re.compile(r"\s*([0-9]{4})\s*[-–]\s*([0-9]{4})\s*")  # noqa: RUF001 (en dash too)
_YEARS = range(1900, 2101)  # what the schema accepts for a year


@dataclass(frozen=True)
class Created:
    path: Path
    warnings: list[str] = field(default_factory=list)
    """Things to tell the user that did not stop the file being written."""


def parse_period(text: str) -> Period:
    """`2024-2028` -> Period(2024, 2028); UsageError for anything the schema would reject."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        raise UsageError(f"--period {text!r} is not START-END; write the years, such as 2024-2028")
    start, end = int(match[1]), int(match[2])
    for year in (start, end):
        if year not in _YEARS:
            raise UsageError(f"--period {text}: {year} is not a plausible year (1900-2100)")
    if end < start:
        raise UsageError(
            f"--period {text} ends before it starts; write START-END, such as {end}-{start}"
        )
    return Period(start=start, end=end)


def period_warnings(period: Period, settings: Settings) -> list[str]:
    """The period-length check of rule DW104 (a warning there, so a warning here)."""
    from dwcp.lint.rules.identity import PeriodLength
    from dwcp.lint.settings import rule_settings

    limits = rule_settings(settings).option(PeriodLength)
    years = period.end - period.start + 1
    if limits.min_years <= years <= limits.max_years:
        return []
    return [
        (
            f"period {period.start}-{period.end} covers {years} years; DWCPs usually run "
            f"{limits.min_years} to {limits.max_years} (the linter will warn, DW104)"
        )
    ]


def create(
    country: str,
    period_text: str,
    settings: Settings,
    previous_file: Path | None = None,
    language: str | None = None,
) -> Created:
    """Write programmes/<ISO3>-<start>-<end>.yaml and return where, with any warnings.

    Nothing is written when anything is wrong: an unknown country, a bad period, a previous
    file that does not validate or is about another country, or a file already there.
    """
    from dwcp.domain.countries import resolve_country

    found = resolve_country(country)
    period = parse_period(period_text)
    warnings = period_warnings(period, settings)
    if not found.exact:
        warnings.insert(0, f"taking {country!r} to mean {found.name} ({found.alpha3})")
    target = _target(settings, found.alpha3, period)
    previous = None
    if previous_file is not None:
        from dwcp.workflow.new.carry import load_previous

        previous = load_previous(previous_file)
        old = previous.programme
        if old.country != found.alpha3:
            raise UsageError(
                f"--from {previous_file.as_posix()} is the programme of {old.country}, not "
                f"{found.alpha3}; give the same country or the right previous file"
            )
        if period.start <= old.period.effective_end:
            warnings.append(
                f"{period.start}-{period.end} overlaps the previous programme "
                f"({old.period.describe()}); programmes of one country should "
                "not overlap (DW902)"
            )
    chosen = language or (previous.programme.language if previous else "en")
    if chosen not in LANGUAGES:
        raise UsageError(f"--lang {chosen!r} is not one of {', '.join(LANGUAGES)}")
    text = _text(found.alpha3, period, chosen, settings, target, previous)
    _write(target, text)
    return Created(target, warnings)


def _target(settings: Settings, alpha3: str, period: Period) -> Path:
    from dwcp.files import ensure_inside

    folder = settings.programmes_dir
    target = ensure_inside(settings.root, folder / f"{alpha3}-{period.start}-{period.end}.yaml")
    _refuse_existing(target)
    return target


def _refuse_existing(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{display(target)} already exists; pick another period, or delete the file first "
            "if you mean to start it again"
        )


def _text(
    alpha3: str,
    period: Period,
    language: str,
    settings: Settings,
    target: Path,
    previous: Previous | None,
) -> str:
    from dwcp.domain.catalogue import load_catalogue
    from dwcp.views.locale import country_name, for_country
    from dwcp.views.schema import FOLDER, reference
    from dwcp.workflow.new.builder import Plan, build, to_text

    catalogue = load_catalogue(settings.catalogues_dir)
    # The title is in the guidance's language (English where it has none), and so is "for
    # <country>" in it: not "Decent Work Country Programme для Вьетнама".
    titled = language if language in GUIDANCE_LANGUAGES else "en"
    plan = Plan(
        country=alpha3,
        country_name=country_name(alpha3, language),
        for_country=for_country(alpha3, titled),
        period=period,
        language=language,
        file_name=target.relative_to(settings.root.resolve()).as_posix(),
        schema=reference(settings.programmes_dir, settings.root / FOLDER),
        objectives=tuple(o.id for o in catalogue.strategic_objectives),
        previous=previous,
    )
    text = to_text(build(plan))
    _check(text, target)
    return text


def _check(text: str, target: Path) -> None:
    """The file must load and validate before it is written; if not, that is dwcp's bug."""
    from dwcp.model import Programme
    from dwcp.source.loader import LoadError, parse
    from dwcp.source.validate import to_programme

    try:
        outcome = to_programme(parse(text, display(target)))
    except LoadError as exc:
        raise DwcpError(
            f"internal error: the new file does not load ({exc.problem.message})"
        ) from None
    if not isinstance(outcome, Programme):
        raise DwcpError(f"internal error: the new file fails the schema ({outcome[0].message})")


def _write(target: Path, text: str) -> None:
    from dwcp import files

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _refuse_existing(target)  # again, as late as possible: never replace a file
        files.write_atomic(target, text)
    except OSError as exc:
        raise UsageError(f"{display(target)}: cannot write the file ({exc.strerror})") from None


def display(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()
