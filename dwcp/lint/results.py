"""What linting produces: per-file results (cacheable as JSON) and the run's result."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, TypeAdapter

from dwcp.lint.findings import Finding, Severity, Step
from dwcp.lint.rules.portfolio import FileFacts, Located
from dwcp.model import Programme
from dwcp.source.loader import Document
from dwcp.source.positions import format_path, locate


@dataclass
class FileResult:
    findings: list[Finding]
    facts: FileFacts | None = None


@dataclass
class LintResult:
    findings: list[Finding]
    files: list[str]
    as_of: dt.date
    from_cache: int = 0
    facts: list[FileFacts] = field(default_factory=list)
    """Cross-file facts of every valid file linted (for --changed-since)."""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def reaches(self, threshold: Severity) -> bool:
        return any(f.severity.rank >= threshold.rank for f in self.findings)


def facts_of(name: str, document: Document, programme: Programme) -> FileFacts:
    outcomes = []
    for i, priority in enumerate(programme.priorities):
        for j, outcome in enumerate(priority.outcomes):
            loc = ("priorities", i, "outcomes", j, "id")
            mark, _ = locate(document.data, document.marks, loc)
            outcomes.append(Located(outcome.id, mark.line, mark.column, format_path(loc)))
    mark, _ = locate(document.data, document.marks, ("period",))
    return FileFacts(
        file=name,
        country=programme.country,
        start=programme.period.start,
        end=programme.period.end,
        status=programme.status,
        line=mark.line,
        column=mark.column,
        outcomes=tuple(outcomes),
        extended_to=programme.period.extended_to,
    )


def to_json(result: FileResult) -> dict[str, object]:
    facts = None
    if result.facts is not None:
        facts = asdict(result.facts)
    return {"findings": [f.to_dict() for f in result.findings], "facts": facts}


def from_json(data: dict[str, object]) -> FileResult:
    findings = [Finding.from_dict(item) for item in data["findings"]]  # type: ignore[attr-defined]
    raw = data.get("facts")
    facts = None
    if isinstance(raw, dict):
        fields = {k: v for k, v in raw.items() if k != "outcomes"}
        outcomes = tuple(Located(**item) for item in raw.get("outcomes", []))
        facts = FileFacts(**fields, outcomes=outcomes)
    return FileResult(findings, facts)


# The strict shape of `to_json`'s output, which the lint cache checks every stored entry
# against: an entry of any other shape is damage, and the whole cache file a miss.
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Finding(_Strict):
    file: str
    line: int
    column: int
    code: str
    name: str
    severity: Annotated[str, AfterValidator(Severity)]
    step: Annotated[str, AfterValidator(Step)]
    message: str
    path: str
    hint: str


class _Located(_Strict):
    ident: str
    line: int
    column: int
    path: str


class _Facts(_Strict):
    file: str
    country: str
    start: int
    end: int
    status: str
    line: int
    column: int
    outcomes: list[_Located]
    extended_to: int | None = None


class LintEntry(_Strict):
    """One file's lint result as `to_json` writes it."""

    findings: list[_Finding]
    facts: _Facts | None


LINT_SHAPE: TypeAdapter[Any] = TypeAdapter(LintEntry)
