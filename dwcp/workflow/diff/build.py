"""Put a diff together: for each changed programme file, its two versions loaded, linted in
memory and compared.

For the public, the two versions are compared as the public sees them (`visible()` of each),
so a change to an internal item gives no line, no count and no share of any total; the
findings keep their code and place but give their rule's summary instead of a message that
may quote an internal item, and a file that does not load is named by place only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dwcp.lint.audience import findings_for
from dwcp.lint.core import Linter
from dwcp.lint.findings import Finding
from dwcp.model import Programme
from dwcp.model.public import Audience, visible
from dwcp.portfolio.gather import Unloadable, gather_file
from dwcp.source.loader import LoadError
from dwcp.workflow.diff.compare import compare, summarise
from dwcp.workflow.diff.finding_changes import compare_findings
from dwcp.workflow.diff.model import DiffReport, FileDiff, Side
from dwcp.workflow.diff.revisions import FileChange, Revision, changed_files, read_version


@dataclass(frozen=True)
class LoadFailure:
    """Why one side of a file did not load: which side, the file, and the problem."""

    side: str
    path: str
    why: Unloadable

    def text(self, audience: Audience) -> str:
        return f"{self.side}: {self.why.failure(self.path, audience)}"


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
        return Version(failure=LoadFailure(side, path, Unloadable.of_load(exc)))
    gathered = gather_file(linter, name, raw, keep_data=True)
    version = Version(list(gathered.findings), gathered.data, gathered.programme)
    if gathered.unloadable is not None:
        version.failure = LoadFailure(side, path, gathered.unloadable)
    return version


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
