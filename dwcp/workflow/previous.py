"""A programme file as it was at an earlier git revision: what a progress report compares
its statuses with (`dwcp render --document progress --since REV`). Read-only, through the
same git reads as `dwcp diff`."""

from __future__ import annotations

from pathlib import Path

from dwcp.errors import UsageError
from dwcp.model import Programme
from dwcp.source.loader import LoadError, decode, parse
from dwcp.source.validate import to_programme
from dwcp.workflow.diff.revisions import Revision, pathspec, read_version, revision, toplevel


def since_revision(cwd: Path, name: str) -> Revision:
    """The revision --since names; a UsageError outside git or for an unknown name, before
    any file is rendered."""
    return revision(toplevel(cwd), name)


def programme_at(path: Path, name: str) -> Programme | None:
    """The programme in `path` at the revision; None when the file was not there then.
    A version that no longer loads is a UsageError naming the file and the revision."""
    top = toplevel(path.resolve().parent)
    rev = revision(top, name)
    spec = pathspec(top, Path.cwd(), path)
    try:
        raw = read_version(top, rev, spec)
    except UsageError:
        return None  # git has no such file at that revision: every indicator is new
    where = f"{spec} at {name}"
    try:
        found = to_programme(parse(decode(raw), where))
    except LoadError as exc:
        mark = exc.problem.mark
        raise UsageError(f"{where}:{mark.line}:{mark.column}: {exc.problem.message}") from None
    if isinstance(found, list):
        first = found[0]
        raise UsageError(
            f"{where}:{first.mark.line}:{first.mark.column}: not a valid programme at that "
            f"revision ({first.message}); choose another --since"
        )
    return found
