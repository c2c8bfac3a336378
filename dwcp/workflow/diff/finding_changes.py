"""New and resolved lint findings between two versions of a file.

Findings are compared by `Finding.identity` (file, code, YAML path), never by line, since lines
move with every edit. Positions in the path are replaced by the items' ids first
(`priorities[0]` -> `priorities[P1]`), so reordering a list resolves nothing and adds nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from dwcp.lint.findings import Finding
from dwcp.workflow.diff.terms import key_of

Identity = tuple[str, str, str]
_SEGMENT = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def keyed_path(path: str, data: object) -> str:
    """`priorities[0].outcomes[1].statement` -> `priorities[P1].outcomes[ZMB102].statement`.

    Segments that cannot be followed in `data` (or no data at all) keep their position.
    """
    if data is None or not path:
        return path
    node: object = data
    name = ""
    parts: list[str] = []
    for match in _SEGMENT.finditer(path):
        index, key = match.group(1), match.group(2)
        if key is not None:
            parts.append(f".{key}" if parts else key)
            name, node = key, node.get(key) if isinstance(node, dict) else None
            continue
        position = int(index)
        item = node[position] if isinstance(node, list) and position < len(node) else None
        parts.append(f"[{key_of(name, item)}]" if isinstance(item, dict) else f"[{position}]")
        node = item
    return "".join(parts)


def identity(finding: Finding, data: object) -> Identity:
    file, code, path = finding.identity
    return (file, code, keyed_path(path, data))


def compare_findings(
    old: list[Finding], new: list[Finding], old_data: object = None, new_data: object = None
) -> tuple[list[Finding], list[Finding]]:
    """(new findings, resolved findings). Both versions must be linted under the same file
    name. `*_data` are the versions' plain data (model dumps), used to key the paths."""
    before = Counter(identity(f, old_data) for f in old)
    after = Counter(identity(f, new_data) for f in new)
    return _beyond(new, new_data, before), _beyond(old, old_data, after)


def _beyond(findings: list[Finding], data: object, other: Counter[Identity]) -> list[Finding]:
    """The findings whose identity occurs more often here than in `other`."""
    left = Counter(other)
    extra = []
    for finding in findings:
        key = identity(finding, data)
        if left[key] > 0:
            left[key] -= 1
        else:
            extra.append(finding)
    return extra
