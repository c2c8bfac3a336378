"""The fast formatter: libyaml's C parser, and the canonical text written out directly.

It writes what the round-trip engine (`engine.format_text`) writes, byte for byte, for every
file it accepts: the same key order (from the models), layout, comment placement (the very
rules of `comments.place`), and each scalar copied from the source. A file holding anything
it cannot be sure of is Declined, and the round-trip engine formats it instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.error import YAMLError

from dwcp.model import Programme
from dwcp.source.loader import LoadError, parse
from dwcp.workflow.fmt.comments import (
    Entry,
    Kind,
    Line,
    Notes,
    Placement,
    _block_scalar_end,
    _header_comment,
    cover,
    place,
    split_lines,
)
from dwcp.workflow.fmt.engine import (
    _BUG,
    _LOST,
    _UNREADABLE,
    FormatError,
    _keep_document_start,
    _texts,
    format_text,
    same_data,
)
from dwcp.workflow.fmt.order import (
    _field_of,
    canonical_keys,
    keyed_levels,
    keyed_values,
    nested_model,
)
from dwcp.workflow.fmt.tree import Declined, MapNode, Node, Scalar, SeqNode, read_tree, to_data


def format_fast(text: str, path: str = "<string>", model: type[BaseModel] = Programme) -> str:
    """The canonical text, as `engine.format_text` gives it (keys in the order of `model`);
    raises FormatError for a bad file and Declined for one only the round-trip engine can
    format."""
    text = text.removeprefix("\ufeff")
    if "\t" in text or text.lstrip().startswith("%"):
        _refuse_if_unreadable(text, path)
        raise Declined("tabs or directives")  # the round-trip reader is stricter about these
    lines = split_lines(text)
    try:
        root = read_tree(text, lines)
    except Declined:
        _refuse_if_unreadable(text, path)  # with the loader's own message, as the oracle
        raise
    except YAMLError:
        _refuse_if_unreadable(text, path)
        raise Declined("a text the loader reads but the parser does not") from None
    before = to_data(root)
    comments = scan(lines, root)
    placement = place(comments, entries(root))
    _reorder(root, model)
    writer = _Writer(placement, source_lines=lines, anchors=_anchor_names(root))
    writer.header()
    writer.mapping(root, 0, "")
    result = _keep_document_start(text, writer.text())
    if result != text:  # the same text holds the same data and comments: nothing to compare
        _check(comments, result, before, path)
    return result


def format_best(
    text: str, path: str = "<string>", model: type[BaseModel] = Programme
) -> tuple[str, str]:
    """(canonical text, engine): the fast engine, or the round-trip one for what it declines."""
    try:
        return format_fast(text, path, model), "fast"
    except Declined:
        return format_text(text, path, model), "round-trip"


def _refuse_if_unreadable(text: str, path: str) -> None:
    try:
        parse(text, path)
    except LoadError as exc:
        raise FormatError.from_problem(path, exc.problem) from None


def _check(comments: list[Line], result: str, data: object, path: str) -> None:
    """The same last guard as the round-trip engine: same data, same comments."""
    try:
        lines = split_lines(result)
        tree = read_tree(result, lines)
        after, again = to_data(tree), scan(lines, tree)
    except (Declined, YAMLError):
        after, again = _UNREADABLE, []
    if not same_data(data, after):
        raise FormatError(path, _LOST.format(what="the data"), hint=_BUG)
    if _texts(comments) != _texts(again):
        raise FormatError(path, _LOST.format(what="a comment"), hint=_BUG)


# --- comments: whatever no scalar covers is blank, a comment or an indicator ----------------


def scan(lines: list[str], root: MapNode) -> list[Line]:
    """Every comment and blank line, as `comments.scan` finds them."""
    covered: list[list[tuple[int, int]]] = [[] for _ in lines]
    found: list[Line] = []  # the comments after a `|` or `>`, then all others
    _cover_node(root, lines, covered, found)
    for number, line in enumerate(lines):
        item = _line(number, line, covered[number])
        if item is not None:
            found.append(item)
    found.sort(key=lambda line: (line.number, line.column))
    return found


def _cover_node(
    node: Node, lines: list[str], covered: list[list[tuple[int, int]]], headers: list[Line]
) -> None:
    if isinstance(node, Scalar):
        end_line, end_column = node.end_line, node.end_column
        if node.style in ("|", ">"):
            end_line, end_column = _block_scalar_end(lines, node, end_line, end_column)
            header = _header_comment(lines[node.line], node.line, node.column)
            if header is not None:
                headers.append(header)
        cover(covered, node.line, node.column, end_line, end_column)
    elif node.flow:
        cover(covered, node.line, node.column, node.end_line, node.end_column)
    elif isinstance(node, MapNode):
        for key, value in node.items():
            _cover_node(node.keys_at[key], lines, covered, headers)
            _cover_node(value, lines, covered, headers)
    else:
        for item in node.items:
            _cover_node(item, lines, covered, headers)


def _line(number: int, line: str, spans: list[tuple[int, int]]) -> Line | None:
    at = line.find("#")
    while at >= 0:
        inside = any(start <= at < end for start, end in spans)
        if not inside and (at == 0 or line[at - 1] in " \t"):
            kind: Kind = "full" if not line[:at].strip(" \t") else "end"
            return Line(number, at, line[at:].rstrip(), kind)
        at = line.find("#", at + 1)
    if not spans and not line.strip(" \t"):
        return Line(number, 0, "", "blank")
    return None


def entries(root: MapNode) -> list[Entry]:
    """Every block key and list item in document order, as `comments.entries` gives them."""
    found: list[Entry] = []

    def walk(node: MapNode | SeqNode, holders: tuple[int, ...]) -> None:
        holders = (*holders, id(node))
        if isinstance(node, MapNode):
            for key, value in node.items():
                at = node.keys_at[key]
                found.append(Entry(node, key, at.line, at.column, holders))
                if _is_block(value):
                    walk(value, holders)  # type: ignore[arg-type]
            return
        for index, item in enumerate(node.items):
            line, column = node.dashes[index]
            found.append(Entry(node, index, line, column, holders))
            if _is_block(item):
                walk(item, holders)  # type: ignore[arg-type]

    walk(root, ())
    return found


def _is_block(node: Node) -> bool:
    return isinstance(node, MapNode | SeqNode) and not node.flow


# --- key order ------------------------------------------------------------------------------


def _reorder(node: Node, model: type[BaseModel] | None) -> None:
    if model is None or isinstance(node, Scalar):
        return
    if isinstance(node, SeqNode):
        for item in node.items:
            _reorder(item, model)
        return
    ordered = [(key, node[key]) for key in _canonical(tuple(node), model)]
    node.clear()
    node.update(ordered)
    fields = _fields(model)
    for key, value in ordered:
        name = _field_of(model, key) if isinstance(key, str) else None
        if name in fields:
            for inner in keyed_values(value, keyed_levels(model, name)):
                _reorder(inner, nested_model(model, name))


@lru_cache(maxsize=4096)
def _canonical(keys: tuple[Any, ...], model: type[BaseModel]) -> list[Any]:
    # Most mappings of a file (and of a portfolio) hold the same keys: order them once.
    return canonical_keys(list(keys), model)


@cache
def _fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


# --- writing --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Writer:
    """Writes the reordered tree as ruamel does with the engine's settings."""

    placement: Placement
    lines: list[str] = field(default_factory=list)
    layout: list[bool] = field(default_factory=list)
    """Per written line: True for a blank or comment line, which tidying may touch."""
    anchors: dict[int, str] = field(default_factory=dict)
    """The name of each shared date, and which of them were written once already."""
    anchored: set[int] = field(default_factory=set)

    def put(self, text: str, layout: bool = False) -> None:
        self.lines.append(text)
        self.layout.append(layout)

    def comment(self, line: Line, column: int) -> None:
        self.put(" " * column + line.text if line.text else "", layout=True)

    def header(self) -> None:
        for line in self.placement.header:
            self.comment(line, 0)

    def notes(self, node: object, key: Any) -> Notes:
        return self.placement.notes.setdefault((id(node), key), Notes())

    def strip_first_blanks(self, node: object, key: Any, column: int) -> None:
        if column > 0 or not self.placement.header:
            first = self.placement.notes.get((id(node), key))
            while first and first.head and not first.head[0].text:
                first.head.pop(0)

    def mapping(self, node: MapNode, column: int, dash: str) -> None:
        keys = list(node)
        if keys:
            self.strip_first_blanks(node, keys[0], column)
        for index, key in enumerate(keys):
            notes = self.notes(node, key)
            for line in notes.head:
                self.comment(line, column)
            start = dash if index == 0 and dash else " " * column
            self.entry(f"{start}{node.keys_at[key].text}:", node[key], column, notes, " ")
        self.trailing(node, column)

    def sequence(self, node: SeqNode, column: int) -> None:
        for index, item in enumerate(node.items):
            if isinstance(item, MapNode) and not item.flow and item:
                self.hoist(node, index, item)
        if node.items:
            self.strip_first_blanks(node, 0, column)
        for index, item in enumerate(node.items):
            notes = self.notes(node, index)
            for line in notes.head:
                self.comment(line, column)
            dash = " " * column + "- "
            if isinstance(item, MapNode) and not item.flow:
                if notes.eol is not None:
                    raise Declined("a comment after a lone dash")
                self.mapping(item, column + 2, dash)
            else:
                self.entry(dash.rstrip(" "), item, column, notes, " ")
        self.trailing(node, column)

    def hoist(self, node: SeqNode, index: int, item: MapNode) -> None:
        inner = self.placement.notes.get((id(item), next(iter(item))))
        if inner is None or not inner.head:
            return
        self.notes(node, index).head.extend(inner.head)
        inner.head = []

    def entry(self, start: str, value: Node, column: int, notes: Notes, gap: str) -> None:
        if isinstance(value, Scalar) and value.style in ("|", ">"):
            # In a mapping the comment after `|` stays on its line; in a list it went above.
            after = value.text if start.endswith(":") else ""
            self.put(f"{start}{gap}{value.style}{_block_hints(value.value)}{after}")
            if notes.eol is not None:
                raise Declined("a comment after a block scalar")
            self.block_text(value, column + 2)
            return
        if _is_block(value):
            line = start
        else:
            written = self.flow(value)
            line = f"{start}{gap}{written}" if written or start.endswith("-") else start
        if notes.eol is not None:
            mark = max(0, notes.eol.column + column - notes.column)
            line += " " * max(mark - len(line), 1) + notes.eol.text
        self.put(line)
        if isinstance(value, MapNode) and _is_block(value):
            self.mapping(value, column + 2, "")
        elif isinstance(value, SeqNode) and _is_block(value):
            self.sequence(value, column + 2)

    def block_text(self, value: Scalar, column: int) -> None:
        # The scalar's own source lines, moved from their indentation to the new one.
        source = self.source_lines
        last = value.end_line if value.end_column > 0 else value.end_line - 1
        body = source[value.line + 1 : last + 1]
        while body and not body[-1].strip(" "):
            body.pop()  # blank lines after the text are layout (kept ones are declined)
        indent = min((len(x) - len(x.lstrip(" ")) for x in body if x.strip(" ")), default=0)
        for line in body:
            content = line[indent:] if len(line) > indent else ""
            self.put(" " * column + content if content else "")

    source_lines: list[str] = field(default_factory=list)

    def flow(self, node: Node) -> str:
        if isinstance(node, Scalar):
            if node.style in ("|", ">"):
                raise Declined("a block scalar in a flow collection")
            name = self.anchors.get(id(node))
            if name is None:
                return node.text
            if id(node) in self.anchored:
                return f"*{name}"
            self.anchored.add(id(node))
            return f"&{name} {node.text}"
        if isinstance(node, MapNode):
            pairs = (f"{node.keys_at[key].text}: {self.flow(value)}" for key, value in node.items())
            return "{" + ", ".join(pairs) + "}"
        return "[" + ", ".join(self.flow(item) for item in node.items) + "]"

    def trailing(self, node: object, column: int) -> None:
        for line in self.placement.trailing.get(id(node), []):
            self.comment(line, column)

    def text(self) -> str:
        """Tidied as the round-trip engine tidies: no runs of blank lines, no blank line at
        either end, one final line break."""
        tidy: list[str] = []
        for line, layout in zip(self.lines, self.layout, strict=True):
            if layout and not line and tidy and not tidy[-1]:
                continue
            tidy.append(line.rstrip(" \t") if layout else line)
        return "\n".join(tidy).strip("\n") + "\n"


def _block_hints(value: str) -> str:
    if not value or value[0] in " \n\x85\u2028\u2029":
        raise Declined("a block scalar starting with a space or a blank line")
    if value[-1] != "\n":
        return "-"
    if len(value) == 1 or value[-2] == "\n":
        # ruamel loses comments after such text, or ends the file with `...` after it.
        raise Declined("a block scalar keeping its final blank lines")
    return ""


def _anchor_names(root: MapNode) -> dict[int, str]:
    """The names ruamel gives the dates the data shares: `id001`, `id002`... in the order
    their second use is written."""
    names: dict[int, str] = {}
    seen: set[int] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Scalar):
            if id(node) in seen and id(node) not in names:
                names[id(node)] = f"id{len(names) + 1:03d}"
            seen.add(id(node))
        elif isinstance(node, MapNode):
            for value in node.values():
                walk(value)
        else:
            for item in node.items:
                walk(item)

    walk(root)
    return names


__all__ = ["Declined", "format_best", "format_fast"]
