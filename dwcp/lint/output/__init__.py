"""Finding formatters: one module per output format, each a function of the lint result."""

from __future__ import annotations

from collections.abc import Callable

from dwcp.lint.output import github, json_format, junit, sarif
from dwcp.lint.results import LintResult

Formatter = Callable[[LintResult], str]

# `text` is printed with rich by the CLI; these produce plain strings.
FORMATTERS: dict[str, Formatter] = {
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}
