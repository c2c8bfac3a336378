"""The published hooks, run by pre-commit itself against a temporary repository of programmes.

pre-commit installs dwcp from a snapshot of this checkout into its own environment, once per test
session (the first test takes a minute or so for that), and once more for the `repo: local`
configuration `dwcp init` writes for a pip requirement.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.helpers import CLEAN

ROOT = Path(__file__).parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def commit_all(folder: Path) -> str:
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snap")
    return git(folder, "rev-parse", "HEAD")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout, uncommitted edits included, as a git repository pre-commit can clone."""
    snapshot = tmp_path_factory.mktemp("dwcp-snapshot")
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    return snapshot, commit_all(snapshot)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def programmes(tmp_path: Path, hook_repo: tuple[Path, str]) -> Iterator[Path]:
    """A programme repository using the three hooks, with the clean fixture committed."""
    repo_path, rev = hook_repo
    (tmp_path / "programmes").mkdir()
    shutil.copy(CLEAN, tmp_path / "programmes" / CLEAN.name)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n"
        "    hooks: [{id: dwcp-fmt}, {id: dwcp-lint, args: [--as-of, '2019-07-01']}, "
        "{id: dwcp-schema}]\n",
        encoding="utf-8",
    )
    git(tmp_path, "init", "-q")
    commit_all(tmp_path)
    yield tmp_path


def run_hooks(repo: Path, home: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(PRE_COMMIT), "run", *hook, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_a_clean_repository_passes_every_hook(programmes: Path, pre_commit_home: Path):
    done = run_hooks(programmes, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("dwcp lint", "dwcp fmt", "dwcp schema --check"):
        assert name in done.stdout


def test_the_lint_hook_fails_on_a_broken_programme(programmes: Path, pre_commit_home: Path):
    path = programmes / "programmes" / CLEAN.name
    path.write_text(path.read_text("utf-8").replace("status: implementation", "status: x"), "utf-8")
    done = run_hooks(programmes, pre_commit_home, "dwcp-lint")
    assert done.returncode == 1
    assert "DW023" in done.stdout


def test_the_fmt_hook_rewrites_an_unordered_file(programmes: Path, pre_commit_home: Path):
    path = programmes / "programmes" / CLEAN.name
    lines = path.read_text("utf-8").splitlines(keepends=True)
    moved = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    status = lines.pop(moved)
    lines.append(status)
    path.write_text("".join(lines), encoding="utf-8")
    done = run_hooks(programmes, pre_commit_home, "dwcp-fmt")
    assert done.returncode == 1  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in done.stdout
    assert path.read_text("utf-8") == CLEAN.read_text("utf-8")


def test_the_schema_hook_fails_on_stale_schemas(programmes: Path, pre_commit_home: Path):
    (programmes / "schemas" / "programme.schema.json").write_text("{}\n", encoding="utf-8")
    done = run_hooks(programmes, pre_commit_home, "dwcp-schema")
    assert done.returncode == 1
    assert "out of date" in done.stdout


def test_the_configuration_dwcp_init_writes_runs_every_hook(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
):
    """`dwcp init --source <a clone of dwcp> --rev <commit>`: pre-commit clones the hooks from
    there (the same clone and commit as above, so the environment is already installed)."""
    repo_path, rev = hook_repo
    target = tmp_path / "programme-repo"
    dwcp = Path(sys.executable).parent / "dwcp"
    init = [str(dwcp), "init", str(target), "--example", "--source", str(repo_path), "--rev", rev]
    made = subprocess.run(init, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    config = YAML(typ="safe").load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [(r["repo"], r["rev"]) for r in config["repos"]] == [(repo_path.as_posix(), rev)]
    git(target, "init", "-q")
    commit_all(target)
    done = run_hooks(target, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("dwcp lint", "dwcp fmt", "dwcp schema --check"):
        assert re.search(rf"^{re.escape(name)}\.+Passed$", done.stdout, re.MULTILINE), done.stdout


def test_the_default_configuration_dwcp_init_writes_runs_every_hook(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
):
    """With a pip requirement (the default is dwcp==VERSION from the package index; here this
    checkout's snapshot by path), the hooks are `repo: local` and pre-commit installs the
    requirement in an environment of its own (a second install, about half a minute)."""
    repo_path, _ = hook_repo
    target = tmp_path / "programme-repo"
    requirement = f"dwcp @ {repo_path.as_uri()}"
    dwcp = Path(sys.executable).parent / "dwcp"
    init = [str(dwcp), "init", str(target), "--example", "--source", requirement]
    made = subprocess.run(init, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    config = YAML(typ="safe").load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    git(target, "init", "-q")
    commit_all(target)
    done = run_hooks(target, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("dwcp lint", "dwcp fmt", "dwcp schema --check"):
        assert re.search(rf"^{re.escape(name)}\.+Passed$", done.stdout, re.MULTILINE), done.stdout
