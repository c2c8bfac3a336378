"""Inline suppressions: `# dwcp: ignore[DW405] -- reason` on a line or the line above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
