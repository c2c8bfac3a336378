"""Identity rules, each with the smallest change to the clean fixture that breaks it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dwcp.config import load_settings
from dwcp.lint.findings import Severity
from dwcp.lint.rules.identity import PeriodLength
from tests.helpers import (
    assert_only,
    indicator,
    line_of,
    lint_changed,
    lint_text,
    outcome,
    programme_files,
    with_options,
)
from tests.rules.util import flow


def test_clean_fixture_has_no_findings():
    from tests.helpers import CLEAN

    assert lint_text(CLEAN.read_text(encoding="utf-8")) == []


def test_dw101_unknown_country_code():
    text, findings = lint_changed(
        lambda d: d.__setitem__("country", "XYZ"), name="XYZ-2018-2022.yaml"
    )
    # With no country near XYZ, DW108 cannot tell which code the outcomes should start with,
    # and ZMB101 has the right form.
    assert {f.code for f in findings} == {"DW101"}
    assert [f.line for f in findings if f.code == "DW101"] == [line_of(text, "country: XYZ")]
    assert findings[0].hint == "use three capital letters, such as VNM for Viet Nam"


@pytest.mark.parametrize("given", ["ZAM", "Zambia", "zmb", "ZM"])
def test_dw101_suggests_the_country_meant(given: str):
    text, findings = lint_changed(lambda d: d.__setitem__("country", given))
    assert [(f.line, f.hint) for f in findings if f.code == "DW101"] == [
        (line_of(text, f"country: {given}"), "did you mean ZMB?")
    ]


@pytest.mark.parametrize("given", ["ZAM", "Zambia", "zmb"])
def test_no_hint_builds_on_a_country_that_is_not_a_code(given: str):
    """The file name and the outcome codes already say ZMB: no hint may say rename them."""
    _text, findings = lint_changed(lambda d: d.__setitem__("country", given))
    assert {f.code for f in findings} == {"DW101", "DW102"}
    [dw102] = [f for f in findings if f.code == "DW102"]
    assert dw102.hint == "set `country` to ZMB, the code the file name already uses"
    assert all(given not in f.hint for f in findings)


def test_dw102_hint_when_neither_country_nor_file_name_is_right():
    _text, findings = lint_changed(
        lambda d: d.__setitem__("country", "ZAM"), name="programmes/zambia.yaml"
    )
    [dw102] = [f for f in findings if f.code == "DW102"]
    assert dw102.hint == (
        "correct `country` first (did you mean ZMB?), then rename the file to `ZMB-2018-2022.yaml`"
    )


def test_dw102_hint_when_the_country_is_like_no_code():
    _text, findings = lint_changed(lambda d: d.__setitem__("country", "XYZ"))
    [dw102] = [f for f in findings if f.code == "DW102"]
    assert dw102.hint == "correct `country` first (see DW101), then name the file after it"


def test_dw108_compares_outcome_codes_with_the_country_meant():
    def change(d: Any) -> None:
        d["country"] = "ZAM"
        outcome(d)["id"] = "youth-1"

    _text, findings = lint_changed(change)
    [dw108] = [f for f in findings if f.code == "DW108"]
    assert dw108.message == "outcome code `youth-1` is not in the ILO form ZMB plus three digits"
    assert dw108.hint == "use the code from the ILO planning system, such as ZMB101"


def test_dw108_checks_only_the_form_when_no_country_is_meant():
    def change(d: Any) -> None:
        d["country"] = "XYZ"
        outcome(d)["id"] = "youth-1"

    _text, findings = lint_changed(change, name="XYZ-2018-2022.yaml")
    [dw108] = [f for f in findings if f.code == "DW108"]
    assert dw108.message == "outcome code `youth-1` is not in the ILO form ISO3 plus three digits"
    assert (
        dw108.hint
        == "use the code from the ILO planning system: the country's ISO3 code plus 3 digits"
    )


def test_dw102_file_name_mismatch():
    text, findings = lint_changed(lambda _: None, name="programmes/zambia.yaml")
    assert_only(findings, "DW102", line_of(text, "country: ZMB"))


def test_dw103_period_reversed():
    def change(d):
        d["period"]["start"], d["period"]["end"] = 2022, 2018

    _text, findings = lint_changed(change, name="ZMB-2022-2018.yaml")
    assert "DW103" in {f.code for f in findings}
    assert any(f.code == "DW103" and f.path == "period.end" for f in findings)


def test_dw108_outcome_code_format():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("id", "youth-1"))
    # The project still points at the old code, which DW205 reports.
    assert {f.code for f in findings} == {"DW108", "DW205"}
    assert line_of(text, "id: youth-1") in [f.line for f in findings if f.code == "DW108"]


# DW104 period-length-implausible ------------------------------------------------------------


def set_period(start: int, end: int) -> Any:
    """The programme's new years; the UN framework stretches to cover them, or DW208 notes it."""

    def change(d: Any) -> None:
        d["period"]["start"], d["period"]["end"] = start, end
        un = d["context"]["un_framework"]["period"]
        un["start"], un["end"] = min(un["start"], start), max(un["end"], end)

    return change


def test_dw104_seven_year_period_is_too_long():
    text, findings = lint_changed(set_period(2018, 2024), name="ZMB-2018-2024.yaml")
    assert_only(findings, "DW104", line_of(text, "period: {start: 2018, end: 2024}"))
    assert findings[0].severity is Severity.WARNING


def test_dw104_one_year_period_is_too_short():
    text, findings = lint_changed(set_period(2018, 2018), name="ZMB-2018-2018.yaml")
    # Squeezing the period to 2018 also leaves the 2020-21 biennium, the 2022 target, the
    # milestones and the final evaluation outside it, and the period has ended by mid-2019.
    assert {f.code for f in findings} == {"DW104", "DW105", "DW408", "DW414", "DW415", "DW705"}
    assert [f.line for f in findings if f.code == "DW104"] == [
        line_of(text, "period: {start: 2018, end: 2018}")
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(2018, 2019, id="two-years-is-the-minimum"),
        pytest.param(2018, 2023, id="six-years-is-the-maximum"),
    ],
)
def test_dw104_bounds_are_inclusive(start: int, end: int):
    """Two and six years are both plausible lengths."""
    _text, findings = lint_changed(set_period(start, end), name=f"ZMB-{start}-{end}.yaml")
    assert "DW104" not in {f.code for f in findings}


def test_dw104_reversed_period_is_left_to_dw103():
    _text, findings = lint_changed(set_period(2022, 2018), name="ZMB-2022-2018.yaml")
    assert "DW103" in {f.code for f in findings}
    assert "DW104" not in {f.code for f in findings}


def test_dw104_max_years_option_shortens_the_limit(tmp_path: Path):
    """With max_years = 4 the clean five-year programme is too long."""
    settings = with_options(tmp_path, PeriodLength(max_years=4))
    text, findings = lint_changed(lambda _: None, settings=settings)
    assert_only(findings, "DW104", line_of(text, "period: {start: 2018, end: 2022}"))
    assert "2 to 4" in findings[0].message


def test_dw104_min_years_option_raises_the_floor(tmp_path: Path):
    """With min_years = 6 the clean five-year programme is too short."""
    settings = with_options(tmp_path, PeriodLength(min_years=6))
    text, findings = lint_changed(lambda _: None, settings=settings)
    assert_only(findings, "DW104", line_of(text, "period: {start: 2018, end: 2022}"))


def test_dw104_max_years_option_allows_a_longer_period(tmp_path: Path):
    """With max_years = 7 a seven-year programme passes."""
    settings = with_options(tmp_path, PeriodLength(max_years=7))
    _text, findings = lint_changed(
        set_period(2018, 2024), name="ZMB-2018-2024.yaml", settings=settings
    )
    assert findings == []


def test_dw104_option_read_from_pyproject(tmp_path: Path):
    """`[tool.dwcp.rules.DW104]` in pyproject.toml reaches the rule."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.dwcp.rules.DW104]\nmax_years = 4\n", encoding="utf-8"
    )
    text, findings = lint_changed(lambda _: None, settings=load_settings(tmp_path))
    assert_only(findings, "DW104", line_of(text, "period: {start: 2018, end: 2022}"))


# DW105 status-out-of-date -------------------------------------------------------------------


def test_dw105_implementation_after_the_period_ended():
    text, findings = lint_changed(lambda _: None, as_of=dt.date(2023, 1, 1))
    # By 2023 the 2021 milestone has no actual (DW418) and both reviews are overdue (DW702).
    assert {f.code for f in findings} == {"DW105", "DW418", "DW702"}
    assert [f.line for f in findings if f.code == "DW105"] == [
        line_of(text, "status: implementation")
    ]


def test_dw105_signed_after_the_period_ended():
    text, findings = lint_changed(
        lambda d: d.__setitem__("status", "signed"), as_of=dt.date(2023, 1, 1)
    )
    # Both reviews are overdue by 2023 (DW702).
    assert {f.code for f in findings} == {"DW105", "DW702"}
    assert [f.line for f in findings if f.code == "DW105"] == [line_of(text, "status: signed")]


def test_dw105_closed_while_the_period_runs():
    text, findings = lint_changed(lambda d: d.__setitem__("status", "closed"))
    assert_only(findings, "DW105", line_of(text, "status: closed"))


@pytest.mark.parametrize(
    ("status", "as_of"),
    [
        pytest.param("implementation", dt.date(2022, 12, 31), id="implementation-in-last-year"),
        pytest.param("review", dt.date(2023, 1, 1), id="review-after-the-end"),
        pytest.param("extended", dt.date(2023, 1, 1), id="extended-within-the-extension"),
        pytest.param("closed", dt.date(2023, 1, 1), id="closed-after-the-end"),
        pytest.param("closed", dt.date(2022, 6, 1), id="closed-in-last-year"),
    ],
)
def test_dw105_status_that_fits_the_period(status: str, as_of: dt.date):
    """These statuses fit the date; other time-based rules may still fire."""

    def change(d: Any) -> None:
        d["status"] = status
        if status == "extended":
            extend(d)

    _text, findings = lint_changed(change, as_of=as_of)
    assert "DW105" not in {f.code for f in findings}


def extend(d: Any, to: int = 2024) -> None:
    """Extend the clean 2018-2022 programme, with a dated decision; its UN framework follows."""
    d["period"]["extended_to"] = to
    d["period"]["extension"] = flow(date="2022-06-30", by="National Steering Committee")
    d["context"]["un_framework"]["period"]["end"] = to


def test_dw105_extended_without_extended_to():
    text, findings = lint_changed(
        lambda d: d.__setitem__("status", "extended"), as_of=dt.date(2023, 1, 1)
    )
    assert [f.line for f in findings if f.code == "DW105"] == [line_of(text, "status: extended")]
    [finding] = [f for f in findings if f.code == "DW105"]
    assert "gives no extended_to" in finding.message


def test_dw105_extended_past_the_extension():
    def change(d: Any) -> None:
        d["status"] = "extended"
        extend(d)

    text, findings = lint_changed(change, as_of=dt.date(2025, 3, 1))
    [finding] = [f for f in findings if f.code == "DW105"]
    assert finding.line == line_of(text, "status: extended")
    assert "the extension ended in 2024 but status is still `extended`" in finding.message


def test_dw105_implementation_inside_the_extension_fits():
    _text, findings = lint_changed(extend, as_of=dt.date(2023, 6, 1))
    assert "DW105" not in {f.code for f in findings}


def test_dw105_implementation_after_the_extension_names_it():
    _text, findings = lint_changed(extend, as_of=dt.date(2025, 1, 1))
    [finding] = [f for f in findings if f.code == "DW105"]
    assert finding.message.startswith("period 2018-2022, extended to 2024 ended in 2024")


# DW209 extension-without-decision and the extended period ----------------------------------


def test_dw209_extended_to_without_a_decision():
    text, findings = lint_changed(lambda d: d["period"].__setitem__("extended_to", 2023))
    # The UN framework ends in 2022, so the extension year falls under none (DW208).
    assert {f.code for f in findings} == {"DW208", "DW209"}
    [finding] = [f for f in findings if f.code == "DW209"]
    assert finding.line == line_of(text, "extended_to: 2023")
    assert finding.severity is Severity.WARNING


def test_dw209_a_dated_decision_passes():
    _text, findings = lint_changed(extend)
    assert findings == []


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param({"extended_to": 2022}, "must come after the end", id="not-after-the-end"),
        pytest.param({"extension": {"date": "2022-01-10"}}, "needs extended_to", id="no-year"),
    ],
)
def test_an_impossible_extension_is_a_schema_error(period: dict[str, Any], expected: str):
    _text, findings = lint_changed(lambda d: d["period"].update(period))
    [finding] = findings
    assert finding.code.startswith("DW0") and expected in finding.hint


def test_targets_and_funds_inside_the_extension_are_in_the_period():
    """Issue 14: DW414 and DW506 fired on targets and budgets of the extension years."""

    def change(d: Any) -> None:
        extend(d)
        outcome = d["priorities"][0]["outcomes"][0]
        outcome["indicators"][0]["target"]["year"] = 2024
        outcome["budget_required"].append(flow(biennium="2024-25", amount=1000))

    _text, findings = lint_changed(change)
    assert findings == []


def test_targets_past_the_extension_name_it():
    def change(d: Any) -> None:
        extend(d)
        d["priorities"][0]["outcomes"][0]["indicators"][0]["target"]["year"] = 2025

    _text, findings = lint_changed(change)
    [finding] = findings
    assert finding.code == "DW414"
    assert finding.message.endswith("programme period 2018-2022, extended to 2024")


# DW106 unknown-currency ---------------------------------------------------------------------


def test_dw106_unknown_programme_currency():
    text, findings = lint_changed(lambda d: d["planning"].__setitem__("currency", "XYZ"))
    assert_only(findings, "DW106", line_of(text, "currency: XYZ"))


def test_dw106_unknown_currency_on_a_resource():
    text, findings = lint_changed(
        lambda d: outcome(d)["resources"][0].__setitem__("currency", "ABC")
    )
    assert_only(findings, "DW106", line_of(text, "currency: ABC"))


def test_dw106_unknown_currency_on_a_budget_requirement():
    text, findings = lint_changed(
        lambda d: outcome(d)["budget_required"][0].__setitem__("currency", "ABC")
    )
    assert_only(findings, "DW106", line_of(text, "currency: ABC"))


def test_dw106_other_iso_currencies_pass():
    def change(d: Any) -> None:
        d["planning"]["currency"] = "EUR"
        outcome(d)["resources"][0]["currency"] = "ZMW"

    _text, findings = lint_changed(change)
    # ZMW against a EUR requirement, with no exchange rate known: DW512 says so.
    assert [f.code for f in findings] == ["DW512"]


def test_dw106_lower_case_currency():
    text, findings = lint_changed(lambda d: d["planning"].__setitem__("currency", "usd"))
    assert_only(findings, "DW106", line_of(text, "currency: usd"))


def test_dw106_unknown_currency_on_a_project():
    text, findings = lint_changed(
        lambda d: d["context"]["projects"][0].__setitem__("currency", "ABC")
    )
    assert_only(findings, "DW106", line_of(text, "currency: ABC"))


# DW107 duplicate-id -------------------------------------------------------------------------


def test_dw107_two_outputs_share_an_id():
    def change(d: Any) -> None:
        outcome(d)["outputs"].append(flow(id="ZMB101.O1", statement="Farm mentors trained"))

    text, findings = lint_changed(change)
    assert_only(findings, "DW107", line_of(text, "Farm mentors trained"))


def test_dw107_message_names_the_first_occurrence_readably():
    def change(d: Any) -> None:
        outcome(d)["outputs"].append(flow(id="ZMB101.O1", statement="Farm mentors trained"))

    _text, findings = lint_changed(change)
    assert "first at priorities[0].outcomes[0].outputs[0]" in findings[0].message


def test_dw107_an_output_may_reuse_an_indicator_id():
    """Each kind of item (priority, outcome, indicator, output) has its own ids."""

    def change(d: Any) -> None:
        outcome(d)["outputs"].append(flow(id="ZMB101.1", statement="Farm mentors trained"))

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw107_two_indicators_share_an_id():
    def change(d: Any) -> None:
        twin = copy.deepcopy(indicator(d))
        twin["statement"] = "Young women among those placed"
        outcome(d)["indicators"].append(twin)

    text, findings = lint_changed(change)
    # A block-style item is marked on its first line, the id just above the statement.
    assert_only(findings, "DW107", line_of(text, "Young women among those placed") - 1)


def test_dw107_two_projects_share_a_symbol():
    def change(d: Any) -> None:
        twin = copy.deepcopy(d["context"]["projects"][0])
        twin["title"] = "Green jobs in agribusiness"
        d["context"]["projects"].append(twin)

    text, findings = lint_changed(change)
    # A block-style item is marked on its first line, the symbol just above the title.
    assert_only(findings, "DW107", line_of(text, "Green jobs in agribusiness") - 1)


def test_dw107_two_risks_share_an_id():
    def change(d: Any) -> None:
        d["planning"]["risks"].append(
            flow(id="R1", description="Currency loses value", mitigation="Budget in USD")
        )

    text, findings = lint_changed(change)
    assert_only(findings, "DW107", line_of(text, "Currency loses value"))


def test_dw107_risk_may_reuse_a_priority_id():
    """Risks and projects have namespaces of their own."""

    def change(d: Any) -> None:
        d["planning"]["risks"].append(
            flow(id="P1", description="Currency loses value", mitigation="Budget in USD")
        )

    _text, findings = lint_changed(change)
    assert findings == []


# DW109 organization-name-fragment -------------------------------------------------------------

MOLISA = "Ministry of Labour, Invalids and Social Affairs (MOLISA)"


def government_organizations(*names: str) -> Any:
    def change(d: Any) -> None:
        d["context"]["constituents"][0]["organizations"] = list(names)

    return change


def test_dw109_a_name_split_at_its_comma_in_a_flow_list():
    """The slip as written: an unquoted flow list loads as two organizations."""
    from tests.helpers import CLEAN

    text = CLEAN.read_text(encoding="utf-8").replace(
        "organizations: [Ministry of Labour and Social Security]", f"organizations: [{MOLISA}]"
    )
    findings = lint_text(text)
    assert_only(findings, "DW109", line_of(text, MOLISA))
    (finding,) = findings
    assert finding.severity is Severity.INFO
    assert "`Ministry of Labour` and `Invalids and Social Affairs (MOLISA)`" in finding.message
    assert finding.hint == f'if they are one organization, quote the name: "{MOLISA}"'


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Ministry of Labour", "Invalids and Social Affairs (MOLISA)", "acronym of both names"),
        ("Ministry of Labour", "Invalids and Social Affairs", "continues the portfolio"),
        ("Ministry of Labour, Invalids and Social Affairs", "(MOLISA)", "only an acronym"),
        ("Ministère du Travail", "de l'Emploi et de la Protection sociale", "lowercase word"),
        ("Ministerio de Trabajo", "Empleo y Seguridad Social", "continues the portfolio"),
    ],
)
def test_dw109_fragments(first: str, second: str, reason: str):
    text, findings = lint_changed(government_organizations(first, second))
    assert_only(findings, "DW109", line_of(text, f"- {second}"))
    assert reason in findings[0].message


@pytest.mark.parametrize(
    "names",
    [
        [MOLISA],
        ["Ministry of Labour and Social Security", "Ministry of Finance and National Planning"],
        ["Ministry of Labour", "Viet Nam Chamber of Commerce and Industry (VCCI)"],
        ["Ministry of Labour (MOL)", "Employers' Federation of Ceylon (EFC)"],
        ["Ceylon Workers Congress (CWC)", "National Trade Union Federation (NTUF)"],
    ],
)
def test_dw109_names_of_their_own_pass(names: list[str]):
    assert lint_changed(government_organizations(*names))[1] == []


def test_dw109_samples_and_fixtures_name_every_organization_whole():
    root = Path(__file__).parent.parent.parent
    files = [
        *programme_files(root / "programmes"),
        *sorted((root / "tests").rglob("fixtures/*.yaml")),
        *sorted((root / "tests" / "fixtures" / "current").glob("*.yaml")),
    ]
    fired = [
        (path.name, f.message)
        for path in files
        for f in lint_text(path.read_text(encoding="utf-8"), f"programmes/{path.name}")
        if f.code == "DW109"
    ]
    assert fired == []


def test_a_final_review_after_the_extension_is_in_time():
    def change(d: Any) -> None:
        extend(d)
        d["monitoring"]["reviews"][-1]["planned"] = dt.date(2025, 3, 1)

    _text, findings = lint_changed(change)
    assert findings == []
