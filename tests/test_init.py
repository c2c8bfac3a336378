"""`dwcp init`: sets up a programme repository, safely rerun; and what it relies on (a
`dwcp.toml` read like pyproject.toml, `dwcp schema --check` in a repository without schemas)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dwcp.cli import main
from dwcp.config import find_root, load_settings
from dwcp.errors import ConfigError
from tests.conftest import CliRun

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
