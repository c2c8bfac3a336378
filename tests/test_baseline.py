"""`dwcp lint --write-baseline` / `--baseline`: adopt dwcp on a portfolio that is not clean yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.test_cli_lint import AS_OF, break_gender

FIXTURE = Path("programmes") / "ZMB-2018-2022.yaml"


def _json_codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)["findings"]]


@pytest.fixture
def baselined(dwcp: CliRun, repo: Path) -> Path:
    """The fixture with one accepted finding recorded in .dwcp-baseline.json."""
    break_gender(repo)
    run = dwcp("lint", AS_OF, "--write-baseline", ".dwcp-baseline.json")
    assert run.code == 0, run.err
    assert "recorded 1 finding(s)" in run.err
    return repo / ".dwcp-baseline.json"


def test_the_baseline_records_file_code_and_path_not_lines(baselined: Path):
    entries = json.loads(baselined.read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 1
    (entry,) = entries
    assert entry["file"] == FIXTURE.as_posix()
    assert entry["path"].startswith("priorities[")
    assert entry["count"] == 1
    assert "line" not in entry


def test_accepted_findings_do_not_fail_the_run(dwcp: CliRun, baselined: Path):
    without = dwcp("lint", AS_OF)
    assert without.code == 1
    run = dwcp("lint", AS_OF, "--baseline", str(baselined))
    assert run.code == 0
    assert "1 finding(s) accepted" in run.err


def test_moving_lines_keeps_the_baseline_valid(dwcp: CliRun, repo: Path, baselined: Path):
    path = repo / FIXTURE
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    path.write_text(head + "\n# a comment\n# and another\n\n" + rest, encoding="utf-8")
    assert dwcp("lint", AS_OF, "--baseline", str(baselined)).code == 0


def test_a_new_finding_fails_and_only_it_is_reported(dwcp: CliRun, repo: Path, baselined: Path):
    path = repo / FIXTURE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: implementation", "status: implementing"), "utf-8")
    run = dwcp("lint", AS_OF, "--baseline", str(baselined), "--format", "json")
    assert run.code == 1
    assert _json_codes(run.out) == ["DW023"]


def test_fixed_entries_are_reported(dwcp: CliRun, repo: Path, baselined: Path):
    (repo / FIXTURE).write_text(
        (Path(__file__).parent / "fixtures" / "ZMB-2018-2022.yaml").read_text("utf-8"), "utf-8"
    )
    run = dwcp("lint", AS_OF, "--baseline", str(baselined))
    assert run.code == 0
    assert "1 baseline entry is fixed" in run.err
    assert f"{FIXTURE.as_posix()}: DW" in run.err


def test_an_entry_without_a_positive_count_is_refused(dwcp: CliRun, baselined: Path):
    data = json.loads(baselined.read_text(encoding="utf-8"))
    data["findings"][0]["count"] = 0
    baselined.write_text(json.dumps(data), encoding="utf-8")
    run = dwcp("lint", AS_OF, "--baseline", str(baselined))
    assert run.code == 2
    assert "entry 1 needs file, code, path and count" in run.err


def test_runs_from_a_subfolder_use_the_same_keys(
    dwcp: CliRun, repo: Path, baselined: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(repo / "programmes")
    run = dwcp("lint", AS_OF, "ZMB-2018-2022.yaml", "--baseline", str(baselined))
    assert run.code == 0, run.out


def test_a_missing_baseline_says_how_to_create_it(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--baseline", "nowhere.json")
    assert run.code == 2
    assert "nowhere.json: no such baseline" in run.err
    assert "--write-baseline nowhere.json" in run.err
    assert "Traceback" not in run.err


def test_a_broken_baseline_names_line_and_column(dwcp: CliRun, repo: Path):
    (repo / "broken.json").write_text('{\n  "dwcp-baseline": 1,\n  oops\n}\n', encoding="utf-8")
    run = dwcp("lint", AS_OF, "--baseline", "broken.json")
    assert run.code == 2
    assert "broken.json:3:3: the baseline is not valid JSON" in run.err


def test_a_file_that_is_not_a_baseline_is_refused(dwcp: CliRun, repo: Path):
    (repo / "other.json").write_text('{"findings": []}', encoding="utf-8")
    run = dwcp("lint", AS_OF, "--baseline", "other.json")
    assert run.code == 2
    assert "not a dwcp baseline" in run.err


def test_writing_a_baseline_into_a_missing_folder_makes_the_folder(dwcp: CliRun, repo: Path):
    run = dwcp("lint", AS_OF, "--write-baseline", "no/such/folder/base.json")
    assert run.code == 0, run.err
    assert (repo / "no" / "such" / "folder" / "base.json").is_file()
