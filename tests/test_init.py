"""`dwcp init`: sets up a programme repository, safely rerun; and what it relies on (a
`dwcp.toml` read like pyproject.toml, `dwcp schema --check` in a repository without schemas)."""

from __future__ import annotations

from pathlib import Path

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
