"""Format programme files on disk: find them, format each, write back only what changed.

Translation files (`<stem>.<lang>.yaml`) are formatted too, with their keys in the order of
the translation model rather than the programme's.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from dwcp.cache import FORMAT_CACHE, FORMAT_SHAPE, Cache, entry_key, tool_fingerprint
from dwcp.errors import UsageError
from dwcp.files import ensure_inside, write_atomic
from dwcp.model import Programme
from dwcp.model.translation import Translation
from dwcp.parallel import map_items
from dwcp.source.file_names import is_translation_file
from dwcp.source.loader import LoadError, decode, discover, display_name, read_bytes
from dwcp.workflow.fmt.engine import FormatError
from dwcp.workflow.fmt.fast import format_best


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What formatting did, or would do, to one file."""

    path: Path
    name: str
    """The path as shown to the user (relative to the working folder when possible)."""
    before: str = ""
    after: str = ""
    error: str | None = None
    """Why the file could not be formatted (or written); it was left untouched."""
    digest: str = ""
    """A hash of the bytes read, to notice an edit made before the formatted text is written."""
    engine: str = ""
    """Which engine formatted it: `fast`, `round-trip`, or `cache` when known canonical."""

    @property
    def changed(self) -> bool:
        return self.error is None and self.before != self.after


def read_file(path: Path) -> FileOutcome:
    """The file's text as `before` (and `after`, until formatted), or why it cannot be read."""
    name = display_name(path)
    try:
        raw = read_bytes(path)
        text = decode(raw)
    except LoadError as exc:
        error = FormatError.from_problem(name, exc.problem, f"{path} ")
        return FileOutcome(path, name, error=error.message)
    return FileOutcome(path, name, text, text, digest=_digest(raw))


def format_read(outcome: FileOutcome) -> FileOutcome:
    """Format a file already read; never raises for a bad file, the outcome says what failed."""
    if outcome.error is not None:
        return outcome
    try:
        after, engine = format_best(outcome.before, outcome.name, model_of(outcome.path))
        return replace(outcome, after=after, engine=engine)
    except FormatError as exc:
        return replace(outcome, error=exc.message)


def model_of(path: Path) -> type[BaseModel]:
    """The model whose field order a file's keys follow: a translation's or a programme's."""
    return Translation if is_translation_file(path) else Programme


def format_paths(
    paths: Sequence[Path], root: Path, write: bool, use_cache: bool = True
) -> list[FileOutcome]:
    """Format every programme and translation file under `paths`; with `write`, save the
    ones that change.

    Only files inside `root` (the repository) are written; any other is reported instead.
    The fast engine formats most files; the round-trip one (slow, about a quarter of a second
    for a large programme) takes what it declines. Files already found canonical by this
    version of dwcp are remembered by content in the cache.
    """
    cache = Cache(root, FORMAT_CACHE, FORMAT_SHAPE, use_cache)
    outcomes = [read_file(path) for path in discover(paths, translations=True)]
    todo = [
        index
        for index, outcome in enumerate(outcomes)
        if outcome.error is None and cache.get(_canonical_key(outcome.before, outcome)) is None
    ]
    # Each file takes long enough that two are worth a second core.
    done = map_items(format_read, [outcomes[index] for index in todo], threshold=2)
    for index, outcome in zip(todo, done, strict=True):
        outcomes[index] = outcome
    todo_set = set(todo)
    outcomes = [
        outcome
        if index in todo_set or outcome.error is not None
        else replace(outcome, engine="cache")
        for index, outcome in enumerate(outcomes)
    ]
    if write:
        outcomes = [_write(outcome, root) if outcome.changed else outcome for outcome in outcomes]
    for outcome in outcomes:
        if outcome.error is None:  # formatted text is canonical, written or not
            cache.put(_canonical_key(outcome.after, outcome), True)
    cache.save()
    return outcomes


def _canonical_key(text: str, outcome: FileOutcome) -> str:
    # A text canonical as a programme need not be as a translation: their keys differ.
    if is_translation_file(outcome.path):
        return entry_key("fmt", tool_fingerprint(), "translation", text)
    return entry_key("fmt", tool_fingerprint(), text)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _write(outcome: FileOutcome, root: Path) -> FileOutcome:
    try:
        # Resolved, so a link is followed and the file it points to is rewritten.
        target = ensure_inside(root, outcome.path)
        # Formatting takes a while: an edit saved meanwhile must not be overwritten.
        if _digest(target.read_bytes()) != outcome.digest:
            message = f"{outcome.name} changed while dwcp fmt ran; run it again"
            return replace(outcome, after=outcome.before, error=message)
        write_atomic(target, outcome.after)
    except UsageError as exc:
        return FileOutcome(outcome.path, outcome.name, outcome.before, error=exc.message)
    except OSError as exc:
        message = f"{outcome.name}: cannot write the formatted file ({exc.strerror})"
        return FileOutcome(outcome.path, outcome.name, outcome.before, error=message)
    return outcome


def unified_diff(outcome: FileOutcome) -> str:
    """The change formatting makes to one file, as a unified diff."""
    lines = difflib.unified_diff(
        _with_line_ends(outcome.before), _with_line_ends(outcome.after), outcome.name, outcome.name
    )
    return "".join(lines)


def _with_line_ends(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def summary(outcomes: Sequence[FileOutcome], check: bool) -> str:
    """One line such as `2 files reformatted, 5 left unchanged`."""
    changed = sum(outcome.changed for outcome in outcomes)
    failed = sum(outcome.error is not None for outcome in outcomes)
    unchanged = len(outcomes) - changed - failed
    if check:
        parts = [f"{_files(changed)} would be reformatted", f"{unchanged} already formatted"]
    else:
        parts = [f"{_files(changed)} reformatted", f"{unchanged} left unchanged"]
    if failed:
        parts.append(f"{failed} could not be formatted")
    return ", ".join(parts)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"
