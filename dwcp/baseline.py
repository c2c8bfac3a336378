"""Baselines: accept today's findings so that CI fails only on new ones.

A finding is keyed by file (relative to the repository root), rule code and YAML path, not by
line, so edits elsewhere in a file do not invalidate the baseline. Keys are counted: two
findings with one key need two baseline entries.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from dwcp import __version__
from dwcp.errors import UsageError
from dwcp.files import write_atomic
from dwcp.findings import Finding
from dwcp.results import LintResult

FORMAT_VERSION = 1
Key = tuple[str, str, str]


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
    counts = Counter(key_of(f, root) for f in result.findings)
    entries = [
        {"file": file, "code": code, "path": path, "count": n}
        for (file, code, path), n in sorted(counts.items())
    ]
    document = {"dwcp-baseline": FORMAT_VERSION, "tool": f"dwcp {__version__}", "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(result: LintResult, root: Path, target: Path) -> int:
    try:
        write_atomic(target, dump(result, root))
    except OSError as exc:
        raise UsageError(f"{target}: cannot write the baseline ({exc.strerror})") from None
    return len(result.findings)


def load(source: Path) -> Counter[Key]:
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(
            f"{source}: no such baseline; create it with `dwcp lint --write-baseline {source}`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{source}: cannot read the baseline ({exc})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{source}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON ({exc.msg}); "
            "write it again with --write-baseline"
        ) from None
    return _entries(document, source)


def _entries(document: object, source: Path) -> Counter[Key]:
    problem = f"{source}: not a dwcp baseline; write it again with --write-baseline"
    if not isinstance(document, dict) or document.get("dwcp-baseline") != FORMAT_VERSION:
        raise UsageError(problem)
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise UsageError(problem)
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        fields = entry if isinstance(entry, dict) else {}
        file, code, path, count = (fields.get(k) for k in ("file", "code", "path", "count"))
        if not (
            isinstance(file, str)
            and isinstance(code, str)
            and isinstance(path, str)
            and isinstance(count, int)
            and count > 0
        ):
            raise UsageError(f"{source}: entry {index + 1} needs file, code, path and count")
        counts[(file, code, path)] += count
    return counts


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
