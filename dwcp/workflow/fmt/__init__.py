"""`dwcp fmt`: programme files in canonical key order and layout, keeping every comment."""

from dwcp.workflow.fmt.engine import FormatError, format_text

__all__ = ["FormatError", "format_text"]
