"""`dwcp export xlsx|csv`: the workbook and CSV files, checked cell by cell against the clean
fixture's YAML numbers, and the refusals that leave nothing written."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dwcp.domain.attainment import STATUSES
from dwcp.resources import Templates
from dwcp.views.i18n import LANGUAGES
from dwcp.views.spreadsheets.csv_files import text
from dwcp.views.spreadsheets.sheets import BUDGET_COLUMNS, FINDINGS_COLUMNS, RESULTS_COLUMNS
from dwcp.views.spreadsheets.xlsx import MAX_WIDTH, sheet_name
from tests.conftest import CliRun, Run
from tests.helpers import CLEAN_NAME, clean_data, dump, indicator, outcome

AS_OF = "--as-of=2019-07-01"
STEM = "ZMB-2018-2022"
MESSAGES = Templates().messages
SHEETS = ("results", "results_status", "budget", "funding", "findings")
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


def label(key: str, language: str = "en") -> str:
    return MESSAGES[key][language]


def sheet(book: Workbook, key: str, language: str = "en") -> Worksheet:
    return book[label(f"export.sheet.{key}", language)]


def records(ws: Worksheet) -> list[dict[str, Any]]:
    """The rows of a sheet as {header: value}."""
    rows = list(ws.iter_rows(values_only=True))
    headers = [str(h) for h in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def ok(run: Run) -> Run:
    assert run.code == 0, run.err
    return run


def refused(run: Run, message: str) -> None:
    """Exit 2 with a one-line `dwcp: error:` naming the problem, no traceback."""
    assert run.code == 2, (run.out, run.err)
    assert "Traceback" not in run.err
    assert run.err.startswith("dwcp: error: ")
    assert message in run.err, run.err


def write_programme(repo: Path, name: str, change: Callable[[Any], object]) -> Path:
    """programmes/<name>: the clean fixture with `change` applied."""
    data = clean_data()
    change(data)
    path = repo / "programmes" / name
    path.write_text(dump(data), encoding="utf-8")
    return path


def change_clean(repo: Path, change: Callable[[Any], object]) -> None:
    write_programme(repo, f"{STEM}.yaml", change)


def export_book(dwcp: CliRun, repo: Path, *args: str) -> Workbook:
    ok(dwcp("export", "xlsx", "--out", "out/export.xlsx", AS_OF, *args))
    return load_workbook(repo / "out" / "export.xlsx")


def fixture_row(rows: list[dict[str, Any]], header: str, value: str) -> dict[str, Any]:
    hits = [row for row in rows if row[header] == value]
    assert len(hits) == 1, f"{len(hits)} rows with {header} {value!r}"
    return hits[0]


# --- the workbook -----------------------------------------------------------------------------


def test_workbook_has_the_five_sheets_in_order(dwcp: CliRun, repo: Path):
    run = ok(dwcp("export", "xlsx", "--out", "out/export.xlsx", AS_OF))
    assert run.out == "wrote out/export.xlsx\n"
    assert run.err == ""
    book = load_workbook(repo / "out" / "export.xlsx")
    assert book.sheetnames == [label(f"export.sheet.{key}") for key in SHEETS]


def test_results_row_holds_the_indicator_as_written_in_the_yaml(dwcp: CliRun, repo: Path):
    data = clean_data()
    written = indicator(data)
    row = fixture_row(records(sheet(export_book(dwcp, repo), "results")), "Indicator", "ZMB101.1")
    assert row["Country"] == data["country"]
    assert row["Programme"] == STEM
    assert (row["Priority"], row["Outcome"]) == (data["priorities"][0]["id"], outcome(data)["id"])
    assert row["Outcome statement"] == outcome(data)["statement"]
    assert row["Indicator statement"] == written["statement"]
    assert row["Unit"] == written["unit"]
    assert (row["Baseline"], row["Baseline year"]) == (
        written["baseline"]["value"],
        written["baseline"]["year"],
    )
    assert (row["Target"], row["Target year"]) == (
        written["target"]["value"],
        written["target"]["year"],
    )
    assert row["Milestones"] == "; ".join(
        f"{m['year']}: {m['value']}" for m in written["milestones"]
    )
    assert row["Means of verification"] == "; ".join(written["means_of_verification"])
    assert row["Disaggregated by sex"] == label("export.yes")
    pb = outcome(data)["pb_outcomes"][0]
    # The fixture keeps the legacy `number:` form; the column shows it as the outcome code.
    assert row["P&B outcomes (code, biennium)"] == f"{pb['number']} ({pb['biennium']})"


def test_indicator_without_a_sex_breakdown_is_flagged_no(dwcp: CliRun, repo: Path):
    change_clean(repo, lambda d: indicator(d).update(disaggregation=["age"]))
    row = fixture_row(records(sheet(export_book(dwcp, repo), "results")), "Indicator", "ZMB101.1")
    assert row["Disaggregated by sex"] == label("export.no")


def test_an_outcome_without_indicators_still_has_a_row(dwcp: CliRun, repo: Path):
    def second_outcome(data: Any) -> None:
        data["priorities"][0]["outcomes"].append(
            {"id": "ZMB102", "statement": "Labour inspection covers farms"}
        )

    change_clean(repo, second_outcome)
    row = fixture_row(records(sheet(export_book(dwcp, repo), "results")), "Outcome", "ZMB102")
    assert row["Outcome statement"] == "Labour inspection covers farms"
    assert row["Indicator"] is None


def test_budget_row_has_the_gap_of_the_fixture_numbers(dwcp: CliRun, repo: Path):
    written = outcome(clean_data())
    required = sum(Decimal(line["amount"]) for line in written["budget_required"])
    secured = sum(Decimal(r["amount"]) for r in written["resources"] if r["status"] == "secured")
    pipeline = sum(Decimal(r["amount"]) for r in written["resources"] if r["status"] == "pipeline")
    book = export_book(dwcp, repo, "--audience", "internal")  # every line of the file
    row = fixture_row(records(sheet(book, "budget")), "Outcome", "ZMB101")
    assert (row["Biennium"], row["Currency"]) == ("2018-19", "USD")
    assert row["Funding sources"] == ", ".join(sorted({r["source"] for r in written["resources"]}))
    assert (row["Required"], row["Secured"], row["Pipeline"]) == (required, secured, pipeline)
    assert row["Gap"] == required - secured == 100000
    # The pipeline (100,000) covers the whole gap (100,000).
    assert row["Gap the pipeline would cover"] == 1


def test_funding_rows_are_the_resource_lines_and_sum_to_the_budget(dwcp: CliRun, repo: Path):
    written = outcome(clean_data())
    book = export_book(dwcp, repo, "--audience", "internal")  # every line of the file
    funding = [r for r in records(sheet(book, "funding")) if r["Outcome"] == "ZMB101"]
    assert [(r["Funding source"], r["Donor"]) for r in funding] == [
        (line["source"], line.get("donor")) for line in written["resources"]
    ]
    budget = fixture_row(records(sheet(book, "budget")), "Outcome", "ZMB101")
    assert sum(r["Secured"] or 0 for r in funding) == budget["Secured"]
    assert sum(r["Pipeline"] or 0 for r in funding) == budget["Pipeline"]


def _euro_line(data: Any) -> None:
    item = outcome(data)
    item["budget_required"].append({"biennium": "2020-21", "amount": 300000, "currency": "EUR"})
    item["resources"].append(
        {
            "source": "XBDC",
            "amount": 120000,
            "currency": "EUR",
            "biennium": "2020-21",
            "status": "secured",
        }
    )


def test_budget_totals_one_row_per_programme_and_currency(dwcp: CliRun, repo: Path):
    change_clean(repo, _euro_line)
    ws = sheet(export_book(dwcp, repo), "budget")
    rows = records(ws)
    totals = [row for row in rows if row["Priority"] == label("export.total")]
    assert sorted(row["Currency"] for row in totals) == ["EUR", "USD"]
    for total in totals:
        mine = [r for r in rows if r not in totals and r["Currency"] == total["Currency"]]
        for money in ("Required", "Secured", "Pipeline", "Gap"):
            assert total[money] == sum(r[money] for r in mine), (total["Currency"], money)
    euro = next(t for t in totals if t["Currency"] == "EUR")
    assert (euro["Required"], euro["Secured"], euro["Gap"]) == (300000, 120000, 180000)
    bold = [cells[2].font.b for cells in ws.iter_rows(min_row=2)]
    assert bold == [row in totals for row in rows]


def test_money_years_and_shares_have_number_formats(dwcp: CliRun, repo: Path):
    book = export_book(dwcp, repo)
    budget = sheet(book, "budget")
    money = [c for c in budget[2] if isinstance(c.value, int | float) and c.column < 13]
    assert money
    assert {c.number_format for c in money} == {"#,##0"}
    assert budget.cell(row=2, column=13).number_format == "0.0%"
    results = sheet(book, "results")
    headers = [c.value for c in results[1]]
    for year in ("Baseline year", "Target year"):
        cell = results.cell(row=2, column=headers.index(year) + 1)
        assert isinstance(cell.value, int)
        assert cell.number_format == "0"  # 2022, not 2,022


@pytest.mark.parametrize("key", SHEETS)
def test_every_sheet_has_a_frozen_bold_filtered_header(dwcp: CliRun, repo: Path, key: str):
    ws = sheet(export_book(dwcp, repo), key)
    assert ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"


def test_columns_fit_their_header_and_are_capped(dwcp: CliRun, repo: Path):
    ws = sheet(export_book(dwcp, repo), "results")
    for number, cell in enumerate(ws[1], start=1):
        width = ws.column_dimensions[get_column_letter(number)].width
        assert len(str(cell.value)) < width <= MAX_WIDTH, cell.value
    statement = next(c for c in ws[1] if c.value == "Outcome statement")
    text_width = len(outcome(clean_data())["statement"])
    assert text_width > len("Outcome statement")
    assert ws.column_dimensions[get_column_letter(statement.column)].width >= text_width


def test_long_text_wraps_in_a_capped_column(dwcp: CliRun, repo: Path):
    long = "Young women and men find decent jobs " * 4
    change_clean(repo, lambda d: outcome(d).update(statement=long.strip()))
    ws = sheet(export_book(dwcp, repo), "results")
    column = next(c for c in ws[1] if c.value == "Outcome statement").column_letter
    assert ws.column_dimensions[column].width == MAX_WIDTH
    assert ws[f"{column}2"].alignment.wrap_text


def test_workbook_properties_name_dwcp_and_the_as_of_date(dwcp: CliRun, repo: Path):
    props = export_book(dwcp, repo).properties
    assert props.creator == f"dwcp {_version()}"
    assert props.created is not None
    assert props.modified is not None
    assert (props.created.isoformat(), props.modified.isoformat()) == (
        "2019-07-01T00:00:00",
        "2019-07-01T00:00:00",
    )


def _version() -> str:
    from dwcp import __version__

    return __version__


def test_source_date_epoch_dates_the_workbook(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    props = export_book(dwcp, repo).properties
    assert props.created is not None
    assert props.created.isoformat() == "2023-11-14T22:13:20"


def test_workbook_is_byte_identical_across_runs(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    ok(dwcp("export", "xlsx", "--out", "one.xlsx", AS_OF))
    ok(dwcp("export", "xlsx", "--out", "two.xlsx", AS_OF))
    assert (repo / "one.xlsx").read_bytes() == (repo / "two.xlsx").read_bytes()


def test_zip_entries_carry_the_source_date_not_the_time_of_writing(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    ok(dwcp("export", "xlsx", "--out", "one.xlsx", AS_OF))
    with ZipFile(repo / "one.xlsx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_workbook_is_byte_identical_across_processes(repo: Path):
    """Separate processes with different hash seeds, a second apart: nothing varies."""
    outputs = []
    for seed in ("1", "2"):
        environ = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
        out = repo / f"seed{seed}.xlsx"
        subprocess.run(
            [sys.executable, "-m", "dwcp", "export", "xlsx", "--out", str(out), AS_OF],
            cwd=repo,
            env=environ,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_bad_source_date_epoch_is_a_usage_error(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    refused(dwcp("export", "xlsx", "--out", "x.xlsx", AS_OF), "SOURCE_DATE_EPOCH='yesterday'")
    assert not (repo / "x.xlsx").exists()


# --- languages --------------------------------------------------------------------------------


def _french(data: Any) -> None:
    data["language"] = "fr"


def test_french_programme_gets_french_sheets_and_headers(dwcp: CliRun, repo: Path):
    change_clean(repo, _french)
    book = export_book(dwcp, repo)
    assert book.sheetnames == [
        "Cadre de résultats",
        "État des résultats",
        "Budget",
        "Financement par source",
        "Problèmes détectés",
    ]
    french = {texts["fr"] for key, texts in MESSAGES.items() if key.startswith("export.col.")}
    for ws in book:
        headers = [c.value for c in ws[1]]
        assert set(headers) <= french, ws.title
    results = [c.value for c in sheet(book, "results", "fr")[1]]
    assert "Cible" in results
    assert "Target" not in results
    assert "Déficit" in [c.value for c in sheet(book, "budget", "fr")[1]]
    assert "Gravité" in [c.value for c in sheet(book, "findings", "fr")[1]]


def test_french_yes_and_total(dwcp: CliRun, repo: Path):
    change_clean(repo, _french)
    book = export_book(dwcp, repo)
    row = fixture_row(records(sheet(book, "results", "fr")), "Indicateur", "ZMB101.1")
    assert row["Ventilé par sexe"] == "Oui"
    budget = records(sheet(book, "budget", "fr"))
    assert [row["Priorité"] for row in budget].count("Total") == 1


def test_lang_wins_over_the_programme_language(dwcp: CliRun, repo: Path):
    change_clean(repo, _french)
    book = export_book(dwcp, repo, "--lang", "es")
    assert book.sheetnames[0] == "Marco de resultados"
    assert book.properties.language == "es"


def test_mixed_languages_fall_back_to_english(dwcp: CliRun, repo: Path):
    write_programme(repo, "ZMB-2023-2027.yaml", _french)
    book = export_book(dwcp, repo)
    assert book.sheetnames[0] == "Results framework"
    programmes = {row["Programme"] for row in records(sheet(book, "results"))}
    assert programmes == {STEM, "ZMB-2023-2027"}


def test_mixed_languages_follow_lang(dwcp: CliRun, repo: Path):
    write_programme(repo, "ZMB-2023-2027.yaml", _french)
    assert export_book(dwcp, repo, "--lang", "fr").sheetnames[0] == "Cadre de résultats"


def test_unknown_lang_is_a_usage_error(dwcp: CliRun, repo: Path):
    refused(dwcp("export", "xlsx", "--out", "x.xlsx", "--lang", "de"), "--lang 'de'")
    assert not (repo / "x.xlsx").exists()


@pytest.mark.parametrize(
    "key",
    sorted(
        {f"export.sheet.{key}" for key in SHEETS}
        | {f"export.col.{c.key}" for c in (*RESULTS_COLUMNS, *BUDGET_COLUMNS, *FINDINGS_COLUMNS)}
        | {"export.total", "export.yes", "export.no"}
    ),
)
def test_every_export_label_is_in_every_language(key: str):
    assert set(MESSAGES[key]) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheet_names_are_valid_excel_names(language: str):
    for key in SHEETS:
        name = label(f"export.sheet.{key}", language)
        assert sheet_name(name) == name


def test_sheet_name_drops_what_excel_refuses():
    assert sheet_name("Budget: 2020/21 [draft]*?") == "Budget 202021 draft"
    assert len(sheet_name("x" * 40)) == 31


# --- findings and invalid files ---------------------------------------------------------------


def _no_gender_effect(data: Any) -> None:
    del outcome(data)["effect_on_women_and_men"]


def test_findings_sheet_lists_what_dwcp_lint_finds(dwcp: CliRun, repo: Path):
    change_clean(repo, _no_gender_effect)
    linted = json.loads(dwcp("lint", "--format", "json", AS_OF).out)["findings"]
    assert linted
    rows = records(sheet(export_book(dwcp, repo, "--audience", "internal"), "findings"))
    keys = ("file", "line", "column", "code", "severity", "step", "message", "path", "hint")
    headers = ("File", "Line", "Column", "Code", "Severity", "Step", "Message", "YAML path", "Hint")
    assert [tuple(row[h] or "" for h in headers) for row in rows] == [
        tuple(f[k] for k in keys) for f in linted
    ]


def test_invalid_file_is_in_the_findings_and_named_on_stderr(dwcp: CliRun, repo: Path):
    write_programme(repo, "ZMB-2023-2027.yaml", lambda d: d.update(colour="blue"))
    (repo / "programmes" / "broken.yaml").write_text("country: [\n", encoding="utf-8")
    run = ok(dwcp("export", "xlsx", "--out", "out/export.xlsx", AS_OF, "--audience", "internal"))
    assert "programmes/ZMB-2023-2027.yaml" in run.err
    assert "programmes/broken.yaml" in run.err
    assert run.err.startswith("note: 2 file(s) not valid")
    book = load_workbook(repo / "out" / "export.xlsx")
    findings = records(sheet(book, "findings"))
    by_file = {row["File"]: row for row in findings}
    assert by_file["programmes/ZMB-2023-2027.yaml"]["Code"] == "DW020"
    assert "colour" in by_file["programmes/ZMB-2023-2027.yaml"]["Message"]
    assert by_file["programmes/broken.yaml"]["Code"] == "DW001"
    assert by_file["programmes/broken.yaml"]["Line"] == 2
    programmes = {row["Programme"] for row in records(sheet(book, "results"))}
    assert programmes == {STEM}


def test_only_invalid_files_still_gives_a_workbook(dwcp: CliRun, repo: Path):
    (repo / "programmes" / f"{STEM}.yaml").write_text("- a list\n", encoding="utf-8")
    run = ok(dwcp("export", "xlsx", "--out", "x.xlsx", AS_OF))
    assert CLEAN_NAME in run.err
    book = load_workbook(repo / "x.xlsx")
    assert records(sheet(book, "results")) == []
    assert [row["File"] for row in records(sheet(book, "findings"))] == [CLEAN_NAME]


# --- audience ---------------------------------------------------------------------------------


def test_public_audience_leaves_out_internal_items_and_messages(dwcp: CliRun, repo: Path):
    change_clean(repo, _no_gender_effect)
    book = export_book(dwcp, repo)  # public is the default
    budget = fixture_row(records(sheet(book, "budget")), "Outcome", "ZMB101")
    assert budget["Pipeline"] == 0  # the only pipeline line is marked internal
    assert budget["Funding sources"] == "RBSA"
    findings = records(sheet(book, "findings"))
    assert findings
    # The rule's summary instead of a message that may quote an internal item.
    assert [row["Message"] for row in findings] == ["No effect on women and men."]
    assert all(row["YAML path"] is None and row["Hint"] is None for row in findings)
    assert book.properties.category == "public"


def test_unknown_audience_is_a_usage_error(dwcp: CliRun):
    refused(dwcp("export", "csv", "--out", "x", "--audience", "everyone"), "--audience")


# --- CSV --------------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.parametrize("key", SHEETS)
def test_csv_files_match_the_sheets(dwcp: CliRun, repo: Path, key: str):
    change_clean(repo, _no_gender_effect)
    book = export_book(dwcp, repo)
    run = ok(dwcp("export", "csv", "--out", "out/csv", AS_OF))
    assert f"wrote out/csv/{key}.csv\n" in run.out
    cells = [[_text(v) for v in row] for row in sheet(book, key).iter_rows(values_only=True)]
    rows = _csv_rows(repo / "out" / "csv" / f"{key}.csv")
    assert len(rows) > 1
    assert [[_same_number(c) for c in row] for row in rows] == [
        [_same_number(c) for c in row] for row in cells
    ]


def _text(value: object) -> str:
    assert isinstance(value, str | int | float | Decimal | None), value
    return text(value)


def _same_number(cell: str) -> str | Decimal:
    """Compare numbers by value: the workbook may store 1 where the CSV says 1.0000."""
    try:
        return Decimal(cell)
    except ArithmeticError:
        return cell


def test_csv_is_utf8_with_a_byte_order_mark_and_crlf(dwcp: CliRun, repo: Path):
    change_clean(repo, _french)
    ok(dwcp("export", "csv", "--out", "out/csv", AS_OF))
    raw = (repo / "out" / "csv" / "results.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Énoncé du résultat".encode() in raw
    assert raw.count(b"\r\n") == len(raw.splitlines())


def test_text_that_looks_like_a_formula_stays_text(dwcp: CliRun, repo: Path):
    change_clean(repo, lambda d: outcome(d).update(statement="=HYPERLINK(1)"))
    book = export_book(dwcp, repo)
    cell = fixture_row(records(sheet(book, "results")), "Indicator", "ZMB101.1")
    assert cell["Outcome statement"] == "'=HYPERLINK(1)"  # as in CSV, also when copied out
    results = sheet(book, "results")
    assert {c.data_type for c in results["F"][1:]} == {"s"}
    ok(dwcp("export", "csv", "--out", "csv", AS_OF))
    assert _csv_rows(repo / "csv" / "results.csv")[1][5] == "'=HYPERLINK(1)"


# --- where to write ---------------------------------------------------------------------------


def _nothing_new(repo: Path, before: set[Path]) -> None:
    assert set(repo.rglob("*")) == before


def test_xlsx_out_that_is_a_folder_is_refused(dwcp: CliRun, repo: Path):
    (repo / "out").mkdir()
    before = set(repo.rglob("*"))
    refused(dwcp("export", "xlsx", "--out", "out", AS_OF), "out: is a folder")
    _nothing_new(repo, before)


def test_xlsx_out_must_end_in_xlsx(dwcp: CliRun, repo: Path):
    before = set(repo.rglob("*"))
    refused(dwcp("export", "xlsx", "--out", "export.xls", AS_OF), "must end in .xlsx")
    _nothing_new(repo, before)


def test_out_outside_the_repository_is_written(dwcp: CliRun, repo: Path):
    outside = repo.parent / f"{repo.name}-elsewhere.xlsx"
    assert dwcp("export", "xlsx", "--out", str(outside), AS_OF).code == 0
    assert outside.is_file()
    folder = repo.parent / f"{repo.name}-csv"
    assert dwcp("export", "csv", "--out", str(folder), AS_OF).code == 0
    assert any(folder.glob("*.csv"))


def test_unwritable_out_is_refused_with_the_reason(dwcp: CliRun, repo: Path):
    before = set(repo.rglob("*"))
    out = f"programmes/{STEM}.yaml/export.xlsx"  # a "folder" that is a file
    refused(dwcp("export", "xlsx", "--out", out, AS_OF), f"{out}: cannot write the workbook")
    _nothing_new(repo, before)


def test_csv_out_that_is_a_file_is_refused(dwcp: CliRun, repo: Path):
    (repo / "export").write_text("keep me", encoding="utf-8")
    before = set(repo.rglob("*"))
    refused(dwcp("export", "csv", "--out", "export", AS_OF), "export: is a file")
    _nothing_new(repo, before)
    assert (repo / "export").read_text(encoding="utf-8") == "keep me"


def test_xlsx_needs_out(dwcp: CliRun):
    run = dwcp("export", "xlsx", AS_OF)
    assert run.code == 2
    assert "--out" in run.err


def test_missing_programme_path_is_a_usage_error(dwcp: CliRun, repo: Path):
    refused(dwcp("export", "xlsx", "nowhere.yaml", "--out", "x.xlsx"), "nowhere.yaml")
    assert not (repo / "x.xlsx").exists()


def test_rewriting_replaces_the_workbook_atomically(dwcp: CliRun, repo: Path):
    ok(dwcp("export", "xlsx", "--out", "x.xlsx", AS_OF))
    change_clean(repo, _french)
    ok(dwcp("export", "xlsx", "--out", "x.xlsx", AS_OF))
    assert load_workbook(repo / "x.xlsx").sheetnames[0] == "Cadre de résultats"
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", ["xlsx", "csv"])
def test_help_has_an_example(dwcp: CliRun, command: str):
    run = dwcp("export", command, "--help")
    assert run.code == 0
    assert f"Example: dwcp export {command}" in run.out


def test_results_row_shows_the_un_links_and_the_enabling_mark(dwcp: CliRun, repo: Path):
    """An outcome's own UN links win over its priority's; an enabling priority marks its
    outcomes enabling."""
    data = clean_data()
    links = data["priorities"][0]["un_outcomes"]
    row = fixture_row(records(sheet(export_book(dwcp, repo), "results")), "Indicator", "ZMB101.1")
    assert row["UN framework outcomes (alignment)"] == "; ".join(
        f"{link['outcome']} ({link['alignment']})" for link in links
    )
    assert (row["Enabling"], row["Cross-cutting"]) == (label("export.no"), label("export.no"))

    def change(d: Any) -> None:
        d["priorities"][0]["enabling"] = True
        outcome(d)["un_outcomes"] = [{"outcome": links[0]["outcome"], "alignment": "partial"}]

    change_clean(repo, change)
    row = fixture_row(records(sheet(export_book(dwcp, repo), "results")), "Indicator", "ZMB101.1")
    assert row["UN framework outcomes (alignment)"] == f"{links[0]['outcome']} (partial)"
    assert (row["Enabling"], row["Cross-cutting"]) == (label("export.yes"), label("export.no"))


def test_status_sheet_gives_each_indicator_a_status_to_filter_by(dwcp: CliRun, repo: Path):
    rows = records(sheet(export_book(dwcp, repo), "results_status"))
    assert rows
    statuses = {label(f"export.status.{s.replace(' ', '_')}") for s in STATUSES}
    assert {r["Status"] for r in rows} <= statuses
    assert all(r["Why (rule applied)"] for r in rows)
