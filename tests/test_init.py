"""`dwcp init`: sets up a programme repository, safely rerun; and what it relies on (a
`dwcp.toml` read like pyproject.toml, `dwcp schema --check` in a repository without schemas)."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from dwcp import __version__
from dwcp.cli import main
from dwcp.config import RawConfig, find_root, load_settings
from dwcp.errors import ConfigError
from dwcp.views import schema as schema_export
from dwcp.workflow.init import SAMPLE, sample_text
from tests.conftest import CliRun
from tests.helpers import CLEAN

ROOT = Path(__file__).parent.parent


# --- dwcp schema --check before any schema was written -------------------------------------


def test_schema_check_without_schemas_says_none_were_written_and_how_to(dwcp: CliRun, repo: Path):
    run = dwcp("schema", "--check")
    assert run.code == 1
    assert "out of date" not in run.err
    assert "no schemas" in run.err
    assert "`dwcp schema`" in run.err
    assert "`dwcp init`" in run.err
    assert not (repo / "schemas").exists()


def test_schema_check_names_a_missing_schema_as_missing(dwcp: CliRun, repo: Path):
    assert dwcp("schema").code == 0
    (repo / "schemas" / "programme.schema.json").unlink()
    run = dwcp("schema", "--check")
    assert run.code == 1
    assert "programme.schema.json: missing; run `dwcp schema`" in run.err
    assert "out of date" not in run.err


# --- dwcp.toml: the [tool.dwcp] table of a repository without pyproject.toml --------------


def test_dwcp_toml_marks_the_root_and_holds_the_settings(tmp_path: Path):
    (tmp_path / "dwcp.toml").write_text(
        '[tool.dwcp]\nprogrammes = "data/programmes"\nfail-on = "warning"\n', encoding="utf-8"
    )
    inner = tmp_path / "data" / "programmes"
    inner.mkdir(parents=True)
    assert find_root(inner) == tmp_path.resolve()
    settings = load_settings(find_root(inner))
    assert settings.source == tmp_path.resolve() / "dwcp.toml"
    assert settings.programmes_dir == tmp_path.resolve() / "data" / "programmes"
    assert settings.raw.fail_on == "warning"


def test_dwcp_toml_is_validated_like_pyproject(tmp_path: Path):
    (tmp_path / "dwcp.toml").write_text('[tool.dwcp]\nprogramme = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dwcp\.toml:2:1: unknown key `programme`"):
        load_settings(tmp_path)


def test_dwcp_toml_is_read_before_pyproject(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.dwcp]\nprogrammes = "a"\n', "utf-8")
    (tmp_path / "dwcp.toml").write_text('[tool.dwcp]\nprogrammes = "b"\n', "utf-8")
    assert load_settings(tmp_path).raw.programmes == "b"


def test_dwcp_new_finds_dwcp_toml_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "dwcp.toml").write_text('[tool.dwcp]\nprogrammes = "data"\n', "utf-8")
    (tmp_path / "notes").mkdir()
    monkeypatch.chdir(tmp_path / "notes")
    monkeypatch.setattr(sys, "argv", ["dwcp", "new", "ZMB", "--period", "2023-2027"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code in (0, None), capsys.readouterr().err
    made = tmp_path / "data" / "ZMB-2023-2027.yaml"
    assert made.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/programme.schema.json\n"
    )


# --- dwcp init ------------------------------------------------------------------------------

SCHEMAS = sorted(schema_export.rendered())
WRITTEN = sorted(
    [
        "programmes/.gitkeep",
        *(f"schemas/{name}" for name in SCHEMAS),
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".pre-commit-config.yaml",
        ".github/workflows/dwcp.yml",
        "dwcp.toml",
        ".gitignore",
    ]
)


@pytest.fixture
def fresh(tmp_path: Path, dwcp: CliRun, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: ARG001
    """An empty git repository, made the current folder after the `dwcp` fixture's own."""
    folder = tmp_path / "programme-repo"
    folder.mkdir()
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    monkeypatch.chdir(folder)
    return folder


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts[:1]
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if ".git" not in p.relative_to(folder).parts[:1]
    }


def test_a_fresh_init_writes_everything_and_says_so(dwcp: CliRun, fresh: Path):
    run = dwcp("init")
    assert run.code == 0, run.err
    assert sorted(files_in(fresh)) == WRITTEN
    for name in WRITTEN:
        assert f"wrote {name}\n" in run.out
    assert f"{len(WRITTEN)} files written, 0 unchanged, 0 left as they were" in run.out
    assert "next: dwcp new" in run.out
    assert run.err == ""


def test_what_init_writes_works_together(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    assert dwcp("schema", "--check").code == 0
    assert dwcp("lint").code == 0
    settings = load_settings(find_root(fresh))
    assert settings.source == fresh / "dwcp.toml"
    assert_defaults(settings.raw)
    assert (fresh / "programmes" / ".gitkeep").read_bytes() == b""
    assert "out/" in (fresh / ".gitignore").read_text("utf-8").splitlines()


def assert_defaults(raw: RawConfig) -> None:
    """The documented defaults: select = ["DW"] is every rule, as no select is."""
    assert raw.select == ["DW"]
    assert raw.model_copy(update={"select": []}) == RawConfig()


def test_a_rerun_writes_nothing_and_exits_0(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    before = stamps(fresh)
    run = dwcp("init")
    assert run.code == 0, run.err
    assert stamps(fresh) == before
    assert "wrote" not in run.out
    assert f"0 files written, {len(WRITTEN)} unchanged, 0 left as they were" in run.out
    assert "unchanged .pre-commit-config.yaml\n" in run.out


def test_a_changed_file_is_left_and_reported_with_exit_1(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    mine = fresh / ".vscode" / "settings.json"
    mine.write_text('{"editor.rulers": [80]}\n', encoding="utf-8")
    (fresh / ".pre-commit-config.yaml").unlink()
    run = dwcp("init")
    assert run.code == 1
    assert mine.read_text("utf-8") == '{"editor.rulers": [80]}\n'
    assert "wrote .pre-commit-config.yaml\n" in run.out
    assert "left .vscode/settings.json: it differs from what dwcp init writes" in run.out
    assert "1 file differs from what dwcp init writes and was left as it was" in run.err
    assert "  .vscode/settings.json" in run.err


def test_dry_run_prints_the_plan_and_writes_nothing(dwcp: CliRun, fresh: Path):
    run = dwcp("init", "--dry-run", "--example")
    assert run.code == 0, run.err
    assert files_in(fresh) == {}
    assert "would write programmes/VNM-2017-2021.yaml\n" in run.out
    assert "would write .github/workflows/dwcp.yml\n" in run.out
    assert "nothing written (--dry-run)" in run.out


def test_dry_run_exits_1_when_a_file_would_be_left(dwcp: CliRun, fresh: Path):
    (fresh / ".gitignore").mkdir()
    run = dwcp("init", "--dry-run")
    assert run.code == 1
    assert "would leave .gitignore: it is a folder" in run.out
    assert files_in(fresh) == {}


def test_an_existing_repository_gets_only_what_is_missing(dwcp: CliRun, fresh: Path):
    (fresh / "programmes").mkdir()
    shutil.copy(CLEAN, fresh / "programmes" / CLEAN.name)
    (fresh / ".gitignore").write_text("node_modules/\n/out\n", encoding="utf-8")
    run = dwcp("init")
    assert run.code == 0, run.err
    assert not (fresh / "programmes" / ".gitkeep").exists()  # git keeps a folder with files
    assert (fresh / ".gitignore").read_text("utf-8") == "node_modules/\n/out\n"
    assert "unchanged .gitignore (it ignores out/)" in run.out


def test_the_example_lints_without_errors_and_is_formatted(dwcp: CliRun, fresh: Path):
    run = dwcp("init", "--example")
    assert run.code == 0, run.err
    sample = fresh / "programmes" / "VNM-2017-2021.yaml"
    assert sample.is_file()
    assert not (fresh / "programmes" / ".gitkeep").exists()
    lint = dwcp("lint", "--format", "json")
    assert lint.code == 0, lint.out
    assert json.loads(lint.out)["summary"]["error"] == 0
    fmt = dwcp("fmt", "--check")
    assert fmt.code == 0, fmt.out + fmt.err


def schema_target(programme: Path) -> Path:
    first = programme.read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    return (programme.parent / first.removeprefix(prefix)).resolve()


def test_the_example_schema_line_resolves_to_the_schema_init_wrote(dwcp: CliRun, fresh: Path):
    assert dwcp("init", "--example").code == 0
    programme = fresh / "programmes" / "VNM-2017-2021.yaml"
    assert schema_target(programme) == fresh / "schemas" / "programme.schema.json"


@pytest.mark.parametrize("folder", ["data/dwcp", "programmes/active"])
def test_schema_lines_follow_a_programmes_folder_configured_elsewhere(
    dwcp: CliRun, fresh: Path, folder: str
):
    (fresh / "pyproject.toml").write_text(f'[tool.dwcp]\nprogrammes = "{folder}"\n', "utf-8")
    assert dwcp("init", "--example").code == 0
    schema = fresh / "schemas" / "programme.schema.json"
    assert schema_target(fresh / folder / "VNM-2017-2021.yaml") == schema
    assert dwcp("new", "ZMB", "--period", "2023-2027").code == 0
    assert schema_target(fresh / folder / "ZMB-2023-2027.yaml") == schema
    assert dwcp("fmt", "--check").code == 0
    # the editor settings, the hooks and the workflow look in the same folder
    settings = json.loads((fresh / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/programme.schema.json": [f"{folder}/*.yaml", f"{folder}/*.yml"]
    }
    hooks = YAML(typ="safe").load((fresh / ".pre-commit-config.yaml").read_text("utf-8"))
    patterns = {h["id"]: h.get("files") for h in hooks["repos"][0]["hooks"]}
    assert all(re.match(patterns[h], f"{folder}/X.yaml") for h in ("dwcp-fmt", "dwcp-lint"))
    workflow = YAML(typ="safe").load((fresh / ".github/workflows/dwcp.yml").read_text("utf-8"))
    assert f"{folder}/**" in workflow["on"]["pull_request"]["paths"]


def test_dwcp_new_after_init_points_at_the_schema_init_wrote(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    assert dwcp("new", "SEN", "--period", "2025-2029", "--lang", "fr").code == 0
    programme = fresh / "programmes" / "SEN-2025-2029.yaml"
    assert schema_target(programme) == fresh / "schemas" / "programme.schema.json"


def test_an_existing_pyproject_gets_the_table_and_keeps_every_byte(dwcp: CliRun, fresh: Path):
    before = b'[project]\r\nname = "programmes"\r\n\r\n[tool.ruff]  # mine\r\nline-length = 90'
    (fresh / "pyproject.toml").write_bytes(before)
    run = dwcp("init")
    assert run.code == 0, run.err
    assert "added [tool.dwcp] to pyproject.toml" in run.out
    assert not (fresh / "dwcp.toml").exists()
    after = (fresh / "pyproject.toml").read_bytes()
    assert after.startswith(before)
    assert b"\r\n\r\n[tool.dwcp]\r\n" in after
    assert b"\n" not in after.replace(b"\r\n", b"")
    parsed = tomllib.loads(after.decode("utf-8"))
    assert parsed["tool"]["ruff"] == {"line-length": 90}
    assert_defaults(RawConfig.model_validate(parsed["tool"]["dwcp"]))
    assert dwcp("init").code == 0
    assert (fresh / "pyproject.toml").read_bytes() == after


def test_a_configured_pyproject_is_left_as_it_is(dwcp: CliRun, fresh: Path):
    text = '[tool.dwcp]\nignore = ["DW509"]\n'
    (fresh / "pyproject.toml").write_text(text, encoding="utf-8")
    run = dwcp("init")
    assert run.code == 0, run.err
    assert (fresh / "pyproject.toml").read_text("utf-8") == text
    assert "unchanged pyproject.toml (it has a [tool.dwcp] table)" in run.out
    assert not (fresh / "dwcp.toml").exists()


def test_init_makes_a_missing_folder(dwcp: CliRun, fresh: Path):
    run = dwcp("init", "new-repo")
    assert run.code == 0, run.err
    assert sorted(files_in(fresh / "new-repo")) == WRITTEN
    assert "wrote new-repo/dwcp.toml" in run.out
    assert "next: cd new-repo, then dwcp new" in run.out


@pytest.mark.parametrize("target", ["a-file", "a-file/inside"])
def test_a_folder_that_is_a_file_is_exit_2(dwcp: CliRun, fresh: Path, target: str):
    (fresh / "a-file").write_text("not a folder\n", encoding="utf-8")
    run = dwcp("init", target)
    assert run.code == 2
    assert "is a file" in run.err or "not a folder" in run.err
    assert "Traceback" not in run.err
    assert files_in(fresh) == {"a-file": b"not a folder\n"}


@pytest.mark.usefixtures("fresh")
def test_a_failed_write_is_exit_2_with_the_reason(dwcp: CliRun, monkeypatch: pytest.MonkeyPatch):
    from dwcp import files

    def refuse(files: dict[Path, bytes]) -> list[Path]:
        raise PermissionError(errno.EACCES, "Permission denied", str(next(iter(files))))

    monkeypatch.setattr(files, "write_all", refuse)
    run = dwcp("init")
    assert run.code == 2
    assert "cannot write the files" in run.err
    assert "Permission denied" in run.err
    assert "Traceback" not in run.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_is_exit_2(dwcp: CliRun, fresh: Path):
    locked = fresh / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        run = dwcp("init", "locked")
    finally:
        locked.chmod(0o700)
    assert run.code == 2
    assert "cannot write the files" in run.err


# --- where dwcp is installed from -----------------------------------------------------------


def written_config(folder: Path) -> tuple[dict[str, Any], str]:
    """The pre-commit configuration and the workflow's DWCP_SPEC."""
    hooks = YAML(typ="safe").load((folder / ".pre-commit-config.yaml").read_text("utf-8"))
    flow = YAML(typ="safe").load((folder / ".github/workflows/dwcp.yml").read_text("utf-8"))
    return hooks, flow["env"]["DWCP_SPEC"]


def test_by_default_the_hooks_and_ci_install_this_version_with_pip(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    hooks, spec = written_config(fresh)
    assert spec == f"dwcp=={__version__}"
    (repo,) = hooks["repos"]
    assert repo["repo"] == "local"
    assert [h["id"] for h in repo["hooks"]] == ["dwcp-fmt", "dwcp-lint", "dwcp-schema"]
    for hook in repo["hooks"]:
        assert hook["language"] == "python"
        assert hook["additional_dependencies"] == [f"dwcp=={__version__}"]


def test_the_local_hooks_are_the_published_ones(dwcp: CliRun, fresh: Path):
    """With a pip requirement, the hooks are written out in full: as .pre-commit-hooks.yaml has
    them, plus the requirement."""
    published = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert dwcp("init").code == 0
    hooks, _ = written_config(fresh)
    local = {h["id"]: h for h in hooks["repos"][0]["hooks"]}
    for hook in published:
        written = dict(local[hook["id"]])
        assert written.pop("additional_dependencies") == [f"dwcp=={__version__}"]
        assert written == hook


@pytest.mark.parametrize(
    ("source", "rev", "url", "spec"),
    [
        (
            "https://github.com/ilo/dwcp",
            None,
            "https://github.com/ilo/dwcp",
            f"dwcp @ git+https://github.com/ilo/dwcp@v{__version__}",
        ),
        (
            "git+https://gitlab.example.org/ilo/dwcp.git@v2.0.1",
            None,
            "https://gitlab.example.org/ilo/dwcp.git",
            "dwcp @ git+https://gitlab.example.org/ilo/dwcp.git@v2.0.1",
        ),
        (
            "git@github.com:ilo/dwcp.git",
            "0123456789abcdef0123456789abcdef01234567",
            "git@github.com:ilo/dwcp.git",
            "dwcp @ git+ssh://git@github.com/ilo/dwcp.git@0123456789abcdef0123456789abcdef01234567",
        ),
    ],
    ids=["https", "pip-style", "scp-style"],
)
def test_a_git_source_uses_the_published_hooks_at_a_rev(
    dwcp: CliRun, fresh: Path, source: str, rev: str | None, url: str, spec: str
):
    args = ["init", "--source", source] + (["--rev", rev] if rev else [])
    run = dwcp(*args)
    assert run.code == 0, run.err
    hooks, written_spec = written_config(fresh)
    assert hooks["repos"] == [
        {
            "repo": url,
            "rev": spec.rsplit("@", 1)[1],
            "hooks": [{"id": "dwcp-fmt"}, {"id": "dwcp-lint"}, {"id": "dwcp-schema"}],
        }
    ]
    assert written_spec == spec


def test_a_local_clone_needs_a_rev_it_has(dwcp: CliRun, fresh: Path):
    clone = fresh.parent / "dwcp-clone"
    clone.mkdir()
    (clone / ".pre-commit-hooks.yaml").write_text("[]\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "hooks"], check=True)
    run = dwcp("init", "--source", "../dwcp-clone")
    assert run.code == 2
    assert f"--rev v{__version__} names no commit in {clone}" in run.err
    run = dwcp("init", "--source", "../dwcp-clone", "--rev", "HEAD")
    assert run.code == 0, run.err
    assert "GitHub's runners do not have" in run.err
    hooks, spec = written_config(fresh)
    assert hooks["repos"][0]["repo"] == clone.as_posix()
    assert hooks["repos"][0]["rev"] == "HEAD"
    assert spec == f"dwcp @ git+{clone.as_uri()}@HEAD"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rev", "v1.0"], "--rev names a tag or commit of a git repository"),
        (["--source", "not a requirement"], "is neither a pip requirement"),
        (["--source", "./no-such-clone"], "no such folder"),
        (["--source", "https://x.org/dwcp", "--rev", "a b"], "is not a tag or commit"),
    ],
)
def test_a_source_that_cannot_work_is_exit_2(
    dwcp: CliRun, fresh: Path, args: list[str], message: str
):
    run = dwcp("init", *args)
    assert run.code == 2
    assert message in run.err
    assert files_in(fresh) == {}


def test_a_pip_requirement_is_written_as_given(dwcp: CliRun, fresh: Path):
    assert dwcp("init", "--source", "dwcp>=0.1,<0.3").code == 0
    hooks, spec = written_config(fresh)
    assert spec == "dwcp>=0.1,<0.3"
    assert hooks["repos"][0]["hooks"][0]["additional_dependencies"] == ["dwcp>=0.1,<0.3"]


# --- the packaged files -------------------------------------------------------------------


def test_the_packaged_sample_is_the_sample_in_programmes():
    assert sample_text() == (ROOT / "programmes" / SAMPLE).read_text("utf-8"), (
        f"copy programmes/{SAMPLE} to dwcp/workflow/init/samples/"
    )


def test_the_vscode_files_are_those_of_this_repository(dwcp: CliRun, fresh: Path):
    assert dwcp("init").code == 0
    for name in ("settings.json", "extensions.json"):
        assert (fresh / ".vscode" / name).read_text("utf-8") == (ROOT / ".vscode" / name).read_text(
            "utf-8"
        )
