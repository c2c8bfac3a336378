"""Shipped text cites public documents, never the project's internal research notes.

Users cannot open the notes `dwcp` was built from, so rule docs, catalogue headers, sample
programmes, templates and the README name the public document a fact rests on instead: an ILO
Governing Body paper by its title and symbol, an evaluation, a DWCP, a Programme and Budget.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
SHIPPED = (
    "dwcp",
    "templates",
    "programmes",
    "schemas",
    "examples",
    "README.md",
    ".pre-commit-hooks.yaml",
)
SKIPPED_DIRS = {"__pycache__"}

INTERNAL = re.compile(
    r"seed 0\d\d|seeds?/|domain[- ]notes|DOMAIN\.md|\.\./shared|/work/", re.IGNORECASE
)


def _shipped_files() -> list[Path]:
    """Every file under SHIPPED, once (templates/ may be a link into the package)."""
    files: dict[Path, Path] = {}
    for name in SHIPPED:
        path = ROOT / name
        found = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in found:
            if file.is_file() and not SKIPPED_DIRS & set(file.relative_to(ROOT).parts):
                files.setdefault(file.resolve(), file)
    return list(files.values())


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _hits() -> list[tuple[str, int, str]]:
    hits = []
    for path in _shipped_files():
        text = _text(path)
        if text is None:
            continue
        relative = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(text.splitlines(), start=1):
            if INTERNAL.search(line):
                hits.append((relative, number, line.strip()))
    return hits


def test_the_scan_covers_every_kind_of_shipped_text():
    suffixes = {path.suffix for path in _shipped_files()}
    assert {".md", ".yaml", ".yml", ".py", ".j2", ".css", ".json"} <= suffixes


def test_shipped_text_cites_no_internal_notes():
    found = [f"{file}:{number}: {line}" for file, number, line in _hits()]
    assert not found, "internal notes cited; name the public document instead:\n" + "\n".join(found)
