"""Issue 12, robustness: only real comments suppress, baselines are bounded, an interrupted
write leaves old or new files (never a mix), and a workflow leaves nothing behind in git."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dwcp import files
from dwcp.lint import baseline
from dwcp.lint.suppressions import parse_suppressions
from tests.conftest import CliRun
from tests.helpers import CLEAN, lint_text

AS_OF = "--as-of=2019-07-01"

# --- 1. a suppression is a YAML comment, never text inside a value -------------------------

EFFECT = (
    "        effect_on_women_and_men: Half of the places in every programme go to young women.\n"
)
CONVENTIONS = "        conventions: [C122]\n"
UNKNOWN = "        conventions: [C999]\n"  # DW407, reported on this line
MARKER = "# dwcp: ignore[DW407] -- agreed with the standards team"


def with_before_unknown_convention(effect: str) -> str:
    """The clean fixture with `effect` (ending in a newline) just above `conventions: [C999]`."""
    text = CLEAN.read_text(encoding="utf-8")
    assert EFFECT in text and CONVENTIONS in text
    return text.replace(CONVENTIONS, "").replace(EFFECT, effect + UNKNOWN)


def codes(text: str) -> list[str]:
    return sorted(f.code for f in lint_text(text))


MARKER_IN_A_VALUE = {
    "double-quoted": f'        effect_on_women_and_men: "Half go to young women.\n          {MARKER}"\n',
    "single-quoted": f"        effect_on_women_and_men: 'Half go to young women.\n          {MARKER}'\n",
    "literal block": f"        effect_on_women_and_men: |\n          Half go to young women.\n"
    f"          {MARKER}\n",
    "folded block": f"        effect_on_women_and_men: >\n          Half go to young women.\n"
    f"          {MARKER}\n",
}


@pytest.mark.parametrize("style", MARKER_IN_A_VALUE)
def test_a_marker_inside_a_value_suppresses_nothing(style: str):
    text = with_before_unknown_convention(MARKER_IN_A_VALUE[style])
    assert codes(text) == ["DW407"]


def test_a_marker_inside_a_value_on_the_same_line_suppresses_nothing():
    text = with_before_unknown_convention(EFFECT).replace(
        UNKNOWN, f'        conventions: [C999, "{MARKER}"]\n'
    )
    assert codes(text) == ["DW407", "DW407"]


def test_a_real_comment_above_still_suppresses():
    text = with_before_unknown_convention(EFFECT + f"        {MARKER}\n")
    assert codes(text) == []


def test_a_real_comment_after_a_value_holding_a_marker_still_suppresses():
    fake = "# dwcp: ignore[DW401] -- not a comment"
    text = with_before_unknown_convention(EFFECT).replace(
        UNKNOWN, f'        conventions: [C999, "{fake}"]  {MARKER}\n'
    )
    assert codes(text) == []


def test_a_comment_after_a_block_scalar_header_is_a_comment():
    text = f"a: |  {MARKER}\n  text\nb: >-\n  # dwcp: ignore[DW001] -- text\n"
    assert [s.line for s in parse_suppressions(text)] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "a: word#dwcp:ignore[DW407]--reason\n",  # `#` without a space before it is text
        "a: 'x\r\n  # dwcp: ignore[DW407] -- r'\r\n",
        'a: "x\u2028  # dwcp: ignore[DW407] -- r"\n',
        "- [x, '# dwcp: ignore[DW407] -- r']\n",
        "a: |\n  text\n  # dwcp: ignore[DW407] -- as deep as the text, so text\n",
        "a: |2\n    # dwcp: ignore[DW407] -- an explicit indentation keeps it text\n",
    ],
)
def test_markers_that_are_text_are_not_parsed(text: str):
    assert parse_suppressions(text) == []


def test_a_text_without_the_marker_is_never_scanned(monkeypatch: pytest.MonkeyPatch):
    def no_scan(_text: str) -> None:
        raise AssertionError("scanned a text with no suppression in it")

    monkeypatch.setattr("dwcp.lint.suppressions.CParser", no_scan)
    assert parse_suppressions(CLEAN.read_text(encoding="utf-8") + "# a comment: [x]\n") == []


def test_a_line_of_unclosed_markers_is_parsed_in_linear_time():
    text = "a: 1  " + "#dwcp:ignore[" * 20_000 + "\n"  # ~30 s when the codes could run on
    started = time.perf_counter()
    assert parse_suppressions(text) == []
    assert time.perf_counter() - started < 2


def test_a_marker_in_capitals_is_a_suppression_alone_too():
    [found] = parse_suppressions("a: 1  # DWCP: IGNORE[dw407] -- r\n")
    assert found.codes == ("DW407",)


def test_a_comment_after_crlf_and_unicode_lines_is_found_on_its_line():
    text = "a: 'é'\r\nb: \"x\u2028  y\"  # dwcp: ignore[DW407] -- r\r\n"
    [found] = parse_suppressions(text)
    assert (found.line, found.codes) == (3, ("DW407",))


# --- 2. a baseline is bounded and strictly shaped ------------------------------------------


def break_gender(repo: Path) -> None:
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(EFFECT, ""), encoding="utf-8")


def baseline_document(entries: list[Any]) -> dict[str, Any]:
    return {"dwcp-baseline": 1, "tool": "dwcp", "findings": entries}


def refused(dwcp: CliRun, source: Path) -> str:
    run = dwcp("lint", AS_OF, "--baseline", str(source))
    assert run.code == 2, run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert str(source) in run.err
    return run.err


def test_a_huge_baseline_is_refused_before_it_is_read(dwcp: CliRun, repo: Path):
    source = repo / "huge.json"
    with source.open("wb") as stream:
        stream.truncate(baseline.MAX_BYTES + 1)  # sparse: costs no disk
    assert "MB" in refused(dwcp, source)


def test_a_baseline_that_is_not_a_regular_file_is_refused(dwcp: CliRun, repo: Path):
    source = repo / "pipe.json"
    os.mkfifo(source)  # opening it to read would wait for a writer forever
    assert "not a regular file" in refused(dwcp, source)


def test_a_baseline_with_too_many_entries_is_refused(dwcp: CliRun, repo: Path):
    entries = [
        {"file": f"f{i}", "code": "DW401", "path": "", "count": 1}
        for i in range(baseline.MAX_ENTRIES + 1)
    ]
    source = repo / "many.json"
    source.write_text(json.dumps(baseline_document(entries)), encoding="utf-8")
    assert "entries" in refused(dwcp, source)


ENTRY = {"file": "programmes/ZMB-2018-2022.yaml", "code": "DW401", "path": "p", "count": 1}
BAD_SHAPES: dict[str, str] = {
    "a boolean count": json.dumps(baseline_document([{**ENTRY, "count": True}])),
    "a count beyond any run": json.dumps(baseline_document([{**ENTRY, "count": 10**12}])),
    "a count of 5000 digits": json.dumps(baseline_document([ENTRY])).replace(
        '"count": 1', '"count": ' + "9" * 5000
    ),
    "an unknown entry key": json.dumps(baseline_document([{**ENTRY, "line": 3}])),
    "an unknown top-level key": json.dumps({**baseline_document([ENTRY]), "extra": []}),
    "a repeated key": json.dumps(baseline_document([ENTRY])).replace(
        '"count": 1', '"count": 1, "count": 1000'
    ),
    "nesting too deep": '{"dwcp-baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
}


@pytest.mark.parametrize("shape", BAD_SHAPES)
def test_a_baseline_of_the_wrong_shape_is_refused(dwcp: CliRun, repo: Path, shape: str):
    break_gender(repo)
    source = repo / "bad.json"
    source.write_text(BAD_SHAPES[shape], encoding="utf-8")
    refused(dwcp, source)


def test_a_baseline_too_large_to_read_back_is_not_written(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    break_gender(repo)
    monkeypatch.setattr(baseline, "MAX_FINDINGS", 0)
    run = dwcp("lint", AS_OF, "--write-baseline", "b.json")
    assert run.code == 2
    assert "b.json" in run.err
    assert not (repo / "b.json").exists()


# --- 3. an interrupted write leaves the old files or the new ones --------------------------


def targets(folder: Path) -> dict[Path, bytes]:
    paths = [folder / "index.html", folder / "a" / "one.html", folder / "b" / "two.html"]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"old")
    return dict.fromkeys(paths, b"new")


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name.endswith(".tmp")]


def signal_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, signum: int, call: int = 1
) -> list[int]:
    """Patch os.<name> to send `signum` to this process on its `call`-th use."""
    real: Callable[..., Any] = getattr(os, name)
    calls: list[int] = []

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == call:
            os.kill(os.getpid(), signum)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)
    return calls


def test_ctrl_c_while_renaming_finishes_the_commit_then_interrupts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    wanted = targets(tmp_path)
    signal_on_call(monkeypatch, "replace", signal.SIGINT)
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        files.write_all(wanted)
    assert {path: path.read_bytes() for path in wanted} == wanted
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGINT) is before


def test_sigterm_while_renaming_is_delivered_after_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    wanted = targets(tmp_path)
    received: list[int] = []
    seen: list[dict[Path, bytes]] = []

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        seen.append({path: path.read_bytes() for path in wanted})

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        signal_on_call(monkeypatch, "replace", signal.SIGTERM)
        assert files.write_all(wanted) == list(wanted)
        assert received == [signal.SIGTERM]
        assert seen == [wanted]  # the handler ran once every file was in place
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_ctrl_c_while_staging_leaves_the_old_files_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    wanted = targets(tmp_path)
    signal_on_call(monkeypatch, "chmod", signal.SIGINT, call=2)
    with pytest.raises(KeyboardInterrupt):
        files.write_all(wanted)
    assert {path.read_bytes() for path in wanted} == {b"old"}
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wanted = targets(tmp_path)
    real = os.replace
    calls: list[int] = []

    def failing(source: Any, target: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        files.write_all(wanted)
    assert leftovers(tmp_path) == []


# --- 4. a whole workflow leaves in git only what the user asked for ------------------------


def dwcp_command() -> list[str]:
    # The installed script, not `python -m dwcp`: that would put the repository on sys.path.
    script = shutil.which("dwcp", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the dwcp script is not installed next to this Python")
    return [script]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def run_dwcp(folder: Path, *args: str) -> None:
    done = subprocess.run(
        [*dwcp_command(), *args], cwd=folder, capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), (args, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


WORKFLOW: list[tuple[str, ...]] = [
    ("new", "ZMB", "--period", "2024-2028"),
    ("lint", AS_OF),
    ("lint", AS_OF, "--format", "json", "-o", "asked/lint.json"),
    ("lint", AS_OF, "--write-baseline", "asked/baseline.json"),
    ("lint", AS_OF, "--baseline", "asked/baseline.json"),
    ("fmt", "--check"),
    ("fmt",),
    ("fmt", "--check"),
    *[("report", kind, AS_OF) for kind in ("alignment", "gaps", "portfolio")],
    *[
        ("report", kind, AS_OF, "--format", form, "-o", f"asked/{kind}.{form}")
        for kind in ("alignment", "gaps", "portfolio")
        for form in ("html", "markdown", "json", "csv")
    ],
    ("render", "--format", "html", "--format", "md", "--out", "asked/documents", "--force"),
    ("site", "--out", "asked/site", "--force", AS_OF),
    ("export", "xlsx", "--out", "asked/portfolio.xlsx", AS_OF),
    ("export", "csv", "--out", "asked/csv", AS_OF),
    ("diff", AS_OF),
    ("diff", "HEAD", "--format", "markdown", "-o", "asked/diff.md"),
    ("schema", "--check"),
    ("schema", "--out", "asked/schemas"),
    ("rules",),
]


def test_a_workflow_leaves_nothing_in_git_but_what_was_asked_for(tmp_path: Path):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    run_dwcp(folder, "init", "--example")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "dwcp init")
    for args in WORKFLOW:
        run_dwcp(folder, *args)
    status = git(folder, "status", "--porcelain", "--ignored", "--untracked-files=all")
    changed = sorted(line[3:] for line in status.splitlines())
    asked = ("asked/", "programmes/")  # dwcp new writes to programmes/, fmt rewrites there
    assert [path for path in changed if not path.startswith(asked)] == []
    assert [path for path in changed if "__pycache__" in path or path.endswith(".tmp")] == []
    assert "programmes/ZMB-2024-2028.yaml" in changed
    assert "asked/site/index.html" in changed
