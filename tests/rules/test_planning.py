"""Planning rules (DW501-DW511): outputs, budgets, resources and risks of outcome ZMB101.

The clean outcome needs 600,000 USD for 2018-19 and has 500,000 secured from RBSA (through
project ZMB/18/02/RBS, allocated 400,000, spent 300,000) and 100,000 in the XBDC pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dwcp.config import Settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.rules.planning import CoverageShare
from tests.helpers import (
    AS_OF,
    CLEAN_NAME,
    assert_only,
    clean_data,
    dump,
    line_of,
    lint_changed,
    outcome,
    with_options,
)
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
    """100,000 in the pipeline are resources, though only a sixth of the 600,000 (DW513)."""
    _, findings = lint_changed(lambda d: outcome(d)["resources"].pop(0))
    assert [f.code for f in findings] == ["DW513"]


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
    """1,000,000 EUR secured is not weighed against 600,000 USD required: DW512 says the
    reports convert it."""

    def change(d):
        resource(d, 0)["amount"] = 1000000
        resource(d, 0)["currency"] = "EUR"
        del resource(d, 0)["project"]  # else more than the project's budget (DW514)

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW512"]


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


# DW512 resources-in-other-currency (the requirement: 600,000 USD for 2018-19)


def test_dw512_resources_in_another_currency_name_the_rate():
    """EUR at the catalogue's UN operational rate of 1 January 2018 (0.837 EUR per USD)."""
    text, findings = lint_changed(lambda d: resource(d, 1).__setitem__("currency", "EUR"))
    assert_only(findings, "DW512", line_of(text, "source: XBDC"))
    message = findings[0].message
    assert message.startswith("outcome ZMB101 has EUR resources for 2018-19 against a ")
    assert "requirement in USD; the reports count them in USD at the United Nations " in message
    assert message.endswith("operational rate of exchange of 2018-01-01 (1 EUR = 1.194743 USD)")


def test_dw512_says_when_no_rate_is_known():
    text, findings = lint_changed(lambda d: resource(d, 1).__setitem__("currency", "XOF"))
    assert_only(findings, "DW512", line_of(text, "source: XBDC"))
    assert "no United Nations operational rate of exchange from XOF to USD is known for " in (
        findings[0].message
    )
    assert findings[0].message.endswith(
        "so the reports show them apart and they fill none of the gap"
    )


def test_dw512_a_repository_rate_is_used(tmp_path: Path):
    (tmp_path / "exchange_rates.yaml").write_text(
        "exchange_rates:\n  - {currency: XOF, effective: 2017-12-01, per_usd: '600'}\n",
        encoding="utf-8",
    )
    data = clean_data()
    resource(data, 1)["currency"] = "XOF"
    options = LintOptions(as_of=AS_OF, select=[], use_cache=False)
    linter = Linter(Settings(root=tmp_path), load_catalogue(tmp_path), options)
    findings = linter.lint_text(dump(data), CLEAN_NAME).findings
    assert [f.code for f in findings] == ["DW512"]
    assert findings[0].message.endswith("of 2017-12-01 (1 XOF = 0.001667 USD)")


def test_dw512_the_same_currency_passes():
    def change(d):
        need(d)["currency"] = "EUR"
        project(d)["currency"] = "EUR"
        resource(d, 0)["currency"] = "EUR"
        resource(d, 1)["currency"] = "EUR"

    _, findings = lint_changed(change)
    assert findings == []


def test_dw512_a_biennium_without_requirement_is_not_compared():
    """Funds for 2020-21, which states no requirement, have nothing to be converted into."""

    def change(d):
        resource(d, 1)["currency"] = "EUR"
        resource(d, 1)["biennium"] = "2020-21"

    _, findings = lint_changed(change)
    assert "DW512" not in [f.code for f in findings]


# DW513 funding-coverage-low (the clean outcome: 600,000 covered by 500,000 + 100,000)


def test_dw513_little_of_the_requirement_covered():
    """100,000 + 100,000 of 600,000 = 33.3 per cent, below half."""
    text, findings = lint_changed(lambda d: resource(d, 0).__setitem__("amount", 100000))
    assert_only(findings, "DW513", line_of(text, "budget_required:"))
    assert findings[0].message == (
        "outcome ZMB101 has 200,000 USD secured or in the pipeline, 33.3 per cent of the "
        "600,000 required; less than 50 per cent"
    )


def test_dw513_half_covered_passes():
    _, findings = lint_changed(lambda d: resource(d, 0).__setitem__("amount", 200000))
    assert findings == []


def test_dw513_converted_resources_count():
    """EUR 300,000 at 0.837 per USD is about USD 358,000: with the 100,000 pipeline, above
    half of 600,000; unconverted it would be 100,000 of 600,000."""

    def change(d):
        resource(d, 0)["amount"] = 300000
        resource(d, 0)["currency"] = "EUR"

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW512"]


def test_dw513_min_share_is_an_option(tmp_path: Path):
    settings = with_options(tmp_path, CoverageShare(min_share=0.3))
    _, findings = lint_changed(
        lambda d: resource(d, 0).__setitem__("amount", 100000), settings=settings
    )
    assert findings == []


def test_dw513_full_share_wants_the_whole_requirement(tmp_path: Path):
    settings = with_options(tmp_path, CoverageShare(min_share=1))
    _, findings = lint_changed(
        lambda d: resource(d, 1).__setitem__("amount", 99999), settings=settings
    )
    assert [f.code for f in findings] == ["DW513"]
    assert findings[0].message.endswith(
        "99.9 per cent of the 600,000 required; less than 100 per cent"
    )


# DW514 resource-exceeds-project-budget (ZMB/18/02/RBS: budget 500,000, one line of 500,000)


def test_dw514_lines_naming_a_project_exceed_its_budget():
    text, findings = lint_changed(lambda d: resource(d, 1).__setitem__("project", "ZMB/18/02/RBS"))
    assert_only(findings, "DW514", line_of(text, "budget: 500000"))
    assert findings[0].message == (
        "project ZMB/18/02/RBS: the resource lines that name it add up to 600,000 USD, more "
        "than its budget of 500,000 USD"
    )


def test_dw514_lines_within_the_budget_pass():
    def change(d):
        resource(d, 0)["amount"] = 400000
        resource(d, 1)["project"] = "ZMB/18/02/RBS"

    _, findings = lint_changed(change)
    assert "DW514" not in [f.code for f in findings]


def test_dw514_a_project_in_another_currency_is_compared_converted():
    """The project in EUR (500,000): 600,000 USD at 0.837 EUR per USD is 502,200 EUR."""

    def change(d):
        project(d)["currency"] = "EUR"
        resource(d, 1)["project"] = "ZMB/18/02/RBS"

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW514"]
    assert "add up to 502,200.00 EUR, more than its budget of 500,000 EUR" in findings[0].message


# DW515 resource-outside-project-period (ZMB/18/02/RBS runs 2018-2020)


def test_dw515_resource_line_after_the_project_ends():
    def change(d):
        resource(d, 0)["biennium"] = "2022-23"
        need(d)["biennium"] = "2022-23"

    text, findings = lint_changed(change)
    codes = [f.code for f in findings if f.code == "DW515"]
    assert codes == ["DW515"]
    (finding,) = [f for f in findings if f.code == "DW515"]
    assert finding.line == line_of(text, "biennium: 2022-23, status: secured")
    assert finding.message == (
        "outcome ZMB101 draws on project ZMB/18/02/RBS for 2022-23, outside the project's "
        "period 2018-2020"
    )


def test_dw515_a_biennium_that_overlaps_the_period_passes():
    _, findings = lint_changed(lambda d: project(d)["period"].__setitem__("start", 2019))
    assert findings == []


def test_dw515_a_project_without_period_is_not_checked():
    def change(d):
        project(d).pop("period")
        resource(d, 0)["biennium"] = "2022-23"
        need(d)["biennium"] = "2022-23"

    _, findings = lint_changed(change)
    assert "DW515" not in [f.code for f in findings]
