"""Errors that stop a command. Findings are data, not exceptions; these are for the rest."""

from __future__ import annotations


class DwcpError(Exception):
    """A failure the user can fix; the CLI prints the message and exits with 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(DwcpError):
    """Invalid `[tool.dwcp]` configuration or catalogue file."""


class UsageError(DwcpError):
    """A command was called with arguments it cannot work with."""


class RenderError(DwcpError):
    """A document could not be rendered: a template, translation or PDF problem."""
