"""`dwcp report alignment|gaps|portfolio` through the real entry point, on the clean fixture."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRun, Run

KINDS = ["alignment", "gaps", "portfolio", "results"]
AS_OF = "2019-07-01"
ZMB = "programmes/ZMB-2018-2022.yaml"


def ok(run: Run) -> Run:
    assert run.code == 0, run.err
    assert run.err == ""
    return run


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err
    assert "internal error" not in run.err


def failed(run: Run, message: str) -> None:
    """Exit code 2 with a one-line error naming the problem, and nothing on stdout."""
    no_traceback(run)
    assert run.code == 2, (run.out, run.err)
    assert message in run.err, run.err
    assert run.out == ""


def as_json(run: Run) -> Any:
    return json.loads(ok(run).out)


def tables(data: Any) -> dict[str, Any]:
    return {t["id"]: t for t in data["tables"]}


# --- Formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_table_format_is_the_default(dwcp: CliRun, kind: str):
    run = ok(dwcp("report", kind, f"--as-of={AS_OF}"))
    title = f"dwcp {kind} report, as of {AS_OF}, 1 programme(s); audience: public\n"
    assert run.out.startswith(title)
    assert run.out == ok(dwcp("report", kind, f"--as-of={AS_OF}", "--format", "table")).out


@pytest.mark.parametrize("kind", KINDS)
def test_json_format(dwcp: CliRun, kind: str):
    data = as_json(dwcp("report", kind, f"--as-of={AS_OF}", "--format", "json"))
    assert (data["kind"], data["as_of"], data["schema_version"]) == (kind, AS_OF, 1)
    assert data["programmes"] == [ZMB]
    assert data["left_out"] == []
    assert data["tables"]
    for t in data["tables"]:
        assert t["id"].startswith(("alignment-", "gaps-", "portfolio-", "results-"))
        width = len(t["columns"])
        assert all(len(row) == width for row in t["rows"]), t["id"]


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_format(dwcp: CliRun, kind: str):
    run = ok(dwcp("report", kind, f"--as-of={AS_OF}", "--format", "markdown"))
    title = f"# dwcp {kind} report, as of {AS_OF}, 1 programme(s); audience: public\n"
    assert run.out.startswith(title)
    titles = [
        t["title"]
        for t in as_json(dwcp("report", kind, f"--as-of={AS_OF}", "--format=json"))["tables"]
    ]
    assert [line[3:] for line in run.out.splitlines() if line.startswith("## ")] == titles


@pytest.mark.parametrize("kind", KINDS)
def test_html_format(dwcp: CliRun, kind: str):
    run = ok(dwcp("report", kind, f"--as-of={AS_OF}", "--format", "html"))
    assert run.out.startswith("<!doctype html>")
    assert run.out.rstrip().endswith("</html>")
    assert f"dwcp {kind} report, as of {AS_OF}" in run.out


@pytest.mark.parametrize("kind", KINDS)
def test_csv_format_writes_one_file_per_table(dwcp: CliRun, repo: Path, kind: str):
    ids = [
        t["id"]
        for t in as_json(dwcp("report", kind, f"--as-of={AS_OF}", "--format=json"))["tables"]
    ]
    run = ok(dwcp("report", kind, f"--as-of={AS_OF}", "--format", "csv", "--output", "out"))
    written = sorted(p.name for p in (repo / "out").iterdir())
    assert written == sorted(f"{i}.csv" for i in ["about", *ids])
    assert run.out.splitlines() == [f"wrote {Path('out') / f'{i}.csv'}" for i in ["about", *ids]]
    about = (repo / "out" / "about.csv").read_text(encoding="utf-8")
    assert f"{kind},{AS_OF}," in about  # the as-of date travels with the CSV files
    for path in (repo / "out").iterdir():
        with path.open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        assert header and all(header), path.name


@pytest.mark.parametrize("kind", KINDS)
def test_csv_format_needs_an_output_folder(dwcp: CliRun, kind: str):
    run = dwcp("report", kind, "--format", "csv")
    failed(run, "--format csv writes one file per table: give --output DIR")


def test_csv_figures_through_the_cli(dwcp: CliRun, repo: Path):
    # Public by default: the fixture's one pipeline line is internal, so it is in no figure.
    ok(dwcp("report", "gaps", f"--as-of={AS_OF}", "--format=csv", "--output=out"))
    with (repo / "out" / "gaps-resources-by-outcome.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["pipeline"], r["pipeline would cover"]) for r in rows] == [("0", "0.0")]
    internal = ["--audience", "internal", "--output=all"]
    ok(dwcp("report", "gaps", f"--as-of={AS_OF}", "--format=csv", *internal))
    with (repo / "all" / "gaps-resources-by-outcome.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows == [
        {
            "file": ZMB,
            "priority": "P1",
            "outcome": "ZMB101",
            "biennium": "2018-19",
            "currency": "USD",
            "required": "600000",
            "secured": "500000",
            "pipeline": "100000",
            "gap": "100000",
            "pipeline would cover": "100.0",
        }
    ]


def test_json_figures_through_the_cli(dwcp: CliRun):
    data = as_json(dwcp("report", "gaps", f"--as-of={AS_OF}", "--format=json"))
    (row,) = tables(data)["gaps-resources-by-outcome"]["rows"]
    # Amounts and percentages are JSON numbers; the internal pipeline line is in none.
    assert row == [ZMB, "P1", "ZMB101", "2018-19", "USD", 600000, 500000, 0, 100000, 0.0]
    data = as_json(
        dwcp("report", "gaps", f"--as-of={AS_OF}", "--format=json", "--audience=internal")
    )
    (row,) = tables(data)["gaps-resources-by-outcome"]["rows"]
    assert row == [ZMB, "P1", "ZMB101", "2018-19", "USD", 600000, 500000, 100000, 100000, 100.0]


def test_unknown_format_is_a_usage_error(dwcp: CliRun):
    run = dwcp("report", "gaps", "--format", "xml")
    no_traceback(run)
    assert run.code == 2
    assert "--format" in run.err


# --- --output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("output_format", ["json", "markdown", "html"])
def test_output_file_holds_what_would_be_printed(
    dwcp: CliRun, repo: Path, kind: str, output_format: str
):
    printed = ok(dwcp("report", kind, f"--as-of={AS_OF}", f"--format={output_format}")).out
    run = ok(
        dwcp("report", kind, f"--as-of={AS_OF}", f"--format={output_format}", "-o", "report.out")
    )
    assert run.out == "wrote report.out\n"  # what was written, as every writing command says
    assert (repo / "report.out").read_text(encoding="utf-8") == printed


def test_table_written_to_a_file_has_no_colour_codes(dwcp: CliRun, repo: Path):
    run = ok(dwcp("report", "gaps", f"--as-of={AS_OF}", "--output", "gaps.txt"))
    assert run.out == "wrote gaps.txt\n"
    text = (repo / "gaps.txt").read_text(encoding="utf-8")
    assert text.startswith(f"dwcp gaps report, as of {AS_OF}")
    assert "\x1b[" not in text


def test_output_into_a_missing_folder_makes_the_folder(dwcp: CliRun, repo: Path):
    ok(dwcp("report", "gaps", "--format=json", "--output", "no/such/folder/gaps.json"))
    assert (repo / "no" / "such" / "folder" / "gaps.json").is_file()


def test_output_onto_a_folder_is_a_usage_error(dwcp: CliRun, repo: Path):
    (repo / "out").mkdir()
    failed(dwcp("report", "gaps", "--format=json", "--output", "out"), "cannot write the report")


def test_csv_output_onto_a_file_is_a_usage_error(dwcp: CliRun, repo: Path):
    (repo / "gaps.csv").write_text("", encoding="utf-8")
    run = dwcp("report", "gaps", "--format=csv", "--output", "gaps.csv")
    failed(run, "gaps.csv")


# --- --as-of ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_as_of_is_printed_in_every_view(dwcp: CliRun, kind: str):
    day = "2020-02-29"
    header = f"dwcp {kind} report, as of {day}"
    assert header in ok(dwcp("report", kind, f"--as-of={day}")).out
    assert header in ok(dwcp("report", kind, f"--as-of={day}", "--format=markdown")).out
    assert header in ok(dwcp("report", kind, f"--as-of={day}", "--format=html")).out
    assert as_json(dwcp("report", kind, f"--as-of={day}", "--format=json"))["as_of"] == day


def test_as_of_changes_the_time_based_figures(dwcp: CliRun):
    """The annual review planned for 2019-12-15 is overdue only after that date."""

    def overdue(day: str) -> str:
        data = as_json(dwcp("report", "gaps", f"--as-of={day}", "--format=json"))
        t = tables(data)["gaps-tripartism"]
        assert t["title"] == f"Tripartism and reviews (as of {day})"
        (row,) = t["rows"]
        return str(row[-1])

    assert overdue("2019-07-01") == ""
    assert overdue("2020-01-01") == "annual-review 2019-12-15"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("day", ["2019-13-01", "yesterday", "01/07/2019", ""])
def test_bad_as_of_is_a_usage_error(dwcp: CliRun, kind: str, day: str):
    failed(dwcp("report", kind, f"--as-of={day}"), f"--as-of {day!r} is not a date")


# --- --select -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selectors", "selected"),
    [
        (["country=ZMB"], True),
        (["country=VNM"], False),
        (["country=VNM,ZMB"], True),
        (["region=africa"], True),
        (["region=asia-pacific"], False),
        (["status=implementation"], True),
        (["status=closed"], False),
        (["status=closed,implementation"], True),
        (["biennium=2018-19"], True),
        (["biennium=2022-23"], True),
        (["biennium=2024-25"], False),
        (["country=ZMB", "region=africa"], True),
        (["country=ZMB", "status=closed"], False),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_select(dwcp: CliRun, kind: str, selectors: list[str], selected: bool):
    args = [a for s in selectors for a in ("--select", s)]
    data = as_json(dwcp("report", kind, f"--as-of={AS_OF}", "--format=json", *args))
    assert data["programmes"] == ([ZMB] if selected else [])
    if not selected:
        # Nothing selected: per-programme rows disappear, the report still builds.
        for t in data["tables"]:
            assert all(ZMB not in row for row in t["rows"]), t["id"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "selector", ["colour=red", "country", "country=", "=ZMB", "biennium=2018", "biennium=18-19"]
)
def test_bad_select_is_a_usage_error(dwcp: CliRun, kind: str, selector: str):
    failed(dwcp("report", kind, "--select", selector), f"--select {selector!r}")


def test_select_rejects_a_biennium_starting_in_an_odd_year(dwcp: CliRun):
    failed(dwcp("report", "gaps", "--select", "biennium=2019-20"), "biennium=2019-20")


@pytest.mark.parametrize(
    ("selector", "guess"),
    [
        pytest.param("contry=ZMB", "did you mean country?", id="key"),
        pytest.param("Country=ZMB", "did you mean country?", id="key-case"),
        pytest.param("country=ZAM", "did you mean ZMB?", id="country-code"),
        pytest.param("country=Zambia", "did you mean ZMB?", id="country-name"),
        pytest.param("country=zmb", "did you mean ZMB?", id="country-lower-case"),
        pytest.param("country=VNM,Zambai", "did you mean ZMB?", id="country-in-a-list"),
        pytest.param("region=afrika", "did you mean africa?", id="region"),
        pytest.param("status=implementaton", "did you mean implementation?", id="status"),
        pytest.param("status=Closed", "did you mean closed?", id="status-case"),
        pytest.param("biennium=2019", "did you mean 2018-19?", id="biennium-year"),
        pytest.param("biennium=2020-2021", "did you mean 2020-21?", id="biennium-long"),
        pytest.param("biennium=2019-20", "did you mean 2018-19 or 2020-21?", id="biennium-odd"),
    ],
)
def test_unknown_select_key_or_value_gets_a_did_you_mean(dwcp: CliRun, selector: str, guess: str):
    """A typo must not give an empty report, which reads as "no programme matches"."""
    run = dwcp("report", "gaps", f"--as-of={AS_OF}", "--select", selector)
    failed(run, f"--select {selector!r}")
    assert guess in run.err


@pytest.mark.parametrize(
    ("selector", "words"),
    [
        ("country=XYZ", "ISO 3166-1 alpha-3 code"),
        ("region=mars", "africa"),
        ("biennium=soon", "2020-21"),
    ],
)
def test_unknown_select_value_without_a_near_one_says_what_is_allowed(
    dwcp: CliRun, selector: str, words: str
):
    run = dwcp("report", "gaps", "--select", selector)
    failed(run, f"--select {selector!r}")
    assert "did you mean" not in run.err
    assert words in run.err


def test_select_applies_to_a_named_file(dwcp: CliRun):
    data = as_json(dwcp("report", "gaps", ZMB, "--select", "country=VNM", "--format=json"))
    assert data["programmes"] == []


# --- --biennium (portfolio) -----------------------------------------------------------------------


def tc_rows(data: Any) -> dict[str, list[Any]]:
    return {row[0]: row for row in tables(data)["portfolio-tc-strategy"]["rows"]}


def test_portfolio_biennium_defaults_to_the_latest_started_with_data(dwcp: CliRun):
    data = as_json(dwcp("report", "portfolio", f"--as-of={AS_OF}", "--format=json"))
    t = tables(data)["portfolio-tc-strategy"]
    assert t["title"].endswith("computed for 2018-19")


@pytest.mark.parametrize(
    ("biennium", "milestone"), [("2010-11", "70 (2010-11)"), ("2014-15", "90 (2014-15)")]
)
def test_portfolio_biennium_chooses_the_milestone(dwcp: CliRun, biennium: str, milestone: str):
    args = ("report", "portfolio", f"--as-of={AS_OF}", "--format=json", "--biennium", biennium)
    data = as_json(dwcp(*args))
    assert tables(data)["portfolio-tc-strategy"]["title"].endswith(f"computed for {biennium}")
    assert tc_rows(data)["1.1"][4] == milestone


@pytest.mark.parametrize("biennium", ["2018-19", "2020-21"])
def test_portfolio_biennium_outside_every_strategy_says_none_applies(dwcp: CliRun, biennium: str):
    """The Technical Cooperation Strategy 2010-15 ended with 2014-15: the clean fixture's
    bienniums are no longer judged against its 2015 final target (was: "90 (final target)")."""
    args = ("report", "portfolio", f"--as-of={AS_OF}", "--format=json", "--biennium", biennium)
    table = tables(as_json(dwcp(*args)))["portfolio-tc-strategy"]
    assert table["rows"] == []
    assert table["notes"][0].startswith(f"No strategy indicator set applies to {biennium}")


@pytest.mark.parametrize("kind", ["alignment", "gaps"])
def test_biennium_is_only_an_option_of_the_portfolio_report(dwcp: CliRun, kind: str):
    run = dwcp("report", kind, "--biennium", "2018-19")
    no_traceback(run)
    assert run.code == 2
    assert "--biennium" in run.err


@pytest.mark.parametrize("biennium", ["xx", "2019-20", "2018-2019", "2018-20"])
def test_portfolio_rejects_a_bad_biennium(dwcp: CliRun, biennium: str):
    failed(dwcp("report", "portfolio", "--biennium", biennium), "--biennium")


# --- Inputs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_invalid_programme_is_left_out_and_named(dwcp: CliRun, repo: Path, kind: str):
    (repo / "programmes" / "XXX-2018-2022.yaml").write_text(
        "country: XXX\nstatus: ongoing\n", encoding="utf-8"
    )
    data = as_json(dwcp("report", kind, f"--as-of={AS_OF}", "--format=json"))
    assert data["programmes"] == [ZMB]
    (left_out,) = data["left_out"]
    assert left_out["file"] == "programmes/XXX-2018-2022.yaml"
    # For the public, dwcp's words and the place: a schema message may quote the file.
    assert left_out["reason"] == "fails the schema (first problem on line 1)"
    table = ok(dwcp("report", kind, f"--as-of={AS_OF}")).out
    assert "left out: programmes/XXX-2018-2022.yaml: " in table
    internal = as_json(
        dwcp("report", kind, f"--as-of={AS_OF}", "--format=json", "--audience=internal")
    )
    assert "schema problem(s)" in internal["left_out"][0]["reason"]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_path_is_a_usage_error(dwcp: CliRun, kind: str):
    failed(dwcp("report", kind, "programmes/NOPE-2018-2022.yaml"), "no such file or folder")


@pytest.mark.parametrize("kind", KINDS)
def test_empty_programmes_folder(dwcp: CliRun, repo: Path, kind: str):
    (repo / "programmes" / "ZMB-2018-2022.yaml").unlink()
    for output_format in ("table", "json", "markdown", "html"):
        run = ok(dwcp("report", kind, f"--as-of={AS_OF}", f"--format={output_format}"))
        assert "0 programme(s)" in run.out or '"programmes": []' in run.out


def test_report_help_names_the_three_reports(dwcp: CliRun):
    run = ok(dwcp("report", "--help"))
    for kind in KINDS:
        assert kind in run.out


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_command_has_help_with_an_example(dwcp: CliRun, kind: str):
    run = ok(dwcp("report", kind, "--help"))
    assert "Example:" in run.out
