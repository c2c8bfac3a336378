"""P&B codes in reading order, written once for every list, table and document that shows them.

Codes are compared part by part, each part by its number and then its letters, so outcome 2
comes before 11, 1a before 1b, and 1.2 before 1.10; lettered parts with no number (the
enabling outcomes A, B, C) follow the numbered ones.
"""

from __future__ import annotations

import re

from dwcp.model.common import Biennium
from dwcp.model.results_framework import PbReference

_PART = re.compile(r"([0-9]*)(.*)")

CodeKey = tuple[tuple[int, int, str], ...]


def code_key(code: str) -> CodeKey:
    """`"11"` -> ((0, 11, ""),); `"1a.2"` -> ((0, 1, "a"), (0, 2, "")); `"A"` -> ((1, 0, "a"),)."""
    key: list[tuple[int, int, str]] = []
    for part in code.split("."):
        match = _PART.fullmatch(part)
        digits, rest = match.groups() if match else ("", part)
        key.append((0, int(digits), rest.lower()) if digits else (1, 0, rest.lower()))
    return tuple(key)


def reference_key(ref: PbReference) -> tuple[int, CodeKey, CodeKey, CodeKey]:
    """Biennium first, then outcome, output and indicator; a bare outcome before its outputs."""
    return (
        _biennium_order(ref.biennium),
        code_key(ref.outcome),
        code_key(ref.output) if ref.output else (),
        code_key(ref.indicator) if ref.indicator else (),
    )


def reference_label(ref: PbReference) -> str:
    """`outcome 1`, `outcome 1, output 1.2`, `outcome 1, output 1.2, indicator 1.2.1`."""
    parts = [f"outcome {ref.outcome}"]
    parts += [f"output {ref.output}"] if ref.output else []
    parts += [f"indicator {ref.indicator}"] if ref.indicator else []
    return ", ".join(parts)


def sorted_references(refs: list[PbReference]) -> list[PbReference]:
    return sorted(refs, key=reference_key)


def _biennium_order(text: str) -> int:
    # The model only admits valid bienniums, so parsing cannot fail here.
    return Biennium.parse(text).first
