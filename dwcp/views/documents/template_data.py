"""Everything a document or site template may read: typed contexts, built in one place.

The names and fields here are what the built-in templates use, and what a repository's own
templates (which override them file by file) may use; tests/render/test_template_contexts.py
checks that every built-in template reads only what these types declare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from dwcp import __version__
from dwcp.analyses.figures import money_cells
from dwcp.domain.money import Totals
from dwcp.errors import UsageError
from dwcp.git import git, names, resolve, toplevel
from dwcp.model import Programme
from dwcp.model.public import Audience


@dataclass(frozen=True)
class Commit:
    """The commit a programme file comes from."""

    id: str
    dirty: bool
    """The file has changed since the commit."""


@dataclass(frozen=True)
class Provenance:
    source: str
    """The programme file, as dwcp names it in messages."""
    commit: Commit | None
    """None outside git."""
    tool: str
    as_of: dt.date
    edition: str = "draft"
    """draft: the colophon shows everything above; final: only the version date (the PDF's
    metadata keeps the rest)."""
    version_date: dt.date | None = None
    """The last revision, else the validation, else the last signature, else `as_of`."""


@dataclass(frozen=True)
class MatrixRow:
    priority: str
    cells: list[str]
    """The alignment with each UN framework outcome (full, partial or none), in column order."""


@dataclass(frozen=True)
class Matrix:
    """Priorities against the UN framework's outcomes."""

    columns: list[str]
    rows: list[MatrixRow]


@dataclass(frozen=True)
class GapRow:
    """Resources of one outcome in one currency over every biennium; outcome None: the total."""

    outcome: str | None
    currency: str
    required: Decimal
    secured: Decimal
    pipeline: Decimal
    gap: Decimal


@dataclass(frozen=True)
class DocumentContext:
    """What documents/programme.html.j2 and programme.md.j2 read, besides `t` and `lang`."""

    p: Programme
    """The programme as published: for the public, without its internal items."""
    country: str
    """The country's name in the document's language."""
    audience: Audience
    validated: bool
    """False when the programme has lint errors and was rendered by --force."""
    outcome_count: int
    matrix: Matrix
    gaps: list[GapRow]
    provenance: Provenance


def build_context(
    programme: Programme,
    source: Path,
    display_name: str,
    as_of: dt.date,
    audience: Audience,
    validated: bool,
    country: str,
) -> DocumentContext:
    return DocumentContext(
        p=programme,
        country=country,
        audience=audience,
        validated=validated,
        outcome_count=sum(len(pr.outcomes) for pr in programme.priorities),
        matrix=_matrix(programme),
        gaps=_gap_summary(programme),
        provenance=Provenance(
            source=display_name,
            commit=git_commit(source),
            tool=f"dwcp {__version__}",
            as_of=as_of,
        ),
    )


def _matrix(programme: Programme) -> Matrix:
    outcomes = [o.id for o in programme.context.un_outcomes()]
    rows = []
    for priority in programme.priorities:
        links = priority.un_alignment()
        rows.append(MatrixRow(priority.id, [links.get(o, "none") for o in outcomes]))
    return Matrix(outcomes, rows)


def _gap_summary(programme: Programme) -> list[GapRow]:
    """Per outcome and currency (all bienniums): required, secured, pipeline, gap; then totals."""
    sums = Totals(4)
    for cell in money_cells(programme):
        figures = cell.figures()[:4]
        sums.add((cell.outcome.id,), *figures)
        sums.add((), *figures)
    ordered = sorted(sums, key=lambda t: (not t.key, t.currency))
    return [GapRow(t.key[0] if t.key else None, t.currency, *t.amounts) for t in ordered]


@dataclass(frozen=True)
class SiteMoney:
    """A programme's resources in one currency (sums of its outcome rows)."""

    currency: str
    required: Decimal
    secured: Decimal
    gap: Decimal


@dataclass(frozen=True)
class SiteLinked:
    """The share (per cent) of a programme's extra-budgetary project money linked to outcomes."""

    currency: str
    share: float | None


@dataclass(frozen=True)
class SiteRow:
    """One programme in the site index."""

    file: str
    page: str
    """The programme's page, relative to the index."""
    country: str
    title: str
    region: str
    status: str
    period: str
    money: list[SiteMoney]
    linked: list[SiteLinked]
    priorities: int
    extended_to: int | None = None
    """The last year of an extension, shown after the period."""


@dataclass(frozen=True)
class SiteIndex:
    """What site/index.html.j2 reads, besides `t` and `lang`."""

    rows: list[SiteRow]
    reports: list[str]
    """The report pages, relative to the index: alignment, gaps, portfolio."""
    as_of: dt.date
    tool: str
    audience: Audience


def git_commit(path: Path) -> Commit | None:
    """The commit the file comes from, and whether it has changed since; None outside git."""
    state = _git_state(path.resolve().parent)
    if state is None:
        return None
    head, top, changed = state
    return Commit(head, path.resolve().relative_to(top).as_posix() in changed)


@cache
def _git_state(folder: Path) -> tuple[str, Path, frozenset[str]] | None:
    """HEAD, the work tree's top and its changed files, asked of git once per folder."""
    top = toplevel(folder)
    head = resolve(folder, "HEAD") if top is not None else None
    if top is None or head is None:
        return None  # not in git, or no commit yet: the document records no commit
    try:
        status = git(top, "status", "--porcelain", "-z", "--untracked-files=all")
    except UsageError:
        return None
    return head, top.resolve(), frozenset(_changed_paths(names(status)))


def _changed_paths(entries: list[str]) -> list[str]:
    """Paths from `git status --porcelain -z`: "XY path", and after a rename its old path."""
    found: list[str] = []
    after_rename = False
    for entry in entries:
        if after_rename:
            after_rename = False
            continue
        found.append(entry[3:])
        after_rename = any(code in "RC" for code in entry[:2].strip())
    return found
