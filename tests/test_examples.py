"""The files users copy: the GitHub workflow, the pre-commit hooks and the VS Code settings."""

from __future__ import annotations

import fnmatch
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import CliRun

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / "examples" / "github" / "dwcp.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
SHELL_OPERATORS = {"||", "&&", "|", ">", ">>", ";", "}"}


def dwcp_commands(script: str) -> list[list[str]]:
    """Every `dwcp ...` command in a shell script, cut at the first shell operator."""
    commands = []
    for line in script.splitlines():
        words = shlex.split(line.strip().replace("$BASE_REF", "origin/main"))
        if words[:1] != ["dwcp"]:
            continue
        cut = next((i for i, w in enumerate(words) if w in SHELL_OPERATORS), len(words))
        commands.append(words[1:cut])
    return commands


def workflow() -> dict[str, object]:
    loaded = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def workflow_commands() -> list[list[str]]:
    steps = [step for job in workflow()["jobs"].values() for step in job["steps"]]  # type: ignore[attr-defined]
    return [c for step in steps for c in dwcp_commands(step.get("run", ""))]


def test_the_workflow_is_valid_for_github():
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_lints_uploads_sarif_summarises_and_keeps_documents():
    commands = [" ".join(c[:1]) for c in workflow_commands()]
    assert commands.count("lint") == 2
    assert {"diff", "report", "render"} <= set(commands)
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "--format github" in text
    assert "github/codeql-action/upload-sarif" in text
    assert "GITHUB_STEP_SUMMARY" in text
    assert "actions/upload-artifact" in text


@pytest.mark.parametrize("args", workflow_commands(), ids=" ".join)
def test_every_dwcp_command_in_the_workflow_parses(dwcp: CliRun, args: list[str]):
    # --help is eager: it stops after parsing, which fails on any option dwcp does not have.
    run = dwcp(*args, "--help")
    assert run.code == 0, run.err


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
    samples = [p.relative_to(ROOT).as_posix() for p in (ROOT / "programmes").glob("*.yaml")]
    assert samples
    assert all(any(fnmatch.fnmatch(s, g) for g in globs) for s in samples)
    # dwcp fmt is the formatter: the editor's own YAML formatter would drop the key order.
    assert settings["yaml.format.enable"] is False
