"""Inline suppressions: `# dwcp: ignore[DW405] -- reason` on a line or the line above it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dwcp.findings import Finding
from dwcp.rules import BY_CODE
from dwcp.rules.portfolio import PortfolioRule

_COMMENT = re.compile(
    r"#\s*dwcp:\s*ignore\[(?P<codes>[^\]]*)\](?:\s*--\s*(?P<reason>.*\S))?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    line: int
    """The line the comment is on (1-based)."""
    column: int
    codes: tuple[str, ...]
    reason: str
    covers: tuple[int, ...]
    """Lines whose findings it silences: its own, and the next one for a comment line."""


def parse_suppressions(text: str) -> list[Suppression]:
    if "dwcp:" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = tuple(c.strip().upper() for c in match["codes"].split(",") if c.strip())
        own_line = line[: match.start()].strip() == ""
        covers = (number, number + 1) if own_line else (number,)
        found.append(Suppression(number, match.start() + 1, codes, match["reason"] or "", covers))
    return found


def apply_suppressions(
    findings: list[Finding], suppressions: list[Suppression]
) -> tuple[list[Finding], set[int]]:
    """Drop the findings a suppression with a reason covers: (kept, indexes of those used)."""
    if not suppressions:
        return findings, set()
    kept: list[Finding] = []
    used: set[int] = set()
    active = [(i, s) for i, s in enumerate(suppressions) if s.reason]
    for finding in findings:
        match = next(
            (i for i, s in active if finding.line in s.covers and finding.code in s.codes), None
        )
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
    return kept, used


def suppression_problems(
    suppressions: list[Suppression], used: set[int], enabled: frozenset[str]
) -> Iterator[tuple[str, Suppression, str, str]]:
    """(code, suppression, message, hint) for comments without a reason or that match nothing."""
    for index, suppression in enumerate(suppressions):
        codes = ", ".join(suppression.codes)
        if not suppression.reason:
            if "DW091" in enabled:
                yield (
                    "DW091",
                    suppression,
                    f"suppression of {codes} gives no reason, so it is not applied",
                    "add ` -- ` and the reason after the bracket",
                )
        elif (
            index not in used
            and "DW090" in enabled
            # A suppression of a rule switched off in this run may be needed in another.
            and not any(c in BY_CODE and c not in enabled for c in suppression.codes)
        ):
            yield ("DW090", suppression, *_unused_reason(suppression))


def _unused_reason(suppression: Suppression) -> tuple[str, str]:
    unknown = [c for c in suppression.codes if c not in BY_CODE]
    if unknown:
        return f"suppression names unknown rule code {', '.join(unknown)}", "correct the code"
    portfolio = [c for c in suppression.codes if isinstance(BY_CODE[c], PortfolioRule)]
    if portfolio:
        return (
            f"portfolio rule {', '.join(portfolio)} compares files and cannot be suppressed inline",
            "use [tool.dwcp.per-file-ignores] instead",
        )
    where = "this line or the next" if len(suppression.covers) > 1 else "this line"
    codes = ", ".join(suppression.codes)
    return f"suppression of {codes} matches no finding on {where}", "remove the comment"
