"""A content-hash cache of per-file lint results, so an unchanged portfolio re-lints for free.

One JSON file per project. Entries are keyed by a hash of the file's bytes, its path, the
tool version, the settings fingerprint, the catalogue and the as-of date. A damaged cache
is ignored, never an error; writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from dwcp import __version__
from dwcp.files import write_atomic

CACHE_DIR = ".dwcp-cache"
CACHE_FILE = "lint.json"


def cache_folder(root: Path, *parts: str) -> Path:
    """The project's cache folder (or a folder in it), made on first use; it ignores
    itself in git so it is never committed. Raises OSError on a read-only checkout."""
    top = root / CACHE_DIR
    top.mkdir(parents=True, exist_ok=True)
    ignore = top / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    folder = top.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def entry_key(raw: bytes, display_path: str, context: str) -> str:
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + display_path.encode() + b"\0" + context.encode())
    return digest.hexdigest()


class Cache:
    def __init__(self, root: Path, enabled: bool = True, name: str = CACHE_FILE) -> None:
        self.path = root / CACHE_DIR / name
        self.enabled = enabled
        self.entries: dict[str, Any] = self._read() if enabled else {}
        self.used: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != __version__:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

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
        if not self.enabled or self.used == self.entries:
            return
        try:
            cache_folder(self.path.parent.parent)
            payload = json.dumps({"version": __version__, "entries": self.used})
            write_atomic(self.path, payload)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache
