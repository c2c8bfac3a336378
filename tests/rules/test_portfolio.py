"""Portfolio rules (DW901-DW902): checks across every programme linted together.

Each test writes copies of the clean fixture, with the country, period or outcome code
changed, into tmp_path/programmes and lints the folder. A copy whose period moved no longer
passes every file rule (its targets and milestones fall outside the new period, say), so
those tests look only at the portfolio findings.
"""

from __future__ import annotations

from pathlib import Path

from dwcp.config import Settings
from dwcp.lint.findings import Finding, Step
from dwcp.portfolio.gather import gather
from tests.helpers import CLEAN, make_linter
from tests.rules.util import line_is


def add(
    tmp_path: Path, country: str = "ZMB", start: int = 2018, end: int = 2022, code: str = ""
) -> str:
    """Write the clean fixture for another country or period to programmes/ISO3-START-END.yaml.

    `code` renames outcome ZMB101 (after the country change). Returns the text written.
    """
    text = CLEAN.read_text(encoding="utf-8").replace("ZMB", country)
    text = text.replace(
        "period: {start: 2018, end: 2022}", f"period: {{start: {start}, end: {end}}}"
    )
    if code:
        text = text.replace(f"{country}101", code)
    folder = tmp_path / "programmes"
    folder.mkdir(exist_ok=True)
    (folder / f"{country}-{start}-{end}.yaml").write_text(text, encoding="utf-8")
    return text


def lint(tmp_path: Path) -> list[Finding]:
    linter = make_linter(settings=Settings(root=tmp_path))
    return gather([tmp_path / "programmes"], linter, models=False).findings()


def portfolio(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """(code, file name, line) of each portfolio finding."""
    return [(f.code, Path(f.file).name, f.line) for f in findings if f.step is Step.PORTFOLIO]


def period_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("period:"))


def test_two_countries_in_the_same_period_are_clean(tmp_path):
    """Zambia and Malawi 2018-2022, each with its own outcome codes: nothing to report."""
    add(tmp_path)
    add(tmp_path, country="MWI")
    assert lint(tmp_path) == []


# DW901 duplicate-outcome-code


def test_dw901_outcome_code_reused_by_the_next_programme(tmp_path):
    """ZMB-2023-2027 takes ZMB101 again; the later file in the run is reported."""
    add(tmp_path)
    later = add(tmp_path, start=2023, end=2027)
    assert portfolio(lint(tmp_path)) == [
        ("DW901", "ZMB-2023-2027.yaml", line_is(later, "- id: ZMB101"))
    ]


def test_dw901_message_points_at_the_first_use(tmp_path):
    first = add(tmp_path)
    add(tmp_path, start=2023, end=2027)
    [finding] = [f for f in lint(tmp_path) if f.code == "DW901"]
    assert finding.message.startswith("outcome code ZMB101 is also used in ")
    assert finding.message.endswith(f"ZMB-2018-2022.yaml (line {line_is(first, '- id: ZMB101')})")


def test_dw901_reuse_across_countries_is_reported_too(tmp_path):
    """Codes are unique across the whole portfolio, not only within one country.

    Malawi's file keeps ZMB101; it sorts first in the run, so Zambia's use is the one reported.
    """
    zambia = add(tmp_path)
    add(tmp_path, country="MWI", code="ZMB101")
    [finding] = [f for f in lint(tmp_path) if f.code == "DW901"]
    assert (Path(finding.file).name, finding.line) == (
        "ZMB-2018-2022.yaml",
        line_is(zambia, "- id: ZMB101"),
    )
    assert "also used in " in finding.message and "MWI-2018-2022.yaml" in finding.message


def test_dw901_next_free_code_passes(tmp_path):
    add(tmp_path)
    add(tmp_path, start=2023, end=2027, code="ZMB201")
    assert portfolio(lint(tmp_path)) == []


# DW902 overlapping-programmes


def test_dw902_programmes_overlap_in_one_country(tmp_path):
    add(tmp_path)
    later = add(tmp_path, start=2021, end=2025, code="ZMB201")
    assert portfolio(lint(tmp_path)) == [("DW902", "ZMB-2021-2025.yaml", period_line(later))]


def test_dw902_sharing_one_boundary_year_is_a_hand_over_not_an_overlap(tmp_path):
    add(tmp_path)
    add(tmp_path, start=2022, end=2026, code="ZMB201")
    assert portfolio(lint(tmp_path)) == []


def test_dw902_sharing_two_years_is_an_overlap(tmp_path):
    add(tmp_path)
    later = add(tmp_path, start=2021, end=2025, code="ZMB201")
    assert portfolio(lint(tmp_path)) == [("DW902", "ZMB-2021-2025.yaml", period_line(later))]


def test_dw902_next_programme_starting_after_the_end_passes(tmp_path):
    add(tmp_path)
    add(tmp_path, start=2023, end=2027, code="ZMB201")
    assert portfolio(lint(tmp_path)) == []


def test_dw902_every_overlap_with_a_long_programme_is_reported(tmp_path):
    """ZMB-2010-2025 overlaps both later programmes, which do not overlap each other."""
    add(tmp_path, start=2010, end=2025)
    middle = add(tmp_path, start=2012, end=2016, code="ZMB201")
    last = add(tmp_path, start=2017, end=2021, code="ZMB301")
    assert portfolio(lint(tmp_path)) == [
        ("DW902", "ZMB-2012-2016.yaml", period_line(middle)),
        ("DW902", "ZMB-2017-2021.yaml", period_line(last)),
    ]


def test_dw902_an_extension_overlaps_the_next_programme(tmp_path):
    """Extended to 2024, the 2018-2022 programme still runs when the next one starts in 2023."""
    text = add(tmp_path).replace(
        "period: {start: 2018, end: 2022}",
        "period: {start: 2018, end: 2022, extended_to: 2024, "
        "extension: {date: 2022-11-30, by: Steering committee}}",
    )
    (tmp_path / "programmes" / "ZMB-2018-2022.yaml").write_text(text, encoding="utf-8")
    later = add(tmp_path, start=2023, end=2027, code="ZMB201")
    findings = lint(tmp_path)
    assert portfolio(findings) == [("DW902", "ZMB-2023-2027.yaml", period_line(later))]
    (finding,) = [f for f in findings if f.code == "DW902"]
    assert "(2018-2022, extended to 2024)" in finding.message
