"""`dwcp rules`, `dwcp schema`, `--version`, help texts, configuration and suppressions."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

import dwcp
from dwcp.lint.rules import ALL_RULES
from tests.conftest import CliRun

AS_OF = "--as-of=2019-07-01"
ROOT = Path(__file__).parent.parent


def set_config(repo: Path, body: str) -> None:
    (repo / "pyproject.toml").write_text("[tool.dwcp]\n" + body, encoding="utf-8")


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


GENDER = (
    "        effect_on_women_and_men: Half of the places in every programme go to young women.\n"
)


def test_version(dwcp: CliRun):
    run = dwcp("--version")
    assert (run.code, run.out) == (0, f"dwcp {dwcp_version()}\n")


def dwcp_version() -> str:
    return dwcp.__version__


def test_version_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == dwcp.__version__


def test_rules_lists_every_rule(dwcp: CliRun):
    out = dwcp("rules").out
    for rule in ALL_RULES:
        assert re.search(rf"^{rule.code}\s+{rule.name}\s", out, re.MULTILINE)


def test_rules_json(dwcp: CliRun):
    rules = json.loads(dwcp("rules", "--format", "json").out)
    assert len(rules) == len(ALL_RULES)
    assert set(rules[0]) >= {"code", "name", "severity", "step", "summary", "docs"}


def test_one_rule_prints_its_documentation(dwcp: CliRun):
    run = dwcp("rules", "DW405")
    assert run.code == 0
    assert run.out.startswith("# DW405 outcome-without-indicator")
    assert "## How to fix" in run.out


def test_a_rule_can_be_found_by_name(dwcp: CliRun):
    assert dwcp("rules", "outcome-without-indicator").out.startswith("# DW405")


def test_unknown_rule_exits_2(dwcp: CliRun):
    run = dwcp("rules", "DW999")
    assert run.code == 2
    assert "no rule" in run.err


def test_schema_check_detects_stale_and_writes_fresh(dwcp: CliRun, repo: Path):
    out = str(repo / "schemas")
    assert dwcp("schema", "--check", "--out", out).code == 1
    assert dwcp("schema", "--out", out).code == 0
    assert dwcp("schema", "--check", "--out", out).code == 0
    (repo / "schemas" / "programme.schema.json").write_text("{}", encoding="utf-8")
    run = dwcp("schema", "--check", "--out", out)
    assert run.code == 1
    assert "programme.schema.json: out of date" in run.err


def test_committed_schemas_are_fresh(dwcp: CliRun):
    assert dwcp("schema", "--check", "--out", str(ROOT / "schemas")).code == 0


# Configuration


def test_unknown_config_key_is_an_error_with_position(dwcp: CliRun, repo: Path):
    set_config(repo, 'selct = ["DW4"]\n')
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert (
        "pyproject.toml:2:1: unknown key `selct` in [tool.dwcp]; did you mean `select`?" in run.err
    )


def test_unknown_rule_code_in_config(dwcp: CliRun, repo: Path):
    set_config(repo, 'ignore = ["DW4011"]\n')
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "unknown rule code `DW4011`; did you mean DW4" in run.err


EVERY_COMMAND = [
    ("lint", AS_OF),
    ("report", "gaps", AS_OF),
    ("render", "--format", "md", "--out", "docs", AS_OF),
    ("site", "--out", "site", AS_OF),
    ("diff", AS_OF),
    ("export", "csv", "--out", "out", AS_OF),
    ("fmt", "--check"),
    ("new", "ZMB", "--period", "2023-2027"),
    ("init",),
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=lambda args: args[0])
def test_every_command_reports_an_unknown_rule_code_in_config(
    dwcp: CliRun, repo: Path, args: tuple[str, ...]
):
    """The configuration reader does not know the rules, so each command checks the codes."""
    set_config(repo, 'ignore = ["DW4011"]\n')
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    run = dwcp(*args)
    assert run.code == 2
    assert "pyproject.toml:2:1: unknown rule code `DW4011`; did you mean DW4" in run.err


def test_invalid_config_value_is_explained(dwcp: CliRun, repo: Path):
    set_config(repo, 'fail-on = "sometimes"\n')
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "pyproject.toml:2:1: [tool.dwcp] fail-on must be 'error', 'warning' or 'info'" in run.err


def test_config_file_option(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    (repo / "strict.toml").write_text('[tool.dwcp]\nignore = ["DW401"]\n', encoding="utf-8")
    assert dwcp("lint", AS_OF).code == 1
    assert dwcp("lint", AS_OF, "--config", "strict.toml").code == 0


def test_missing_config_file_exits_2(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--config", "nowhere.toml")
    assert run.code == 2
    assert "nowhere.toml: configuration file not found" in run.err


def test_invalid_toml(dwcp: CliRun, repo: Path):
    (repo / "pyproject.toml").write_text("[tool.dwcp\n", encoding="utf-8")
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "not valid TOML" in run.err


def test_config_select_ignore_and_fail_on(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    set_config(repo, 'ignore = ["DW401"]\n')
    assert dwcp("lint", AS_OF).code == 0
    set_config(repo, 'select = ["DW5"]\n')
    assert dwcp("lint", AS_OF).code == 0
    edit(repo, "            means_of_verification: [Tracer survey]\n", "")
    set_config(repo, 'select = ["DW412"]\nfail-on = "warning"\n')
    assert dwcp("lint", AS_OF).code == 1


def test_severity_override(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    set_config(repo, '[tool.dwcp.severity]\nDW401 = "info"\n')
    run = dwcp("lint", AS_OF, "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["findings"][0]["severity"] == "info"


def test_per_file_ignores(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    set_config(repo, '[tool.dwcp.per-file-ignores]\n"programmes/ZMB-*.yaml" = ["DW401"]\n')
    assert dwcp("lint", AS_OF).code == 0


def test_rule_options(dwcp: CliRun, repo: Path):
    set_config(repo, "[tool.dwcp.rules.DW301]\nmax = 0\n")
    run = dwcp("lint", AS_OF)
    assert run.code == 0  # DW301 is guidance, a warning (issue 14)
    assert "at most 0" in run.out


def test_bad_rule_option(dwcp: CliRun, repo: Path):
    set_config(repo, "[tool.dwcp.rules.DW301]\nmaximum = 4\n")
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "[tool.dwcp.rules.DW301]" in run.err
    assert "options: max" in run.err


def test_options_for_a_rule_without_options(dwcp: CliRun, repo: Path):
    set_config(repo, "[tool.dwcp.rules.DW401]\nmax = 4\n")
    run = dwcp("lint", AS_OF)
    assert (run.code, "takes no options" in run.err) == (2, True)


def test_repository_catalogue_extends_the_builtin_one(dwcp: CliRun, repo: Path):
    edit(repo, "{biennium: 2018-19, number: 1}", "{biennium: 2018-19, number: 11}")
    assert dwcp("lint", AS_OF).code == 1
    (repo / "catalogues").mkdir()
    (repo / "catalogues" / "pb_outcomes.yaml").write_text(
        "frameworks:\n  - id: PB-2018-19\n    name: P&B 2018-19\n    biennia: [2018-19]\n"
        "    outcomes:\n      - {number: 11, title: Local outcome, strategic_objective: null,"
        " verified: false}\n",
        encoding="utf-8",
    )
    assert dwcp("lint", AS_OF, "--no-cache").code == 0


def test_broken_repository_catalogue_is_a_clear_error(dwcp: CliRun, repo: Path):
    (repo / "catalogues").mkdir()
    (repo / "catalogues" / "conventions.yaml").write_text(
        "conventions:\n  - id: C999\n", encoding="utf-8"
    )
    run = dwcp("lint", AS_OF)
    assert run.code == 2
    assert "catalogues/conventions.yaml:2:5" in run.err


# Inline suppressions


def test_suppression_with_reason_silences_the_finding(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    edit(
        repo,
        "      - id: ZMB101\n",
        "      - id: ZMB101  # dwcp: ignore[DW401] -- agreed with the gender focal point\n",
    )
    assert dwcp("lint", AS_OF).code == 0


def test_suppression_on_the_line_above(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    edit(
        repo,
        "      - id: ZMB101\n",
        "      # dwcp: ignore[DW401] -- agreed with the gender focal point\n      - id: ZMB101\n",
    )
    assert dwcp("lint", AS_OF).code == 0


def test_suppression_without_reason_is_refused(dwcp: CliRun, repo: Path):
    edit(repo, GENDER, "")
    edit(repo, "      - id: ZMB101\n", "      - id: ZMB101  # dwcp: ignore[DW401]\n")
    out = dwcp("lint", AS_OF, "--format", "json").out
    assert sorted(f["code"] for f in json.loads(out)["findings"]) == ["DW091", "DW401"]


def test_unused_suppression_is_reported(dwcp: CliRun, repo: Path):
    edit(
        repo,
        "      - id: ZMB101\n",
        "      - id: ZMB101  # dwcp: ignore[DW401] -- no longer needed\n",
    )
    out = dwcp("lint", AS_OF, "--format", "json").out
    [finding] = json.loads(out)["findings"]
    assert finding["code"] == "DW090"
    assert finding["severity"] == "warning"


def test_suppression_of_a_rule_that_is_not_selected_is_not_unused(dwcp: CliRun, repo: Path):
    edit(
        repo,
        "      - id: ZMB101\n",
        "      - id: ZMB101  # dwcp: ignore[DW401] -- kept for later\n",
    )
    assert dwcp("lint", AS_OF, "--ignore", "DW401", "--fail-on", "info").code == 0


def test_schema_write_failure_is_a_clear_error(dwcp: CliRun, repo: Path):
    (repo / "taken").write_text("a file, not a folder\n", encoding="utf-8")
    run = dwcp("schema", "--out", "taken")
    assert run.code == 2
    assert "cannot write the schemas" in run.err
    assert "Traceback" not in run.err


def test_broken_report_template_names_the_template_and_line(dwcp: CliRun, repo: Path):
    override = repo / "templates" / "reports" / "report.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<html>\n{{ no_such_value }}\n</html>\n", encoding="utf-8")
    run = dwcp("report", "gaps", "--format", "html", "--output", "gaps.html")
    assert run.code == 2
    assert "report.html.j2:2" in run.err
    assert "internal error" not in run.err
    assert not (repo / "gaps.html").exists()
