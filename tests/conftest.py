"""Shared fixtures: a programme repository in a temporary folder, and a CLI runner."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dwcp.cli import main
from tests.helpers import CLEAN


@dataclass
class Run:
    code: int
    out: str
    err: str


CliRun = Callable[..., Run]


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's own dwcp cache folder, so no test reads or fills the user's real one."""
    folder = tmp_path_factory.mktemp("dwcp-cache")
    monkeypatch.setenv("DWCP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A programme repository holding the clean fixture, with a pyproject.toml."""
    (tmp_path / "programmes").mkdir()
    (tmp_path / "programmes" / "ZMB-2018-2022.yaml").write_text(
        CLEAN.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def dwcp(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    """Run the real entry point in the repository: dwcp("lint", "--format", "json")."""
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["dwcp", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        captured = capsys.readouterr()
        code = exited.value.code
        return Run(code if isinstance(code, int) else 0, captured.out, captured.err)

    return run
