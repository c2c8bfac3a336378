"""Format one programme text: canonical key order, the samples' layout, every comment kept."""

from __future__ import annotations

import io
import math
import re

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from dwcp.errors import DwcpError
from dwcp.model import Programme
from dwcp.source.loader import LoadError, LoadProblem, parse
from dwcp.source.positions import START, Mark
from dwcp.workflow.fmt.comments import Line, attach, entries, place, scan, split_lines
from dwcp.workflow.fmt.order import reorder

# The layout of the sample programmes: mappings indented by 2, list dashes by 2 under
# their key, and lines never re-wrapped (wider than any line a programme holds).
MAPPING_INDENT = 2
SEQUENCE_INDENT = 4
DASH_OFFSET = 2
WIDTH = 1_000_000


class FormatError(DwcpError):
    """A text that cannot be formatted; it names the file and, where known, line and column."""

    def __init__(self, path: str, message: str, mark: Mark = START, hint: str = "") -> None:
        self.path, self.mark, self.reason, self.hint = path, mark, message, hint
        where = f"{path}:{mark.line}:{mark.column}"
        super().__init__(f"{where}: {message}" + (f"; {hint}" if hint else ""))

    @classmethod
    def from_problem(cls, path: str, problem: LoadProblem, prefix: str = "") -> FormatError:
        """From the loader's problem; `prefix` (a path the message starts with) is dropped."""
        return cls(path, problem.message.removeprefix(prefix), problem.mark, problem.hint)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=MAPPING_INDENT, sequence=SEQUENCE_INDENT, offset=DASH_OFFSET)
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_duplicate_keys = False
    return yaml


def format_text(text: str, path: str = "<string>", model: type[BaseModel] = Programme) -> str:
    """The text of a programme file in canonical form; raises FormatError on bad input.

    Keys follow the field order of `model` (Translation for a translation file), layout follows the sample programmes, quoting and
    block scalars stay as written, and every comment stays with the key or item it was
    written at. The result loads to exactly the same data as the input.
    """
    text = text.removeprefix("\ufeff")
    try:
        before = parse(text, path)
    except LoadError as exc:
        raise FormatError.from_problem(path, exc.problem) from None
    yaml = _yaml()
    try:
        root = yaml.load(text)
    except YAMLError as exc:  # libyaml accepted it, so this is rare; still no traceback
        raise _ruamel_error(exc, path) from None
    if not isinstance(root, CommentedMap):
        raise FormatError(path, "the top level is not a mapping of keys")
    _refuse_merge_keys(root, path)
    found = scan(text)
    placement = place(found.lines, entries(root, found.dashes))
    reorder(root, model)
    attach(root, placement)
    stream = io.StringIO()
    try:
        yaml.dump(root, stream)
    except YAMLError as exc:
        raise FormatError(path, f"cannot write the file back ({exc})", hint=_BUG) from None
    result = _keep_document_start(text, _tidy(stream.getvalue()))
    _check_nothing_lost(found.lines, result, before.data, path)
    return result


def _ruamel_error(exc: YAMLError, path: str) -> FormatError:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = Mark(mark.line + 1, mark.column + 1) if mark is not None else START
    return FormatError(
        path,
        f"the round-trip YAML reader cannot read this: {problem}",
        where,
        "write this line more plainly (for example spaces instead of a tab)",
    )


def _refuse_merge_keys(node: object, path: str) -> None:
    # `<<: *base` copies keys in, and moving keys around it would change which copy wins.
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, CommentedMap):
            if current.merge:
                line, column = current.lc.line + 1, current.lc.col + 1
                raise FormatError(
                    path,
                    "merge keys (`<<:`) cannot be formatted",
                    Mark(line, column),
                    "write the merged keys out",
                )
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _tidy(text: str) -> str:
    """No spaces at line ends outside quoted or block text, no run of blank lines, and
    exactly one final line break."""
    layout = {line.number: line.kind for line in scan(text).lines}
    tidy: list[str] = []
    for number, line in enumerate(split_lines(text)):
        kind = layout.get(number)
        if kind == "blank" and tidy and not tidy[-1]:
            continue
        # Only blank and comment lines are safe to trim: a space at the end of any other
        # line may belong to a value.
        tidy.append(line.rstrip(" \t") if kind in ("blank", "full") else line)
    return "\n".join(tidy).strip("\n") + "\n"


_DOCUMENT_START = re.compile(r"---(?:[ \t]+#.*)?[ \t]*")


def _keep_document_start(source: str, result: str) -> str:
    """Put back the `---` that opened the source (yamllint asks for one by default), after
    as many of the leading comments as stood above it. A comment written on the `---`
    line itself is already kept, as a line of its own just below it."""
    above = 0
    for line in split_lines(source):
        if _DOCUMENT_START.fullmatch(line):
            break
        if line.lstrip().startswith("#"):
            above += 1
        elif line.strip():
            return result  # content (or a directive) comes first: no `---` to keep
    else:
        return result
    lines = split_lines(result)
    at = 0
    while at < len(lines) and above and not (lines[at].strip() and lines[at][0] != "#"):
        above -= lines[at].startswith("#")
        at += 1
    return "\n".join([*lines[:at], "---", *lines[at:]]) + "\n"


def _check_nothing_lost(comments: list[Line], result: str, data: object, path: str) -> None:
    """A last guard: the formatted text must hold the same data and the same comments."""
    try:
        after: object = parse(result, path).data
    except LoadError:
        after = _UNREADABLE
    if not same_data(data, after):
        raise FormatError(path, _LOST.format(what="the data"), hint=_BUG)
    if _texts(comments) != _texts(scan(result).lines):
        raise FormatError(path, _LOST.format(what="a comment"), hint=_BUG)


_UNREADABLE = object()
_LOST = "formatting would change {what}, so the file is left as it is"
_BUG = "this is a dwcp bug; please report it with the file"


def _texts(lines: list[Line]) -> list[str]:
    return sorted(line.text for line in lines if line.text)


def same_data(left: object, right: object) -> bool:
    """Equal plain data, types included (1, 1.0 and True differ; NaN equals NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        assert isinstance(right, dict)  # noqa: S101 - narrows the type
        return left.keys() == right.keys() and all(same_data(left[k], right[k]) for k in left)
    if isinstance(left, list):
        assert isinstance(right, list)  # noqa: S101 - narrows the type
        return len(left) == len(right) and all(map(same_data, left, right))
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return left == right
