"""Escaping at every edge (issue 12): each escaper of dwcp/escape.py on its own, then the
attacks end to end through the CLI, with file names and programme text from a stranger's
pull request."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from openpyxl import load_workbook
from rich.console import Console

from dwcp.escape import (
    SPREADSHEET_CELL_LIMIT,
    json_document,
    markdown_text,
    sarif_message,
    sarif_uri,
    spreadsheet_cell,
    stop_commands,
    terminal_markup,
    terminal_text,
    workflow_data,
    workflow_property,
    xml_document,
    xml_text,
)
from dwcp.lint.baseline import FORMAT_VERSION
from tests.conftest import CliRun, Run
from tests.helpers import CLEAN, CLEAN_NAME, clean_data, dump, outcome

AS_OF = "--as-of=2019-07-01"
ANNOTATIONS = ("error", "warning", "notice")
# A file name may hold anything but / and NUL: these start commands of their own.
EVIL_NAMES = (
    "evil\n::error::pwned.yaml",
    "cr\r::warning file=x::pwned.yaml",
    "mask##[add-mask]s3cret.yaml",
)
BROKEN_NAME = "broken\n::stop-commands::t0ken.yaml"
MARKUP = "<script>alert(1)</script> @someone | pipe [x](https://evil.example)"
FORMULA = '=HYPERLINK("https://evil.example","click")'
ESCAPES = (
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x9b2J [bold]b[/bold]"
)


# --- what the GitHub Actions runner reads as a workflow command -------------------------------


def runner_commands(output: str) -> list[tuple[str, str]]:
    """(name, line) for each line the runner would act on, modelled on actions/runner: lines
    end at CR, LF or CRLF; `::name ...::data` after leading white space; the legacy
    `##[name ...]data` anywhere in a line; `::stop-commands::TOKEN` pauses until `::TOKEN::`.
    Any name counts (the runner only knows some), so this is stricter than the runner."""
    found: list[tuple[str, str]] = []
    paused: str | None = None
    for line in re.split(r"\r\n|\r|\n", output):
        name, data = _command(line)
        if name is None:
            continue
        if paused is not None:
            if name == paused:
                paused = None
            continue
        if name == "stop-commands":
            paused = data
        found.append((name, line))
    return found


def _command(line: str) -> tuple[str | None, str]:
    trimmed = line.lstrip()
    if trimmed.startswith("::"):
        end = trimmed.find("::", 2)
        name = trimmed[2:end].split(" ", 1)[0] if end >= 0 else ""
        if name:
            return name, trimmed[end + 2 :]
    start = line.find("##[")
    end = line.find("]", start) if start >= 0 else -1
    if end >= 0 and line[start + 3 : end].split(" ", 1)[0]:
        return line[start + 3 : end].split(" ", 1)[0], line[end + 1 :]
    return None, ""


def no_commands(run: Run) -> None:
    assert runner_commands(run.out) == [], run.out
    assert runner_commands(run.err) == [], run.err


def test_the_runner_model_sees_the_attacks():
    assert runner_commands("ok\n  ::error::pwned\n") == [("error", "  ::error::pwned")]
    assert runner_commands("wrote x##[add-mask]s3cret") == [
        ("add-mask", "wrote x##[add-mask]s3cret")
    ]
    assert runner_commands("a\rb\r::warning::c") == [("warning", "::warning::c")]
    assert runner_commands("::stop-commands::t\n::error::x\n::t::\n") == [
        ("stop-commands", "::stop-commands::t")
    ]


# --- unit: Markdown ---------------------------------------------------------------------------


def md_reads(text: str) -> str:
    """What a reader sees of inline Markdown text escaped by markdown_text."""
    text = text.replace("&#8203;", "")
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_markdown_escapes_html_and_syntax():
    raw = "a <b> & `c` *d* _e_ [f](g) ![h](i) ~j~ $k$ {l} #m | n \\ o"
    text = markdown_text(raw)
    assert text == (
        "a &lt;b&gt; &amp; \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\!\\[h\\](i) \\~j\\~ \\$k\\$ "
        "\\{l\\} \\#m \\| n \\\\ o"
    )
    assert md_reads(text) == raw


def test_markdown_is_one_line_and_shows_control_characters():
    text = markdown_text("one\ntwo\r\nthree\u2028four\tfive \x1b[31m")
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    assert md_reads(text) == "one two three four five \\x1b[31m"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("@someone", "@&#8203;someone"),
        ("hi @org/team", "hi @&#8203;org/team"),
        ("(@x)", "(@&#8203;x)"),
    ],
)
def test_markdown_breaks_mentions(raw: str, shown: str):
    assert markdown_text(raw) == shown


def test_markdown_keeps_email_addresses_and_breaks_issue_references():
    assert markdown_text("officer@example.org") == "officer@example.org"
    assert markdown_text("see #12 and owner/repo#3") == (
        "see \\#&#8203;12 and owner/repo\\#&#8203;3"
    )


@pytest.mark.parametrize(
    ("raw", "shown"), [("- x", "\\- x"), ("+ x", "\\+ x"), ("12. x", "12\\. x"), ("3) x", "3\\) x")]
)
def test_markdown_never_opens_a_block(raw: str, shown: str):
    assert markdown_text(raw) == shown


def test_markdown_text_of_none_is_empty():
    assert markdown_text(None) == ""


# --- unit: workflow commands ------------------------------------------------------------------


def test_workflow_data_and_property_escape_as_the_toolkit_does():
    assert workflow_data("50%\r\n::error::x, a:b") == "50%25%0D%0A::error::x, a:b"
    assert workflow_property("50%\r\n::error::x, a:b") == "50%25%0D%0A%3A%3Aerror%3A%3Ax%2C a%3Ab"


def test_stop_commands_only_under_github_actions():
    text = "--- a\n+::add-mask::x\n"
    assert stop_commands(text, {}) == text
    framed = stop_commands(text, {"GITHUB_ACTIONS": "true"})
    assert text in framed
    assert [name for name, _ in runner_commands(framed)] == ["stop-commands"]
    assert stop_commands("", {"GITHUB_ACTIONS": "true"}) == ""


# --- unit: terminal ---------------------------------------------------------------------------


def test_terminal_text_shows_controls_and_breaks_commands():
    text = terminal_text("a\nb\r\x1b[2J\x07\x7f\x9b\u202e\udcff ::error::x ##[add-mask]y")
    assert text == (
        "a\\x0ab\\x0d\\x1b[2J\\x07\\x7f\\x9b\\u202e\\udcff :\\x3aerror:\\x3ax ##\\x5badd-mask]y"
    )
    assert text.isprintable()
    assert runner_commands(text) == []


def test_terminal_text_multiline_keeps_dwcp_line_breaks_only():
    text = terminal_text("first: x\n  ::error::y\x1b", multiline=True)
    assert text == "first: x\n  :\\x3aerror:\\x3ay\\x1b"
    assert runner_commands(text) == []


def test_terminal_markup_prints_markup_as_text():
    buffer = io.StringIO()
    Console(file=buffer, force_terminal=False, width=200).print(
        "[bold]" + terminal_markup("[bold]b[/bold] [link=https://e.example]l[/link] \x1b") + "[/]"
    )
    assert buffer.getvalue() == "[bold]b[/bold] [link=https://e.example]l[/link] \\x1b\n"


# --- unit: XML, JSON, SARIF -------------------------------------------------------------------


def test_xml_text_makes_any_text_valid_xml():
    raw = "".join(chr(c) for c in range(0x100)) + "\ud800\ufffe\uffff"
    element = ET.Element("t", a=xml_text(raw))
    element.text = xml_text(raw)
    parsed = ET.fromstring(xml_document(ET.tostring(element, encoding="unicode")))
    # XML reads a carriage return in text as a line feed; it is no control character there.
    assert parsed.text == xml_text(raw).replace("\r", "\n")
    assert parsed.get("a") == xml_text(raw)
    assert "\\x1b" in (parsed.text or "")


def test_xml_document_reads_back_the_same():
    element = ET.Element("t", a="::error::x ##[add-mask]y")
    element.text = "line\n::error::x\n##[add-mask]y"
    document = xml_document(ET.tostring(element, encoding="unicode"))
    assert runner_commands(document) == []
    parsed = ET.fromstring(document)
    assert parsed.text == element.text
    assert parsed.get("a") == element.get("a")


def test_json_document_reads_back_the_same():
    data = {"m": "##[add-mask]x \x1b \x9b \u202e \udcff\n::error::y"}
    document = json_document(json.dumps(data, indent=2, ensure_ascii=False))
    assert runner_commands(document) == []
    assert document.encode("utf-8")  # lone surrogates are escaped, so it encodes
    assert json.loads(document) == data


def test_sarif_message_and_uri():
    assert sarif_message("see [x](1) \\ y") == "see \\[x\\](1) \\\\ y"
    uri = sarif_uri("programmes/a b#c?\n%.yaml")
    assert uri == "programmes/a%20b%23c%3F%0A%25.yaml"
    assert unquote(uri) == "programmes/a b#c?\n%.yaml"


# --- unit: spreadsheet cells ------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_spreadsheet_cell_neutralises_formulas(start: str):
    assert spreadsheet_cell(start + "1+1") == "'" + start + "1+1"


def test_spreadsheet_cell_keeps_plain_text():
    assert spreadsheet_cell("Côte d'Ivoire") == "Côte d'Ivoire"
    assert spreadsheet_cell("") == ""


@pytest.mark.parametrize("char", ["x", "é", "😀"])
def test_spreadsheet_cell_longer_than_excel_holds_is_cut_with_a_note(char: str):
    text = spreadsheet_cell("=" + char * 40_000)
    units = len(text.encode("utf-16-le")) // 2
    assert SPREADSHEET_CELL_LIMIT - 2 <= units <= SPREADSHEET_CELL_LIMIT
    assert text.startswith("'=" + char)
    assert re.search(r"\[cut by dwcp: [\d,]+ characters; a cell holds 32,767\]$", text)
    assert spreadsheet_cell("x" * SPREADSHEET_CELL_LIMIT) == "x" * SPREADSHEET_CELL_LIMIT


# --- end to end: repositories with hostile names and text -------------------------------------


def add_programme(repo: Path, name: str, change: Callable[[Any], object] | None = None) -> None:
    data = clean_data()
    if change is not None:
        change(data)
    (repo / "programmes" / name).write_text(dump(data), encoding="utf-8")


def set_clean(repo: Path, change: Callable[[Any], object]) -> None:
    add_programme(repo, Path(CLEAN_NAME).name, change)


@pytest.fixture
def evil(repo: Path) -> Path:
    """The clean programme, copies of it under names that carry workflow commands, and one
    that does not parse."""
    for name in EVIL_NAMES:
        add_programme(repo, name)
    (repo / "programmes" / BROKEN_NAME).write_text('title: "never closed\n', encoding="utf-8")
    return repo


@pytest.fixture
def actions(dwcp: CliRun, evil: Path, monkeypatch: pytest.MonkeyPatch) -> CliRun:
    """dwcp run in the evil repository as a GitHub Actions step."""
    monkeypatch.chdir(evil)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    return dwcp


@pytest.mark.usefixtures("evil")
def test_github_annotations_carry_the_names_as_data(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--format", "github")
    lines = run.out.splitlines()
    commands = runner_commands(run.out)
    assert [line for _, line in commands] == lines
    assert {name for name, _ in commands} <= set(ANNOTATIONS)
    files = {unquote(re.findall(r" file=([^,]*),", line)[0]) for line in lines}
    assert files >= {f"programmes/{name}" for name in (*EVIL_NAMES, BROKEN_NAME)}


def test_lint_under_github_actions_prints_only_its_annotations(actions: CliRun):
    run = actions("lint", AS_OF)
    assert run.out.startswith("::")
    assert {name for name, _ in runner_commands(run.out)} <= set(ANNOTATIONS)
    assert len(runner_commands(run.out)) == len(run.out.splitlines())
    no_commands(Run(run.code, "", run.err))


@pytest.mark.parametrize(
    "args",
    [
        ("lint", AS_OF, "--format", "text"),
        ("lint", AS_OF, "--format", "text", "--statistics"),
        ("lint", AS_OF, "--format", "json"),
        ("lint", AS_OF, "--format", "sarif"),
        ("lint", AS_OF, "--format", "junit"),
        ("render", AS_OF, "--out", "out", "--format", "html", "--format", "md"),
        ("render", AS_OF, "--out", "out", "--format", "md", "--force"),
        ("report", "alignment", AS_OF),
        ("report", "gaps", AS_OF, "--format", "markdown"),
        ("report", "portfolio", AS_OF, "--format", "json"),
        ("report", "gaps", AS_OF, "--format", "csv", "--output", "csv"),
        ("export", "csv", AS_OF, "--out", "export"),
        ("export", "xlsx", AS_OF, "--out", "export.xlsx"),
        ("fmt", "--check"),
        ("export", "xlsx", AS_OF, "--out", "bad\n::error::name.txt"),
    ],
    ids=lambda args: "-".join(a for a in args if a != AS_OF and "\n" not in a),
)
def test_no_line_starts_a_command_under_github_actions(actions: CliRun, args: tuple[str, ...]):
    no_commands(actions(*args))


def test_baseline_entries_print_no_commands(actions: CliRun, evil: Path):
    entries = [
        {
            "file": f"programmes/{name}",
            "code": "DW1\n::error::c",
            "path": "##[add-mask]p",
            "count": 1,
        }
        for name in EVIL_NAMES
    ]
    baseline = {"dwcp-baseline": FORMAT_VERSION, "tool": "dwcp", "findings": entries}
    (evil / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    run = actions("lint", AS_OF, "--baseline", "baseline.json", "--format", "json")
    assert "baseline entries are fixed" in run.err
    no_commands(run)


def test_fmt_diff_prints_the_patch_but_the_runner_reads_none_of_it(actions: CliRun, evil: Path):
    path = evil / CLEAN_NAME
    text = path.read_text(encoding="utf-8")
    path.write_text("evil_notes: |\n  ::add-mask::s3cret\n  ##[error]boom\n" + text)
    run = actions("fmt", "--diff")
    assert "-  ::add-mask::s3cret" in run.out
    # Only dwcp's own frames, one around each file's patch (evil names in its header too).
    patches = len(re.findall(r"^\+\+\+ ", run.out, flags=re.MULTILINE))
    assert patches == 1 + len(EVIL_NAMES)
    assert [name for name, _ in runner_commands(run.out)] == ["stop-commands"] * patches
    no_commands(Run(run.code, "", run.err))


# --- end to end: Markdown ---------------------------------------------------------------------


def assert_inert_markdown(text: str) -> None:
    assert "<script" not in text.lower()
    assert re.search(r"(?<![A-Za-z0-9_])@someone", text) is None
    assert "](https://evil" not in text.replace("\\](", "")
    for table in re.findall(r"(?:^\|.*\n)+", text, flags=re.MULTILINE):
        rows = table.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_report_markdown_is_inert(dwcp: CliRun, repo: Path):
    def hostile(data: Any) -> None:
        data["priorities"][0]["title"] = MARKUP
        data["title"] = MARKUP

    set_clean(repo, hostile)
    add_programme(repo, "pipe | <b>@someone.yaml")
    for kind in ("alignment", "gaps", "portfolio"):
        run = dwcp("report", kind, AS_OF, "--format", "markdown")
        assert run.code == 0, run.err
        assert_inert_markdown(run.out)
    alignment = dwcp("report", "alignment", AS_OF, "--format", "markdown").out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; @&#8203;someone \\| pipe" in alignment
    assert "pipe \\| &lt;b&gt;@&#8203;someone.yaml" in alignment


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def history(repo: Path) -> Path:
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", "clean")
    return repo


def test_diff_markdown_is_inert(dwcp: CliRun, history: Path):
    def hostile(data: Any) -> None:
        outcome(data)["statement"] = MARKUP
        data["title"] = MARKUP
        outcome(data)["indicators"][0]["statement"] = "a\n::error::b ##[add-mask]c"

    set_clean(history, hostile)
    run = dwcp("diff", AS_OF, "--format", "markdown")
    assert run.code == 0, run.err
    assert_inert_markdown(run.out)
    assert "&lt;script&gt;" in run.out
    assert "→" in run.out
    assert runner_commands(run.out) == []


def test_diff_under_github_actions_prints_no_commands(
    dwcp: CliRun, history: Path, monkeypatch: pytest.MonkeyPatch
):
    def hostile(data: Any) -> None:
        outcome(data)["statement"] = "x\n::error::pwned ##[add-mask]s3cret \x1b[2J"

    set_clean(history, hostile)
    add_programme(history, EVIL_NAMES[0])
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for form in ("text", "markdown", "json"):
        run = dwcp("diff", AS_OF, "--format", form)
        no_commands(run)
        assert "\x1b" not in run.out


# --- end to end: spreadsheets -----------------------------------------------------------------


def formula_everywhere(data: Any) -> None:
    data["priorities"][0]["title"] = FORMULA
    outcome(data)["statement"] = "@SUM(1+1)*cmd|' /C calc'!A0"


def test_export_xlsx_neutralises_formulas(dwcp: CliRun, repo: Path):
    set_clean(repo, formula_everywhere)
    assert dwcp("export", "xlsx", AS_OF, "--out", "out.xlsx").code == 0
    book = load_workbook(repo / "out.xlsx")
    cells = [c for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {c.data_type for c in cells} == {"s"}
    values = {str(c.value) for c in cells}
    assert not [v for v in values if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + FORMULA in values
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in values


def test_export_csv_neutralises_formulas(dwcp: CliRun, repo: Path):
    set_clean(repo, formula_everywhere)
    assert dwcp("export", "csv", AS_OF, "--out", "csv").code == 0
    cells = [c for row in _csv(repo / "csv" / "results.csv") for c in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]


def test_report_csv_neutralises_formulas(dwcp: CliRun, repo: Path):
    set_clean(repo, formula_everywhere)
    (repo / "=1+1.yaml").write_text(dump(clean_data()), encoding="utf-8")
    args = ("--format", "csv", "--output", "csv", "programmes", "=1+1.yaml")
    assert dwcp("report", "alignment", AS_OF, *args).code == 0
    for path in (repo / "csv").glob("*.csv"):
        cells = [c for row in _csv(path) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))], path
    priorities = [c for row in _csv(repo / "csv" / "alignment-priorities.csv") for c in row]
    assert "'" + FORMULA in priorities
    about = [c for row in _csv(repo / "csv" / "about.csv") for c in row]
    assert "'=1+1.yaml" in about


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_headers_from_the_repository_catalogue_are_not_formulas(dwcp: CliRun, repo: Path):
    folder = repo / "templates" / "i18n"
    folder.mkdir(parents=True)
    (folder / "messages.yaml").write_text(
        f"export.col.country: {{en: '{FORMULA}'}}\n", encoding="utf-8"
    )
    assert dwcp("export", "xlsx", AS_OF, "--out", "out.xlsx").code == 0
    header = load_workbook(repo / "out.xlsx").worksheets[0]["A1"]
    assert (header.value, header.data_type) == ("'" + FORMULA, "s")
    assert dwcp("export", "csv", AS_OF, "--out", "csv").code == 0
    assert _csv(repo / "csv" / "results.csv")[0][0] == "'" + FORMULA


def test_text_longer_than_a_cell_is_cut_with_a_note(dwcp: CliRun, repo: Path):
    set_clean(repo, lambda data: outcome(data).update(statement="long " * 9_000))
    assert dwcp("export", "xlsx", AS_OF, "--out", "out.xlsx").code == 0
    assert dwcp("export", "csv", AS_OF, "--out", "csv").code == 0
    cells = [
        c.value
        for c in load_workbook(repo / "out.xlsx").worksheets[0]["F"]
        if isinstance(c.value, str) and c.value.startswith("long")
    ]
    csv_cells = [row[5] for row in _csv(repo / "csv" / "results.csv")[1:]]
    for cell in [*cells, *csv_cells]:
        assert len(cell) <= SPREADSHEET_CELL_LIMIT
        assert cell.endswith("[cut by dwcp: 45,000 characters; a cell holds 32,767]")
    assert cells and csv_cells


# --- end to end: JUnit and SARIF --------------------------------------------------------------


CONTROL_NAME = "ctl\x01\x1b\x7f\x9b.yaml"


def test_junit_with_control_characters_is_valid_xml(dwcp: CliRun, repo: Path):
    add_programme(repo, CONTROL_NAME)
    run = dwcp("lint", AS_OF, "--format", "junit")
    root = ET.fromstring(run.out.split("\n", 1)[1] if run.out.startswith("<?xml") else run.out)
    names = {suite.get("name") for suite in root}
    assert "programmes/ctl\\x01\\x1b\\x7f\\x9b.yaml" in names


def test_sarif_with_control_characters_is_valid_sarif(dwcp: CliRun, repo: Path):
    from tests.test_formats import sarif_schema

    add_programme(repo, CONTROL_NAME)
    add_programme(repo, "link [x](1).yaml")
    document = json.loads(dwcp("lint", AS_OF, "--format", "sarif").out)
    jsonschema.validate(document, sarif_schema())
    results = document["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert all(re.fullmatch(r"[A-Za-z0-9/%._~!$&'()*+,;=:@-]+", uri) for uri in uris), uris
    assert f"programmes/{CONTROL_NAME}" in {unquote(uri) for uri in uris}
    messages = [r["message"]["text"] for r in results]
    assert any("link \\[x\\](1)" in m for m in messages), messages


# --- end to end: the terminal -----------------------------------------------------------------


def test_escape_sequences_in_text_never_reach_the_terminal(dwcp: CliRun, repo: Path):
    set_clean(repo, lambda data: data["priorities"][0].update(title=ESCAPES))
    add_programme(repo, "esc\x1b[2J.yaml")
    for args in (
        ("report", "alignment"),
        ("report", "alignment", "--format", "markdown"),
        ("lint", "--format", "text"),
        ("lint", "--format", "text", "--output", "lint.txt"),
        ("render", "--out", "out", "--format", "md", "--force"),
    ):
        run = dwcp(*args, AS_OF)
        written = (repo / "lint.txt").read_text("utf-8") if "lint.txt" in args else ""
        for text in (run.out, run.err, written):
            assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, args
    table = dwcp("report", "alignment", AS_OF, "--format", "table").out
    assert "[bold]b[/bold]" in table
    assert "\\x1b[31mred" in table


def test_escape_sequences_in_diff_text_never_reach_the_terminal(dwcp: CliRun, history: Path):
    set_clean(history, lambda data: outcome(data).update(statement=ESCAPES))
    run = dwcp("diff", AS_OF)
    assert "\x1b" not in run.out and "\x9b" not in run.out
    assert "[bold]b[/bold]" in run.out


def test_clean_fixture_is_untouched(repo: Path):
    assert (repo / CLEAN_NAME).read_text(encoding="utf-8") == CLEAN.read_text(encoding="utf-8")
