"""Assemble plain Python data from libyaml parser events, recording where each item starts.

One tight loop, no recursion: nesting depth is checked as containers open, aliases are
sized as they are used (so an alias bomb is refused long before it expands), and tags are
refused outright. Key and item positions are kept as the parser's own 0-based marks and
only turned into 1-based `Mark`s when a finding needs one.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml import events

from dwcp.source.positions import Mark, MarkTable

MAX_DEPTH = 100
# Aliases may repeat content, but never blow it up: beyond this many expanded items the
# file is treated as an alias bomb ("billion laughs").
ALIAS_BUDGET_BASE = 10_000
ALIAS_BUDGET_FACTOR = 4


class AssemblyError(Exception):
    """A structural problem found while assembling: code, message, 1-based mark, hint."""

    def __init__(self, code: str, message: str, mark: Mark, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


# Plain-scalar resolution following the YAML 1.2 core schema, as ruamel.yaml does by
# default (so `yes`, `no` and `on` stay text).
_INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@lru_cache(maxsize=8192)
def resolve_plain(value: str) -> object:
    """Turn an unquoted scalar into None, bool, int, float, date or str."""
    first = value[:1]
    if first and (first.isdigit() or first in "-+."):
        if _INT.match(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.match(value):
            return float(value)
        special = _SPECIAL_FLOAT.get(value.lower())
        if special is not None:
            return special
        date = _DATE.match(value)
        if date:
            try:
                return dt.date(int(date[1]), int(date[2]), int(date[3]))
            except ValueError:
                return value
        return value
    if value in _NULLS:
        return None
    flag = _BOOLS.get(value)
    return value if flag is None else flag


_SCALAR = events.ScalarEvent
_MAP_START = events.MappingStartEvent
_SEQ_START = events.SequenceStartEvent
_MAP_END = events.MappingEndEvent
_SEQ_END = events.SequenceEndEvent
_ALIAS = events.AliasEvent
_DOC_START = events.DocumentStartEvent
_STREAM_END = events.StreamEndEvent
_NO_KEY = object()

# A frame is a list for speed: [container, is_map, pending key, key mark, marks, size, anchor].
_CONTAINER, _IS_MAP, _KEY, _KEY_MARK, _MARKS, _SIZE, _ANCHOR = range(7)


def assemble(text: str) -> tuple[object, MarkTable, int]:
    """Parse `text`: (root value, marks by container id, number of documents).

    Raises AssemblyError for structural problems and ruamel's YAMLError for syntax.
    """
    parser = CParser(text)
    try:
        return _run(parser)
    finally:
        parser.dispose()


def _run(parser: Any) -> tuple[object, MarkTable, int]:  # noqa: C901 - one hot loop, inlined for speed
    get_event = parser.get_event
    resolve = resolve_plain
    marks: MarkTable = {}
    anchors: dict[str, tuple[object, int]] = {}
    stack: list[list[Any]] = []
    root: object = None
    documents = nodes = expanded = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is _SCALAR:
            if event.ctag is not None:
                raise _tag_error(event)
            value: object = event.value if event.style else resolve(event.value)
            size = 1
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif kind is _MAP_START or kind is _SEQ_START:
            if event.ctag is not None:
                raise _tag_error(event)
            if len(stack) >= MAX_DEPTH:
                raise _error(
                    "DW006",
                    f"YAML nesting is deeper than {MAX_DEPTH} levels",
                    event,
                    "a programme needs about ten levels; flatten the structure",
                )
            is_map = kind is _MAP_START
            value = {} if is_map else []
            table: dict[object, Any] | list[Any] = {} if is_map else []
            marks[id(value)] = table
            frame = [value, is_map, _NO_KEY, None, table, 1, event.anchor]
            size = 0
        elif kind is _MAP_END or kind is _SEQ_END:
            done = stack.pop()
            if stack:
                stack[-1][_SIZE] += done[_SIZE]
            if done[_ANCHOR] is not None:
                # Registered only once complete, so an alias never points into itself.
                anchors[done[_ANCHOR]] = (done[_CONTAINER], done[_SIZE])
            continue
        elif kind is _ALIAS:
            if event.anchor not in anchors:
                raise _error(
                    "DW001",
                    f"YAML syntax error: alias `*{event.anchor}` refers to no complete anchor "
                    f"`&{event.anchor}` before it",
                    event,
                    "define the anchor before using it, or write the value out",
                )
            value, size = anchors[event.anchor]
            expanded += size
            if expanded > ALIAS_BUDGET_BASE + ALIAS_BUDGET_FACTOR * nodes:
                raise _error(
                    "DW004",
                    "YAML aliases expand to far more content than the file holds (an alias bomb)",
                    event,
                    "write the repeated values out instead of nesting aliases",
                )
        elif kind is _DOC_START:
            documents += 1
            if documents > 1:
                raise _error(
                    "DW005",
                    "file holds more than one YAML document (a second `---`)",
                    event,
                    "keep one programme per file; move the second document to its own file",
                )
            continue
        elif kind is _STREAM_END:
            return root, marks, documents
        else:
            continue
        nodes += 1
        if stack:
            top = stack[-1]
            top[_SIZE] += size
            if not top[_IS_MAP]:
                top[_CONTAINER].append(value)
                top[_MARKS].append(event.start_mark)
            elif top[_KEY] is _NO_KEY:
                if isinstance(value, dict | list):
                    raise _error(
                        "DW001",
                        "YAML syntax error: a mapping or list is used as a key",
                        event,
                        "keys must be plain words such as `title`",
                    )
                top[_KEY] = value
                top[_KEY_MARK] = event.start_mark
            else:
                key = top[_KEY]
                if key in top[_CONTAINER]:
                    first = top[_MARKS][key]
                    raise AssemblyError(
                        "DW002",
                        f"key `{key}` appears twice in the same mapping "
                        f"(first on line {first.line + 1})",
                        Mark(top[_KEY_MARK].line + 1, top[_KEY_MARK].column + 1),
                        "remove or rename one of them",
                    )
                top[_CONTAINER][key] = value
                top[_MARKS][key] = top[_KEY_MARK]
                top[_KEY] = _NO_KEY
        else:
            root = value
        if kind is _MAP_START or kind is _SEQ_START:
            stack.append(frame)


def _error(code: str, message: str, event: events.Event, hint: str) -> AssemblyError:
    mark = event.start_mark
    return AssemblyError(code, message, Mark(mark.line + 1, mark.column + 1), hint)


def _tag_error(event: Any) -> AssemblyError:
    tag = str(event.ctag)
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag
    return _error(
        "DW003",
        f"YAML tag `{shown}` is not allowed in programme files",
        event,
        "remove the tag; write plain values and let the schema give them their type",
    )
