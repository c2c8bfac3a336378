"""The programme model: Pydantic classes that are the single source of truth for the file."""

from dwcp.model.programme import Programme

__all__ = ["Programme"]
