"""Every command's --help teaches by example."""

from __future__ import annotations

import pytest

from tests.conftest import CliRun
from tests.helpers import command_names


def test_every_command_is_found():
    names = set(command_names())
    assert {"lint", "render", "site", "rules", "schema", "report gaps"} <= names


@pytest.mark.parametrize("name", command_names())
def test_help_has_an_example_of_the_command_itself(dwcp: CliRun, name: str):
    run = dwcp(*name.split(), "--help")
    assert run.code == 0
    assert f"Example: dwcp {name}" in run.out
