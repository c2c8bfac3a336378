"""Step 1 rules on the country context, each with the smallest change that breaks it."""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.lint.findings import Severity
from tests.helpers import assert_only, line_of, lint_changed
from tests.rules.util import flow, line_is


def context(d: Any) -> Any:
    return d["context"]


def project(d: Any) -> Any:
    return d["context"]["projects"][0]


def priority(d: Any) -> Any:
    return d["priorities"][0]


# DW201 no-national-framework ----------------------------------------------------------------


def test_dw201_no_national_framework():
    """Without a national plan the priority's national goals go too, or DW306 would fire."""

    def change(d: Any) -> None:
        del context(d)["national_frameworks"]
        del priority(d)["national_goals"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW201", line_of(text, "context:"))
    assert findings[0].severity is Severity.WARNING


def test_dw201_empty_list_counts_as_none():
    def change(d: Any) -> None:
        context(d)["national_frameworks"] = []
        del priority(d)["national_goals"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW201", line_of(text, "context:"))


# DW202 no-un-framework ----------------------------------------------------------------------


def test_dw202_no_un_framework():
    """Without a UN framework the priority's UN outcomes go too, or DW307 would fire."""

    def change(d: Any) -> None:
        del context(d)["un_framework"]
        del priority(d)["un_outcomes"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW202", line_of(text, "context:"))


# DW203 constituent-concerns-missing ---------------------------------------------------------


def test_dw203_group_lists_no_concerns():
    text, findings = lint_changed(
        lambda d: context(d)["constituents"][1].__setitem__("concerns", [])
    )
    assert_only(findings, "DW203", line_of(text, "concerns: []"))
    assert "employers" in findings[0].message


def test_dw203_group_without_concerns_key():
    """The finding sits on the group's entry when the key is absent."""
    text, findings = lint_changed(lambda d: context(d)["constituents"][1].__delitem__("concerns"))
    assert_only(findings, "DW203", line_is(text, "- group: employers"))


def test_dw203_group_missing_altogether():
    text, findings = lint_changed(lambda d: context(d)["constituents"].pop(2))
    assert_only(findings, "DW203", line_of(text, "constituents:"))
    assert "workers" in findings[0].message


# DW204 project-without-outcome --------------------------------------------------------------


@pytest.mark.parametrize("status", ["ongoing", "planned"])
def test_dw204_open_project_serves_no_outcome(status: str):
    def change(d: Any) -> None:
        project(d)["contributes_to"] = []
        project(d)["status"] = status

    text, findings = lint_changed(change)
    assert_only(findings, "DW204", line_of(text, "symbol: ZMB/18/02/RBS"))


def test_dw204_closed_project_need_not_serve_an_outcome():
    def change(d: Any) -> None:
        project(d)["contributes_to"] = []
        project(d)["status"] = "closed"

    _text, findings = lint_changed(change)
    assert findings == []


# DW205 project-unknown-outcome --------------------------------------------------------------


def test_dw205_project_names_an_unknown_outcome():
    text, findings = lint_changed(
        lambda d: project(d)["contributes_to"][0].__setitem__("outcome", "ZMB999")
    )
    assert_only(findings, "DW205", line_of(text, "outcome: ZMB999"))
    assert findings[0].severity is Severity.ERROR


# DW206 project-share-invalid ----------------------------------------------------------------


@pytest.mark.parametrize(
    "shares",
    [
        pytest.param([120], id="one-share-over-100"),
        pytest.param([-5], id="negative-share"),
        pytest.param([100, 10], id="shares-sum-over-100"),
    ],
)
def test_dw206_invalid_shares(shares: list[float]):
    def change(d: Any) -> None:
        project(d)["contributes_to"] = [flow(outcome="ZMB101", share_percent=s) for s in shares]

    text, findings = lint_changed(change)
    assert_only(findings, "DW206", line_of(text, "contributes_to:"))


@pytest.mark.parametrize(
    "shares",
    [
        pytest.param([60, 40], id="exactly-100"),
        pytest.param([0], id="zero"),
        pytest.param([30], id="under-100"),
        pytest.param([None], id="no-share-given"),
    ],
)
def test_dw206_valid_shares(shares: list[float | None]):
    def change(d: Any) -> None:
        project(d)["contributes_to"] = [
            flow(outcome="ZMB101") if s is None else flow(outcome="ZMB101", share_percent=s)
            for s in shares
        ]

    _text, findings = lint_changed(change)
    assert findings == []


def set_shares(shares: list[float]) -> Any:
    def change(d: Any) -> None:
        project(d)["contributes_to"] = [flow(outcome="ZMB101", share_percent=s) for s in shares]

    return change


@pytest.mark.parametrize(
    "shares",
    [
        # The first four add up to 100.00000000000001 in binary floats.
        pytest.param([0.2, 83.9, 15.9], id="0.2+83.9+15.9"),
        pytest.param([37.2, 30.6, 32.2], id="37.2+30.6+32.2"),
        pytest.param([28.3, 13.9, 29.1, 28.7], id="four-shares"),
        pytest.param([20.8, 19.6, 21.4, 35.0, 3.2], id="five-shares"),
        pytest.param([33.3, 33.3, 33.4], id="thirds"),
        pytest.param([0.1] * 10 + [99], id="eleven-shares"),
    ],
)
def test_dw206_shares_adding_up_to_exactly_100_pass(shares: list[float]):
    """Added as written, not as binary floats (0.2 + 83.9 + 15.9 == 100.00000000000001)."""
    _text, findings = lint_changed(set_shares(shares))
    assert findings == []


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        pytest.param([100, 10], "gives shares adding up to 110 per cent", id="110"),
        pytest.param([70, 50], "gives shares adding up to 120 per cent", id="120"),
        pytest.param([0.2, 83.9, 16], "gives shares adding up to 100.1 per cent", id="100.1"),
        pytest.param([60.5, 39.55], "gives shares adding up to 100.05 per cent", id="100.05"),
        pytest.param([120], "gives a share of 120 per cent", id="share-over-100"),
        pytest.param([-5], "gives a share of -5 per cent", id="negative"),
        pytest.param([100.5], "gives a share of 100.5 per cent", id="share-just-over"),
    ],
)
def test_dw206_message_for_wrong_shares(shares: list[float], message: str):
    _text, findings = lint_changed(set_shares(shares))
    assert [f.message for f in findings] == [f"project ZMB/18/02/RBS {message}"]


def test_a_nan_share_is_a_schema_error():
    """NaN fails every comparison DW206 makes, so the schema refuses it (DW022)."""
    _text, findings = lint_changed(
        lambda d: project(d)["contributes_to"][0].__setitem__("share_percent", float("nan"))
    )
    assert {f.code for f in findings} == {"DW022"}


# DW207 un-framework-out-of-period -----------------------------------------------------------


def test_dw207_un_framework_ended_before_the_programme():
    text, findings = lint_changed(
        lambda d: context(d)["un_framework"].__setitem__("period", flow(start=2010, end=2015))
    )
    assert_only(findings, "DW207", line_of(text, "period: {start: 2010, end: 2015}"))


def test_dw207_one_year_of_overlap_is_enough():
    """Years left uncovered are DW208's information, not a DW207 warning."""
    _text, findings = lint_changed(
        lambda d: context(d)["un_framework"].__setitem__("period", flow(start=2010, end=2018))
    )
    assert [f.code for f in findings] == ["DW208"]


def test_dw207_un_framework_without_period():
    _text, findings = lint_changed(lambda d: context(d)["un_framework"].__delitem__("period"))
    assert findings == []


def test_dw207_each_framework_of_the_list_is_checked():
    def change(d: Any) -> None:
        frameworks = as_list(d)
        frameworks.append(framework("UNDAF 2007-2011", 2007, 2011))

    text, findings = lint_changed(change)
    assert_only(findings, "DW207", line_of(text, "period: {start: 2007, end: 2011}"))
    assert "UNDAF 2007-2011 (2007-2011)" in findings[0].message


# DW208 un-framework-co-termination ----------------------------------------------------------


def as_list(d: Any) -> Any:
    """The fixture's one `un_framework` written as the `un_frameworks` list; returns it."""
    frameworks = [context(d).pop("un_framework")]
    context(d).insert(1, "un_frameworks", frameworks)
    return frameworks


def framework(name: str, start: int, end: int) -> Any:
    return {"kind": "undaf", "name": name, "period": flow(start=start, end=end), "outcomes": []}


def test_dw208_programme_years_under_no_framework():
    def change(d: Any) -> None:
        context(d)["un_framework"]["period"] = flow(start=2016, end=2020)

    text, findings = lint_changed(change)
    assert_only(findings, "DW208", line_of(text, "un_framework:"))
    assert findings[0].severity is Severity.INFO
    assert "programme years 2021-2022 fall under none" in findings[0].message


def test_dw208_two_frameworks_together_cover_the_programme():
    """Like Moldova 2016-2020, which spans two UN frameworks."""

    def change(d: Any) -> None:
        frameworks = as_list(d)
        frameworks[0]["period"] = flow(start=2015, end=2019)
        frameworks.append(
            framework("Partnership Framework for Sustainable Development", 2020, 2024)
        )

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw208_names_a_gap_between_frameworks():
    def change(d: Any) -> None:
        frameworks = as_list(d)
        frameworks[0]["period"] = flow(start=2013, end=2018)
        frameworks.append(framework("Next framework", 2021, 2025))

    text, findings = lint_changed(change)
    assert_only(findings, "DW208", line_of(text, "un_frameworks:"))
    assert "programme years 2019-2020 fall under none" in findings[0].message


def test_dw208_counts_the_extension_years():
    def change(d: Any) -> None:
        d["period"]["extended_to"] = 2024
        d["period"]["extension"] = flow(date="2022-06-30")

    _text, findings = lint_changed(change)
    assert [(f.code, f.message.split(" fall")[0]) for f in findings] == [
        ("DW208", "programme years 2023-2024")
    ]


# Several UN frameworks: the legacy form and the list -----------------------------------------


def test_the_list_form_loads_like_the_legacy_key():
    _text, findings = lint_changed(as_list)
    assert findings == []


def test_both_forms_at_once_are_a_schema_error():
    def change(d: Any) -> None:
        context(d).insert(1, "un_frameworks", [framework("Another", 2018, 2022)])

    text, findings = lint_changed(change)
    [finding] = findings
    assert finding.code.startswith("DW0")
    assert "both un_framework and un_frameworks" in finding.hint
    assert finding.line == line_of(text, "context:")


def test_a_legacy_framework_problem_points_at_the_legacy_key():
    text, findings = lint_changed(lambda d: context(d)["un_framework"].__setitem__("kind", "x"))
    [finding] = findings
    assert finding.line == line_of(text, "kind: x")
    assert "un_framework" in finding.path and "un_frameworks" not in finding.path


@pytest.mark.parametrize("kind", ["undap", "unsdf", "partnership-framework"])
def test_the_kinds_of_frameworks_real_programmes_cite(kind: str):
    _text, findings = lint_changed(lambda d: context(d)["un_framework"].__setitem__("kind", kind))
    assert findings == []


def test_dw202_an_empty_list_is_no_framework():
    def change(d: Any) -> None:
        as_list(d).clear()
        del priority(d)["un_outcomes"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW202", line_of(text, "context:"))
