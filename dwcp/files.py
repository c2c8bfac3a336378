"""Writing files safely: atomically, where the user said, and never where data points.

A path the user names on the command line (`--output`, `--out`) is honoured wherever it is,
its folders made as needed. Names that come from data or templates (a programme's file
name, a configured folder) must stay inside the folder they belong to: `ensure_inside`.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dwcp.errors import UsageError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _mode_for(path: Path) -> int:
    """A rewritten file keeps its permissions; a new one gets those a plain write would give
    (mkstemp makes temporary files private)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: Path, text: str) -> None:
    """Write text through a temporary file in the same folder, then rename over the target."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(_mode_for(path))
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_path(path: Path, what: str = "the output") -> Path:
    """A path the user named for output: honoured wherever it is, its folders made first."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path}: cannot make the folder for {what} ({exc.strerror})") from None
    return path


def ensure_inside(root: Path, target: Path, what: str = "the repository") -> Path:
    """Return target resolved, or refuse (UsageError) if it lies outside root."""
    resolved = target.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise UsageError(f"{target}: refusing to write outside {what} ({root})")
    return resolved


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write several files, each atomically; folders are made first so a write rarely fails late.

    Every file is prepared in a temporary file before any is renamed into place, so a failure
    or Ctrl-C while writing leaves all targets as they were. Ctrl-C (or SIGTERM) during the
    renames takes effect once they are done, so the user sees the old files or the new ones.
    """
    for target in files:
        target.parent.mkdir(parents=True, exist_ok=True)
    _commit(_stage(files))
    return list(files)


def _stage(files: dict[Path, bytes]) -> list[tuple[Path, Path]]:
    """(temporary, target) for every file, written in full; on any failure none is left."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            handle, name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            staged.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(name).chmod(_mode_for(target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return staged


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename every temporary over its target; if one fails, remove those not renamed."""
    done = 0
    try:
        with _signals_deferred():
            for temporary, target in staged:
                temporary.replace(target)
                done += 1
    finally:
        for temporary, _ in staged[done:]:
            temporary.unlink(missing_ok=True)


_DEFERRED = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done, then deliver them to the handlers
    that were in place (Ctrl-C then raises KeyboardInterrupt). Only the main thread can."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        received.append(signum)

    previous = {number: signal.getsignal(number) for number in _DEFERRED}
    # A handler installed outside Python (None) could not be put back: leave it alone.
    held = [number for number, handler in previous.items() if handler is not None]
    for number in held:
        signal.signal(number, hold)
    try:
        yield
    finally:
        for number in held:
            signal.signal(number, previous[number])
        # Delivered even when the block failed: the user did press Ctrl-C.
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)
