"""Source positions for loaded YAML, and readable paths such as `priorities[1].outcomes[0]`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from dwcp.model.country_context import LEGACY_UN_FRAMEWORK

Key = str | int
Loc = tuple[Key, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


START = Mark(1, 1)


class SourceMark(Protocol):
    """A parser mark: 0-based line and column."""

    line: int
    column: int


# Per container (keyed by id()), the parser mark of each mapping key or sequence item.
MarkTable = dict[int, dict[object, SourceMark] | list[SourceMark]]


def locate(
    data: object, marks: MarkTable, loc: Sequence[object], root: Mark = START
) -> tuple[Mark, Loc]:
    """Return the position of the deepest segment of `loc` found in `data`, and that path.

    Segments that are not keys or indexes of the data (pydantic adds union tags and
    type names to its locations) are skipped. A missing last key (a required field
    that is absent) stays in the path while the mark stays on its parent.
    """
    loc = _as_written(data, loc)
    mark, node = root, data
    kept: list[Key] = []
    for index, segment in enumerate(loc):
        table = marks.get(id(node))
        found = False
        if isinstance(node, dict) and isinstance(table, dict) and _hashable(segment):
            found = segment in node and segment in table
            if found:
                mark, node = _one_based(table[segment]), node[segment]
        elif isinstance(node, list) and isinstance(table, list) and isinstance(segment, int):
            found = 0 <= segment < len(node)
            if found:
                mark, node = _one_based(table[segment]), node[segment]
        if (found or index == len(loc) - 1) and isinstance(segment, str | int):
            kept.append(segment)
    return mark, tuple(kept)


def _as_written(data: object, loc: Sequence[object]) -> Sequence[object]:
    """A model path in the form the file writes it.

    Older files give their one UN framework as `context.un_framework`, which the model
    holds as `context.un_frameworks[0]`.
    """
    if tuple(loc[:2]) != ("context", "un_frameworks") or tuple(loc[2:3]) not in ((), (0,)):
        return loc
    context = child(data, "context")
    if child(context, LEGACY_UN_FRAMEWORK) is _MISSING or child(context, loc[1]) is not _MISSING:
        return loc
    return ("context", LEGACY_UN_FRAMEWORK, *loc[3:])


def _one_based(mark: SourceMark) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


_MISSING = object()


def child(node: object, segment: object) -> object:
    """`node[segment]` for a dict key or list index that exists, else a sentinel."""
    if isinstance(node, dict) and _hashable(segment):
        return node.get(segment, _MISSING)
    if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
        return node[segment]
    return _MISSING


def value_at(data: object, loc: Sequence[object]) -> tuple[bool, object]:
    """Follow `loc` through plain data; (False, None) when a segment is missing."""
    node = data
    for segment in loc:
        node = child(node, segment)
        if node is _MISSING:
            return False, None
    return True, node


def _hashable(value: object) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def format_path(loc: Sequence[object]) -> str:
    """`("priorities", 1, "outcomes", 0)` -> `priorities[1].outcomes[0]`."""
    parts: list[str] = []
    for segment in loc:
        if isinstance(segment, int) and not isinstance(segment, bool):
            parts.append(f"[{segment}]")
        elif parts:
            parts.append(f".{segment}")
        else:
            parts.append(str(segment))
    return "".join(parts)
