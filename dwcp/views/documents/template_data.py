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
from dwcp.analyses.figures import MoneyCell, cell_totals, money_cells
from dwcp.domain.acronyms import acronyms_in
from dwcp.domain.money import Total, Totals
from dwcp.domain.standards import ratified
from dwcp.errors import UsageError
from dwcp.git import git, names, resolve, toplevel
from dwcp.model import Programme
from dwcp.model.public import Audience
from dwcp.views.documents.progress_data import Progress


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
class FundsRow:
    """Resources of one outcome in one currency, for one biennium (annex on resource
    mobilisation) or over every biennium (biennium None: the funding plan's summary);
    outcome None: the total of a currency."""

    outcome: str | None
    biennium: str | None
    currency: str
    required: Decimal
    secured: Decimal
    pipeline: Decimal
    gap: Decimal


@dataclass(frozen=True)
class Sum:
    """An amount in one currency."""

    amount: Decimal
    currency: str


@dataclass(frozen=True)
class OutcomeFacts:
    """What the results matrix adds to an outcome besides its own fields."""

    partners: list[str]
    """Donors of its resources and the projects that contribute to it."""
    budget: list[Sum]
    """Its budget_required over every biennium, per currency."""


@dataclass(frozen=True)
class Instrument:
    """An instrument cited by outcomes, with their numbers."""

    id: str
    outcomes: list[str]
    ratified: bool | None
    """None when the file records no ratifications to tell."""


@dataclass(frozen=True)
class Term:
    """An acronym of the document and what it stands for."""

    term: str
    meaning: str


@dataclass(frozen=True)
class Section:
    """A section of the document, as its table of contents lists it."""

    id: str
    """Its anchor in HTML."""
    key: str
    """Its heading's label is the message `section.<key>`."""
    number: str | None = None
    """The number of a chapter of the body; front matter and annexes have none."""
    annex: bool = False


CHAPTERS = (
    "introduction",
    "context",
    "lessons",
    "priorities",
    "standards",
    "implementation",
    "monitoring",
    "risks_assumptions",
    "funding",
)
"""The numbered chapters of a programme document, in order."""
ANNEXES = ("results", "resources", "risks", "un_alignment", "signatures")
SECTION_KEYS = (
    "acronyms",
    "foreword",
    "executive_summary",
    *CHAPTERS,
    "contacts",
    "annexes",
    *(f"annex_{a}" for a in ANNEXES),
)
"""Every section a document may have: each has the message `section.<key>`."""


def _sections(programme: Programme, acronyms: bool) -> list[Section]:
    """The document's sections in order: the same in HTML, PDF and Markdown."""
    narrative = programme.narrative
    front = [
        *([Section("acronyms", "acronyms")] if acronyms else []),
        *([Section("foreword", "foreword")] if narrative.foreword or narrative.statements else []),
        Section("summary", "executive_summary"),
    ]
    body = [Section(c, c, str(n)) for n, c in enumerate(CHAPTERS, 1)]
    contacts = [Section("contacts", "contacts")] if programme.contacts or programme.notes else []
    return [
        *front,
        *body,
        *contacts,
        Section("annexes", "annexes"),
        *(Section(f"annex-{a}", f"annex_{a}", annex=True) for a in ANNEXES),
    ]


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
    gaps: list[FundsRow]
    provenance: Provenance
    numbers: dict[str, str]
    """The number of each priority ("1") and outcome ("1.2") by id, as the document numbers
    them: the priority's place, then the outcome's place within it."""
    funds: list[FundsRow]
    outcome_facts: dict[str, OutcomeFacts]
    instruments: list[Instrument]
    """The instruments the outcomes cite, in order of first citation."""
    acronyms: list[Term]
    """The file's glossary and the standard ILO and UN acronyms the document uses, by term."""
    sections: list[Section]
    """The table of contents."""
    progress: Progress | None = None
    """What a progress report shows (documents/progress.*); None for other kinds."""


def build_context(
    programme: Programme,
    source: Path,
    display_name: str,
    as_of: dt.date,
    audience: Audience,
    validated: bool,
    country: str,
    language: str = "en",
) -> DocumentContext:
    cells = list(money_cells(programme))
    by_outcome = cell_totals(cells, _by_outcome)
    totals = sorted(cell_totals(cells), key=lambda t: t.currency)
    acronyms = [Term(t, m) for t, m in acronyms_in(programme, language)]
    return DocumentContext(
        p=programme,
        country=country,
        audience=audience,
        validated=validated,
        outcome_count=sum(len(pr.outcomes) for pr in programme.priorities),
        matrix=_matrix(programme),
        gaps=_gap_summary(by_outcome, totals),
        provenance=Provenance(
            source=display_name,
            commit=git_commit(source),
            tool=f"dwcp {__version__}",
            as_of=as_of,
        ),
        numbers=_numbers(programme),
        funds=_funds(cells, totals),
        outcome_facts=_outcome_facts(programme, by_outcome),
        instruments=_instruments(programme),
        acronyms=acronyms,
        sections=_sections(programme, bool(acronyms)),
    )


def _numbers(programme: Programme) -> dict[str, str]:
    numbers: dict[str, str] = {}
    for p, priority in enumerate(programme.priorities, 1):
        numbers[priority.id] = str(p)
        for o, outcome in enumerate(priority.outcomes, 1):
            numbers[outcome.id] = f"{p}.{o}"
    return numbers


def _by_outcome_and_biennium(cell: MoneyCell) -> tuple[str, str]:
    return (cell.outcome.id, cell.biennium)


def _funds(cells: list[MoneyCell], totals: list[Total]) -> list[FundsRow]:
    """Per outcome, biennium and currency in the file's order, then a total per currency."""
    rows = [
        FundsRow(str(t.key[0]), str(t.key[1]), t.currency, *t.amounts[:4])
        for t in cell_totals(cells, _by_outcome_and_biennium)
    ]
    return rows + [FundsRow(None, None, t.currency, *t.amounts[:4]) for t in totals]


def _by_outcome(cell: MoneyCell) -> tuple[str]:
    return (cell.outcome.id,)


def _outcome_facts(programme: Programme, by_outcome: Totals) -> dict[str, OutcomeFacts]:
    required: dict[str, list[Sum]] = {}
    for t in by_outcome:
        required.setdefault(str(t.key[0]), []).append(Sum(t.amounts[0], t.currency))
    projects: dict[str, list[str]] = {}
    for project in programme.context.projects:
        for link in project.contributes_to:
            projects.setdefault(link.outcome, []).append(project.symbol)
    facts: dict[str, OutcomeFacts] = {}
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            partners = [r.donor for r in outcome.resources if r.donor]
            partners += projects.get(outcome.id, [])
            facts[outcome.id] = OutcomeFacts(
                list(dict.fromkeys(partners)), required.get(outcome.id, [])
            )
    return facts


def _instruments(programme: Programme) -> list[Instrument]:
    citing: dict[str, list[str]] = {}
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for instrument in outcome.conventions:
                citing.setdefault(instrument, []).append(outcome.id)
    known = ratified(programme.context.labour_standards)
    return [Instrument(i, ids, None if known is None else i in known) for i, ids in citing.items()]


def _matrix(programme: Programme) -> Matrix:
    outcomes = [o.id for o in programme.context.un_outcomes()]
    rows = []
    for priority in programme.priorities:
        links = priority.un_alignment()
        rows.append(MatrixRow(priority.id, [links.get(o, "none") for o in outcomes]))
    return Matrix(outcomes, rows)


def _gap_summary(by_outcome: Totals, totals: list[Total]) -> list[FundsRow]:
    """Per outcome and currency (all bienniums): required, secured, pipeline, gap; then a
    total per currency. The same domain totals as the annex, only keyed by outcome alone."""
    rows = sorted(by_outcome, key=lambda t: t.currency)
    return [FundsRow(str(t.key[0]), None, t.currency, *t.amounts[:4]) for t in rows] + [
        FundsRow(None, None, t.currency, *t.amounts[:4]) for t in totals
    ]


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
