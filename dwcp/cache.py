"""Result caches kept in the user's cache folder, so an unchanged portfolio re-lints for free.

A programme repository is untrusted input: a cache it carried could declare its own broken
files clean. So nothing is read from or written to the repository. Each repository gets a
folder named by a hash of its resolved path under `platformdirs.user_cache_dir("dwcp")` (or
`$DWCP_CACHE_DIR`), private to the user. A cache file is plain JSON checked against a strict
shape when read; bad JSON, a wrong shape, another version, a link or a file that is not ours
is a miss, never an error, and a link is never written through. Entries are keyed by a hash
of everything that can change the result, so a cache never changes what a command reports.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from dwcp import __version__
from dwcp.files import write_atomic

CACHE_ENV = "DWCP_CACHE_DIR"
LINT_CACHE = "lint.json"
FORMAT_CACHE = "fmt.json"
# Far above a real portfolio's cache; a bigger file is not ours, and is not worth parsing.
MAX_CACHE_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def cache_root() -> Path:
    """The folder holding every repository's caches: `$DWCP_CACHE_DIR` or the user's."""
    configured = os.environ.get(CACHE_ENV, "")
    if configured:
        return Path(configured).expanduser().absolute()
    return Path(platformdirs.user_cache_dir("dwcp", appauthor=False))


def repository_folder(root: Path) -> Path:
    """The repository's own cache folder, named by a hash of its resolved path."""
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return cache_root() / name


def entry_key(*parts: str | bytes) -> str:
    """A hash of the parts, each length-prefixed so that no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@cache
def tool_fingerprint() -> str:
    """The version plus the size and time of every module and data file (the catalogues and
    word lists rules read), so editing dwcp in a checkout without bumping the version still
    invalidates what the old code cached."""
    package = Path(__file__).parent
    stamps = [__version__]
    for module in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")]):
        info = module.stat()
        stamps.append(f"{module.relative_to(package).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return entry_key(*stamps)


# The shapes a cache file must have; anything else in it is damage, and the whole file a miss.
# Each kind of entry has its shape beside what writes it (dwcp.lint.results.LINT_SHAPE).
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Key = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _CacheFile(_Strict):
    version: str
    entries: dict[Key, object]


FORMAT_SHAPE: TypeAdapter[Any] = TypeAdapter(Literal[True])


class Cache:
    """One cache file of one repository: read once when made, written once by `save`.

    `shape` checks each entry strictly. `problem` says why stored entries were not used
    (None when they were, or when there were none).
    """

    def __init__(self, root: Path, name: str, shape: TypeAdapter[Any], enabled: bool = True):
        self.enabled = enabled
        self.folder = repository_folder(root)
        self.path = self.folder / name
        self.shape = shape
        self.problem: str | None = None
        self.writable = enabled and self._check_root(root)
        self.entries: dict[str, Any] = self._read() if self.writable else {}
        self.used: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if not self.enabled:
            return None
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        if self.enabled:
            self.used[key] = value

    def save(self) -> None:
        """Keep only the entries this run used, so the cache never grows without bound."""
        if not self.writable or self.used == self.entries:
            return
        try:
            if not self._make_folder():
                return
            if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
                self._refuse(f"{self.path} is not a plain file")
                return
            write_atomic(self.path, json.dumps({"version": __version__, "entries": self.used}))
            self.path.chmod(0o600)
        except OSError:
            pass  # no cache folder to write to: the command still works, just without a cache

    def _refuse(self, problem: str) -> None:
        self.problem = self.problem or problem
        self.writable = False
        self.entries = {}

    def _check_root(self, root: Path) -> bool:
        """A cache folder inside the repository could be committed by a pull request."""
        if cache_root().resolve().is_relative_to(root.resolve()):
            self._refuse(f"the cache folder {cache_root()} is inside the repository; not used")
            return False
        return True

    def _read(self) -> dict[str, Any]:
        if not self._folder_is_ours(self.folder, missing_ok=True):
            return {}
        try:
            raw = self._read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._refuse(f"{self.path}: {exc.strerror or exc}; not used")
            return {}
        if raw is None:
            return {}
        return self._parse(raw)

    def _read_bytes(self) -> bytes | None:
        # O_NOFOLLOW: a link in the place of the cache file is refused, not followed.
        handle = os.open(self.path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or not _ours(info):
                self._refuse(f"{self.path} is not a plain file of this user; not used")
                return None
            if info.st_size > MAX_CACHE_BYTES:
                self._refuse(f"{self.path} is too large to be a dwcp cache; not used")
                return None
            return stream.read(MAX_CACHE_BYTES + 1)

    def _parse(self, raw: bytes) -> dict[str, Any]:
        try:
            stored = _CacheFile.model_validate(json.loads(raw))
            if stored.version != __version__:
                self.problem = f"{self.path} is from dwcp {stored.version}; not used"
                return {}
            for value in stored.entries.values():
                self.shape.validate_python(value, strict=True)
        except (ValueError, RecursionError, ValidationError):  # ValueError: bad JSON or UTF-8
            self.problem = f"{self.path} is damaged; not used"
            return {}
        return dict(stored.entries)

    def _make_folder(self) -> bool:
        cache_root().mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            self.folder.mkdir(mode=0o700)
        if not self._folder_is_ours(self.folder, missing_ok=False):
            return False
        if self.folder.stat().st_mode & 0o077:
            self.folder.chmod(0o700)
        return True

    def _folder_is_ours(self, folder: Path, missing_ok: bool) -> bool:
        try:
            info = folder.lstat()
        except FileNotFoundError:
            return missing_ok
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or not _ours(info):
            self._refuse(f"{folder} is not a plain folder of this user; not used")
            return False
        return True


def _ours(info: os.stat_result) -> bool:
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or info.st_uid == geteuid()
