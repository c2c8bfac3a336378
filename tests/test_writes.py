"""Every command that writes stays inside the repository and leaves nothing half-written."""

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
def test_writing_outside_the_repository_is_refused(dwcp: CliRun, outside: Path, command: str):
    run = dwcp(*WRITERS[command](outside))
    assert run.code == 2, run.out + run.err
    assert "outside the repository" in run.err
    assert list(outside.iterdir()) == []


def test_a_relative_path_that_climbs_out_is_refused(dwcp: CliRun, repo: Path):
    run = dwcp("lint", AS_OF, "--output", "../escaped.txt")
    assert run.code == 2
    assert not (repo.parent / "escaped.txt").exists()


def test_writing_inside_the_repository_works(dwcp: CliRun, repo: Path):
    run = dwcp("lint", AS_OF, "--output", "reports/lint.txt")
    assert run.code == 2  # the folder must exist: dwcp does not create it for a report
    (repo / "reports").mkdir()
    assert dwcp("lint", AS_OF, "--output", "reports/lint.txt").code == 0
    assert "All clear" in (repo / "reports" / "lint.txt").read_text(encoding="utf-8")
