"""`--changed-since REF`: which programmes a change touches, read from git.

A programme is selected when its file changed since REF (committed, staged, unstaged or new and
untracked). Cross-file rules (DW9xx) also look at the programmes a change can affect: those of the
same country and those sharing an outcome code with a changed file. When the configuration or the
catalogues changed, every programme is affected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dwcp.errors import UsageError
from dwcp.git import git, names, resolve, toplevel
from dwcp.lint.findings import Finding, Step
from dwcp.lint.results import LintResult
from dwcp.lint.rules.portfolio import FileFacts


@dataclass(frozen=True)
class Changes:
    files: frozenset[Path]
    """Resolved paths of every file that differs from REF."""
    everything: bool
    """True when configuration or catalogues changed: every programme is affected."""


def changes_since(root: Path, ref: str, settings_files: list[Path]) -> Changes:
    """Files changed between REF and the working tree, untracked ones included.

    A change to any of settings_files (configuration, catalogues) affects every programme.
    """
    top = toplevel(root)
    if top is None:
        raise UsageError(f"--changed-since: {root} is not inside a git repository")
    if resolve(root, ref) is None:
        raise UsageError(
            f"--changed-since {ref!r}: no such revision; give a branch, tag or commit "
            "(for a pull request, the base branch such as origin/main)"
        )
    # diff names are relative to the top of the work tree, ls-files names to the folder asked.
    tracked = names(git(root, "diff", "--name-only", "-z", "--no-renames", ref, "--"))
    untracked = names(git(root, "ls-files", "--others", "--exclude-standard", "-z"))
    files = frozenset(
        [(top / name).resolve() for name in tracked]
        + [(root / name).resolve() for name in untracked]
    )
    watched = [w.resolve() for w in settings_files]
    everything = any(f == w or f.is_relative_to(w) for f in files for w in watched)
    return Changes(files, everything)


def narrow(result: LintResult, changes: Changes) -> LintResult:
    """Keep findings of changed files, and cross-file findings of the files they affect."""
    if changes.everything:
        return result
    changed = {name for name in result.files if Path(name).resolve() in changes.files}
    affected = _affected(result.facts, changed)
    kept = [f for f in result.findings if f.file in changed or _crosses(f, affected)]
    files = [name for name in result.files if name in changed or name in affected]
    # Which of the kept files came from the cache is not known here; say nothing about it.
    return LintResult(kept, files, result.as_of, 0, result.facts)


def _affected(facts: list[FileFacts], changed: set[str]) -> set[str]:
    touched = [f for f in facts if f.file in changed]
    countries = {f.country for f in touched}
    codes = {o.ident for f in touched for o in f.outcomes}
    return {
        f.file
        for f in facts
        if f.file not in changed
        and (f.country in countries or any(o.ident in codes for o in f.outcomes))
    }


def _crosses(finding: Finding, affected: set[str]) -> bool:
    return finding.file in affected and finding.step is Step.PORTFOLIO
