"""Gather the files to export: valid programmes feed the results and budget tables,
and every file, valid or not, feeds the findings table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.errors import UsageError
from dwcp.lint.audience import findings_for
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding
from dwcp.model.public import Audience, visible
from dwcp.portfolio.gather import gather
from dwcp.source.loader import discover
from dwcp.views.i18n import LANGUAGES
from dwcp.views.spreadsheets.sheets import Source


@dataclass(frozen=True)
class Collected:
    sources: list[Source]
    invalid: list[str]
    """Files that could not be loaded or failed the schema: only in the findings."""
    findings: list[Finding]


def collect(
    paths: Sequence[Path],
    settings: Settings,
    catalogue: Catalogue,
    as_of: dt.date,
    audience: Audience = "public",
) -> Collected:
    """Lint every file (cache off, so the findings are exactly today's) and load the valid
    ones. For the public, internal items are left out and lint messages give way to the
    rules' summaries, as they may quote internal items."""
    files = discover(paths)
    if not files:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError(f"{shown}: no programme files (*.yaml) to export")
    linter = Linter(settings, catalogue, LintOptions(as_of=as_of, use_cache=False))
    gathering = gather(files, linter)
    sources = [Source(f.file, visible(p, audience)) for f, p in gathering.valid()]
    invalid = [f.file for f in gathering.files if f.programme is None]
    return Collected(sources, invalid, findings_for(gathering.findings(), audience))


def choose_language(sources: Sequence[Source], requested: str | None) -> str:
    """--lang wins; else the one language all programmes share; else English."""
    if requested is not None:
        check_language(requested)
        return requested
    languages = {s.programme.language for s in sources}
    return languages.pop() if len(languages) == 1 else "en"


def check_language(requested: str) -> None:
    if requested not in LANGUAGES:
        raise UsageError(f"--lang {requested!r}: use one of {', '.join(LANGUAGES)}")
