"""Inline suppressions: `# dwcp: ignore[DW405] -- reason` on a line or the line above it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from _ruamel_yaml import CParser
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import ScalarToken, StreamEndToken

from dwcp.lint.findings import Finding
from dwcp.lint.rules import BY_CODE
from dwcp.lint.rules.portfolio import PortfolioRule

# Codes stop at a `#`, so a head holds one `#` and a line of them is scanned in linear time;
# the reason, which runs to the end of the line, is read only for the head that is a comment.
_HEAD = re.compile(r"#\s*dwcp:\s*ignore\[(?P<codes>[^\]#]*)\]", re.IGNORECASE)
_REASON = re.compile(r"\s*--\s*(?P<reason>.*\S)")
_MARKER = re.compile(r"#\s*dwcp:", re.IGNORECASE)
# The line breaks of YAML (libyaml): a block scalar's header line ends at the first of them.
_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# (line number, offset of the line in the text, line, heads on it)
_Line = tuple[int, int, str, list[re.Match[str]]]


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
    """The suppression comments in a YAML text; a marker inside a value is text, not a comment."""
    if _MARKER.search(text) is None:
        return []
    lines = _lines_with_heads(text)
    positions = sorted(offset + head.start() for _, offset, _, heads in lines for head in heads)
    in_tokens = _inside_tokens(text, positions)
    found: list[Suppression] = []
    for number, offset, line, heads in lines:
        head = next((h for h in heads if offset + h.start() not in in_tokens), None)
        if head is not None:
            found.append(_suppression(number, line, head))
    return found


def _lines_with_heads(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    # splitlines breaks where libyaml does, for every character libyaml accepts.
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        heads = list(_HEAD.finditer(line))
        if heads:
            lines.append((number, offset, line, heads))
        offset += len(line)
    return lines


def _suppression(number: int, line: str, head: re.Match[str]) -> Suppression:
    codes = tuple(c.strip().upper() for c in head["codes"].split(",") if c.strip())
    reason = _REASON.match(line, head.end())
    own_line = line[: head.start()].strip() == ""
    covers = (number, number + 1) if own_line else (number,)
    return Suppression(number, head.start() + 1, codes, reason["reason"] if reason else "", covers)


def _inside_tokens(text: str, positions: list[int]) -> set[int]:
    """The positions (sorted character offsets) that lie inside a scalar, anchor, tag or other
    YAML token rather than in a comment. Scanned only as far as the last position."""
    inside: set[int] = set()
    if not positions:
        return inside
    scanner = CParser(text)
    reached = 0  # how far the scanned tokens reach
    try:
        while reached <= positions[-1]:
            token = scanner.get_token()
            if token is None or isinstance(token, StreamEndToken):
                break
            start, end = token.start_mark.index, token.end_mark.index
            if isinstance(token, ScalarToken) and token.style in ("|", ">"):
                # The header line of a block scalar may end in a real comment.
                header_end = _BREAK.search(text, start)
                start = end if header_end is None else header_end.start()
            inside.update(positions[bisect_left(positions, start) : bisect_left(positions, end)])
            reached = max(reached, end)
    except YAMLError:
        # Cannot happen for text that loaded; if it does, what was not scanned is not trusted.
        inside.update(positions[bisect_left(positions, reached) :])
    finally:
        scanner.dispose()
    return inside


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
