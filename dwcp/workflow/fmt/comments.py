"""Where every comment of a programme file belongs, so it can travel with its key.

ruamel.yaml hangs a comment on whatever token precedes it, so the comment written above a
key is stored with the value before it and would stay behind when keys move. Here comments
are read from the source text instead (everything a libyaml token does not cover is either
blank or a comment) and given an owner by position:

- an end-of-line comment belongs to the innermost key or list item on its line;
- full-line comments and blank lines belong above the next key or item, unless they are
  indented deeper than that item and a nested block just ended: then they close that block;
- the lines above the first key of the file are its header and stay on top.

After the keys are reordered, `attach` writes these owners into ruamel's comment slots.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from _ruamel_yaml import CParser
from ruamel.yaml.comments import Comment, CommentedBase, CommentedMap, CommentedSeq, comment_attrib
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import (
    BlockEntryToken,
    CommentToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    ScalarToken,
    StreamEndToken,
)

# The characters libyaml counts as line breaks, so line numbers agree with its marks.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_WHOLE_LINE = 1 << 30
_HEADER = re.compile(r"[|>][0-9+-]*[ \t]+(?P<comment>#.*)")
_FLOW_OPEN = (FlowMappingStartToken, FlowSequenceStartToken)
_FLOW_CLOSE = (FlowMappingEndToken, FlowSequenceEndToken)

Container = CommentedMap | CommentedSeq


Kind = Literal["blank", "full", "end", "flow", "header"]


@dataclass(frozen=True, slots=True)
class Line:
    """One comment or blank line of the source (0-based line and column)."""

    number: int
    column: int
    text: str
    """The comment from its `#`, without trailing spaces; empty for a blank line."""
    kind: Kind
    """blank; full (a line of its own); end (after content); flow (inside a `{...}` or
    `[...]` spread over lines); header (after the `|` or `>` of a block scalar)."""


@dataclass(frozen=True, slots=True)
class Scan:
    lines: list[Line]
    dashes: list[tuple[int, int]]
    """Where each `- ` of a block list stands, in document order."""


def split_lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the text ends with a line break, not with an empty line
    return lines


def scan(text: str) -> Scan:
    """The comments and blank lines of `text`, which must be valid YAML."""
    lines = split_lines(text)
    covered: list[list[tuple[int, int]]] = [[] for _ in lines]
    flow_marks: list[tuple[int, int]] = []
    flow_depths: list[int] = []
    dashes: list[tuple[int, int]] = []
    headers: list[Line] = []
    depth = 0
    for token in _tokens(text):
        start, end = token.start_mark, token.end_mark
        if isinstance(token, BlockEntryToken):
            dashes.append((start.line, start.column))
        elif isinstance(token, (*_FLOW_OPEN, *_FLOW_CLOSE)):
            depth += 1 if isinstance(token, _FLOW_OPEN) else -1
            flow_marks.append((end.line, end.column))
            flow_depths.append(depth)
        end_line, end_column = end.line, end.column
        if isinstance(token, ScalarToken) and token.style in ("|", ">"):
            end_line, end_column = _block_scalar_end(lines, start, end_line, end_column)
            header = _header_comment(lines[start.line], start.line, start.column)
            if header is not None:
                headers.append(header)
        cover(covered, start.line, start.column, end_line, end_column)
    found: list[Line] = headers
    for number, line in enumerate(lines):
        item = _line_comment(number, line, covered[number])
        if item is None:
            continue
        at = bisect.bisect_right(flow_marks, (item.number, item.column)) - 1
        if at >= 0 and flow_depths[at] > 0:
            item = Line(item.number, item.column, item.text, "flow")
        found.append(item)
    found.sort(key=lambda line: (line.number, line.column))
    return Scan(found, dashes)


def _tokens(text: str) -> Iterator[Any]:
    parser = CParser(text)
    try:
        while True:
            token = parser.get_token()
            yield token
            if isinstance(token, StreamEndToken):
                return
    finally:
        parser.dispose()


def _header_comment(line: str, number: int, column: int) -> Line | None:
    """The comment after a block scalar's indicator, as in `text: |  # note`."""
    match = _HEADER.match(line, column)
    if match is None:
        return None
    return Line(number, match.start("comment"), match["comment"].rstrip(), "header")


def _block_scalar_end(
    lines: list[str], start: Any, end_line: int, end_column: int
) -> tuple[int, int]:
    """Where a `|` or `>` scalar's text ends: blank lines after it are layout, unless `+` keeps
    them as part of the value."""
    header = lines[start.line][start.column :].split(maxsplit=1)
    if header and "+" in header[0]:
        return end_line, end_column
    last = end_line if end_column > 0 else end_line - 1
    for number in range(min(last, len(lines) - 1), start.line, -1):
        if lines[number].strip(" \t"):
            return number, _WHOLE_LINE
    return start.line, _WHOLE_LINE


def cover(
    covered: list[list[tuple[int, int]]], line: int, column: int, end_line: int, end_column: int
) -> None:
    """Mark the source from (line, column) to (end_line, end_column) as taken by a token, so
    a `#` there is not a comment (both engines use it)."""
    if (line, column) >= (end_line, end_column) or line >= len(covered):
        return
    if line == end_line:
        covered[line].append((column, end_column))
        return
    covered[line].append((column, _WHOLE_LINE))
    for middle in range(line + 1, min(end_line, len(covered))):
        covered[middle].append((0, _WHOLE_LINE))
    if end_line < len(covered) and end_column > 0:
        covered[end_line].append((0, end_column))


def _line_comment(number: int, line: str, spans: list[tuple[int, int]]) -> Line | None:
    if not spans:
        rest = line.lstrip(" \t\ufeff")
        if not rest:
            return Line(number, 0, "", "blank")
        if rest.startswith("#"):
            return Line(number, len(line) - len(rest), rest.rstrip(), "full")
        return None
    position = 0
    for start, end in [*sorted(spans), (_WHOLE_LINE, _WHOLE_LINE)]:
        gap = line[position:start]
        rest = gap.lstrip(" \t")
        if rest:
            column = position + len(gap) - len(rest)
            if rest.startswith("#"):
                return Line(number, column, line[column:].rstrip(), "end")
            return None
        position = max(position, end)
    return None


@dataclass(eq=False, slots=True)
class Entry:
    """A key of a block mapping or an item of a block list, where it starts in the source."""

    container: object
    """A CommentedMap or CommentedSeq (or the fast formatter's own nodes)."""
    key: Any
    line: int
    column: int
    holders: tuple[int, ...]
    """ids of the containers around it, outermost first, its own container last."""


@dataclass(slots=True)
class Notes:
    head: list[Line] = field(default_factory=list)
    eol: Line | None = None
    column: int = 0
    """Where the key or item started in the source, to move the end-of-line comment with it."""


@dataclass(slots=True)
class Placement:
    """Every comment of a document, by owner."""

    header: list[Line] = field(default_factory=list)
    notes: dict[tuple[int, Any], Notes] = field(default_factory=dict)
    trailing: dict[int, list[Line]] = field(default_factory=dict)

    def of(self, entry: Entry) -> Notes:
        return self.notes.setdefault((id(entry.container), entry.key), Notes())


def is_block(node: object) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq) and not node.fa.flow_style()


def entries(root: CommentedMap, dashes: list[tuple[int, int]]) -> list[Entry]:
    """Every block key and item in document order, with its starting position.

    A list item starts at its `-`: the dashes are met in document order, as the walk meets
    the items (ruamel's own position of an alias item is that of its anchor).
    """
    found: list[Entry] = []
    seen: set[int] = set()
    next_dash = iter(dashes)

    def walk(node: Container, holders: tuple[int, ...]) -> None:
        if id(node) in seen:  # an alias repeats a node; its comments were placed once
            return
        seen.add(id(node))
        holders = (*holders, id(node))
        for key in node.keys() if isinstance(node, CommentedMap) else range(len(node)):
            if isinstance(node, CommentedMap):
                line, column = node.lc.key(key)
            else:
                line, column = next(next_dash, node.lc.item(key))
            found.append(Entry(node, key, line, column, holders))
            if is_block(node[key]):
                walk(node[key], holders)

    walk(root, ())
    return found


def place(lines: list[Line], found: list[Entry]) -> Placement:
    """Give every comment and blank line an owner."""
    placement = Placement()
    starts = [entry.line for entry in found]
    columns = {entry.holders[-1]: entry.column for entry in reversed(found)}
    gap: list[Line] = []
    gap_at = -1
    for line in lines:
        at = bisect.bisect_right(starts, line.number)
        if at == 0:
            placement.header.append(line)
        elif line.kind in ("end", "flow", "header"):
            _own_line(placement, found[at - 1], line)
        else:
            if at != gap_at and gap:
                _place_gap(placement, gap, found, gap_at, columns)
                gap = []
            gap_at = at
            gap.append(line)
    if gap:
        _place_gap(placement, gap, found, gap_at, columns)
    _split_header(placement, found)
    return placement


def _split_header(placement: Placement, found: list[Entry]) -> None:
    """Comments above the first key belong to the file, except those set off from the rest
    by a blank line: they belong to the key (and move with it)."""
    header = placement.header
    while header and not header[0].text:
        header.pop(0)
    blanks = [i for i, line in enumerate(header) if not line.text and line.kind == "blank"]
    if not found or not blanks or blanks[-1] == len(header) - 1:
        return
    placement.of(found[0]).head[:0] = header[blanks[-1] + 1 :]
    del header[blanks[-1] + 1 :]


def _own_line(placement: Placement, entry: Entry, line: Line) -> None:
    if line.kind == "header" and isinstance(entry.container, Mapping):
        return  # ruamel keeps `key: |  # note` with the value itself
    notes = placement.of(entry)
    if line.kind == "end" and notes.eol is None:
        notes.eol = line
        notes.column = entry.column
    else:
        # A comment inside a `{...}` spread over lines (written on one line from now on), or
        # after the `|` of a list item (where ruamel would drop it): it goes above the item.
        notes.head.append(line)


def _place_gap(
    placement: Placement, gap: list[Line], found: list[Entry], at: int, columns: dict[int, int]
) -> None:
    """Lines between two entries: the first ones may close blocks that just ended (deepest
    first, chosen by indentation); the rest go above the next entry."""
    before = found[at - 1]
    after = found[at] if at < len(found) else None
    enclosing = set(after.holders) if after else set()
    ended = [holder for holder in reversed(before.holders) if holder not in enclosing]
    # Only a comment indented deeper than the next entry can close a block (a list written
    # without indentation has its dashes in the same column as the next key).
    deepest_head = after.column if after else -1
    level = 0
    blanks: list[Line] = []
    head: list[Line] = []
    for line in gap:
        if head or not line.text:
            (head if head else blanks).append(line)
            continue
        closes = line.column > deepest_head
        choice = next(
            (i for i in range(level, len(ended)) if columns[ended[i]] <= line.column and closes),
            None,
        )
        if choice is None:
            head = [*blanks, line]
        else:
            level = choice
            placement.trailing.setdefault(ended[level], []).extend([*blanks, line])
        blanks = []
    if after is not None:
        placement.of(after).head.extend([*head, *blanks])
    elif head:  # after the last entry of a file whose keys are indented
        placement.trailing.setdefault(ended[-1], []).extend(head)
    # Blank lines at the very end of the file are dropped: a file ends with one line break.


def attach(root: CommentedMap, placement: Placement) -> None:
    """Write the placed comments into ruamel's slots for the (reordered) tree."""
    _clear(root, set())
    if placement.header:
        root.ca.comment = [None, [_full_line(line, 0) for line in placement.header]]
    _attach(root, 0, _Walk(placement))


def _clear(node: object, seen: set[int]) -> None:
    if not isinstance(node, CommentedBase) or id(node) in seen:
        return
    seen.add(id(node))
    setattr(node, comment_attrib, Comment())
    if isinstance(node, CommentedMap):
        for value in node.values():
            _clear(value, seen)
    elif isinstance(node, CommentedSeq):
        for value in node:
            _clear(value, seen)


@dataclass(slots=True)
class _Walk:
    placement: Placement
    containers: set[int] = field(default_factory=set)
    values: set[int] = field(default_factory=set)
    """Values that can be written as an alias, once seen (in output order)."""

    def repeats(self, value: object) -> bool:
        """True where ruamel writes `*alias`: the value node is shared with the anchor, so
        comments set on it would land at (or wipe those of) the anchored place."""
        anchor = getattr(value, "yaml_anchor", None)
        if not (isinstance(value, CommentedBase) or (callable(anchor) and anchor(any=True))):
            return False
        if id(value) in self.values:
            return True
        self.values.add(id(value))
        return False


def _attach(node: Container, column: int, walk: _Walk) -> None:
    if id(node) in walk.containers:
        return
    walk.containers.add(id(node))
    placement = walk.placement
    keys = list(node.keys()) if isinstance(node, CommentedMap) else list(range(len(node)))
    if isinstance(node, CommentedSeq):
        for index in keys:
            if is_block(node[index]) and len(node[index]):
                _hoist_first_head(placement, node, index, node[index])
    if keys and (column > 0 or not placement.header):
        # No blank line straight after `key:`, `- ` or at the top of the file.
        first = placement.notes.get((id(node), keys[0]))
        while first and first.head and not first.head[0].text:
            first.head.pop(0)
    carried: list[Line] = []
    for key in keys:
        value = node[key]
        notes = placement.notes.setdefault((id(node), key), Notes())
        notes.head[:0], carried = carried, []
        if walk.repeats(value):
            # Comments at an alias move down to the next key or item instead.
            carried = [*notes.head, *([notes.eol] if notes.eol else [])]
            continue
        _attach_entry(node, key, column, notes)
        if is_block(value):
            _attach(value, column + 2, walk)
    trailing = [*carried, *placement.trailing.get(id(node), [])]
    if trailing:
        if node.ca.comment is None:
            node.ca.comment = [None, None]
        node.ca.end = [_full_line(line, column) for line in trailing]


def _attach_entry(node: Container, key: Any, column: int, notes: Notes) -> None:
    head = [_full_line(line, column) for line in notes.head]
    eol = _end_of_line(notes.eol, column - notes.column) if notes.eol else None
    if isinstance(node, CommentedMap):
        # ruamel writes the comment after a `|` or `>` indicator from slot 3 whenever the
        # key has a slot at all (and loses it from a folded value otherwise).
        indicator_comment = getattr(node[key], "comment", None)
        if head or eol or indicator_comment:
            third = [indicator_comment] if indicator_comment else None
            node.ca.items[key] = [None, head or None, eol, third]
    elif head or eol:
        node.ca.items[key] = [eol, head or None, None, None]


def _hoist_first_head(placement: Placement, seq: CommentedSeq, index: int, item: Any) -> None:
    """Comments above the first key of a list item go above its `-`: ruamel would otherwise
    leave the dash alone on its line."""
    first = next(iter(item.keys())) if isinstance(item, CommentedMap) else 0
    inner = placement.notes.get((id(item), first))
    if inner is None or not inner.head:
        return
    outer = placement.notes.setdefault((id(seq), index), Notes())
    outer.head.extend(inner.head)
    inner.head = []


def _full_line(line: Line, column: int) -> CommentToken:
    if not line.text:
        return CommentToken("\n", CommentMark(0))
    return CommentToken(line.text + "\n", CommentMark(column))


def _end_of_line(line: Line, shift: int) -> CommentToken:
    # Shifted as far as its key moved left or right, so the gap before `#` stays as written.
    return CommentToken(line.text + "\n", CommentMark(max(0, line.column + shift)))
