"""Cross-file rules: checks that need every programme of the portfolio at once.

They read small per-file summaries (facts) rather than models, so a cached file need not be
loaded again for them to run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Rule
from dwcp.source.positions import Mark

S = Step.PORTFOLIO


@dataclass(frozen=True, slots=True)
class Located:
    ident: str
    line: int
    column: int
    path: str


@dataclass(frozen=True, slots=True)
class FileFacts:
    file: str
    country: str
    start: int
    end: int
    status: str
    line: int
    column: int
    outcomes: tuple[Located, ...] = ()
    extended_to: int | None = None

    @property
    def runs_to(self) -> int:
        """The last year the programme runs, its extension included."""
        return self.end if self.extended_to is None else self.extended_to

    def period(self) -> str:
        agreed = f"{self.start}-{self.end}"
        return agreed if self.extended_to is None else f"{agreed}, extended to {self.extended_to}"


@dataclass(frozen=True, slots=True)
class PortfolioViolation:
    file: str
    mark: Mark
    path: str
    message: str
    hint: str = ""


PortfolioCheck = Callable[[list[FileFacts]], Iterable[PortfolioViolation]]


@dataclass(frozen=True)
class PortfolioRule(Rule):
    portfolio_check: PortfolioCheck | None = None


def _portfolio_rule(
    code: str, name: str, severity: Severity, summary: str
) -> Callable[[PortfolioCheck], PortfolioRule]:
    def wrap(check: PortfolioCheck) -> PortfolioRule:
        return PortfolioRule(code, name, severity, S, summary, portfolio_check=check)

    return wrap


@_portfolio_rule("DW901", "duplicate-outcome-code", Severity.ERROR, "Outcome code used twice.")
def duplicate_outcome_code(files: list[FileFacts]) -> Iterator[PortfolioViolation]:
    first: dict[str, tuple[str, Located]] = {}
    for facts in files:
        for outcome in facts.outcomes:
            seen = first.get(outcome.ident)
            if seen is None:
                first[outcome.ident] = (facts.file, outcome)
            elif seen[0] != facts.file:
                yield PortfolioViolation(
                    facts.file,
                    Mark(outcome.line, outcome.column),
                    outcome.path,
                    f"outcome code {outcome.ident} is also used in {seen[0]} (line {seen[1].line})",
                    "outcome codes are unique across the portfolio; take the next free code",
                )


@_portfolio_rule(
    "DW902", "overlapping-programmes", Severity.WARNING, "Two programmes overlap in one country."
)
def overlapping_programmes(files: list[FileFacts]) -> Iterator[PortfolioViolation]:
    ordered = sorted(files, key=lambda f: (f.country, f.start, f.file))
    for index, later in enumerate(ordered):
        for earlier in ordered[:index]:
            # Sharing the boundary year is a normal hand-over between programmes.
            if earlier.country != later.country or later.start >= earlier.runs_to:
                continue
            yield PortfolioViolation(
                later.file,
                Mark(later.line, later.column),
                "period",
                f"{later.country} {later.period()} overlaps {earlier.file} ({earlier.period()})",
                "a country has one programme at a time; adjust the periods or close one",
            )
            break
