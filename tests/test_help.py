"""Every command's --help teaches by example."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from dwcp.cli import app
from tests.conftest import CliRun


def command_names() -> list[str]:
    found: list[str] = []

    def walk(prefix: str, command: Any) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append(prefix)
            return
        for name, sub in sorted(subcommands.items()):
            walk(f"{prefix} {name}".strip(), sub)

    walk("", typer.main.get_command(app))
    return found


def test_every_command_is_found():
    names = set(command_names())
    assert {"lint", "render", "site", "rules", "schema", "report gaps"} <= names


@pytest.mark.parametrize("name", command_names())
def test_help_has_an_example_of_the_command_itself(dwcp: CliRun, name: str):
    run = dwcp(*name.split(), "--help")
    assert run.code == 0
    assert f"Example: dwcp {name}" in run.out
