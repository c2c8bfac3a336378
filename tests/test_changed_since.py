"""`dwcp lint --changed-since REF`: lint what a pull request touches, and what that affects."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.test_cli_lint import AS_OF, break_gender

FIXTURE = "programmes/ZMB-2018-2022.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def committed(repo: Path) -> Path:
    """The fixture repository under git, with a known problem already committed."""
    break_gender(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "officer@example.org")
    git(repo, "config", "user.name", "Officer")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    return repo


def _findings(out: str) -> list[tuple[str, str]]:
    return [(f["file"], f["code"]) for f in json.loads(out)["findings"]]


@pytest.mark.usefixtures("committed")
def test_unchanged_files_are_not_linted(dwcp: CliRun):
    assert dwcp("lint", AS_OF).code == 1
    run = dwcp("lint", AS_OF, "--changed-since", "main", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["summary"]["files"] == 0


def test_an_edited_file_is_linted(dwcp: CliRun, committed: Path):
    path = committed / FIXTURE
    path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
    run = dwcp("lint", AS_OF, "--changed-since", "main", "--format", "json")
    assert run.code == 1
    assert {file for file, _ in _findings(run.out)} == {FIXTURE}


def test_a_new_untracked_file_is_linted(dwcp: CliRun, committed: Path):
    (committed / "programmes" / "broken.yaml").write_text("country: [\n", encoding="utf-8")
    run = dwcp("lint", AS_OF, "--changed-since", "main", "--format", "json")
    assert run.code == 1
    assert _findings(run.out) == [("programmes/broken.yaml", "DW001")]


def test_cross_file_findings_of_affected_programmes_are_kept(dwcp: CliRun, committed: Path):
    # A new programme reusing the fixture's outcome codes: the duplicate is reported on the
    # older, unchanged file, and only the cross-file finding of that file is shown.
    shutil.copy(committed / FIXTURE, committed / "programmes" / "ZMB-2013-2017.yaml")
    run = dwcp("lint", AS_OF, "--changed-since", "main", "--format", "json")
    found = _findings(run.out)
    unchanged = {code for file, code in found if file == FIXTURE}
    assert unchanged, found
    assert all(code.startswith("DW9") for code in unchanged)


@pytest.mark.parametrize("config", ["pyproject.toml", "dwcp.toml"])
def test_a_configuration_change_lints_everything(dwcp: CliRun, committed: Path, config: str):
    (committed / config).write_text('[tool.dwcp]\nfail-on = "error"\n', "utf-8")
    run = dwcp("lint", AS_OF, "--changed-since", "main", "--format", "json")
    assert json.loads(run.out)["summary"]["files"] == 1
    assert {file for file, _ in _findings(run.out)} == {FIXTURE}


@pytest.mark.usefixtures("committed")
def test_an_unknown_revision_is_a_usage_error(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--changed-since", "no-such-branch")
    assert run.code == 2
    assert "'no-such-branch': no such revision" in run.err


def test_outside_git_it_says_so(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--changed-since", "main")
    assert run.code == 2
    assert "not inside a git repository" in run.err
