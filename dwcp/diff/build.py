"""Put a diff together: for each changed programme file, its two versions loaded, linted in
memory and compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dwcp.diff.compare import compare, summarise
from dwcp.diff.findings import compare_findings
from dwcp.diff.git import FileChange, Revision, changed_files, read_version
from dwcp.diff.model import DiffReport, FileDiff, Side
from dwcp.findings import Finding
from dwcp.linter import Linter
from dwcp.loader import LoadError, decode, parse
from dwcp.model import Programme
from dwcp.results import from_json
from dwcp.validate import to_programme


@dataclass
class Version:
    """One side of a file: its findings, its data and model when they load, or why not."""

    findings: list[Finding] = field(default_factory=list)
    data: object = None
    programme: Programme | None = None
    error: str | None = None


def build_diff(
    top: Path, linter: Linter, base: Revision, head: Revision, specs: list[str]
) -> DiffReport:
    """The diff of every programme file under `specs` (paths relative to `top`)."""
    files = [
        diff_file(top, linter, base, head, change)
        for change in changed_files(top, base, head, specs)
    ]
    return DiffReport(
        Side(base.label, base.commit),
        Side(head.label, head.commit),
        files,
        linter.options.as_of.isoformat(),
    )


def diff_file(
    top: Path, linter: Linter, base: Revision, head: Revision, change: FileChange
) -> FileDiff:
    name = change.new_path or change.old_path
    assert name is not None  # noqa: S101 - narrows the type: a change has a path
    # Both sides are linted under one name, so a renamed file's findings keep their identity;
    # the name is relative to the dwcp root, as per-file-ignores patterns are.
    lint_name = _relative(top / name, linter.settings.root) or name
    old = _version(top, linter, base, change.old_path, lint_name, "BASE")
    new = _version(top, linter, head, change.new_path, lint_name, "HEAD")
    result = FileDiff(
        path=name,
        status=change.status,
        old_path=change.old_path if change.status == "renamed" else None,
        base=summarise(old.programme) if old.programme else None,
        head=summarise(new.programme) if new.programme else None,
        errors=[e for e in (old.error, new.error) if e],
    )
    result.new_findings, result.resolved_findings = compare_findings(
        old.findings, new.findings, old.data, new.data
    )
    if old.programme is not None and new.programme is not None:
        comparison = compare(old.programme, new.programme)
        result.changes, result.budget, result.totals = (
            comparison.changes,
            comparison.budget,
            comparison.totals,
        )
    return result


def _version(
    top: Path, linter: Linter, rev: Revision, path: str | None, name: str, side: str
) -> Version:
    if path is None:
        return Version()
    try:
        raw = read_version(top, rev, path)
    except LoadError as exc:
        return Version(error=_error(side, path, exc))
    version = Version(findings=from_json(linter.lint_raw((name, raw))).findings)
    try:
        document = parse(decode(raw), path)
    except LoadError as exc:
        version.error = _error(side, path, exc)
        return version
    version.data = document.data
    outcome = to_programme(document)
    if isinstance(outcome, Programme):
        version.programme = outcome
        return version
    first = outcome[0]
    more = f" (and {len(outcome) - 1} more schema problems)" if len(outcome) > 1 else ""
    where = f"{path}:{first.mark.line}:{first.mark.column}"
    version.error = f"{side}: file does not load: {where}: {first.message}{more}"
    return version


def _error(side: str, path: str, exc: LoadError) -> str:
    mark = exc.problem.mark
    return f"{side}: file does not load: {path}:{mark.line}:{mark.column}: {exc.problem.message}"


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
