"""Put a diff together: for each changed programme file, its two versions loaded, linted in
memory and compared.

For the public, the two versions are compared as the public sees them (`visible()` of each),
so a change to an internal item gives no line, no count and no share of any total; the
findings keep their code and place but give their rule's summary instead of a message that
may quote an internal item, and a file that does not load is named by place only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dwcp.lint.core import Linter
from dwcp.lint.findings import Finding
from dwcp.lint.results import from_json
from dwcp.model import Programme
from dwcp.model.public import Audience, findings_for, visible
from dwcp.source.loader import LoadError, decode, parse
from dwcp.source.validate import to_programme
from dwcp.workflow.diff.compare import compare, summarise
from dwcp.workflow.diff.finding_changes import compare_findings
from dwcp.workflow.diff.model import DiffReport, FileDiff, Side
from dwcp.workflow.diff.revisions import FileChange, Revision, changed_files, read_version


@dataclass(frozen=True)
class LoadFailure:
    """Why one side of a file did not load: where, and the problem in the file's words."""

    side: str
    where: str
    """`path:line:column`."""
    problem: str

    def text(self, audience: Audience) -> str:
        said = f"{self.side}: file does not load: {self.where}"
        # The problem may quote the file (a schema message shows the value), internal or not.
        return f"{said}: {self.problem}" if audience == "internal" else said


@dataclass
class Version:
    """One side of a file: its findings, its data and model when they load, or why not."""

    findings: list[Finding] = field(default_factory=list)
    data: object = None
    programme: Programme | None = None
    failure: LoadFailure | None = None


def build_diff(
    top: Path,
    linter: Linter,
    base: Revision,
    head: Revision,
    specs: list[str],
    audience: Audience = "public",
) -> DiffReport:
    """The diff of every programme file under `specs` (paths relative to `top`)."""
    files = [
        diff_file(top, linter, base, head, change, audience)
        for change in changed_files(top, base, head, specs)
    ]
    return DiffReport(
        Side(base.label, base.commit),
        Side(head.label, head.commit),
        files,
        linter.options.as_of.isoformat(),
        audience,
    )


def diff_file(
    top: Path,
    linter: Linter,
    base: Revision,
    head: Revision,
    change: FileChange,
    audience: Audience = "public",
) -> FileDiff:
    name = change.new_path or change.old_path
    assert name is not None  # noqa: S101 - narrows the type: a change has a path
    # Both sides are linted under one name, so a renamed file's findings keep their identity;
    # the name is relative to the dwcp root, as per-file-ignores patterns are.
    lint_name = _relative(top / name, linter.settings.root) or name
    old = _version(top, linter, base, change.old_path, lint_name, "BASE")
    new = _version(top, linter, head, change.new_path, lint_name, "HEAD")
    before = visible(old.programme, audience) if old.programme else None
    after = visible(new.programme, audience) if new.programme else None
    result = FileDiff(
        path=name,
        status=change.status,
        old_path=change.old_path if change.status == "renamed" else None,
        base=summarise(before) if before else None,
        head=summarise(after) if after else None,
        errors=[v.failure.text(audience) for v in (old, new) if v.failure],
    )
    # Matched on the whole files, so a finding keeps its identity; shown for the audience.
    added, resolved = compare_findings(old.findings, new.findings, old.data, new.data)
    result.new_findings = findings_for(added, audience)
    result.resolved_findings = findings_for(resolved, audience)
    if before is not None and after is not None:
        comparison = compare(before, after)
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
        return Version(failure=_failure(side, path, exc))
    version = Version(findings=from_json(linter.lint_raw((name, raw))).findings)
    try:
        document = parse(decode(raw), path)
    except LoadError as exc:
        version.failure = _failure(side, path, exc)
        return version
    version.data = document.data
    outcome = to_programme(document)
    if isinstance(outcome, Programme):
        version.programme = outcome
        return version
    first = outcome[0]
    more = f" (and {len(outcome) - 1} more schema problems)" if len(outcome) > 1 else ""
    where = f"{path}:{first.mark.line}:{first.mark.column}"
    version.failure = LoadFailure(side, where, f"{first.message}{more}")
    return version


def _failure(side: str, path: str, exc: LoadError) -> LoadFailure:
    mark = exc.problem.mark
    return LoadFailure(side, f"{path}:{mark.line}:{mark.column}", exc.problem.message)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
