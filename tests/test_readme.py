"""The README documents what users configure and what the exit codes mean (the rules table
is checked in test_registry)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dwcp.config import RawConfig
from tests.helpers import command_names

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
PACKAGE = Path(__file__).parent.parent / "dwcp"


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


def _layout_names() -> set[str]:
    return set(re.findall(r"[\w./-]+", _section("Layout")))


@pytest.mark.parametrize(
    "module",
    sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        # views/compiled/ holds generated code, named in the layout as one folder.
        if p.name != "__init__.py" and p.parent.name not in ("cli", "compiled")
    ),
)
def test_the_layout_names_every_module(module: str):
    """The README's layout is the map a newcomer reads: every module is on it, under its
    package (a folder's modules may share a line, and `a.py + b.py` counts for both)."""
    names = _layout_names()
    folder, _, file = module.rpartition("/")
    assert file in names or module in names, f"README Layout does not name {module}"
    for part in folder.split("/") if folder else []:
        assert f"{part}/" in names, f"README Layout does not name the folder {part}/"


@pytest.mark.parametrize(
    "package",
    sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()),
)
def test_the_layout_names_every_package(package: str):
    assert f"{package}/" in _layout_names()
