"""Every command writes where the user said, makes the folders it needs, and says what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRun

AS_OF = "--as-of=2019-07-01"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("elsewhere")


WRITERS = {
    "lint --output": lambda target: ["lint", AS_OF, "--output", str(target / "lint.txt")],
    "lint --write-baseline": lambda target: ["lint", AS_OF, "--write-baseline", str(target / "b")],
    "report --output": lambda target: ["report", "gaps", "--output", str(target / "gaps.txt")],
    "report csv": lambda target: ["report", "gaps", "--format", "csv", "--output", str(target)],
    "render --out": lambda target: ["render", AS_OF, "--out", str(target / "docs")],
    "site --out": lambda target: ["site", AS_OF, "--out", str(target / "site")],
    "schema --out": lambda target: ["schema", "--out", str(target / "schemas")],
    "export xlsx": lambda target: ["export", "xlsx", "--out", str(target / "book.xlsx")],
    "export csv": lambda target: ["export", "csv", "--out", str(target / "tables")],
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_path_the_user_names_is_honoured_wherever_it_is(
    dwcp: CliRun, outside: Path, command: str
):
    """CI writes SARIF to a temporary folder; an officer writes a PDF to the desktop."""
    target = outside / "not" / "made" / "yet"
    run = dwcp(*WRITERS[command](target))
    assert run.code == 0, run.out + run.err
    assert any(p.is_file() for p in target.rglob("*")), run.out
    assert str(target) in run.out + run.err  # every command says what it wrote


def test_a_relative_path_that_climbs_out_is_honoured(dwcp: CliRun, repo: Path):
    run = dwcp("lint", AS_OF, "--output", "../escaped.txt")
    assert run.code == 0, run.err
    assert "All clear" in (repo.parent / "escaped.txt").read_text(encoding="utf-8")


def test_folders_of_an_output_are_made(dwcp: CliRun, repo: Path):
    assert dwcp("lint", AS_OF, "--output", "reports/lint.txt").code == 0
    assert "All clear" in (repo / "reports" / "lint.txt").read_text(encoding="utf-8")
    run = dwcp("report", "gaps", "--format", "json", "--output", "reports/deep/gaps.json")
    assert run.code == 0, run.err
    assert (repo / "reports" / "deep" / "gaps.json").is_file()


def test_an_output_that_is_a_folder_is_a_clear_error(dwcp: CliRun, repo: Path):
    (repo / "reports").mkdir()
    run = dwcp("lint", AS_OF, "--output", "reports")
    assert run.code == 2
    assert "reports" in run.err and "Traceback" not in run.err
