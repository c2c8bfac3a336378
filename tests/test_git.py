"""dwcp/git.py, the one place dwcp runs git, and the status parsing of document provenance."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dwcp.errors import UsageError
from dwcp.git import git, names, resolve, toplevel
from dwcp.views.documents.template_data import _changed_paths


def test_outside_a_repository_there_is_no_top_and_no_revision(tmp_path: Path):
    assert toplevel(tmp_path) is None
    assert resolve(tmp_path, "HEAD") is None


def test_a_failing_command_is_a_usage_error_in_gits_words(tmp_path: Path):
    with pytest.raises(UsageError, match="git rev-parse failed in"):
        git(tmp_path, "rev-parse", "HEAD")


def test_a_name_that_looks_like_an_option_is_never_passed_to_git(tmp_path: Path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert resolve(tmp_path, "--all") is None


def test_z_listings_split_on_nul_and_skip_the_empty_end():
    assert names(b"a.yaml\0dir/b c.yaml\0") == ["a.yaml", "dir/b c.yaml"]


def test_status_paths_skip_the_old_name_after_a_rename():
    entries = ["R  programmes/new.yaml", "programmes/old.yaml", " M programmes/x.yaml", "?? y.yaml"]
    assert _changed_paths(entries) == ["programmes/new.yaml", "programmes/x.yaml", "y.yaml"]
