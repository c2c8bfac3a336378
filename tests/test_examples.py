"""The files users copy: the GitHub workflow, the pre-commit hooks and the VS Code settings."""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from dwcp import __version__
from dwcp.workflow.init import Source
from dwcp.workflow.init import workflow as init_workflow
from tests.conftest import CliRun
from tests.helpers import CLEAN_NAME, programme_files

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / "examples" / "github" / "dwcp.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
SHELL_OPERATORS = {"||", "&&", "|", ">", ">>", ";", "}"}


def dwcp_commands(script: str) -> list[list[str]]:
    """Every `dwcp ...` command in a shell script, cut at the first shell operator."""
    commands = []
    for line in script.replace("\\\n", " ").splitlines():  # continued lines joined
        words = shlex.split(line.strip().replace("$BASE_REF", "origin/main"))
        if words[:1] != ["dwcp"]:
            continue
        cut = next((i for i, w in enumerate(words) if w in SHELL_OPERATORS), len(words))
        commands.append(words[1:cut])
    return commands


# The workflow: examples/github/dwcp.yml is what `dwcp init` writes with its defaults (one
# template, dwcp/workflow/init/templates/workflow.yml); the other variants are what it writes for a git
# source and for a programmes folder configured elsewhere.
REFRESH = (
    ".venv/bin/python -c \"from dwcp.workflow.init import workflow; print(workflow(), end='')\" "
    "> examples/github/dwcp.yml"
)
VARIANTS = {
    "example": lambda: WORKFLOW.read_text(encoding="utf-8"),
    "init-git": lambda: init_workflow(Source("https://github.com/ilo/dwcp", "v9.9.9")),
    "init-folder": lambda: init_workflow(programmes="data/programmes"),
}


def workflow(variant: str = "example") -> dict[str, Any]:
    loaded = YAML(typ="safe").load(VARIANTS[variant]())
    assert isinstance(loaded, dict)
    return loaded


def steps(variant: str = "example") -> list[dict[str, Any]]:
    return [step for job in workflow(variant)["jobs"].values() for step in job["steps"]]


def step(name: str, variant: str = "example") -> dict[str, Any]:
    (found,) = [s for s in steps(variant) if s.get("name") == name]
    return found


def workflow_commands(variant: str = "example") -> list[list[str]]:
    return [c for s in steps(variant) for c in dwcp_commands(s.get("run", ""))]


def test_the_example_workflow_is_what_init_writes_with_its_defaults():
    assert WORKFLOW.read_text(encoding="utf-8") == init_workflow(), f"refresh it: {REFRESH}"


def test_init_writes_the_workflow_of_the_template(dwcp: CliRun, repo: Path):
    target = repo / "elsewhere"
    assert dwcp("init", str(target), "--source", "https://github.com/ilo/dwcp").code == 0
    written = (target / ".github" / "workflows" / "dwcp.yml").read_text(encoding="utf-8")
    assert written == init_workflow(Source("https://github.com/ilo/dwcp", f"v{__version__}"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_workflow_is_valid_for_github(tmp_path: Path, variant: str):
    path = tmp_path / "dwcp.yml"
    path.write_text(VARIANTS[variant](), encoding="utf-8")
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_workflow_lints_uploads_sarif_summarises_and_keeps_documents(variant: str):
    commands = [" ".join(c[:1]) for c in workflow_commands(variant)]
    assert commands.count("lint") == 3  # with and without a baseline, and SARIF
    assert {"diff", "report", "render"} <= set(commands)
    text = VARIANTS[variant]()
    assert "--format github" in text
    assert "github/codeql-action/upload-sarif" in text
    assert "GITHUB_STEP_SUMMARY" in text
    assert "actions/upload-artifact" in text


@pytest.mark.parametrize(
    "args",
    [c for variant in VARIANTS for c in workflow_commands(variant)],
    ids=" ".join,
)
def test_every_dwcp_command_in_the_workflow_parses(dwcp: CliRun, args: list[str]):
    # --help is eager: it stops after parsing, which fails on any option dwcp does not have.
    run = dwcp(*args, "--help")
    assert run.code == 0, run.err


def test_the_workflow_installs_the_source_it_was_given():
    assert workflow()["env"]["DWCP_SPEC"] == f"dwcp=={__version__}"
    assert workflow("init-git")["env"]["DWCP_SPEC"] == (
        "dwcp @ git+https://github.com/ilo/dwcp@v9.9.9"
    )
    assert 'python -m pip install "$DWCP_SPEC"' in step("Install dwcp")["run"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "v0.1.0" not in text  # a tag that does not exist
    assert "To pin a release" in text and "to pin a commit" in text


def test_the_workflow_installs_what_pdf_documents_need():
    words = step("Install dwcp")["run"].split()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in words
    assert any(word.startswith("fonts-") for word in words)


def test_the_workflow_watches_the_configured_programmes_folder():
    paths = workflow("init-folder")["on"]["pull_request"]["paths"]
    assert "data/programmes/**" in paths
    assert "programmes/**" not in paths


def run_step(name: str, folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A step's script run by bash in `folder`, with this dwcp first on PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-c", step(name)["run"]],
        cwd=folder,
        env={**os.environ, "PATH": path, "GITHUB_ACTIONS": "", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def programmes_repo(repo: Path) -> Path:
    """The `repo` fixture as a git repository with two commits: the clean programme, then a
    change to it."""
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "clean")
    path = repo / CLEAN_NAME
    path.write_text(path.read_text("utf-8").replace("status: implementation", "status: review"))
    git(repo, "commit", "-qam", "review")
    return repo


def test_the_baseline_is_used_only_when_it_exists(programmes_repo: Path):
    path = programmes_repo / CLEAN_NAME
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "effect_on_women_and_men:" not in x), "utf-8")
    done = run_step("Lint (annotations)", programmes_repo)
    assert done.returncode == 1, done.stdout + done.stderr  # DW401, an error
    assert "DW401" in done.stdout
    assert "baseline" not in done.stderr
    record = subprocess.run(
        [Path(sys.executable).parent / "dwcp", "lint", "--write-baseline", ".dwcp-baseline.json"],
        cwd=programmes_repo,
        capture_output=True,
        check=False,
    )
    assert record.returncode == 0
    done = run_step("Lint (annotations)", programmes_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "accepted by .dwcp-baseline.json" in done.stderr


def test_the_job_summary_prints_each_heading_once(programmes_repo: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    done = run_step(
        "Job summary (diff and gaps)",
        programmes_repo,
        BASE_REF="HEAD~1",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert done.returncode == 0, done.stderr
    headings = [line for line in summary.read_text("utf-8").splitlines() if line.startswith("#")]
    assert headings, summary.read_text("utf-8")
    assert len(headings) == len(set(headings)), headings
    assert headings.count("## Programme changes") == 1, headings  # dwcp diff's own heading
    assert sum(h.startswith("# dwcp gaps report") for h in headings) == 1, headings


def hooks() -> list[dict[str, object]]:
    loaded = YAML(typ="safe").load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_three_hooks_are_published():
    assert [h["id"] for h in hooks()] == ["dwcp-lint", "dwcp-fmt", "dwcp-schema"]
    for hook in hooks():
        assert hook["language"] == "python"
        assert str(hook["entry"]).startswith("dwcp ")


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: str(h["id"]))
def test_every_hook_entry_parses(dwcp: CliRun, hook: dict[str, object]):
    run = dwcp(*shlex.split(str(hook["entry"]))[1:], "--help")
    assert run.code == 0, run.err


def test_vscode_maps_the_programmes_to_the_committed_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    ((schema, globs),) = settings["yaml.schemas"].items()
    assert (ROOT / schema).is_file()
    samples = [p.relative_to(ROOT).as_posix() for p in programme_files(ROOT / "programmes")]
    assert samples
    assert all(any(fnmatch.fnmatch(s, g) for g in globs) for s in samples)
    # dwcp fmt is the formatter: the editor's own YAML formatter would drop the key order.
    assert settings["yaml.format.enable"] is False


def test_the_hooks_header_pins_no_tag_that_does_not_exist():
    header = "".join(line for line in HOOKS.read_text("utf-8").splitlines(True) if line[:1] == "#")
    assert "v0.1.0" not in header
    assert "pin" in header and "commit" in header
