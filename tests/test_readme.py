"""The README documents what users configure and what the exit codes mean (the rules table
is checked in test_registry)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dwcp.config import RawConfig
from tests.helpers import command_names

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


@pytest.mark.parametrize(
    "key", [field.alias or name for name, field in RawConfig.model_fields.items()]
)
def test_every_configuration_key_is_documented(key: str):
    configuration = _section("Configuration")
    assert re.search(
        rf"^\[?(tool\.dwcp\.)?{re.escape(key)}\]? *=?", configuration, re.MULTILINE
    ) or (f"[tool.dwcp.{key}" in configuration), key


def test_every_exit_code_is_documented():
    table = _section("Exit codes")
    for code in (0, 1, 2):
        assert f"\n| {code} |" in table


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_a_readme_section(command: str):
    top = command.split()[0]
    assert re.search(rf"^### `dwcp {re.escape(top)}\b", README, re.MULTILINE) or re.search(
        rf"^### `dwcp [^`]*` and `dwcp {re.escape(top)}`", README, re.MULTILINE
    ), command
