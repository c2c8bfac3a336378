"""Small helpers shared by the rule tests, on top of tests/helpers.py."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap


def flow(**items: Any) -> CommentedMap:
    """A mapping that dumps on one line, `{id: X, ...}`, like the fixture's list items."""
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def line_is(text: str, content: str) -> int:
    """The 1-based line that reads exactly `content` once indentation is stripped.

    For lines such as `- id: ZMB101`, whose text is also part of `- id: ZMB101.1`.
    """
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == content]
    assert len(hits) == 1, f"{content!r} is on lines {hits}"
    return hits[0]
