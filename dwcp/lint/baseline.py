"""Baselines: accept today's findings so that CI fails only on new ones.

A finding is keyed by file (relative to the repository root), rule code and YAML path, not by
line, so edits elsewhere in a file do not invalidate the baseline. Keys are counted: two
findings with one key need two baseline entries.
"""

from __future__ import annotations

import json
import stat
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from dwcp import __version__
from dwcp.errors import UsageError
from dwcp.files import write_atomic
from dwcp.lint.findings import Finding
from dwcp.lint.results import LintResult

FORMAT_VERSION = 1
Key = tuple[str, str, str]
# An entry is about 100 bytes: these bounds are far above any portfolio and keep a hostile
# baseline from costing more than a moment to read.
MAX_BYTES = 16 * 2**20
MAX_ENTRIES = 100_000
MAX_FINDINGS = 1_000_000
_TOP_KEYS = frozenset({"dwcp-baseline", "tool", "findings"})
_ENTRY_KEYS = frozenset({"file", "code", "path", "count"})


@dataclass(frozen=True)
class Applied:
    """The result with baselined findings taken out, and what the baseline still expects."""

    result: LintResult
    baselined: int
    fixed: list[Key]


def relative(file: str, root: Path) -> str:
    """A displayed file name as a path from the repository root, so runs from any folder agree."""
    absolute = (Path.cwd() / file).resolve()
    base = root.resolve()
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else file


def key_of(finding: Finding, root: Path) -> Key:
    file, code, path = finding.identity
    return (relative(file, root), code, path)


def dump(result: LintResult, root: Path) -> str:
    return _dump(Counter(key_of(f, root) for f in result.findings))


def _dump(counts: Counter[Key]) -> str:
    entries = [
        {"file": file, "code": code, "path": path, "count": n}
        for (file, code, path), n in sorted(counts.items())
    ]
    document = {"dwcp-baseline": FORMAT_VERSION, "tool": f"dwcp {__version__}", "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(result: LintResult, root: Path, target: Path) -> int:
    counts = Counter(key_of(f, root) for f in result.findings)
    # Never write a baseline that `load` would refuse.
    _check_size(len(counts), target)
    _check_total(counts.total(), target)
    try:
        write_atomic(target, _dump(counts))
    except OSError as exc:
        raise UsageError(f"{target}: cannot write the baseline ({exc.strerror})") from None
    return len(result.findings)


def load(source: Path) -> Counter[Key]:
    """Read a baseline, refusing (UsageError) anything but a bounded, well-formed one."""
    problem = f"{source}: not a dwcp baseline; write it again with --write-baseline"
    try:
        document = json.loads(_read_bounded(source), object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{source}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON ({exc.msg}); "
            "write it again with --write-baseline"
        ) from None
    except _RepeatedKey as exc:
        raise UsageError(f"{problem} (key {exc.args[0]!r} appears twice in an object)") from None
    except ValueError:  # a number of thousands of digits
        raise UsageError(f"{problem} (a number is too long)") from None
    except RecursionError:
        raise UsageError(f"{problem} (nested too deeply)") from None
    return _entries(document, source)


def _read_bounded(source: Path) -> str:
    """The file's text, checked to be a regular file of at most MAX_BYTES before it is read."""
    try:
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise UsageError(f"{source}: the baseline is {kind}")
        if info.st_size > MAX_BYTES:
            raise UsageError(
                f"{source}: the baseline is {info.st_size:,} bytes; baselines are limited "
                f"to {MAX_BYTES // 2**20} MB"
            )
        with source.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)  # the file may have grown since
    except FileNotFoundError:
        raise UsageError(
            f"{source}: no such baseline; create it with `dwcp lint --write-baseline {source}`"
        ) from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read the baseline ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"{source}: baselines are limited to {MAX_BYTES // 2**20} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{source}: cannot read the baseline ({exc})") from None


class _RepeatedKey(Exception):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # A repeated key would let a reviewer read one count while dwcp uses another.
    document: dict[str, object] = {}
    for key, value in pairs:
        if key in document:
            raise _RepeatedKey(key)
        document[key] = value
    return document


def _entries(document: object, source: Path) -> Counter[Key]:
    problem = f"{source}: not a dwcp baseline; write it again with --write-baseline"
    if not (
        isinstance(document, dict)
        and set(document) <= _TOP_KEYS
        and type(document.get("dwcp-baseline")) is int  # not true, which equals 1
        and document["dwcp-baseline"] == FORMAT_VERSION
        and isinstance(document.get("tool", ""), str)
    ):
        raise UsageError(problem)
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise UsageError(problem)
    _check_size(len(entries), source)
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        file, code, path, count = _entry(entry, source, index)
        counts[(file, code, path)] += count
    _check_total(counts.total(), source)
    return counts


def _check_size(entries: int, source: Path) -> None:
    if entries > MAX_ENTRIES:
        raise UsageError(
            f"{source}: {entries} baseline entries; a baseline holds at most {MAX_ENTRIES}"
        )


def _check_total(findings: int, source: Path) -> None:
    if findings > MAX_FINDINGS:
        raise UsageError(
            f"{source}: {findings} findings in the baseline; it holds at most {MAX_FINDINGS}"
        )


def _entry(entry: object, source: Path, index: int) -> tuple[str, str, str, int]:
    if isinstance(entry, dict) and set(entry) == _ENTRY_KEYS:
        file, code, path, count = (entry[k] for k in ("file", "code", "path", "count"))
        if (
            isinstance(file, str)
            and isinstance(code, str)
            and isinstance(path, str)
            and type(count) is int  # not bool, which is an int too
            and 0 < count <= MAX_FINDINGS
        ):
            return file, code, path, count
    raise UsageError(
        f"{source}: entry {index + 1} needs file, code, path and count, and nothing else "
        f"(three texts and a whole number from 1 to {MAX_FINDINGS})"
    )


def apply(result: LintResult, expected: Counter[Key], root: Path) -> Applied:
    remaining = Counter(expected)
    kept: list[Finding] = []
    for finding in result.findings:
        key = key_of(finding, root)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    linted = {relative(name, root) for name in result.files}
    # An entry counts as fixed only when its file was linted in this run.
    fixed = sorted(k for k, n in remaining.items() if k[0] in linted for _ in range(n))
    return Applied(replace(result, findings=kept), len(result.findings) - len(kept), fixed)
