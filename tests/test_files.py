"""dwcp/files.py: atomic writes that keep permissions and stay inside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from dwcp.errors import UsageError
from dwcp.files import ensure_inside, write_all, write_atomic


def test_a_rewritten_file_keeps_its_permissions(tmp_path: Path):
    path = tmp_path / "programme.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_permissions_of_a_plain_write(tmp_path: Path):
    plain, atomic = tmp_path / "plain", tmp_path / "atomic"
    plain.write_text("x", encoding="utf-8")
    write_atomic(atomic, "x")
    assert atomic.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    path = tmp_path / "programme.yaml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "\udcff")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["programme.yaml"]


def test_write_all_writes_nothing_when_a_folder_cannot_be_made(tmp_path: Path):
    first, blocked = tmp_path / "a.html", tmp_path / "sub" / "b.html"
    first.write_text("old", encoding="utf-8")
    (tmp_path / "sub").write_text("a file where a folder is needed", encoding="utf-8")
    with pytest.raises(OSError):
        write_all({first: b"new", blocked: b"new"})
    assert first.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "sub"]


def test_ensure_inside_refuses_a_path_that_climbs_out(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    assert ensure_inside(root, root / "out" / "x.html") == (root / "out" / "x.html").resolve()
    with pytest.raises(UsageError, match="outside the repository"):
        ensure_inside(root, root / ".." / "x.html")


def test_ensure_inside_follows_links(tmp_path: Path):
    root, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / "link").symlink_to(elsewhere)
    with pytest.raises(UsageError):
        ensure_inside(root, root / "link" / "x.html")
