"""Findings: what the linter reports, and the enumerations that classify them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Step(StrEnum):
    """Where a finding belongs in the six-step DWCP methodology (plus the file itself)."""

    FILE = "file"
    IDENTITY = "identity"
    CONTEXT = "1-context"
    PRIORITIES = "2-priorities"
    OUTCOMES = "3-outcomes"
    PLANNING = "4-planning"
    MANAGEMENT = "5-management"
    MONITORING = "6-monitoring"
    SIGNOFF = "sign-off"
    PORTFOLIO = "portfolio"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file. Line and column are 1-based."""

    file: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    step: Step
    message: str
    path: str = ""
    hint: str = ""

    @property
    def identity(self) -> tuple[str, str, str]:
        """What stays the same when lines move: file, code and YAML path (baselines, diffs)."""
        return (self.file, self.code, self.path)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "step": self.step.value,
            "message": self.message,
            "path": self.path,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str | int]) -> Finding:
        return cls(
            file=str(data["file"]),
            line=int(data["line"]),
            column=int(data["column"]),
            code=str(data["code"]),
            name=str(data["name"]),
            severity=Severity(str(data["severity"])),
            step=Step(str(data["step"])),
            message=str(data["message"]),
            path=str(data["path"]),
            hint=str(data.get("hint", "")),
        )
