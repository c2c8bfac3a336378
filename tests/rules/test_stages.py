"""Severity by programme status: the results-chain rules warn on drafts and are errors from
`validated` on, declared once on the rule; configuration still decides over both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dwcp.config import RawConfig, Settings
from dwcp.lint.findings import Severity
from dwcp.lint.ruledocs import listing, one, readme_block
from dwcp.lint.rules import ALL_RULES, BY_CODE
from dwcp.model.record import DRAFT_STATUSES
from tests.helpers import lint_changed, outcome

# The completeness rules of the results chain (and DW302, DW303, DW701, which relaxed in drafts
# before the severity was declared per stage).
STAGED = {"DW302", "DW303", "DW401", "DW402", "DW405", "DW410", "DW411", "DW701"}


def sketch(status: str) -> Any:
    """A change leaving outcome ZMB101 sketched: a statement and nothing else yet."""

    def change(d: Any) -> None:
        d["status"] = status
        cpo = outcome(d)
        for key in ("effect_on_women_and_men", "pb_outcomes", "indicators"):
            del cpo[key]
        # A second outcome whose indicator has neither baseline nor target.
        d["priorities"][0]["outcomes"].append(
            {
                "id": "ZMB102",
                "statement": "Young workers in agribusiness are covered by social security",
                "effect_on_women_and_men": "Young women in seasonal work are covered first.",
                "pb_outcomes": [{"biennium": "2018-19", "number": 8}],
                "indicators": [{"id": "ZMB102.1", "statement": "Young workers covered"}],
            }
        )
        if status in DRAFT_STATUSES:
            del d["signatories"]

    return change


def test_the_staged_rules_are_the_results_chain_ones():
    # DW093 (translations) is staged too, from information to warning, not error.
    staged = {r.code for r in ALL_RULES if r.before_validated is not None}
    assert staged == STAGED | {"DW093"}


@pytest.mark.parametrize("status", sorted(DRAFT_STATUSES))
def test_a_sketched_draft_gets_only_warnings_from_the_results_chain(status: str):
    _text, findings = lint_changed(sketch(status))
    chain = [f for f in findings if f.code in STAGED]
    assert {f.code for f in chain} == {"DW401", "DW402", "DW405", "DW410", "DW411"}
    assert {f.severity for f in chain} == {Severity.WARNING}


def test_the_same_file_validated_gets_errors():
    _text, findings = lint_changed(sketch("validated"))
    chain = [f for f in findings if f.code in STAGED]
    assert {f.code for f in chain} == {"DW401", "DW402", "DW405", "DW410", "DW411"}
    assert {f.severity for f in chain} == {Severity.ERROR}


@pytest.mark.parametrize("status", ["consultation", "implementation"])
def test_a_configured_severity_holds_at_every_status(tmp_path: Path, status: str):
    settings = Settings(root=tmp_path, raw=RawConfig(severity={"DW405": "info"}))
    _text, findings = lint_changed(sketch(status), settings=settings)
    assert {f.severity for f in findings if f.code == "DW405"} == {Severity.INFO}


def test_severity_at_each_status():
    rule = BY_CODE["DW401"]
    assert rule.severity_at("drafting") is Severity.WARNING
    assert rule.severity_at("consultation") is Severity.WARNING
    assert rule.severity_at("validated") is Severity.ERROR
    assert rule.severity_at("closed") is Severity.ERROR
    # Where the status is not known (load and schema findings), the rule's own severity.
    assert rule.severity_at(None) is Severity.ERROR
    assert BY_CODE["DW406"].severity_at("drafting") is Severity.WARNING


def test_rules_listing_shows_the_severity_per_stage():
    lines = {line.split()[0]: line for line in listing("text").splitlines()}
    assert "warning, error from validated" in lines["DW401"]
    assert "from validated" not in lines["DW406"]
    assert "| DW405 | `outcome-without-indicator` | warning, error from validated |" in (
        readme_block()
    )


def test_rule_page_and_json_show_the_severity_per_stage():
    page = one("DW402", "text")
    assert page is not None
    assert (
        "Default severity: error from `validated` on; warning before, while the programme is "
        "in drafting and consultation." in page
    )
    data = json.loads(one("DW402", "json") or "")
    assert data["severity"] == "error"
    assert data["severity_by_status"]["consultation"] == "warning"
    assert data["severity_by_status"]["validated"] == "error"
    assert set(json.loads(one("DW406", "json") or "")["severity_by_status"].values()) == {"warning"}
