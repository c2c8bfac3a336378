"""Read-only git, shared by `dwcp diff`, `lint --changed-since` and document provenance.

Commands run with optional locks off, so that not even the index is refreshed, take paths
literally (no pathspec magic from file names) and never prompt.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from dwcp.errors import UsageError


def git(folder: Path, *args: str) -> bytes:
    """Run a read-only git command in `folder`; a failure is a UsageError with git's words."""
    try:
        done = subprocess.run(  # noqa: S603 - a fixed git command line, no shell
            ["git", "--no-pager", "--literal-pathspecs", *args],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=120,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH); this command needs it") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took over two minutes in {folder}; stopped") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else f"exit status {done.returncode}"
        raise UsageError(f"git {args[0]} failed in {folder}: {reason}")
    return done.stdout


def toplevel(folder: Path) -> Path | None:
    """The root of the git working tree holding `folder`, or None outside one."""
    try:
        text = os.fsdecode(git(folder, "rev-parse", "--show-toplevel").strip())
    except UsageError:
        return None
    return Path(text) if text else None  # empty inside .git or a bare repository


def resolve(folder: Path, name: str) -> str | None:
    """The commit a revision name stands for, or None when it names no commit."""
    if not name or name.startswith("-"):
        return None  # never let a name be read as an option
    try:
        out = git(folder, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except UsageError:
        return None
    return out.decode("ascii", "replace").strip() or None


def names(out: bytes) -> list[str]:
    """Paths from a `-z` listing."""
    return [os.fsdecode(p) for p in out.split(b"\0") if p]
