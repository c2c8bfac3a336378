"""A programme file as a tree of nodes read from libyaml's event stream, with the source
text of every scalar, for the fast formatter.

Only what the fast formatter can write back exactly as the round-trip engine would is
read; anything else (anchors, aliases, multi-line flow collections or quoted text, escapes,
lists nested straight in lists) raises Declined, and the round-trip engine takes the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml import events

from dwcp.source.assemble import MAX_DEPTH, resolve_plain


class Declined(Exception):
    """The fast formatter cannot be sure to write this file as the round-trip engine does."""


@dataclass(slots=True)
class Scalar:
    line: int
    column: int
    end_line: int
    end_column: int
    style: str
    """'' plain, `'`, `"`, `|` or `>`."""
    value: str
    text: str = ""
    """What is written for it (the source text, or ruamel's spelling of a plain value)."""


class MapNode(dict[Any, "Node"]):
    """A mapping: keys (as loaded) to value nodes, in source order; a Mapping, so the comment
    placement treats it as one."""

    __slots__ = ("column", "end_column", "end_line", "flow", "keys_at", "line")

    def __init__(self, line: int, column: int, flow: bool) -> None:
        super().__init__()
        self.line, self.column, self.flow = line, column, flow
        self.end_line = self.end_column = 0
        self.keys_at: dict[Any, Scalar] = {}


@dataclass(eq=False, slots=True)
class SeqNode:
    line: int
    column: int
    flow: bool
    items: list[Node] = field(default_factory=list)
    dashes: list[tuple[int, int]] = field(default_factory=list)
    end_line: int = 0
    end_column: int = 0


Node = Scalar | MapNode | SeqNode


# Characters ruamel writes as they are in any scalar style (with allow_unicode).
_SAFE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffd]*"
)
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_LONGEST_KEY = 120  # ruamel writes longer keys as `? key`


def read_tree(text: str, lines: list[str]) -> MapNode:
    """The root mapping of `text`, which `dwcp.source.loader.parse` accepted already."""
    parser = CParser(text)
    try:
        return _build(parser, lines)
    finally:
        parser.dispose()


_SCALAR = events.ScalarEvent
_MAP_START = events.MappingStartEvent
_SEQ_START = events.SequenceStartEvent
_ENDS = (events.MappingEndEvent, events.SequenceEndEvent)
_STARTS = (_SCALAR, _MAP_START, _SEQ_START)


def _build(parser: Any, lines: list[str]) -> MapNode:  # noqa: C901 - one event loop
    get_event = parser.get_event
    stack: list[MapNode | SeqNode] = []
    pending: list[Scalar | None] = []
    root: MapNode | None = None
    dates: dict[str, Scalar] = {}
    while True:
        event = get_event()
        kind = type(event)
        if kind in _ENDS:
            done = stack.pop()
            pending.pop()
            end = event.end_mark
            done.end_line, done.end_column = end.line, end.column
            if done.flow and done.line != end.line:
                raise Declined("a flow collection over several lines")
            continue
        if kind not in _STARTS:
            if kind is events.StreamEndEvent:
                break
            if kind is events.DocumentStartEvent and root is not None:
                raise Declined("a second document")
            if kind is not events.AliasEvent:
                if kind is events.DocumentEndEvent and event.explicit:
                    raise Declined("document end marker")
                continue
            if event.anchor not in dates or (not stack[-1].flow and isinstance(stack[-1], SeqNode)):
                raise Declined("an alias of anything but a date, or as a list item")
            _add(stack[-1], pending, dates[event.anchor], lines)
            continue
        if event.ctag is not None or len(stack) >= MAX_DEPTH:
            raise Declined("a tag or deep nesting")  # refused by the loader, with its message
        if kind is _SCALAR:
            scalar = _scalar(event, lines, bool(stack) and stack[-1].flow)
            node: Node = scalar
            if event.anchor is not None:
                # ruamel renames an anchored date (and writes it as `&id001`), as it does
                # any value the data shares; other anchors keep their name: declined.
                if event.style or not isinstance(resolve_plain(event.value), dt.date):
                    raise Declined("an anchor on anything but a date")
                scalar.text = (
                    scalar.text.split(" ", 1)[-1] if scalar.text[:1] == "&" else scalar.text
                )
                dates[event.anchor] = scalar
        elif event.anchor is not None:
            raise Declined("an anchor on a collection")
        else:
            start = event.start_mark
            flow = bool(event.flow_style)
            if kind is _MAP_START:
                node = MapNode(start.line, start.column, flow)
            else:
                node = SeqNode(start.line, start.column, flow)
        if not stack:
            if not isinstance(node, MapNode):
                raise Declined("the top level is not a mapping")
            root = node
        else:
            _add(stack[-1], pending, node, lines)
        if kind is not _SCALAR:
            stack.append(node)  # type: ignore[arg-type]
            pending.append(None)
    if root is None:
        raise Declined("no document")
    return root


def to_data(node: Node) -> object:
    """The plain data of a node, as `dwcp.source.loader.parse` loads it."""
    if isinstance(node, Scalar):
        return resolve_plain(node.value) if node.style == "" else node.value
    if isinstance(node, MapNode):
        return {key: to_data(value) for key, value in node.items()}
    return [to_data(item) for item in node.items]


def _add(
    top: MapNode | SeqNode, pending: list[Scalar | None], node: Node, lines: list[str]
) -> None:
    if isinstance(top, SeqNode):
        if not top.flow:
            if isinstance(node, SeqNode) and not node.flow:
                raise Declined("a list nested straight in a list")
            top.dashes.append(_dash(lines, node))
        top.items.append(node)
        return
    key = pending[-1]
    if key is None:
        if not isinstance(node, Scalar) or node.style in ("|", ">"):
            raise Declined("a complex key")
        if node.line != node.end_line or len(node.text) > _LONGEST_KEY or node.value == "<<":
            raise Declined("a long or merge key")
        if node.style == "" and not isinstance(resolve_plain(node.value), str):
            raise Declined("a key that is not text")
        pending[-1] = node
        return
    loaded = resolve_plain(key.value) if key.style == "" else key.value
    if loaded in top:
        raise Declined("a key written twice")  # refused by the loader, with its message
    top[loaded] = node
    top.keys_at[loaded] = key
    pending[-1] = None


def _dash(lines: list[str], node: Node) -> tuple[int, int]:
    """Where the `-` of a block list item stands: on the item's own line, before it."""
    line = lines[node.line]
    before = line[: node.column].rstrip(" ")
    if not before.endswith("-") or (before[:-1] and before[-2] not in " -"):
        raise Declined("a list item whose dash is on another line")
    return node.line, len(before) - 1


def _scalar(event: Any, lines: list[str], in_flow: bool) -> Scalar:
    start, end = event.start_mark, event.end_mark
    style = event.style or ""
    node = Scalar(start.line, start.column, end.line, end.column, style, event.value)
    if style in ("|", ">"):
        if not _SAFE.fullmatch(event.value.replace("\n", "")):
            raise Declined("a block scalar with special characters")
        # What follows the indicators (`|2-`) is kept as written: spaces and a comment.
        header = lines[start.line][start.column + 1 :]
        node.text = header[len(header) - len(header.lstrip("0123456789+-")) :]
        return node
    if start.line != end.line:
        return _joined(node, in_flow)
    source = lines[start.line][start.column : end.column]
    if style == '"':
        node.text = _double_quoted(event.value)
    elif not _SAFE.fullmatch(source):
        raise Declined("a scalar with special characters")
    else:
        node.text = source if style else _plain(source, in_flow)
    return node


_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
    "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip
_RAW = re.compile(
    '["\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)


def _double_quoted(value: str) -> str:
    """A double-quoted value as ruamel writes it: printable text as is, the rest escaped."""
    return '"' + _RAW.sub(_escape, value) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _ESCAPES:
        return "\\" + _ESCAPES[char]
    code = ord(char)
    return (
        f"\\x{code:02X}"
        if code <= 0xFF
        else f"\\u{code:04X}"
        if code <= 0xFFFF
        else f"\\U{code:08X}"
    )


def _joined(node: Scalar, in_flow: bool) -> Scalar:
    """A scalar written over several lines, which ruamel writes on one line."""
    value = node.value
    if "\n" in value or not value or value != value.strip(" "):
        raise Declined("a scalar over several lines that holds a line break")
    if node.style == '"':
        node.text = _double_quoted(value)
    elif not _SAFE.fullmatch(value):
        raise Declined("a scalar with special characters")
    elif node.style == "'":
        node.text = "'" + value.replace("'", "''") + "'"
    elif ": " in value or " #" in value or (in_flow and any(c in value for c in ",[]{}")):
        raise Declined("a plain scalar that ruamel would quote once on one line")
    else:
        node.text = value
    return node


def _plain(source: str, in_flow: bool) -> str:
    """How ruamel writes a plain value back: nulls empty, booleans in lower case."""
    value = resolve_plain(source)
    if value is None:
        return "null" if in_flow else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and (source[0] == "+" or (source[0] == "-" and value == 0)):
        raise Declined("an integer ruamel would respell")
    if isinstance(value, float) and not _PLAIN_FLOAT.fullmatch(source):
        raise Declined("a float ruamel may respell")
    return source
