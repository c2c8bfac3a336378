"""The results of a diff: changes per programme file, and the figures of budget changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from dwcp.lint.findings import Finding
from dwcp.model.public import Audience

ChangeKind = Literal["added", "removed", "changed", "moved", "budget", "totals"]
FileStatus = Literal["added", "deleted", "modified", "renamed"]
FIGURES = ("required", "secured", "pipeline", "gap")


@dataclass(frozen=True)
class Change:
    """One change in domain words. `path` is readable and keyed by ids, not positions:
    `priorities[P1].outcomes[ZMB101].indicators[ZMB101.1].target.value`."""

    kind: ChangeKind
    path: str
    old: object
    new: object
    message: str


@dataclass(frozen=True)
class Figures:
    """Money of one outcome, biennium and currency (or a currency's total)."""

    required: Decimal
    secured: Decimal
    pipeline: Decimal
    gap: Decimal

    def get(self, name: str) -> Decimal:
        value: Decimal = getattr(self, name)
        return value


@dataclass(frozen=True)
class SourceChange:
    """The resources of one funding source and status in a money cell, before and after."""

    source: str
    status: str
    old: Decimal
    new: Decimal


@dataclass(frozen=True)
class BudgetRow:
    """A money cell (outcome, biennium, currency) whose figures or funding sources changed."""

    outcome: str
    biennium: str
    currency: str
    priority: str
    old: Figures
    new: Figures
    lines: tuple[SourceChange, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The funding sources whose resources changed, each once."""
        return tuple(dict.fromkeys(line.source for line in self.lines))


@dataclass(frozen=True)
class TotalsRow:
    """A programme's totals in one currency, before and after."""

    currency: str
    old: Figures
    new: Figures


@dataclass(frozen=True)
class Summary:
    """One line about a programme version: who, when, what state, how big."""

    country: str
    period: str
    status: str
    priorities: int
    outcomes: int
    indicators: int

    def text(self) -> str:
        return (
            f"{self.country} {self.period}, {self.status}, "
            f"{_count(self.priorities, 'priority', 'priorities')}, "
            f"{_count(self.outcomes, 'outcome', 'outcomes')}, "
            f"{_count(self.indicators, 'indicator', 'indicators')}"
        )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@dataclass
class FileDiff:
    """Everything that changed in one programme file."""

    path: str
    """The file's name at HEAD (at BASE for a deleted file)."""
    status: FileStatus
    old_path: str | None = None
    """The file's name at BASE when it was renamed."""
    base: Summary | None = None
    head: Summary | None = None
    errors: list[str] = field(default_factory=list)
    """`BASE: file does not load: 12:3: ...`: why the domain diff was skipped."""
    changes: list[Change] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    totals: list[TotalsRow] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    resolved_findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether anything a reviewer should see changed (comments and layout do not count)."""
        return bool(
            self.status != "modified"
            or self.errors
            or self.changes
            or self.new_findings
            or self.resolved_findings
        )


@dataclass(frozen=True)
class Side:
    """One end of the comparison: a commit, or the working tree (commit None)."""

    label: str
    commit: str | None

    @property
    def short(self) -> str:
        return self.commit[:10] if self.commit else "working tree"


@dataclass
class DiffReport:
    base: Side
    head: Side
    files: list[FileDiff]
    as_of: str
    audience: Audience = "public"
    """Who the diff was made for: for the public, both versions as the public sees them."""

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)
