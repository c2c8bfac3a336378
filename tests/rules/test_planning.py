"""Planning rules (DW501-DW511): outputs, budgets, resources and risks of outcome ZMB101.

The clean outcome needs 600,000 USD for 2018-19 and has 500,000 secured from RBSA (through
project ZMB/18/02/RBS, allocated 400,000, spent 300,000) and 100,000 in the XBDC pipeline.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import assert_only, line_of, lint_changed, outcome
from tests.rules.util import line_is

# Findings about a key the outcome lacks land on the outcome's first line.
OUTCOME = "- id: ZMB101"


def resource(d: Any, index: int) -> Any:
    """0: 500,000 secured from RBSA; 1: 100,000 in the XBDC pipeline."""
    return outcome(d)["resources"][index]


def need(d: Any) -> Any:
    return outcome(d)["budget_required"][0]


def project(d: Any) -> Any:
    return d["context"]["projects"][0]


# DW501 outcome-without-resources


def test_dw501_outcome_without_resources():
    text, findings = lint_changed(lambda d: outcome(d).pop("resources"))
    assert_only(findings, "DW501", line_is(text, OUTCOME))


def test_dw501_outcome_with_empty_resources():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("resources", []))
    assert_only(findings, "DW501", line_of(text, "resources:"))


def test_dw501_pipeline_funds_alone_are_resources():
    _, findings = lint_changed(lambda d: outcome(d)["resources"].pop(0))
    assert findings == []


# DW502 unknown-funding-source


def test_dw502_resource_from_unknown_source():
    text, findings = lint_changed(lambda d: resource(d, 1).__setitem__("source", "DONOR"))
    assert_only(findings, "DW502", line_of(text, "source: DONOR"))


def test_dw502_project_with_unknown_funding_source():
    text, findings = lint_changed(lambda d: project(d).__setitem__("funding_source", "ABC"))
    assert_only(findings, "DW502", line_of(text, "funding_source: ABC"))


def test_dw502_source_ids_are_case_sensitive():
    text, findings = lint_changed(lambda d: resource(d, 1).__setitem__("source", "xbdc"))
    assert_only(findings, "DW502", line_of(text, "source: xbdc"))


def test_dw502_any_catalogue_source_passes():
    _, findings = lint_changed(lambda d: resource(d, 1).__setitem__("source", "GOV-IN-KIND"))
    assert findings == []


# DW503 negative-amount


@pytest.mark.parametrize(
    ("change", "offending"),
    [
        pytest.param(
            lambda d: resource(d, 1).__setitem__("amount", -100000),
            "amount: -100000",
            id="resource-amount",
        ),
        pytest.param(
            lambda d: resource(d, 0).__setitem__("spent", -5), "spent: -5", id="resource-spent"
        ),
        pytest.param(
            lambda d: project(d).__setitem__("budget", -500000),
            "budget: -500000",
            id="project-budget",
        ),
        pytest.param(
            lambda d: project(d).__setitem__("spent", -1),
            "spent: -1",
            id="project-spent",
        ),
    ],
)
def test_dw503_negative_amount(change, offending):
    text, findings = lint_changed(change)
    assert_only(findings, "DW503", line_of(text, offending))


def test_dw503_negative_budget_requirement():
    text, findings = lint_changed(lambda d: need(d).__setitem__("amount", -600000))
    # 500,000 secured now exceeds the (negative) requirement as well: DW505.
    assert {f.code for f in findings} == {"DW503", "DW505"}
    assert [f.line for f in findings if f.code == "DW503"] == [line_of(text, "amount: -600000")]


def test_dw503_zero_amount_passes():
    _, findings = lint_changed(lambda d: resource(d, 1).__setitem__("amount", 0))
    assert findings == []


# DW504 spent-exceeds-allocated


def test_dw504_project_spent_more_than_allocated():
    text, findings = lint_changed(lambda d: project(d).__setitem__("spent", 450000))
    assert_only(findings, "DW504", line_of(text, "spent: 450000"))


def test_dw504_resource_spent_more_than_allocated():
    def change(d):
        resource(d, 0)["allocated"] = 500000
        resource(d, 0)["spent"] = 600000

    text, findings = lint_changed(change)
    assert_only(findings, "DW504", line_of(text, "spent: 600000"))


def test_dw504_everything_allocated_spent_passes():
    _, findings = lint_changed(lambda d: project(d).__setitem__("spent", 400000))
    assert findings == []


def test_dw504_spending_without_allocation_is_not_compared():
    _, findings = lint_changed(lambda d: project(d).pop("allocated"))
    assert findings == []


# DW505 resources-exceed-budget


def test_dw505_secured_exceeds_required():
    text, findings = lint_changed(lambda d: need(d).__setitem__("amount", 400000))
    assert_only(findings, "DW505", line_of(text, "resources:"))
    assert "500,000 USD secured for 2018-19 against 400,000 required" in findings[0].message


def test_dw505_secured_equal_to_required_passes():
    _, findings = lint_changed(lambda d: need(d).__setitem__("amount", 500000))
    # 500,000 secured plus 100,000 in the pipeline: only secured funds count.
    assert findings == []


@pytest.mark.parametrize(
    ("required", "secured"),
    [
        # Each adds up to more than `required` in binary floats.
        pytest.param(100.3, [0.1, 0.2, 100.0], id="0.1+0.2+100"),
        pytest.param(100.0, [0.2, 83.9, 15.9], id="0.2+83.9+15.9"),
        pytest.param(100.0, [37.2, 30.6, 32.2], id="37.2+30.6+32.2"),
    ],
)
def test_dw505_secured_adding_up_exactly_to_required_passes(required: float, secured: list[float]):
    """Amounts are added as written (Decimal), never as binary floats."""

    def change(d: Any) -> None:
        need(d)["amount"] = required
        line = dict(resource(d, 0))
        outcome(d)["resources"] = [{**line, "amount": amount} for amount in secured]

    _, findings = lint_changed(change)
    assert findings == []


def test_dw505_secured_a_cent_over_required_fails():
    def change(d: Any) -> None:
        need(d)["amount"] = 100.3
        line = dict(resource(d, 0))
        outcome(d)["resources"] = [{**line, "amount": a} for a in (0.1, 0.21, 100.0)]

    text, findings = lint_changed(change)
    assert_only(findings, "DW505", line_of(text, "resources:"))
    assert "100.31 USD secured for 2018-19 against 100.3 required" in findings[0].message


def test_dw505_amounts_in_other_currencies_are_not_compared():
    """1,000,000 EUR secured is not weighed against 600,000 USD required."""

    def change(d):
        resource(d, 0)["amount"] = 1000000
        resource(d, 0)["currency"] = "EUR"

    _, findings = lint_changed(change)
    assert findings == []


# DW506 resource-outside-period (2018-2022)


@pytest.mark.parametrize(
    ("change", "offending"),
    [
        pytest.param(
            lambda d: resource(d, 1).__setitem__("biennium", "2016-17"),
            "biennium: 2016-17",
            id="resource-before",
        ),
        pytest.param(
            lambda d: need(d).__setitem__("biennium", "2024-25"),
            "biennium: 2024-25",
            id="budget-after",
        ),
    ],
)
def test_dw506_funds_for_a_biennium_outside_the_period(change, offending):
    text, findings = lint_changed(change)
    assert_only(findings, "DW506", line_of(text, offending))


def test_dw506_biennium_straddling_the_end_passes():
    """2022-23 shares 2022 with the 2018-2022 period."""
    _, findings = lint_changed(lambda d: resource(d, 1).__setitem__("biennium", "2022-23"))
    assert findings == []


# DW507 outcome-without-budget


def test_dw507_outcome_without_budget_required():
    text, findings = lint_changed(lambda d: outcome(d).pop("budget_required"))
    assert_only(findings, "DW507", line_is(text, OUTCOME))


def test_dw507_outcome_with_empty_budget_required():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("budget_required", []))
    assert_only(findings, "DW507", line_of(text, "budget_required:"))


# DW508 unknown-project


def test_dw508_resource_names_unknown_project():
    text, findings = lint_changed(lambda d: resource(d, 0).__setitem__("project", "ZMB/99/01/XYZ"))
    assert_only(findings, "DW508", line_of(text, "project: ZMB/99/01/XYZ"))


def test_dw508_resource_without_project_passes():
    _, findings = lint_changed(lambda d: resource(d, 0).pop("project"))
    assert findings == []


# DW509 outcome-without-outputs


def test_dw509_outcome_without_outputs():
    # The fixture names the social partners in its one output: DW425 fires without it.
    text, findings = lint_changed(lambda d: outcome(d).pop("outputs"), select=["DW509"])
    assert_only(findings, "DW509", line_is(text, OUTCOME))


def test_dw509_outcome_with_empty_outputs():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("outputs", []), select=["DW509"])
    assert_only(findings, "DW509", line_of(text, "outputs:"))


# DW510 risk-without-mitigation


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["planning"]["risks"][0].pop("mitigation"), id="missing"),
        pytest.param(
            lambda d: d["planning"]["risks"][0].__setitem__("mitigation", "  "), id="blank"
        ),
    ],
)
def test_dw510_risk_without_mitigation(change):
    text, findings = lint_changed(change)
    assert_only(findings, "DW510", line_of(text, "Drought cuts farm incomes"))


def test_dw510_risk_without_id_is_named_by_position():
    def change(d):
        del d["planning"]["risks"][0]["id"]
        del d["planning"]["risks"][0]["mitigation"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW510", line_of(text, "Drought cuts farm incomes"))
    assert findings[0].message == "risk 1 has no mitigation measure"


# DW511 no-risks


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["planning"].pop("risks"), id="missing"),
        pytest.param(lambda d: d["planning"].__setitem__("risks", []), id="empty"),
    ],
)
def test_dw511_no_risks(change):
    """Assumptions (still in the fixture) do not stand in for risks, as documented."""
    text, findings = lint_changed(change)
    assert_only(findings, "DW511", line_of(text, "planning:"))
