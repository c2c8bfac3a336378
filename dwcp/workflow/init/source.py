"""Where the hooks and the CI workflow `dwcp init` writes install dwcp from (`--source`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dwcp import __version__
from dwcp.errors import UsageError

# A project name first (PEP 508), then a version, extras, `@ url` or markers.
_REQUIREMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:[\[(<>=!~@;].*)?")
_URL = re.compile(r"(?:git\+)?(?:https?|ssh|git|file)://\S+")
_SCP = re.compile(r"(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/\s]\S*)")  # git@host:org/dwcp
_REV = re.compile(r"[^\s\"'\\]+")


@dataclass(frozen=True)
class Source:
    """A pip requirement (`dwcp==0.1.0`), or a git repository of dwcp and a tag or commit."""

    spec: str
    """The requirement; or the repository as pre-commit clones it (a URL or an absolute path)."""
    rev: str | None = None
    """For a git repository: the tag or commit; None for a requirement."""

    @property
    def is_git(self) -> bool:
        return self.rev is not None

    @property
    def is_local(self) -> bool:
        return self.is_git and not _URL.fullmatch(self.spec) and not _SCP.fullmatch(self.spec)

    @property
    def requirement(self) -> str:
        """What `pip install` is given."""
        if self.rev is None:
            return self.spec
        return f"dwcp @ {_pip_url(self.spec)}@{self.rev}"

    def describe(self) -> str:
        return f"{self.spec} at {self.rev}" if self.is_git else self.spec


def default_requirement() -> str:
    return f"dwcp=={__version__}"


def default_rev() -> str:
    return f"v{__version__}"


def parse_source(text: str | None, rev: str | None, cwd: Path) -> Source:
    """The `--source` and `--rev` options as a Source; UsageError for what cannot work."""
    if rev is not None and not _REV.fullmatch(rev):
        raise UsageError(f"--rev {rev!r} is not a tag or commit (no spaces or quotes)")
    text = (text or default_requirement()).strip()
    if _is_git(text):
        text, pinned = _split_pip_rev(text)
        if pinned is not None and rev is not None and pinned != rev:
            raise UsageError(f"--source names revision {pinned} and --rev {rev}; give one")
        return _git_source(text, rev or pinned or default_rev(), cwd)
    if rev is not None:
        raise UsageError(
            f"--rev names a tag or commit of a git repository, but --source {text!r} is a pip "
            "requirement; give --source a git URL or a local clone of dwcp, or pin the "
            "version in the requirement (dwcp==0.1.0)"
        )
    if not _REQUIREMENT.fullmatch(text) or "\n" in text:
        raise UsageError(
            f"--source {text!r} is neither a pip requirement (dwcp==0.1.0) nor a git URL or "
            "local folder of the dwcp repository"
        )
    return Source(text)


def _is_git(text: str) -> bool:
    """A URL, git@host:path, or a path (as pip tells a path from a name: by a separator)."""
    if _URL.fullmatch(text) or _SCP.fullmatch(text):
        return True
    return text.startswith(("~", ".")) or (("/" in text or "\\" in text) and "@" not in text)


def _split_pip_rev(text: str) -> tuple[str, str | None]:
    """pip's `git+https://host/org/dwcp@v1.0` -> (`git+https://host/org/dwcp`, `v1.0`)."""
    if text.startswith("git+"):
        head, slash, last = text.rpartition("/")
        name, at, revision = last.partition("@")
        if at and revision:
            return head + slash + name, revision
    return text, None


def _git_source(text: str, rev: str, cwd: Path) -> Source:
    if _URL.fullmatch(text) or _SCP.fullmatch(text):
        return Source(text.removeprefix("git+"), rev)
    folder = (cwd / Path(text).expanduser()).resolve()
    if not folder.is_dir():
        raise UsageError(f"--source {text}: no such folder; give a local clone of dwcp or a URL")
    if not (folder / ".pre-commit-hooks.yaml").is_file():
        raise UsageError(f"--source {text}: not a clone of dwcp (it has no .pre-commit-hooks.yaml)")
    from dwcp import git

    if git.toplevel(folder) != folder:
        raise UsageError(f"--source {text}: not the top of a git repository; pre-commit clones it")
    if git.resolve(folder, rev) is None:
        raise UsageError(
            f"--rev {rev} names no commit in {folder}; give one of its tags (`git tag` lists "
            "them) or a commit"
        )
    return Source(folder.as_posix(), rev)


def _pip_url(repository: str) -> str:
    """The repository as pip's `git+` URL: git@host:path becomes ssh://git@host/path."""
    scp = _SCP.fullmatch(repository)
    if scp:
        return f"git+ssh://{scp['user']}@{scp['host']}/{scp['path']}"
    if _URL.fullmatch(repository):
        return f"git+{repository}"
    return f"git+{Path(repository).as_uri()}"
