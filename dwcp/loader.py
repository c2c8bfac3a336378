"""Read a programme file and build plain Python data plus a table of source positions.

The lint path is built on libyaml's event stream (ruamel.yaml.clib's `CParser`): the C
scanner and parser do the heavy work, and this module assembles plain dicts, lists and
scalars while recording where each key and item starts. It is several times faster than
ruamel's safe loader, it never constructs arbitrary objects, and because it assembles
iteratively it cannot overflow the stack on deeply nested input.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from _ruamel_yaml import CParser
from ruamel.yaml import events
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from dwcp.positions import START, Key, Mark, MarkTable

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 100
# Aliases may repeat content, but never blow it up: beyond this many expanded items
# the file is treated as an alias bomb ("billion laughs").
ALIAS_BUDGET_BASE = 10_000
ALIAS_BUDGET_FACTOR = 4


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Why a file could not be loaded; `code` is one of the file-level rule codes."""

    code: str
    message: str
    mark: Mark = START
    hint: str = ""


class LoadError(Exception):
    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class Document:
    """A loaded YAML file: its text, its plain data, and where each item came from."""

    path: str
    text: str
    data: object
    marks: MarkTable = field(default_factory=dict)


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, refusing what is not a readable, reasonably sized text file."""
    return decode(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """Read a regular file of reasonable size; anything else is a LoadError."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise _fail("DW011", f"{path} is a link to a file that does not exist") from None
        raise _fail("DW011", f"{path} does not exist") from None
    except OSError as exc:
        raise _fail("DW011", f"{path} cannot be read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail("DW011", f"{path} is a folder, not a programme file")
    if not stat.S_ISREG(info.st_mode):
        raise _fail("DW011", f"{path} is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        size_mb = info.st_size / 1024 / 1024
        raise _fail(
            "DW012",
            f"file is {size_mb:.1f} MB; programme files are limited to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB",
            hint="split annexes or data tables into separate files",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _fail("DW011", f"{path} cannot be read: {exc.strerror}") from None


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:2]):
        raise _fail("DW013", "file is UTF-16 encoded", hint="save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise _fail(
            "DW013",
            "file contains a NUL byte, so it is binary, not YAML text",
            _byte_mark(raw, nul),
            "check that the right file was given; programme files are UTF-8 text",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            "DW013",
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            _byte_mark(raw, exc.start),
            "save the file as UTF-8",
        ) from None


def load(path: Path, display_path: str | None = None) -> Document:
    """Load a file from disk; raises LoadError with a positioned problem."""
    text = read_text(path)
    return parse(text, display_path or str(path))


def parse(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a Document; raises LoadError with a positioned problem."""
    builder = _Builder()
    try:
        builder.run(CParser(text))
    except MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, text)) from None
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        mark = _char_mark(text, position) if isinstance(position, int) else START
        raise LoadError(
            LoadProblem("DW013", _reader_message(exc), mark, "remove or retype the character")
        ) from None
    if builder.documents == 0 or builder.root is None:
        raise _fail("DW014", "file is empty", hint="start from `dwcp new` or a sample programme")
    if not isinstance(builder.root, dict):
        kind = "a list" if isinstance(builder.root, list) else "a single value"
        raise _fail(
            "DW014",
            f"file holds {kind} at the top level; a programme is a mapping of keys",
            hint="start the file with keys such as `country:` and `title:`",
        )
    return Document(path=path, text=text, data=builder.root, marks=builder.marks)


def _fail(code: str, message: str, mark: Mark = START, hint: str = "") -> LoadError:
    return LoadError(LoadProblem(code, message, mark, hint))


def _byte_mark(raw: bytes, offset: int) -> Mark:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return Mark(before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1)


def _char_mark(text: str, offset: int) -> Mark:
    before = text[:offset]
    return Mark(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _reader_message(exc: YAMLError) -> str:
    text = str(exc).splitlines()[0] if str(exc) else "unreadable character"
    return text.replace("unacceptable character", "character not allowed in YAML:")


def _syntax_problem(exc: MarkedYAMLError, text: str) -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    position = Mark(mark.line + 1, mark.column + 1) if mark is not None else START
    problem = exc.problem or "invalid YAML"
    hint = "check the indentation and quoting around this line"
    lines = text.split("\n")
    line_text = lines[position.line - 1] if position.line <= len(lines) else ""
    if "\t" in line_text[: position.column]:
        problem, hint = "a tab is used for indentation", "YAML allows only spaces; replace tabs"
    elif "quoted scalar" in (exc.context or ""):
        context = exc.context_mark
        if context is not None:
            position = Mark(context.line + 1, context.column + 1)
        problem, hint = "a quoted text is never closed", "add the closing quote"
    return LoadProblem("DW001", f"YAML syntax error: {problem}", position, hint)


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


def resolve_plain(value: str) -> object:
    """Turn an unquoted scalar into None, bool, int, float, date or str."""
    first = value[:1]
    if first.isdigit() or first in "-+.":
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


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_mark", "marks", "size")

    def __init__(
        self,
        container: dict[object, object] | list[object],
        marks: object,
        anchor: str | None,
    ) -> None:
        self.anchor = anchor
        self.container = container
        self.is_map = isinstance(container, dict)
        self.key: object = _NO_KEY
        self.key_mark = START
        self.marks = marks
        self.size = 1


class _Builder:
    """Assemble plain data from parser events, keeping key and item positions."""

    def __init__(self) -> None:
        self.root: object = None
        self.marks: MarkTable = {}
        self.documents = 0
        self.anchors: dict[str, tuple[object, int]] = {}
        self.nodes = 0
        self.expanded = 0

    def run(self, parser: CParser) -> None:
        stack: list[_Frame] = []
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                self._check_tag(event)
                value: object = event.value if event.style else resolve_plain(event.value)
                self._add(stack, value, event, 1)
            elif kind is _MAP_START or kind is _SEQ_START:
                self._check_tag(event)
                self._open(stack, event, kind is _MAP_START)
            elif kind is _MAP_END or kind is _SEQ_END:
                self._close(stack)
            elif kind is _ALIAS:
                self._alias(stack, event)
            elif kind is _DOC_START:
                self._start_document(event)
            elif kind is _STREAM_END:
                parser.dispose()
                return

    def _start_document(self, event: events.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _fail(
                "DW005",
                "file holds more than one YAML document (a second `---`)",
                _event_mark(event),
                "keep one programme per file; move the second document to its own file",
            )

    def _check_tag(self, event: events.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _fail(
                "DW003",
                f"YAML tag `{_short_tag(tag)}` is not allowed in programme files",
                _event_mark(event),
                "remove the tag; write plain values and let the schema give them their type",
            )

    def _open(self, stack: list[_Frame], event: events.NodeEvent, is_map: bool) -> None:
        if len(stack) >= MAX_DEPTH:
            raise _fail(
                "DW006",
                f"YAML nesting is deeper than {MAX_DEPTH} levels",
                _event_mark(event),
                "a programme needs about ten levels; flatten the structure",
            )
        container: dict[object, object] | list[object] = {} if is_map else []
        table: dict[object, Mark] | list[Mark] = {} if is_map else []
        self.marks[id(container)] = table
        frame = _Frame(container, table, event.anchor)
        self._add(stack, container, event, 0, anchor_it=False)
        stack.append(frame)

    def _close(self, stack: list[_Frame]) -> None:
        frame = stack.pop()
        if stack:
            stack[-1].size += frame.size
        if frame.anchor is not None:
            # Registered only once complete, so an alias can never point into itself.
            self.anchors[frame.anchor] = (frame.container, frame.size)

    def _alias(self, stack: list[_Frame], event: events.AliasEvent) -> None:
        anchor = event.anchor
        if anchor not in self.anchors:
            raise _fail(
                "DW001",
                f"YAML syntax error: alias `*{anchor}` refers to no anchor `&{anchor}` above it",
                _event_mark(event),
                "define the anchor before using it, or write the value out",
            )
        value, size = self.anchors[anchor]
        self.expanded += size
        if self.expanded > ALIAS_BUDGET_BASE + ALIAS_BUDGET_FACTOR * self.nodes:
            raise _fail(
                "DW004",
                "YAML aliases expand to far more content than the file holds (an alias bomb)",
                _event_mark(event),
                "write the repeated values out instead of nesting aliases",
            )
        self._add(stack, value, event, size, anchor_it=False)

    def _add(
        self,
        stack: list[_Frame],
        value: object,
        event: events.Event,
        size: int,
        anchor_it: bool = True,
    ) -> None:
        self.nodes += 1
        mark = _event_mark(event)
        if anchor_it:
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                self.anchors[anchor] = (value, size)
        if not stack:
            self.root = value
            return
        frame = stack[-1]
        frame.size += size
        if not frame.is_map:
            frame.container.append(value)  # type: ignore[union-attr]
            frame.marks.append(mark)  # type: ignore[attr-defined]
        elif frame.key is _NO_KEY:
            if isinstance(value, dict | list):
                raise _fail(
                    "DW001",
                    "YAML syntax error: a mapping or list is used as a key",
                    mark,
                    "keys must be plain words such as `title`",
                )
            frame.key, frame.key_mark = value, mark
        else:
            self._set_item(frame, value)

    def _set_item(self, frame: _Frame, value: object) -> None:
        key, container = frame.key, frame.container
        assert isinstance(container, dict)
        if key in container:
            first = frame.marks[key]  # type: ignore[index]
            raise _fail(
                "DW002",
                f"key `{key}` appears twice in the same mapping (first on line {first.line})",
                frame.key_mark,
                "remove or rename one of them",
            )
        container[key] = value
        frame.marks[key] = frame.key_mark  # type: ignore[index]
        frame.key = _NO_KEY


def _event_mark(event: events.Event) -> Mark:
    mark = event.start_mark
    return Mark(mark.line + 1, mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def is_programme_candidate(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and not path.name.startswith(".")


def walk_yaml(folder: Path) -> list[Path]:
    """All YAML files below a folder, sorted, skipping hidden folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in files if is_programme_candidate(Path(name)))
    return sorted(found)


__all__ = ["Document", "Key", "LoadError", "LoadProblem", "load", "parse", "read_text"]
