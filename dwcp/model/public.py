"""What of a programme an audience may see: for the public, nothing marked internal."""

from __future__ import annotations

from typing import Any, Literal

from dwcp.model import Programme

Audience = Literal["public", "internal"]


def visible(programme: Programme, audience: Audience) -> Programme:
    """For the public, the programme without any item marked internal (at any depth)."""
    if audience == "internal":
        return programme
    return Programme.model_validate(_without_internal(programme.model_dump()))


def _without_internal(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_internal(v) for k, v in node.items()}
    if isinstance(node, list):
        return [
            _without_internal(item)
            for item in node
            if not (isinstance(item, dict) and item.get("internal") is True)
        ]
    return node
