"""`dwcp lint` end to end: exit codes, every flag and every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.helpers import line_of

AS_OF = "--as-of=2019-07-01"


def break_gender(repo: Path) -> Path:
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "        effect_on_women_and_men: Half of the places in every programme go to young women.\n",
            "",
        ),
        encoding="utf-8",
    )
    return path


def test_clean_portfolio_exits_0(dwcp: CliRun):
    run = dwcp("lint", AS_OF)
    assert run.code == 0
    assert "All clear" in run.out
    assert "as of 2019-07-01" in run.out


def test_default_path_is_the_programmes_folder(dwcp: CliRun, repo: Path):
    break_gender(repo)
    run = dwcp("lint", AS_OF)
    assert run.code == 1
    assert "programmes/ZMB-2018-2022.yaml:" in run.out
    assert "DW401" in run.out


def test_text_output_names_file_line_column_code_and_hint(dwcp: CliRun, repo: Path):
    row = line_of(break_gender(repo).read_text(encoding="utf-8"), "- id: ZMB101", exact=True)
    out = dwcp("lint", AS_OF, "programmes/ZMB-2018-2022.yaml").out
    line = next(x for x in out.splitlines() if "DW401" in x)
    assert line.startswith(f"programmes/ZMB-2018-2022.yaml:{row}:9: DW401 outcome ZMB101")
    assert "hint: add effect_on_women_and_men" in out


def test_missing_path_exits_2(dwcp: CliRun):
    run = dwcp("lint", "nowhere.yaml")
    assert run.code == 2
    assert "nowhere.yaml: no such file or folder" in run.err
    assert "Traceback" not in run.err


def test_bad_as_of_exits_2(dwcp: CliRun):
    run = dwcp("lint", "--as-of", "yesterday")
    assert run.code == 2
    assert "YYYY-MM-DD" in run.err


def test_unknown_format_is_a_usage_error(dwcp: CliRun):
    assert dwcp("lint", "--format", "xml").code == 2


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_threshold(dwcp: CliRun, repo: Path, fail_on: str, expected: int):
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("  assumptions:", "  # none\n  assumptions:")
        .replace("            means_of_verification: [Tracer survey]\n", ""),
        encoding="utf-8",
    )  # DW412 is a warning
    assert dwcp("lint", AS_OF, "--fail-on", fail_on).code == expected


def test_json_output(dwcp: CliRun, repo: Path):
    break_gender(repo)
    run = dwcp("lint", AS_OF, "--format", "json")
    document = json.loads(run.out)
    assert document["as_of"] == "2019-07-01"
    assert document["summary"]["error"] == 1
    [finding] = document["findings"]
    assert set(finding) >= {
        "file",
        "line",
        "column",
        "code",
        "name",
        "severity",
        "step",
        "message",
        "path",
    }
    assert finding["path"] == "priorities[0].outcomes[0].effect_on_women_and_men"
    assert finding["step"] == "3-outcomes"


def test_github_format_is_chosen_on_github_actions(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    row = line_of(break_gender(repo).read_text(encoding="utf-8"), "- id: ZMB101", exact=True)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = dwcp("lint", AS_OF).out
    assert out.startswith(
        f"::error file=programmes/ZMB-2018-2022.yaml,line={row},col=9,"
        "title=DW401 outcome-without-gender-effect::"
    )


def test_github_shows_worst_first_and_counts_the_rest(dwcp: CliRun, repo: Path):
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    many = "".join(f"    - {{symbol: S{i}, title: t, funding_source: RB}}\n" for i in range(15))
    path.write_text(
        path.read_text(encoding="utf-8").replace("  projects:\n", "  projects:\n" + many),
        encoding="utf-8",
    )
    lines = dwcp("lint", AS_OF, "--format", "github").out.splitlines()
    assert sum(line.startswith("::warning") for line in lines) == 10
    assert lines[-1].startswith("::notice title=dwcp::5 more findings")


def test_output_file_is_written_and_stdout_only_says_so(dwcp: CliRun, repo: Path):
    run = dwcp("lint", AS_OF, "--format", "json", "--output", "report.json")
    assert run.out == "wrote report.json\n"
    assert json.loads((repo / "report.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_select_and_ignore(dwcp: CliRun, repo: Path):
    break_gender(repo)
    assert dwcp("lint", AS_OF, "--ignore", "DW401").code == 0
    assert dwcp("lint", AS_OF, "--select", "DW5").code == 0
    assert dwcp("lint", AS_OF, "--select", "DW4,DW5").code == 1


def test_statistics_table(dwcp: CliRun, repo: Path):
    break_gender(repo)
    out = dwcp("lint", AS_OF, "--statistics").out
    assert "Findings by rule" in out
    assert "outcome-without-gender-effect" in out


def test_cache_serves_unchanged_files_and_notices_changes(
    dwcp: CliRun, repo: Path, cache_dir: Path
):
    assert "from cache" not in dwcp("lint", AS_OF).out
    assert "1 from cache" in dwcp("lint", AS_OF).out
    assert len(list(cache_dir.rglob("lint.json"))) == 1
    assert not (repo / ".dwcp-cache").exists()
    break_gender(repo)
    run = dwcp("lint", AS_OF)
    assert "from cache" not in run.out
    assert run.code == 1


def test_cache_depends_on_as_of(dwcp: CliRun):
    dwcp("lint", AS_OF)
    assert "from cache" not in dwcp("lint", "--as-of=2020-07-01").out


def test_no_cache_neither_reads_nor_writes(dwcp: CliRun, cache_dir: Path):
    dwcp("lint", AS_OF, "--no-cache")
    assert list(cache_dir.iterdir()) == []


def test_a_damaged_cache_is_ignored(dwcp: CliRun, cache_dir: Path):
    dwcp("lint", AS_OF)
    [path] = cache_dir.rglob("lint.json")
    path.write_text("{not json", encoding="utf-8")
    assert dwcp("lint", AS_OF).code == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.yaml", b"", "DW014"),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "DW013"),
        ("utf16.yaml", "country: ZMB\n".encode("utf-16"), "DW013"),
        ("tabs.yaml", b"country:\n\tZMB\n", "DW001"),
        ("tagged.yaml", b"country: !!python/object/apply:os.system [echo hacked]\n", "DW003"),
    ],
)
def test_bad_files_are_findings_not_crashes(
    dwcp: CliRun, repo: Path, name: str, content: bytes, code: str
):
    (repo / "programmes" / name).write_bytes(content)
    run = dwcp("lint", AS_OF, "--format", "json")
    assert run.code == 1
    codes = {(f["file"], f["code"]) for f in json.loads(run.out)["findings"]}
    assert (f"programmes/{name}", code) in codes


def test_every_file_is_reported_in_one_run_in_stable_order(dwcp: CliRun, repo: Path):
    for name in ("b.yaml", "a.yaml", "c.yaml"):
        (repo / "programmes" / name).write_text("- not a mapping\n", encoding="utf-8")
    first = dwcp("lint", AS_OF, "--format", "json", "--no-cache").out
    files = [f["file"] for f in json.loads(first)["findings"] if f["code"] == "DW014"]
    assert files == ["programmes/a.yaml", "programmes/b.yaml", "programmes/c.yaml"]
    assert dwcp("lint", AS_OF, "--format", "json", "--no-cache").out == first


def test_dangling_link_given_as_a_file(dwcp: CliRun, repo: Path):
    (repo / "programmes" / "gone.yaml").symlink_to(repo / "nothing.yaml")
    run = dwcp("lint", AS_OF, "programmes/gone.yaml")
    assert run.code == 1
    assert "DW011" in run.out


@pytest.mark.parametrize(
    ("option", "given", "guess"),
    [
        ("--select", "DW4O1", "DW401"),
        ("--ignore", "DW4O1", "DW401"),
        ("--select", "DW5,DWI01", "DW101"),
        ("--ignore", "dw4o", "DW40"),
        ("--select", "DX401", "DW401"),
    ],
)
def test_unknown_rule_code_on_the_command_line_is_a_usage_error(
    dwcp: CliRun, repo: Path, option: str, given: str, guess: str
):
    """A typo must not select nothing (and print All clear) or ignore nothing."""
    break_gender(repo)
    run = dwcp("lint", AS_OF, option, given)
    assert run.code == 2, run.out
    assert run.out == ""
    assert f"did you mean {guess}?" in run.err
    assert f"{option}: unknown rule code" in run.err
    assert "Traceback" not in run.err


def test_unknown_rule_code_without_a_near_one_is_still_named(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--select", "colour")
    assert run.code == 2
    assert "--select: unknown rule code `colour`" in run.err


def test_known_prefixes_on_the_command_line_are_accepted(dwcp: CliRun, repo: Path):
    break_gender(repo)
    assert dwcp("lint", AS_OF, "--select", "dw", "--ignore", "DW1,dw20").code == 1


def test_letter_o_for_zero_in_the_configuration_gets_the_right_guess(dwcp: CliRun, repo: Path):
    (repo / "pyproject.toml").write_text('[tool.dwcp]\nselect = ["DW4O1"]\n', encoding="utf-8")
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "pyproject.toml:2:1: unknown rule code `DW4O1`; did you mean DW401?" in run.err


@pytest.mark.parametrize(
    "table",
    ["[tool.dwcp.rules.DW1]\nmax_years = 3\n", '[tool.dwcp.severity]\nDW4 = "error"\n'],
)
def test_a_prefix_where_one_rule_is_needed_is_a_configuration_error(
    dwcp: CliRun, repo: Path, table: str
):
    """Options and severities belong to one rule; a prefix was an internal error (KeyError)."""
    (repo / "pyproject.toml").write_text(table, encoding="utf-8")
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "internal error" not in run.err
    assert "names several rules; give one rule's code, such as" in run.err
