"""Programme versions read from git, without changing the repository in any way.

Every command is read-only (`rev-parse`, `merge-base`, `diff --name-status`, `ls-files`,
`cat-file`, `show`) and runs through dwcp.git.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dwcp.errors import UsageError
from dwcp.git import git, names, resolve
from dwcp.git import toplevel as worktree_top
from dwcp.source.loader import (
    MAX_FILE_BYTES,
    LoadError,
    LoadProblem,
    is_programme_candidate,
    read_bytes,
)
from dwcp.workflow.diff.model import FileStatus

# Branches whose merge base with HEAD is the default BASE, in order of preference.
# Local branches first; CI checkouts often have only the remote-tracking ones.
DEFAULT_BRANCHES = ("main", "master", "origin/main", "origin/master")
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Revision:
    """One end of the comparison: `commit` is None for the working tree."""

    label: str
    commit: str | None


WORKTREE = Revision("working tree", None)


@dataclass(frozen=True)
class FileChange:
    """A programme file that differs: its name at BASE and at HEAD (None where it is absent)."""

    status: FileStatus
    old_path: str | None
    new_path: str | None


def toplevel(cwd: Path) -> Path:
    """The root folder of the git working tree holding `cwd`."""
    top = worktree_top(cwd)
    if top is None:
        raise UsageError(
            f"{cwd} is not inside a git repository; dwcp diff reads programme versions "
            "from git history (use `dwcp lint` to check files outside git)"
        )
    return top


def revision(top: Path, name: str) -> Revision:
    commit = resolve(top, name)
    if commit is None:
        raise UsageError(
            f"unknown revision {name!r}: no branch, tag or commit of this repository has "
            "that name (check the spelling, or `git fetch` it first)"
        )
    return Revision(name, commit)


def default_base(top: Path) -> Revision:
    """The merge base of HEAD with main (or master): what a pull request is compared with."""
    head = resolve(top, "HEAD")
    for branch in DEFAULT_BRANCHES:
        kind = "remotes" if branch.startswith("origin/") else "heads"
        commit = resolve(top, f"refs/{kind}/{branch}")
        if commit is None:
            continue
        if head is None:
            raise UsageError(
                "HEAD has no commit yet, so it has no merge base with "
                f"{branch}; pass BASE, such as `dwcp diff {branch}`"
            )
        base = git(top, "merge-base", head, commit).decode("ascii").strip()
        return Revision(f"merge base of HEAD and {branch}", base)
    raise UsageError(
        "no `main` or `master` branch (local or on origin) to compare with; pass BASE, such as "
        "`dwcp diff origin/main` or `dwcp diff HEAD~1`"
    )


def split_arguments(
    top: Path, cwd: Path, args: list[str], after_separator: int = 0
) -> tuple[list[str], list[str]]:
    """Sort the positional arguments into revisions (at most two, first) and paths.

    The last `after_separator` arguments came after `--` and are paths. Before that, as in
    git, an argument naming an existing file or folder is a path, and so is every argument
    after it; otherwise it is a revision. A `.yaml` name that is no revision is a path too,
    so a file deleted from the working tree can still be named.
    """
    head = args[: len(args) - after_separator]
    paths = args[len(args) - after_separator :]
    revisions: list[str] = []
    named: list[str] = []
    for arg in head:
        if named or (cwd / arg).exists():
            named.append(arg)
        elif len(revisions) < 2 and resolve(top, arg) is not None:
            revisions.append(arg)
        elif arg.endswith(_SUFFIXES):
            named.append(arg)
        elif len(revisions) == 2:
            raise UsageError(
                f"{arg!r} is neither a file nor a folder, and dwcp diff compares at most "
                "two revisions"
            )
        else:
            raise UsageError(
                f"unknown revision {arg!r}: it names no branch, tag or commit of this "
                "repository, nor an existing file or folder (put file names after `--`)"
            )
    return revisions, [*named, *paths]


def pathspec(top: Path, cwd: Path, path: Path) -> str:
    """A path as git names it: relative to the top of the working tree, with `/`."""
    # normpath, not resolve: a link inside the repository is named as git knows it.
    absolute = Path(os.path.normpath(cwd / path))
    for candidate in (absolute, absolute.resolve()):
        if candidate.is_relative_to(top):
            return candidate.relative_to(top).as_posix()
    raise UsageError(f"{path}: outside the git repository ({top})")


def changed_files(top: Path, base: Revision, head: Revision, specs: list[str]) -> list[FileChange]:
    """Programme files that differ between the revisions, renames matched (`-M`)."""
    assert base.commit is not None  # noqa: S101 - narrows the type
    ends = [base.commit] if head.commit is None else [base.commit, head.commit]
    out = git(
        top,
        "diff",
        "--no-ext-diff",
        "--no-textconv",
        "--no-relative",
        "--name-status",
        "-M",
        "-z",
        *ends,
        "--",
        *(specs or ["."]),
    )
    changes = list(_parse_name_status(out))
    if head.commit is None:  # new files not added to git yet are part of the working tree
        untracked = git(
            top, "ls-files", "--others", "--exclude-standard", "-z", "--", *(specs or ["."])
        )
        changes.extend(FileChange("added", None, name) for name in names(untracked))
    kept = [c for c in (_programmes_only(c) for c in changes) if c is not None]
    return sorted(kept, key=lambda c: c.new_path or c.old_path or "")


def _parse_name_status(out: bytes) -> list[FileChange]:
    fields = [os.fsdecode(f) for f in out.split(b"\0")]
    changes: list[FileChange] = []
    index = 0
    while index < len(fields) and fields[index]:
        code = fields[index][0]
        if code in "RC":  # renamed or copied: the old name, then the new one
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if code == "R":
                changes.append(FileChange("renamed", old, new))
            else:
                changes.append(FileChange("added", None, new))
            continue
        path = fields[index + 1]
        index += 2
        if code == "A":
            changes.append(FileChange("added", None, path))
        elif code == "D":
            changes.append(FileChange("deleted", path, None))
        else:  # M, T (type change), U (unmerged): the file is there on both sides
            changes.append(FileChange("modified", path, path))
    return changes


def _is_programme(path: str | None) -> bool:
    if path is None:
        return False
    pure = PurePosixPath(path)
    hidden = any(part.startswith(".") for part in pure.parts[:-1])
    return not hidden and is_programme_candidate(Path(pure.name))


def _programmes_only(change: FileChange) -> FileChange | None:
    """Keep programme YAML files; a rename into or out of YAML is an add or a delete."""
    old_ok, new_ok = _is_programme(change.old_path), _is_programme(change.new_path)
    if old_ok and new_ok:
        return change
    if new_ok:
        return FileChange("added", None, change.new_path)
    if old_ok:
        return FileChange("deleted", change.old_path, None)
    return None


def read_version(top: Path, rev: Revision, path: str) -> bytes:
    """The bytes of a file at a revision (or in the working tree); LoadError when unreadable."""
    if rev.commit is None:
        return read_bytes(top / path)
    size = int(git(top, "cat-file", "-s", f"{rev.commit}:{path}").strip() or 0)
    if size > MAX_FILE_BYTES:
        raise LoadError(
            LoadProblem(
                "DW012",
                f"file is {size / 1024 / 1024:.1f} MB; programme files are limited to "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB",
            )
        )
    return git(top, "show", "--no-textconv", f"{rev.commit}:{path}")
