"""The rule contract: metadata, the context a rule reads, and what it reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, get_args

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import Catalogue
from dwcp.lint.findings import Severity, Step
from dwcp.model import Programme
from dwcp.model.country_context import Project, UnFramework, UnOutcome
from dwcp.model.record import DRAFT_STATUSES, SIGNED_STATUSES, Status
from dwcp.model.results_framework import (
    BudgetLine,
    Indicator,
    Outcome,
    Priority,
    Resource,
    UnLink,
)
from dwcp.source.positions import Loc
from dwcp.source.translations import TranslationFile

DOCS_DIR = Path(__file__).parent / "docs"
DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: where (a data path) and what, in one sentence."""

    loc: Loc
    message: str
    hint: str = ""


class Options(BaseModel):
    """Base for per-rule options, configured under [tool.dwcp.rules.CODE]."""

    model_config = ConfigDict(extra="forbid", frozen=True)


OptionsT = TypeVar("OptionsT", bound=Options)


@dataclass
class Context:
    """Everything a file rule may read. Rules never do I/O or mutate anything."""

    programme: Programme
    catalogue: Catalogue
    as_of: dt.date
    file_name: str
    options: dict[type[Options], Options] = field(default_factory=dict)
    translations: tuple[TranslationFile, ...] = ()
    """The programme's translation files (`<stem>.<lang>.yaml`), read by the linter."""

    def settings(self, kind: type[OptionsT]) -> OptionsT:
        configured = self.options.get(kind)
        return configured if isinstance(configured, kind) else kind()

    def priorities(self) -> Iterator[tuple[Loc, Priority]]:
        for i, priority in enumerate(self.programme.priorities):
            yield ("priorities", i), priority

    def outcomes(self) -> Iterator[tuple[Loc, Outcome]]:
        for loc, priority in self.priorities():
            for j, outcome in enumerate(priority.outcomes):
                yield (*loc, "outcomes", j), outcome

    def indicators(self) -> Iterator[tuple[Loc, Outcome, Indicator]]:
        for loc, outcome in self.outcomes():
            for k, indicator in enumerate(outcome.indicators):
                yield (*loc, "indicators", k), outcome, indicator

    def money_lines(self) -> Iterator[tuple[Loc, Outcome, BudgetLine | Resource]]:
        """Every budget requirement and resource line, under its outcome."""
        for loc, outcome in self.outcomes():
            for i, need in enumerate(outcome.budget_required):
                yield (*loc, "budget_required", i), outcome, need
            for i, line in enumerate(outcome.resources):
                yield (*loc, "resources", i), outcome, line

    def projects(self) -> Iterator[tuple[Loc, Project]]:
        for i, project in enumerate(self.programme.context.projects):
            yield ("context", "projects", i), project

    def un_frameworks(self) -> Iterator[tuple[Loc, UnFramework]]:
        for i, framework in enumerate(self.programme.context.un_frameworks):
            yield ("context", "un_frameworks", i), framework

    def un_outcomes(self) -> Iterator[tuple[Loc, UnFramework, UnOutcome]]:
        """Every outcome of every UN framework listed, with its framework."""
        for loc, framework in self.un_frameworks():
            for j, outcome in enumerate(framework.outcomes):
                yield (*loc, "outcomes", j), framework, outcome

    def un_links(self) -> Iterator[tuple[Loc, str, UnLink]]:
        """Every link to a UN outcome, from priorities and outcomes, with who makes it."""
        for loc, priority in self.priorities():
            for i, link in enumerate(priority.un_outcomes):
                yield (*loc, "un_outcomes", i), f"priority {priority.id}", link
        for loc, outcome in self.outcomes():
            for i, link in enumerate(outcome.un_outcomes):
                yield (*loc, "un_outcomes", i), f"outcome {outcome.id}", link

    def outcome_ids(self) -> set[str]:
        return {outcome.id for _, outcome in self.outcomes()}

    @property
    def is_signed(self) -> bool:
        return self.programme.status in SIGNED_STATUSES


Check = Callable[[Context], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    step: Step
    summary: str
    check: Check | None = None
    options: type[Options] | None = None
    fixed: bool = False
    """File-level rules (syntax, schema) cannot be ignored: without them nothing else runs."""
    before_validated: Severity | None = None
    """The severity while the programme is drafted with the constituents (DRAFT_STATUSES),
    when it differs: an unfinished results chain is expected then, not yet a fault."""

    def severity_at(self, status: str | None) -> Severity:
        """The rule's own severity for a programme at this status (None: not known)."""
        if self.before_validated is not None and status in DRAFT_STATUSES:
            return self.before_validated
        return self.severity

    def severity_by_status(self) -> dict[str, Severity]:
        """The severity at each programme status, in lifecycle order."""
        return {status: self.severity_at(status) for status in get_args(Status)}

    @property
    def doc_path(self) -> Path:
        return DOCS_DIR / f"{self.code}.md"

    def docs(self) -> str:
        return self.doc_path.read_text(encoding="utf-8") if self.doc_path.is_file() else ""


def rule(
    code: str,
    name: str,
    severity: Severity,
    step: Step,
    summary: str,
    options: type[Options] | None = None,
    *,
    before_validated: Severity | None = None,
) -> Callable[[Check], Rule]:
    """Declare a file rule: `@rule("DW405", "outcome-without-indicator", ...)`; give
    `before_validated=Severity.WARNING` for a rule that only warns on drafts."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code, name, severity, step, summary, check, options, before_validated=before_validated
        )

    return wrap
