"""`LintOptions(errors_only=True)`, what `dwcp render` lints with: only the rules that can give
an error as configured run, and a file's errors are the same as a full lint's."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from dwcp.config import RawConfig, Settings
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Severity
from dwcp.lint.rules import BY_CODE
from tests.helpers import AS_OF, catalogue, clean_data, dump, outcome

WARNING_ONLY = "DW092"  # a warning at every status
ERROR = "DW107"  # an error at every status
STAGED = "DW302"  # a warning before the programme is validated, an error after


def _linter(**config: Any) -> Linter:
    settings = Settings(root=Path.cwd(), raw=RawConfig(**config))
    return Linter(settings, catalogue(), LintOptions(AS_OF, use_cache=False, errors_only=True))


def test_the_rules_chosen_are_those_that_can_give_an_error() -> None:
    assert BY_CODE[WARNING_ONLY].severity is Severity.WARNING
    assert BY_CODE[WARNING_ONLY].before_validated is None
    assert BY_CODE[STAGED].before_validated is Severity.WARNING
    enabled = _linter().enabled
    assert ERROR in enabled and STAGED in enabled
    assert WARNING_ONLY not in enabled


def test_a_configured_severity_decides() -> None:
    enabled = _linter(severity={WARNING_ONLY: "error", ERROR: "warning"}).enabled
    assert WARNING_ONLY in enabled
    assert ERROR not in enabled


def test_a_file_has_the_same_errors_as_in_a_full_lint() -> None:
    data = clean_data()
    outcome(data)["indicators"] = []  # an error
    data["priorities"][0]["rationale"] = "x" * 200  # a warning: a 200-character word
    text = dump(data)
    full_linter = Linter(
        Settings(root=Path.cwd()), catalogue(), LintOptions(AS_OF, use_cache=False)
    )
    full = full_linter.lint_text(text, "programmes/ZMB-2018-2022.yaml").findings
    errors_only = _linter().lint_text(text, "programmes/ZMB-2018-2022.yaml").findings
    errors = [f for f in full if f.severity is Severity.ERROR]
    assert errors, "the change should give an error"
    assert any(f.code == WARNING_ONLY for f in full)
    assert [f for f in errors_only if f.severity is Severity.ERROR] == errors
    assert not any(f.code == WARNING_ONLY for f in errors_only)


def test_the_cache_key_differs() -> None:
    full = Linter(Settings(root=Path.cwd()), catalogue(), LintOptions(AS_OF, use_cache=False))
    assert dataclasses.replace(full.options, errors_only=True) != full.options
    assert _linter().context_key != full.context_key
