"""Read a programme file: refuse what is not UTF-8 YAML text, and turn every failure into a
positioned LoadProblem.

Parsing itself is built on libyaml's event stream (see `assemble`), which is several times
faster than ruamel's safe loader and never constructs arbitrary objects.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.error import MarkedYAMLError, YAMLError

from dwcp.errors import UsageError
from dwcp.source.assemble import MAX_DEPTH, AssemblyError, assemble
from dwcp.source.file_names import is_translation_file
from dwcp.source.positions import START, Key, Mark, MarkTable

MAX_FILE_BYTES = 8 * 1024 * 1024


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
    try:
        root, marks, documents = assemble(text)
    except AssemblyError as exc:
        raise LoadError(LoadProblem(exc.code, exc.message, exc.mark, exc.hint)) from None
    except MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, text)) from None
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        mark = _char_mark(text, position) if isinstance(position, int) else START
        raise LoadError(
            LoadProblem("DW013", _reader_message(exc), mark, "remove or retype the character")
        ) from None
    if documents == 0 or root is None:
        raise _fail("DW014", "file is empty", hint="start from `dwcp new` or a sample programme")
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        raise _fail(
            "DW014",
            f"file holds {kind} at the top level; a programme is a mapping of keys",
            hint="start the file with keys such as `country:` and `title:`",
        )
    return Document(path=path, text=text, data=root, marks=marks)


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


def is_programme_candidate(path: Path) -> bool:
    """A YAML file that is not hidden and not a translation (`X.fr.yaml`, read with X)."""
    return (
        path.suffix in (".yaml", ".yml")
        and not path.name.startswith(".")
        and not is_translation_file(path)
    )


def walk_yaml(folder: Path, translations: bool = False) -> list[Path]:
    """All YAML files below a folder, sorted, skipping hidden folders; translation files
    only with `translations`."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in files
            if is_programme_candidate(Path(name))
            or (translations and is_translation_file(Path(name)) and not name.startswith("."))
        )
    return sorted(found)


__all__ = ["MAX_DEPTH", "Document", "Key", "LoadError", "LoadProblem", "load", "parse", "read_text"]


def discover(paths: Sequence[Path], translations: bool = False) -> list[Path]:
    """Expand folders to the YAML files below them; a path that does not exist is an error.

    With `translations` (`dwcp fmt`, which formats them as files of their own), translation
    files are found too, and one named on its own stands for itself, not its programme.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(walk_yaml(path, translations))
        elif is_translation_file(path) and not translations:
            # A translation named on its own (a pre-commit hook passes changed files) stands
            # for its programme, which reads and checks it (DW093, DW094).
            files.extend(_translated_programme(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in files:  # one file named two ways (relative, absolute, via a link) counts once
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _translated_programme(translation: Path) -> list[Path]:
    """The programme file a translation file belongs to, when it exists (X.fr.yaml -> X.yaml)."""
    stem = Path(translation.stem).stem
    found = [translation.with_name(stem + suffix) for suffix in (".yaml", ".yml")]
    return [path for path in found if path.is_file()][:1]


def display_name(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()
