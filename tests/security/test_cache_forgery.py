"""Caches are never trusted from the repository, never hide a finding, never write elsewhere.

Every test runs with DWCP_CACHE_DIR set to a private temporary folder (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dwcp import __version__
from dwcp.cache import LINT_CACHE, Cache, entry_key, repository_folder
from dwcp.config import load_settings
from dwcp.domain import catalogue
from dwcp.domain.catalogue import BUILTIN_DIR, load_catalogue
from dwcp.files import ensure_inside
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.results import LINT_SHAPE
from dwcp.lint.settings import rule_settings
from tests.conftest import CliRun
from tests.helpers import CLEAN_NAME

AS_OF = "--as-of=2019-07-01"
GENDER_LINE = (
    "        effect_on_women_and_men: Half of the places in every programme go to young women.\n"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_all(repo: Path) -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A", "-f")
    git(repo, "commit", "-qm", "a pull request")


def programme(repo: Path) -> Path:
    return repo / CLEAN_NAME


def break_gender(repo: Path) -> bytes:
    path = programme(repo)
    path.write_text(path.read_text(encoding="utf-8").replace(GENDER_LINE, ""), encoding="utf-8")
    return path.read_bytes()


def unformat(repo: Path) -> bytes:
    """Move the top-level `status:` line to the end, which fmt would move back."""
    path = programme(repo)
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    moved = next(line for line in rest.splitlines() if line.startswith("status:"))
    path.write_text(first + "\n" + rest.replace(moved + "\n", "") + moved + "\n", "utf-8")
    return path.read_bytes()


def old_key(raw: bytes, display_path: str, context: str) -> str:
    """How dwcp 0.1.0 keyed `.dwcp-cache/*.json` entries before issue 12."""
    digest = hashlib.sha256(raw)
    digest.update(b"\0" + display_path.encode() + b"\0" + context.encode())
    return digest.hexdigest()


def old_lint_context(repo: Path) -> str:
    settings = rule_settings(load_settings(repo))
    payload = settings.raw.model_dump_json() + json.dumps(
        {k.__qualname__: v.model_dump() for k, v in settings.options.items()}, sort_keys=True
    )
    fingerprint = hashlib.sha256(payload.encode()).hexdigest()[:16]
    enabled = sorted(settings.enabled([], []))
    return "|".join((__version__, fingerprint, "2019-07-01", *enabled))


def forge(repo: Path, name: str, entries: dict[str, Any]) -> None:
    folder = repo / ".dwcp-cache"
    folder.mkdir(exist_ok=True)
    payload = {"version": __version__, "entries": entries}
    (folder / name).write_text(json.dumps(payload), encoding="utf-8")


def codes(run_out: str) -> list[str]:
    return [finding["code"] for finding in json.loads(run_out)["findings"]]


def cache_files(cache_dir: Path, name: str) -> list[Path]:
    return sorted(cache_dir.rglob(name))


# --- a cache committed to the repository is not a result ---------------------------------


def test_a_forged_lint_entry_in_the_repository_does_not_hide_findings(dwcp: CliRun, repo: Path):
    raw = break_gender(repo)
    key = old_key(raw, CLEAN_NAME, old_lint_context(repo))
    forge(repo, "lint.json", {key: {"findings": [], "facts": None}})
    commit_all(repo)
    run = dwcp("lint", AS_OF, "--format", "json")
    assert run.code == 1
    assert "DW401" in codes(run.out)


def test_a_forged_fmt_entry_in_the_repository_does_not_pass_the_check(dwcp: CliRun, repo: Path):
    raw = unformat(repo)
    forge(repo, "fmt.json", {old_key(raw, "", f"fmt {__version__}"): True})
    commit_all(repo)
    run = dwcp("fmt", "--check")
    assert run.code == 1
    assert f"would reformat {CLEAN_NAME}" in run.out


def test_a_symlinked_repository_cache_is_not_written_through(
    dwcp: CliRun, repo: Path, tmp_path_factory: pytest.TempPathFactory
):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (repo / ".dwcp-cache").symlink_to(elsewhere, target_is_directory=True)
    assert dwcp("lint", AS_OF).code == 0
    assert dwcp("fmt", "--check").code == 0
    assert dwcp("fmt").code == 0
    assert list(elsewhere.iterdir()) == []


def test_lint_and_fmt_leave_nothing_in_a_git_repository(dwcp: CliRun, repo: Path):
    commit_all(repo)
    unformat(repo)
    assert dwcp("lint", AS_OF).code == 0
    assert dwcp("fmt", "--check").code == 1
    assert dwcp("fmt").code == 0
    assert dwcp("lint", AS_OF).code == 0
    git(repo, "checkout", "--", ".")  # fmt's own rewrite is the one change expected
    assert git(repo, "status", "--porcelain", "--ignored") == ""


# --- the user cache folder: private, namespaced, validated -------------------------------


def test_caches_live_in_the_user_cache_folder_privately(dwcp: CliRun, cache_dir: Path):
    assert dwcp("lint", AS_OF).code == 0
    assert dwcp("fmt", "--check").code == 0
    [lint_cache] = cache_files(cache_dir, "lint.json")
    [fmt_cache] = cache_files(cache_dir, "fmt.json")
    assert lint_cache.parent == fmt_cache.parent != cache_dir
    for path in (lint_cache, fmt_cache):
        assert path.stat().st_mode & 0o077 == 0
    assert lint_cache.parent.stat().st_mode & 0o077 == 0
    assert "1 from cache" in dwcp("lint", AS_OF).out


def test_two_repositories_do_not_share_a_cache(
    dwcp: CliRun,
    repo: Path,
    cache_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
):
    dwcp("lint", AS_OF)
    other = tmp_path_factory.mktemp("other")
    (other / "programmes").mkdir()
    (other / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    (other / CLEAN_NAME).write_bytes(programme(repo).read_bytes())
    monkeypatch.chdir(other)
    assert "from cache" not in dwcp("lint", AS_OF).out
    assert len(cache_files(cache_dir, "lint.json")) == 2


def test_no_cache_on_fmt_neither_reads_nor_writes(dwcp: CliRun, cache_dir: Path):
    assert dwcp("fmt", "--check", "--no-cache").code == 0
    assert dwcp("lint", AS_OF, "--no-cache").code == 0
    assert list(cache_dir.iterdir()) == []


def damaged(key: str) -> dict[str, str]:
    """Ways a lint cache holding the entry `key` can be damaged, each still plain text."""

    def with_entry(entry: object, version: str = __version__) -> str:
        return json.dumps({"version": version, "entries": {key: entry}})

    return {
        "not json": "{not json",
        "not utf-8": '{"version": "\xff"}',  # written as Latin-1: one byte that is not UTF-8
        "a list": "[]",
        "no entries": json.dumps({"version": __version__}),
        "another version": with_entry({"findings": [], "facts": None}, "0.0.0"),
        "findings not a list": with_entry({"findings": "none", "facts": None}),
        "a finding missing fields": with_entry({"findings": [{"file": "x"}], "facts": None}),
        "a line that is text": with_entry({"findings": [_finding(line="one")], "facts": None}),
        "a line that is true": with_entry({"findings": [_finding(line=True)], "facts": None}),
        "an unknown severity": with_entry(
            {"findings": [_finding(severity="fatal")], "facts": None}
        ),
        "an extra field": with_entry({"findings": [_finding(extra=1)], "facts": None}),
        "facts of the wrong shape": with_entry({"findings": [], "facts": {"file": 3}}),
        "an entry that is a number": with_entry(7),
        "a key that is not a hash": json.dumps({"version": __version__, "entries": {"k": 7}}),
        "deep nesting": "[" * 100_000 + "]" * 100_000,
    }


def _finding(**changes: object) -> dict[str, object]:
    finding: dict[str, object] = {
        "file": CLEAN_NAME,
        "line": 1,
        "column": 1,
        "code": "DW401",
        "name": "outcome-without-gender-effect",
        "severity": "error",
        "step": "3-outcomes",
        "message": "m",
        "path": "",
        "hint": "",
    }
    return {**finding, **changes}


@pytest.mark.parametrize("damage", list(damaged("0" * 64)))
def test_a_damaged_lint_cache_is_a_miss(dwcp: CliRun, cache_dir: Path, damage: str):
    assert dwcp("lint", AS_OF).code == 0
    [path] = cache_files(cache_dir, "lint.json")
    [key] = json.loads(path.read_text(encoding="utf-8"))["entries"]
    path.write_text(damaged(key)[damage], encoding="latin-1")
    run = dwcp("lint", AS_OF)
    assert run.code == 0, run.err
    assert "All clear" in run.out
    assert "from cache" not in run.out
    assert run.err == ""
    assert "1 from cache" in dwcp("lint", AS_OF).out  # and the next run mends it


@pytest.mark.parametrize(
    "text",
    ["{not json", "[]", json.dumps({"version": __version__, "entries": {"k": "yes"}})],
    ids=["not json", "a list", "an entry that is not true"],
)
def test_a_damaged_fmt_cache_is_a_miss(dwcp: CliRun, repo: Path, cache_dir: Path, text: str):
    assert dwcp("fmt", "--check").code == 0
    [path] = cache_files(cache_dir, "fmt.json")
    path.write_text(text, encoding="utf-8")
    unformat(repo)
    run = dwcp("fmt", "--check")
    assert run.code == 1, run.err
    assert f"would reformat {CLEAN_NAME}" in run.out


def test_a_symlinked_user_cache_folder_is_neither_read_nor_written(
    dwcp: CliRun, cache_dir: Path, tmp_path_factory: pytest.TempPathFactory
):
    dwcp("lint", AS_OF)
    [path] = cache_files(cache_dir, "lint.json")
    folder = path.parent
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    folder.rename(elsewhere / "moved")
    folder.symlink_to(elsewhere / "moved", target_is_directory=True)
    before = sorted(p.name for p in (elsewhere / "moved").iterdir())
    run = dwcp("lint", AS_OF)
    assert run.code == 0
    assert "from cache" not in run.out
    dwcp("fmt", "--check")
    assert sorted(p.name for p in (elsewhere / "moved").iterdir()) == before


def test_a_symlinked_cache_file_is_neither_read_nor_written(
    dwcp: CliRun, cache_dir: Path, tmp_path_factory: pytest.TempPathFactory
):
    dwcp("lint", AS_OF)
    [path] = cache_files(cache_dir, "lint.json")
    target = tmp_path_factory.mktemp("elsewhere") / "lint.json"
    path.rename(target)
    path.symlink_to(target)
    content = target.read_bytes()
    assert "from cache" not in dwcp("lint", AS_OF).out
    assert path.is_symlink()
    assert target.read_bytes() == content


def test_why_a_cache_was_not_used_is_kept_for_a_verbose_message(
    dwcp: CliRun, repo: Path, cache_dir: Path
):
    dwcp("lint", AS_OF)
    [path] = cache_files(cache_dir, "lint.json")
    assert Cache(repo, LINT_CACHE, LINT_SHAPE).problem is None
    path.write_text("[]", encoding="utf-8")
    assert Cache(repo, LINT_CACHE, LINT_SHAPE).problem == f"{path} is damaged; not used"
    path.unlink()
    path.symlink_to(cache_dir / "elsewhere.json")
    problem = Cache(repo, LINT_CACHE, LINT_SHAPE).problem
    assert problem is not None and problem.startswith(f"{path}:")


def forge_current(repo: Path, raw: bytes) -> None:
    """A lint cache entry in today's format saying the file has no findings."""
    settings = load_settings(repo)
    options = LintOptions(as_of=dt.date(2019, 7, 1))
    linter = Linter(settings, load_catalogue(settings.catalogues_dir), options)
    key = entry_key(linter.context_key, CLEAN_NAME, raw)
    folder = repository_folder(repo)
    folder.mkdir(parents=True)
    entries: dict[str, object] = {key: {"findings": [], "facts": None}}
    payload = json.dumps({"version": __version__, "entries": entries})
    (folder / "lint.json").write_text(payload, encoding="utf-8")


def test_a_cache_folder_inside_the_repository_is_not_trusted(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    raw = break_gender(repo)
    # The control: the same forgery in the user's own cache folder is believed, which is why
    # that folder must be one no pull request can write to.
    forge_current(repo, raw)
    assert dwcp("lint", AS_OF).code == 0
    monkeypatch.setenv("DWCP_CACHE_DIR", str(repo / ".cache" / "dwcp"))
    forge_current(repo, raw)
    commit_all(repo)
    run = dwcp("lint", AS_OF, "--format", "json")
    assert run.code == 1
    assert "DW401" in codes(run.out)
    assert git(repo, "status", "--porcelain", "--ignored") == ""


def test_a_cached_result_is_the_result(dwcp: CliRun, repo: Path):
    break_gender(repo)
    first = dwcp("lint", AS_OF, "--format", "json", "--no-cache").out
    dwcp("lint", AS_OF)
    assert "1 from cache" in dwcp("lint", AS_OF).out
    assert dwcp("lint", AS_OF, "--format", "json").out == first


# --- the key covers everything that can change a result ----------------------------------


def test_editing_the_repository_catalogue_changes_the_findings(dwcp: CliRun, repo: Path):
    catalogues = repo / "catalogues"
    catalogues.mkdir()
    pb = catalogues / "pb_outcomes.yaml"
    pb.write_text("frameworks: []\n", encoding="utf-8")
    assert "DW403" not in codes(dwcp("lint", AS_OF, "--format", "json").out)
    assert "DW403" not in codes(dwcp("lint", AS_OF, "--format", "json").out)
    # The repository's framework for 2018-19 replaces the built-in one and lacks outcome 1.
    pb.write_text(
        "frameworks:\n"
        "  - id: PB-2018-19\n"
        "    name: Programme and Budget 2018-19\n"
        "    biennia: ['2018-19']\n"
        "    outcomes:\n"
        "      - {number: 9, title: Other, strategic_objective: null, verified: false}\n",
        encoding="utf-8",
    )
    run = dwcp("lint", AS_OF, "--format", "json")
    assert run.code == 1
    assert "DW403" in codes(run.out)
    pb.write_text("frameworks: []\n", encoding="utf-8")
    assert "DW403" not in codes(dwcp("lint", AS_OF, "--format", "json").out)


def test_editing_a_built_in_catalogue_changes_the_findings(
    dwcp: CliRun, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
):
    builtin = tmp_path_factory.mktemp("builtin")
    for source in BUILTIN_DIR.glob("*.yaml"):
        (builtin / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr("dwcp.domain.catalogue.BUILTIN_DIR", builtin)
    # The built-in catalogue is read once per process; this test's own copy of that memory.
    read_once = functools.cache(lambda: catalogue._load(None))
    monkeypatch.setattr(catalogue, "_builtin", read_once)
    assert dwcp("lint", AS_OF).code == 0
    pb = builtin / "pb_outcomes.yaml"
    pb.write_text(
        pb.read_text(encoding="utf-8").replace('biennia: ["2018-19"]', "biennia: []"),
        encoding="utf-8",
    )
    assert "PB-2018-19" in pb.read_text(encoding="utf-8")
    read_once.cache_clear()  # each run of dwcp is a new process
    run = dwcp("lint", AS_OF, "--format", "json")
    # 2018-19 is no longer covered: the DW420 warning, where a covered biennium gives DW403.
    assert "DW420" in codes(run.out)


def test_the_path_and_the_settings_are_part_of_the_key(dwcp: CliRun, repo: Path):
    break_gender(repo)
    assert dwcp("lint", AS_OF).code == 1
    (repo / "pyproject.toml").write_text(
        '[tool.dwcp]\nper-file-ignores = {"programmes/*" = ["DW401"]}\n', encoding="utf-8"
    )
    run = dwcp("lint", AS_OF, "--format", "json")
    assert "DW401" not in codes(run.out)


# --- fmt never loses an edit made while it ran -------------------------------------------


def test_an_edit_made_while_fmt_ran_is_kept_and_the_file_refused(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    unformat(repo)
    edited = "# the author's edit, saved while dwcp fmt ran\n"

    def edit_then_continue(root: Path, target: Path, what: str = "the repository") -> Path:
        with target.open("a", encoding="utf-8") as stream:
            stream.write(edited)
        return ensure_inside(root, target, what)

    monkeypatch.setattr("dwcp.workflow.fmt.apply.ensure_inside", edit_then_continue)
    run = dwcp("fmt")
    assert run.code == 2
    assert f"{CLEAN_NAME} changed while dwcp fmt ran; run it again" in run.err
    assert programme(repo).read_text(encoding="utf-8").endswith(edited)


def test_the_lint_cache_shape_is_what_to_json_writes():
    """The strict mirror lives beside to_json; a field added to a Finding or to the facts
    without it would turn every cache entry into a miss, so the two must agree."""
    from dataclasses import fields

    from dwcp.lint.findings import Finding
    from dwcp.lint.results import LintEntry, to_json
    from dwcp.lint.rules.portfolio import FileFacts, Located
    from tests.helpers import CLEAN, make_linter

    text = CLEAN.read_text(encoding="utf-8").replace(GENDER_LINE, "")
    result = make_linter().lint_text(text, CLEAN_NAME)
    assert result.findings and result.facts is not None and result.facts.outcomes
    LINT_SHAPE.validate_python(json.loads(json.dumps(to_json(result))), strict=True)
    shapes = LintEntry.model_fields
    finding_shape = shapes["findings"].annotation.__args__[0]  # type: ignore[union-attr]
    facts_shape = shapes["facts"].annotation.__args__[0]  # type: ignore[union-attr]
    located_shape = facts_shape.model_fields["outcomes"].annotation.__args__[0]
    assert list(finding_shape.model_fields) == [f.name for f in fields(Finding)]
    assert list(facts_shape.model_fields) == [f.name for f in fields(FileFacts)]
    assert list(located_shape.model_fields) == [f.name for f in fields(Located)]


def test_editing_a_package_data_file_changes_the_tool_fingerprint() -> None:
    """A rule's word list or a built-in catalogue edited in a checkout invalidates the cache,
    as an edited module does."""
    from dwcp.cache import tool_fingerprint as cached

    tool_fingerprint = cached.__wrapped__  # computed once per run; here, each time
    words = Path(__file__).parent.parent.parent / "dwcp" / "catalogues" / "indicator_words.yaml"
    before = tool_fingerprint()
    info = words.stat()
    try:
        os.utime(words, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert tool_fingerprint() != before
    finally:
        os.utime(words, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert tool_fingerprint() == before
