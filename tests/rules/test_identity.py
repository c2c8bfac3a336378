"""Identity rules, each with the smallest change to the clean fixture that breaks it."""

from __future__ import annotations

from tests.helpers import assert_only, line_of, lint_changed, lint_text, outcome


def test_clean_fixture_has_no_findings():
    from tests.helpers import CLEAN

    assert lint_text(CLEAN.read_text(encoding="utf-8")) == []


def test_dw101_unknown_country_code():
    text, findings = lint_changed(lambda d: d.__setitem__("country", "XYZ"), name="XYZ-2018-2022.yaml")
    # DW108 also notices the outcome codes no longer start with the country.
    assert {f.code for f in findings} == {"DW101", "DW108"}
    assert [f.line for f in findings if f.code == "DW101"] == [line_of(text, "country: XYZ")]


def test_dw102_file_name_mismatch():
    text, findings = lint_changed(lambda d: None, name="programmes/zambia.yaml")
    assert_only(findings, "DW102", line_of(text, "country: ZMB"))


def test_dw103_period_reversed():
    def change(d):
        d["period"]["start"], d["period"]["end"] = 2022, 2018

    text, findings = lint_changed(change, name="ZMB-2022-2018.yaml")
    assert "DW103" in {f.code for f in findings}
    assert any(f.code == "DW103" and f.path == "period.end" for f in findings)


def test_dw108_outcome_code_format():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("id", "youth-1"))
    # The project still points at the old code, which DW205 reports.
    assert {f.code for f in findings} == {"DW108", "DW205"}
    assert line_of(text, "id: youth-1") in [f.line for f in findings if f.code == "DW108"]
