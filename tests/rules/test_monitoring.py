"""Monitoring rules (DW701-DW707): arrangements, reporting, reviews and satisfaction.

The clean programme (2018-2022) plans an annual review for 2019-12-15 and an independent
evaluation for 2022-10-01; reviews may fall in the period or the year after it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dwcp.lint.findings import Severity
from tests.helpers import assert_only, line_of, lint_changed


def review(d: Any, index: int) -> Any:
    """0: the annual review of 2019-12-15; 1: the independent evaluation of 2022-10-01."""
    return d["monitoring"]["reviews"][index]


def satisfaction(percent: float) -> Any:
    def change(d: Any) -> None:
        d["monitoring"]["satisfaction"] = [
            {"group": "workers", "year": 2019, "satisfied_percent": percent}
        ]

    return change


# DW701 no-review-planned


def test_dw701_no_review_planned():
    text, findings = lint_changed(lambda d: d["monitoring"].pop("reviews"))
    assert_only(findings, "DW701", line_of(text, "monitoring:"))
    assert findings[0].severity is Severity.ERROR


def test_dw701_is_only_a_warning_while_drafting():
    def change(d):
        d["status"] = "drafting"
        del d["monitoring"]["reviews"]

    text, findings = lint_changed(change)
    # A draft carrying four dated signatures also gets DW804.
    assert {f.code for f in findings} == {"DW701", "DW804"}
    [dw701] = [f for f in findings if f.code == "DW701"]
    assert dw701.line == line_of(text, "monitoring:")
    assert dw701.severity is Severity.WARNING


# DW702 review-overdue (the annual review is planned for 2019-12-15)


def test_dw702_review_on_its_planned_day_passes():
    _, findings = lint_changed(lambda _: None, as_of=dt.date(2019, 12, 15))
    assert findings == []


def test_dw702_review_overdue():
    text, findings = lint_changed(lambda _: None, as_of=dt.date(2019, 12, 16))
    assert_only(findings, "DW702", line_of(text, "kind: annual-review"))


def test_dw702_review_recorded_as_done_passes():
    _, findings = lint_changed(
        lambda d: review(d, 0).__setitem__("done", dt.date(2019, 12, 10)),
        as_of=dt.date(2020, 1, 15),
    )
    assert findings == []


def test_dw702_review_without_planned_date_is_not_checked():
    _, findings = lint_changed(lambda d: review(d, 0).pop("planned"), as_of=dt.date(2020, 1, 15))
    assert findings == []


# DW703 no-monitoring-arrangements


def test_dw703_no_monitoring_arrangements():
    text, findings = lint_changed(lambda d: d["monitoring"].pop("arrangements"))
    assert_only(findings, "DW703", line_of(text, "monitoring:"))


# DW704 no-reporting-schedule


def test_dw704_no_reporting_schedule():
    text, findings = lint_changed(lambda d: d["monitoring"].pop("reporting"))
    assert_only(findings, "DW704", line_of(text, "monitoring:"))


# DW705 review-outside-period


def test_dw705_review_planned_two_years_after_the_period():
    text, findings = lint_changed(
        lambda d: review(d, 1).__setitem__("planned", dt.date(2024, 3, 1))
    )
    assert_only(findings, "DW705", line_of(text, "kind: independent-evaluation"))
    assert "outside the period 2018-2022 and the year after it" in findings[0].message


def test_dw705_review_done_before_the_period():
    """The done date, when given, is the one checked."""
    text, findings = lint_changed(lambda d: review(d, 0).__setitem__("done", dt.date(2017, 12, 15)))
    assert_only(findings, "DW705", line_of(text, "kind: annual-review"))


def test_dw705_review_in_the_year_after_the_period_passes():
    _, findings = lint_changed(lambda d: review(d, 1).__setitem__("planned", dt.date(2023, 12, 31)))
    assert findings == []


# DW706 satisfaction-out-of-range


@pytest.mark.parametrize("percent", [120, -5])
def test_dw706_satisfaction_share_out_of_range(percent):
    text, findings = lint_changed(satisfaction(percent))
    assert_only(findings, "DW706", line_of(text, f"satisfied_percent: {percent}"))


@pytest.mark.parametrize("percent", [0, 100, 62.5])
def test_dw706_satisfaction_share_in_range_passes(percent):
    _, findings = lint_changed(satisfaction(percent))
    assert findings == []


# DW707 no-evaluation


def test_dw707_only_annual_and_mid_term_reviews():
    text, findings = lint_changed(lambda d: review(d, 1).__setitem__("kind", "mid-term-review"))
    assert_only(findings, "DW707", line_of(text, "reviews:"))


@pytest.mark.parametrize("kind", ["country-programme-review", "final-review"])
def test_dw707_other_end_of_period_reviews_pass(kind):
    _, findings = lint_changed(lambda d: review(d, 1).__setitem__("kind", kind))
    assert findings == []


def test_dw707_is_left_to_dw701_when_nothing_is_planned():
    _, findings = lint_changed(lambda d: d["monitoring"].pop("reviews"))
    assert {f.code for f in findings} == {"DW701"}
