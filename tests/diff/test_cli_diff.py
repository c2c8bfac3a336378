"""`dwcp diff` end to end, in real temporary git repositories holding the clean fixture."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRun, Run
from tests.helpers import CLEAN, CLEAN_NAME, clean_data, dump, line_of, outcome

AS_OF = "--as-of=2019-07-01"
ZMB = Path(CLEAN_NAME)
STATEMENT = "Young women and men find decent jobs in agribusiness"


# --- a git repository to work in -----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)


@pytest.fixture
def history(repo: Path) -> Path:
    """The `repo` fixture as a git repository: branch main, one commit with the clean file."""
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Test Reviewer")
    git(repo, "config", "user.email", "reviewer@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    commit(repo, "clean programme")
    return repo


def change(repo: Path, edit: Callable[[Any], object], name: Path = ZMB) -> None:
    """Write the clean fixture with `edit` applied to its data, as the working tree version."""
    data = clean_data()
    edit(data)
    (repo / name).write_text(dump(data), encoding="utf-8")


def replace_text(repo: Path, old: str, new: str, name: Path = ZMB) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def ok(run: Run) -> Run:
    assert run.code == 0, run.err
    assert run.err == ""
    return run


def as_json(run: Run) -> Any:
    return json.loads(ok(run).out)


def diff_json(dwcp: CliRun, *args: str) -> Any:
    return as_json(dwcp("diff", "--format", "json", AS_OF, *args))


def the_file(data: Any, path: Path = ZMB) -> Any:
    found = [f for f in data["files"] if f["path"] == path.as_posix()]
    assert len(found) == 1, [f["path"] for f in data["files"]]
    return found[0]


def messages(data: Any, path: Path = ZMB) -> list[str]:
    return [c["message"] for c in the_file(data, path)["changes"]]


def set_target(data: Any, value: int) -> None:
    outcome(data)["indicators"][0]["target"]["value"] = value


def second_priority(data: Any) -> None:
    data["priorities"].append(
        {
            "id": "P2",
            "title": "Social protection for informal workers",
            "strategic_objectives": ["social-protection"],
            "outcomes": [],
        }
    )


# --- domain changes ------------------------------------------------------------------------


def test_target_change_reads_in_domain_words(dwcp: CliRun, history: Path):
    change(history, lambda d: set_target(d, 55))
    data = diff_json(dwcp)
    assert messages(data) == ["Indicator ZMB101.1 target 2022: 40 -> 55 per cent"]
    (only,) = the_file(data)["changes"]
    assert only["path"] == "priorities[P1].outcomes[ZMB101].indicators[ZMB101.1].target"
    assert (only["old"], only["new"]) == ({"value": 40, "year": 2022}, {"value": 55, "year": 2022})


def test_outcome_added(dwcp: CliRun, history: Path):
    def add(data: Any) -> None:
        data["priorities"][0]["outcomes"].append(
            {"id": "ZMB102", "statement": "Employers' organizations offer apprenticeships"}
        )

    change(history, add)
    assert messages(diff_json(dwcp)) == [
        'Outcome ZMB102 added: "Employers\' organizations offer apprenticeships"'
    ]


def test_priority_removed(dwcp: CliRun, history: Path):
    change(history, second_priority)
    commit(history, "second priority")
    (history / ZMB).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert messages(diff_json(dwcp, "HEAD")) == ["Priority P2 removed"]


def test_reordering_lists_is_not_a_change(dwcp: CliRun, history: Path):
    change(history, second_priority)
    commit(history, "second priority")

    def reorder(data: Any) -> None:
        second_priority(data)
        for items in (
            data["priorities"],
            data["signatories"],
            data["context"]["constituents"],
            data["monitoring"]["reviews"],
            outcome(data)["indicators"][0]["milestones"],
            outcome(data)["resources"],
            outcome(data)["indicators"][0]["disaggregation"],
        ):
            items.reverse()

    change(history, reorder)
    # P2 has findings; their paths move from priorities[1] to priorities[0].
    linted = json.loads(dwcp("lint", "--format", "json", AS_OF).out)["findings"]
    assert ("DW303", "priorities[0]") in [(f["code"], f["path"]) for f in linted]
    data = diff_json(dwcp, "HEAD")
    assert the_file(data)["changes"] == []
    assert the_file(data)["findings"] == {"new": [], "resolved": []}
    assert ok(dwcp("diff", "HEAD", "--exit-code", AS_OF)).code == 0


def test_budget_change_shows_the_new_gap_and_totals(dwcp: CliRun, history: Path):
    replace_text(history, "{source: RBSA, amount: 500000", "{source: RBSA, amount: 650000")
    assert messages(diff_json(dwcp)) == [
        "Budget ZMB101 2018-19 (USD): RBSA secured 500,000 -> 650,000; gap 100,000 -> 0",
        "Totals (USD): secured 500,000 -> 650,000; gap 100,000 -> 0",
    ]


def test_totals_are_never_added_across_currencies(dwcp: CliRun, history: Path):
    def euro_line(data: Any) -> None:
        outcome(data)["resources"].append(
            {
                "source": "XBDC",
                "amount": 40000,
                "currency": "EUR",
                "biennium": "2018-19",
                "status": "secured",
            }
        )

    change(history, euro_line)
    assert messages(diff_json(dwcp)) == [
        "Budget ZMB101 2018-19 (EUR): XBDC secured 0 -> 40,000; gap still 0",
        "Totals (EUR): secured 0 -> 40,000; gap still 0",
    ]


def test_status_change(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    assert messages(diff_json(dwcp)) == ["Status: implementation -> review"]


def test_signatory_removed_and_review_added(dwcp: CliRun, history: Path):
    def edit(data: Any) -> None:
        del data["signatories"][1]
        data["monitoring"]["reviews"].append({"kind": "mid-term-review", "planned": "2020-06-30"})

    change(history, edit)
    assert messages(diff_json(dwcp)) == [
        "Review mid-term-review added: planned 2020-06-30",
        "Signatory Zambia Federation of Employers removed",
    ]


def test_other_fields_fall_back_to_a_readable_path(dwcp: CliRun, history: Path):
    replace_text(history, "{role: Director,", "{role: Country Director,")
    assert messages(diff_json(dwcp)) == [
        'management.programme_manager.role: Director -> "Country Director"'
    ]


def test_an_extension_is_said_with_the_period(dwcp: CliRun, history: Path):
    def edit(data: Any) -> None:
        data["period"]["extended_to"] = 2024
        data["period"]["extension"] = {"date": "2022-06-30"}

    change(history, edit)
    assert messages(diff_json(dwcp)) == ["Period: 2018-2022 -> 2018-2022, extended to 2024"]


def test_a_un_framework_is_named_by_its_kind(dwcp: CliRun, history: Path):
    """The file's one `un_framework` is the first of the model's `un_frameworks`."""
    replace_text(history, "name: UN Sustainable Development Partnership Framework", "name: UNSDCF")
    assert messages(diff_json(dwcp)) == [
        'UN framework unsdcf name: "UN Sustainable Development Partnership Framework" -> UNSDCF'
    ]


def test_outcome_moved_between_priorities(dwcp: CliRun, history: Path):
    change(history, second_priority)
    commit(history, "second priority")

    def move(data: Any) -> None:
        second_priority(data)
        data["priorities"][1]["outcomes"].append(data["priorities"][0]["outcomes"].pop())

    change(history, move)
    assert messages(diff_json(dwcp, "HEAD")) == ["Outcome ZMB101 moved: priority P1 -> P2"]


# --- files: renamed, added, deleted, not loading -----------------------------------------


def test_renamed_file_is_matched_then_compared(dwcp: CliRun, history: Path):
    renamed = Path("programmes/ZMB-2018-2023.yaml")
    git(history, "mv", CLEAN_NAME, renamed.as_posix())
    replace_text(history, "status: implementation", "status: review", name=renamed)
    found = the_file(diff_json(dwcp), renamed)
    assert (found["status"], found["old_path"]) == ("renamed", CLEAN_NAME)
    assert [c["message"] for c in found["changes"]] == ["Status: implementation -> review"]


def test_added_file_has_a_one_line_summary(dwcp: CliRun, history: Path):
    added = Path("programmes/ZMB-2023-2027.yaml")
    (history / added).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    out = ok(dwcp("diff", AS_OF)).out  # not even `git add`ed: the working tree counts
    assert (
        "programmes/ZMB-2023-2027.yaml: added "
        "(ZMB 2018-2022, implementation, 1 priority, 1 outcome, 1 indicator)"
    ) in out.splitlines()


def test_deleted_file_has_a_one_line_summary(dwcp: CliRun, history: Path):
    (history / ZMB).unlink()
    found = the_file(diff_json(dwcp))
    assert found["status"] == "deleted"
    assert found["summary"] == {
        "base": {
            "country": "ZMB",
            "period": "2018-2022",
            "status": "implementation",
            "priorities": 1,
            "outcomes": 1,
            "indicators": 1,
        },
        "head": None,
    }
    assert found["changes"] == []


def test_file_that_does_not_parse_in_base_is_reported_and_findings_still_compared(
    dwcp: CliRun, history: Path
):
    replace_text(history, "country: ZMB", "country: [ZMB")
    commit(history, "broken")
    (history / ZMB).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    found = the_file(diff_json(dwcp, "HEAD", "--audience", "internal"))
    (error,) = found["errors"]
    assert error.startswith(f"BASE: file does not load: {CLEAN_NAME}:4:")
    assert "YAML syntax error" in error
    assert found["changes"] == []
    assert [f["code"] for f in found["findings"]["resolved"]] == ["DW001"]
    text = ok(dwcp("diff", "HEAD", AS_OF, "--audience", "internal")).out.splitlines()
    assert text[3:5] == [f"  {error}", "  domain changes not compared"]
    # For the public, the place only: the parser's words may quote the file.
    (public,) = the_file(diff_json(dwcp, "HEAD"))["errors"]
    assert public == error[: error.index(": YAML")]


def test_file_that_fails_the_schema_in_head(dwcp: CliRun, history: Path):
    replace_text(history, "  - id: P1\n", "  - id: P1\n    colour: blue\n")
    row = line_of((history / ZMB).read_text(encoding="utf-8"), "colour: blue")
    found = the_file(diff_json(dwcp, "--audience", "internal"))
    assert found["errors"] == [
        f"HEAD: file does not load: {CLEAN_NAME}:{row}:5: unknown key `colour` in priority P1"
    ]
    assert [f["code"] for f in found["findings"]["new"]] == ["DW020"]
    public = the_file(diff_json(dwcp))
    assert public["errors"] == [f"HEAD: file does not load: {CLEAN_NAME}:{row}:5"]


def test_only_programme_yaml_files_are_listed(dwcp: CliRun, history: Path):
    (history / "programmes" / "notes.txt").write_text("not a programme\n", encoding="utf-8")
    (history / "programmes" / ".draft.yaml").write_text("country: ZMB\n", encoding="utf-8")
    assert diff_json(dwcp)["files"] == []


# --- findings ------------------------------------------------------------------------------

GENDER = (
    "        effect_on_women_and_men: Half of the places in every programme go to young women.\n"
)


def test_new_finding(dwcp: CliRun, history: Path):
    replace_text(history, GENDER, "")
    findings = the_file(diff_json(dwcp, "--audience", "internal"))["findings"]
    assert [(f["code"], f["path"]) for f in findings["new"]] == [
        ("DW401", "priorities[0].outcomes[0].effect_on_women_and_men")
    ]
    assert findings["resolved"] == []
    # For the public, the rule's summary stands in for what may quote the file.
    (public,) = the_file(diff_json(dwcp))["findings"]["new"]
    assert (public["code"], public["line"]) == ("DW401", findings["new"][0]["line"])
    assert (public["message"], public["path"], public["hint"]) == (
        "No effect on women and men.",
        "",
        "",
    )


def test_resolved_finding(dwcp: CliRun, history: Path):
    replace_text(history, GENDER, "")
    commit(history, "no gender effect")
    (history / ZMB).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    findings = the_file(diff_json(dwcp, "HEAD"))["findings"]
    assert [f["code"] for f in findings["resolved"]] == ["DW401"]
    assert findings["new"] == []


def test_a_finding_whose_line_moved_is_neither_new_nor_resolved(dwcp: CliRun, history: Path):
    replace_text(history, GENDER, "")
    commit(history, "no gender effect")
    replace_text(history, "country: ZMB", "# Reviewed in May.\n# Second line.\ncountry: ZMB")
    found = the_file(diff_json(dwcp, "HEAD"))
    assert found["findings"] == {"new": [], "resolved": []}
    assert found["changes"] == []


# --- revisions and the working tree --------------------------------------------------------


def test_default_is_working_tree_against_merge_base_with_main(dwcp: CliRun, history: Path):
    git(history, "switch", "--quiet", "--create", "feature")
    replace_text(history, "status: implementation", "status: review")
    commit(history, "feature: status")
    git(history, "switch", "--quiet", "main")
    replace_text(history, "generation: 2", "generation: 3")
    commit(history, "main moves on")  # not part of the feature: must not show
    git(history, "switch", "--quiet", "feature")
    change_target = "target: {value: 40, year: 2022}"
    replace_text(history, change_target, "target: {value: 45, year: 2022}")  # uncommitted
    data = diff_json(dwcp)
    assert data["base"]["label"] == "merge base of HEAD and main"
    assert data["head"] == {"label": "working tree", "commit": None}
    assert messages(data) == [
        "Status: implementation -> review",
        "Indicator ZMB101.1 target 2022: 40 -> 45 per cent",
    ]


def test_falls_back_to_master(dwcp: CliRun, history: Path):
    git(history, "branch", "--move", "main", "master")
    replace_text(history, "status: implementation", "status: review")
    data = diff_json(dwcp)
    assert data["base"]["label"] == "merge base of HEAD and master"
    assert messages(data) == ["Status: implementation -> review"]


def test_falls_back_to_the_remote_tracking_main_of_a_ci_checkout(dwcp: CliRun, history: Path):
    main = git(history, "rev-parse", "main").strip()
    git(history, "update-ref", "refs/remotes/origin/main", main)
    git(history, "branch", "--move", "main", "feature")
    replace_text(history, "status: implementation", "status: review")
    data = diff_json(dwcp)
    assert data["base"]["label"] == "merge base of HEAD and origin/main"
    assert messages(data) == ["Status: implementation -> review"]


def test_without_main_or_master_base_must_be_given(dwcp: CliRun, history: Path):
    git(history, "branch", "--move", "main", "trunk")
    run = dwcp("diff")
    assert run.code == 2
    assert "no `main` or `master` branch" in run.err
    assert "pass BASE" in run.err


def test_two_revisions_compare_commits_not_the_working_tree(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    commit(history, "review")
    replace_text(history, "generation: 2", "generation: 3")  # uncommitted: not shown
    assert messages(diff_json(dwcp, "HEAD~1", "HEAD")) == ["Status: implementation -> review"]


def test_paths_limit_the_diff(dwcp: CliRun, history: Path):
    other = Path("programmes/ZMB-2023-2027.yaml")
    (history / other).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    replace_text(history, "status: implementation", "status: review")
    only_zmb = diff_json(dwcp, "main", CLEAN_NAME)
    assert [f["path"] for f in only_zmb["files"]] == [CLEAN_NAME]
    after_separator = diff_json(dwcp, "main", "--", other.as_posix())
    assert [f["path"] for f in after_separator["files"]] == [other.as_posix()]


def test_a_deleted_file_can_be_named(dwcp: CliRun, history: Path):
    (history / ZMB).unlink()
    data = diff_json(dwcp, "main", CLEAN_NAME)
    assert [(f["path"], f["status"]) for f in data["files"]] == [(CLEAN_NAME, "deleted")]


def test_after_a_separator_every_argument_is_a_path(dwcp: CliRun, history: Path):
    (history / "archive").mkdir()
    git(history, "mv", CLEAN_NAME, "archive/ZMB-2018-2022.yaml")
    commit(history, "archived")
    git(history, "rm", "--quiet", "-r", "archive")  # the folder is gone from the working tree
    assert "unknown revision 'archive'" in dwcp("diff", "HEAD", "archive").err
    data = diff_json(dwcp, "HEAD", "--", "archive")
    assert [(f["path"], f["status"]) for f in data["files"]] == [
        ("archive/ZMB-2018-2022.yaml", "deleted")
    ]


def test_a_programme_repository_in_a_subfolder_of_the_git_repository(
    dwcp: CliRun, history: Path, monkeypatch: pytest.MonkeyPatch
):
    office = history / "office"
    (office / "programmes").mkdir(parents=True)
    (office / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    (office / ZMB).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    commit(history, "a second portfolio")
    replace_text(office, "status: implementation", "status: review")
    replace_text(history, "status: implementation", "status: closed")  # the other portfolio
    monkeypatch.chdir(office / "programmes")
    data = diff_json(dwcp)
    assert [f["path"] for f in data["files"]] == [f"office/{CLEAN_NAME}"]
    assert messages(data, Path("office") / ZMB) == ["Status: implementation -> review"]


# --- formats -------------------------------------------------------------------------------


def test_text_output(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    lines = ok(dwcp("diff", AS_OF)).out.splitlines()
    assert lines[0].startswith("dwcp diff: merge base of HEAD and main (")
    assert lines[0].endswith(") -> working tree (findings as of 2019-07-01; audience: public)")
    assert lines[2:] == [
        f"{CLEAN_NAME}: modified (ZMB 2018-2022, review, 1 priority, 1 outcome, 1 indicator)",
        "  Status: implementation -> review",
        "",
        "1 programme file changed (1 modified); 0 new findings, 0 resolved.",
    ]


def test_comment_only_edit_is_not_a_change(dwcp: CliRun, history: Path):
    replace_text(history, "country: ZMB", "# Checked.\ncountry: ZMB")
    run = ok(dwcp("diff", AS_OF, "--exit-code", "--audience", "internal"))
    assert "  no change in content (comments or layout only)" in run.out.splitlines()
    # For the public, one wording whether comments, layout or internal items changed.
    said = "  no change in public content (comments, layout or internal items only)"
    assert said in ok(dwcp("diff", AS_OF, "--exit-code")).out.splitlines()


def test_json_shape(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    data = diff_json(dwcp)
    assert set(data) == {"version", "base", "head", "as_of", "audience", "changed", "files"}
    assert (data["version"], data["as_of"], data["changed"]) == (1, "2019-07-01", True)
    assert data["audience"] == "public"
    assert len(data["base"]["commit"]) == 40
    (found,) = data["files"]
    assert set(found) == {"path", "old_path", "status", "summary", "errors", "changes", "findings"}
    assert found["changes"] == [
        {
            "kind": "changed",
            "path": "status",
            "old": "implementation",
            "new": "review",
            "message": "Status: implementation -> review",
        }
    ]
    assert found["findings"] == {"new": [], "resolved": []}


def test_json_budget_change_carries_the_figures(dwcp: CliRun, history: Path):
    replace_text(history, "{source: RBSA, amount: 500000", "{source: RBSA, amount: 650000")
    budget = the_file(diff_json(dwcp, "--audience", "internal"))["changes"][0]
    assert budget["kind"] == "budget"
    assert budget["path"] == "priorities[P1].outcomes[ZMB101].budget[2018-19 USD]"
    assert budget["old"] == {
        "required": 600000,
        "secured": 500000,
        "pipeline": 100000,
        "gap": 100000,
    }
    assert budget["new"] == {"required": 600000, "secured": 650000, "pipeline": 100000, "gap": 0}
    # The fixture's one pipeline line is internal: the public figures leave it out.
    public = the_file(diff_json(dwcp))["changes"][0]
    assert (public["old"]["pipeline"], public["new"]["pipeline"]) == (0, 0)


def test_markdown_comment(dwcp: CliRun, history: Path):
    replace_text(history, "{source: RBSA, amount: 500000", "{source: RBSA, amount: 650000")
    replace_text(history, "status: implementation", "status: review")
    out = ok(dwcp("diff", AS_OF, "--format", "markdown")).out
    assert out.startswith("## Programme changes\n")
    assert f"\n### {CLEAN_NAME}\n" in out
    assert "\n- Status: implementation → review\n" in out
    # Public by default: the fixture's pipeline line is internal, so no pipeline shows.
    assert (
        "| ZMB101 | 2018-19 | USD | RBSA | 600,000 | 500,000 → 650,000 | 0 | 100,000 → 0 |" in out
    )
    assert "| USD | 600,000 | 500,000 → 650,000 | 0 | 100,000 → 0 |" in out


def test_markdown_escapes_yaml_content(dwcp: CliRun, history: Path):
    hostile = "Jobs <script>alert(1)</script> | `rm` <details> [x](javascript:y)"
    replace_text(history, f"statement: {STATEMENT}", f"statement: '{hostile}'")
    out = ok(dwcp("diff", AS_OF, "--format", "markdown")).out
    line = next(x for x in out.splitlines() if "Outcome ZMB101 statement" in x)
    assert "<" not in line
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm\\` &lt;details&gt; \\[x\\](javascript:y)"
        in line
    )


def test_markdown_folds_long_finding_lists(dwcp: CliRun, history: Path):
    def many_problems(data: Any) -> None:
        for item in outcome(data)["indicators"]:
            del item["means_of_verification"]
        for number in range(2, 14):
            outcome(data)["indicators"].append(
                {"id": f"ZMB101.{number}", "statement": f"Indicator {number}"}
            )

    change(history, many_problems)
    out = ok(dwcp("diff", AS_OF, "--format", "markdown")).out
    assert "<details><summary>New findings (" in out
    assert "</details>" in out


def test_output_file(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    ok(dwcp("diff", AS_OF, "--format", "markdown", "--output", "comment.md"))
    assert "Status: implementation → review" in (history / "comment.md").read_text("utf-8")


@pytest.mark.usefixtures("history")
def test_output_outside_the_repository_is_written(dwcp: CliRun, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "new" / "comment.md"
    run = dwcp("diff", AS_OF, "--output", str(outside))
    assert run.code == 0, run.err
    assert outside.is_file()
    assert f"wrote {outside}" in run.out


# --- exit codes ----------------------------------------------------------------------------


def test_changes_exit_0_by_default_and_1_with_exit_code(dwcp: CliRun, history: Path):
    replace_text(history, "status: implementation", "status: review")
    assert dwcp("diff", AS_OF).code == 0
    assert dwcp("diff", AS_OF, "--exit-code").code == 1


@pytest.mark.usefixtures("history")
def test_no_change_exits_0_with_exit_code(dwcp: CliRun):
    run = ok(dwcp("diff", AS_OF, "--exit-code"))
    assert run.out.splitlines()[-1] == "No programme file changed."


def test_not_a_git_repository_is_a_usage_error(dwcp: CliRun):
    run = dwcp("diff")
    assert run.code == 2
    assert "is not inside a git repository" in run.err
    assert "Traceback" not in run.err


@pytest.mark.usefixtures("history")
def test_unknown_revision_is_named(dwcp: CliRun):
    run = dwcp("diff", "no-such-branch")
    assert run.code == 2
    assert "unknown revision 'no-such-branch'" in run.err
    assert run.out == ""


@pytest.mark.usefixtures("history")
def test_unknown_head_revision_is_named(dwcp: CliRun):
    run = dwcp("diff", "main", "v9.9")
    assert run.code == 2
    assert "unknown revision 'v9.9'" in run.err


def test_help_has_an_example(dwcp: CliRun):
    run = ok(dwcp("diff", "--help"))
    assert "Example: dwcp diff" in run.out
