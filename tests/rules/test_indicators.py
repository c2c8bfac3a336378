"""Indicator rules (DW410-DW419), each shown on the clean fixture's one indicator, ZMB101.1.

Findings about the indicator as a whole land on its first line, `- id: ZMB101.1`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.helpers import assert_only, indicator, line_of, lint_changed

INDICATOR = "id: ZMB101.1"


def baseline(d: Any) -> Any:
    return indicator(d)["baseline"]


def target(d: Any) -> Any:
    return indicator(d)["target"]


def milestone(d: Any, index: int) -> Any:
    return indicator(d)["milestones"][index]


# DW410 indicator-without-baseline


def test_dw410_indicator_without_baseline():
    text, findings = lint_changed(lambda d: indicator(d).pop("baseline"))
    assert_only(findings, "DW410", line_of(text, INDICATOR))


def test_dw410_baseline_with_year_and_source_but_no_value():
    text, findings = lint_changed(lambda d: baseline(d).pop("value"))
    assert_only(findings, "DW410", line_of(text, "baseline:"))


def test_dw410_qualitative_baseline_passes():
    """A description stands in for a value: some baselines are not numbers."""

    def change(d):
        del baseline(d)["value"]
        baseline(d)["description"] = "Few trained youth find work"

    _, findings = lint_changed(change)
    assert findings == []


def test_dw410_baseline_to_be_established_passes():
    """A baseline still unknown passes when it says by when it will be measured."""

    def change(d):
        del baseline(d)["value"]
        baseline(d)["to_be_established_by"] = dt.date(2019, 12, 31)

    _, findings = lint_changed(change)
    assert findings == []


# DW411 indicator-without-target


def test_dw411_indicator_without_target():
    text, findings = lint_changed(lambda d: indicator(d).pop("target"))
    assert_only(findings, "DW411", line_of(text, INDICATOR))


def test_dw411_target_without_year():
    text, findings = lint_changed(lambda d: target(d).pop("year"))
    assert_only(findings, "DW411", line_of(text, "target:"))
    assert "gives no year" in findings[0].message


def test_dw411_target_without_value_or_description():
    text, findings = lint_changed(lambda d: target(d).pop("value"))
    assert_only(findings, "DW411", line_of(text, "target:"))
    assert "has no target" in findings[0].message


def test_dw411_qualitative_target_passes():
    def change(d):
        del target(d)["value"]
        target(d)["description"] = "Two in five trained youth in work"

    _, findings = lint_changed(change)
    assert findings == []


# DW412 indicator-without-verification


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: indicator(d).pop("means_of_verification"), id="missing"),
        pytest.param(lambda d: indicator(d).__setitem__("means_of_verification", []), id="empty"),
    ],
)
def test_dw412_indicator_without_means_of_verification(change):
    text, findings = lint_changed(change)
    assert_only(findings, "DW412", line_of(text, INDICATOR))


# DW413 baseline-without-source


@pytest.mark.parametrize("missing", ["year", "source"])
def test_dw413_baseline_value_without_year_or_source(missing):
    text, findings = lint_changed(lambda d: baseline(d).pop(missing))
    assert_only(findings, "DW413", line_of(text, "baseline:"))
    assert f"baseline has no {missing}" in findings[0].message


def test_dw413_baseline_without_year_and_source_names_both():
    def change(d):
        del baseline(d)["year"]
        del baseline(d)["source"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW413", line_of(text, "baseline:"))
    assert "baseline has no year and source" in findings[0].message


def test_dw413_baseline_still_to_be_established_needs_no_source():
    """A baseline not yet measured cannot have a year or source."""
    _, findings = lint_changed(
        lambda d: indicator(d).__setitem__(
            "baseline", {"to_be_established_by": dt.date(2019, 12, 31)}
        )
    )
    assert findings == []


# DW414 target-outside-period


def test_dw414_target_after_the_period():
    text, findings = lint_changed(lambda d: target(d).__setitem__("year", 2023))
    assert_only(findings, "DW414", line_of(text, "target:"))


def test_dw414_target_before_the_period():
    text, findings = lint_changed(lambda d: target(d).__setitem__("year", 2017))
    # A 2017 target also comes before the 2019 and 2021 milestones, which then fall back
    # from it: DW416 reports that too.
    assert {f.code for f in findings} == {"DW414", "DW416"}
    assert [f.line for f in findings if f.code == "DW414"] == [line_of(text, "target:")]


def test_dw414_target_in_the_last_year_passes():
    _, findings = lint_changed(lambda d: target(d).__setitem__("year", 2022))
    assert findings == []


# DW415 milestone-outside-period


@pytest.mark.parametrize(
    ("index", "year", "value"),
    [
        pytest.param(0, 2017, 25, id="before-start"),
        pytest.param(1, 2023, 40, id="after-end"),
    ],
)
def test_dw415_milestone_outside_the_period(index, year, value):
    def change(d):
        milestone(d, index)["year"] = year
        milestone(d, index)["value"] = value  # keeps the course towards the target

    text, findings = lint_changed(change)
    assert_only(findings, "DW415", line_of(text, f"year: {year}, value: {value}"))


@pytest.mark.parametrize(
    ("index", "year"),
    [pytest.param(0, 2018, id="first-year"), pytest.param(1, 2022, id="last-year")],
)
def test_dw415_milestone_in_the_first_or_last_year_passes(index, year):
    _, findings = lint_changed(lambda d: milestone(d, index).__setitem__("year", year))
    assert findings == []


# DW416 milestones-off-course


def test_dw416_milestone_falls_back():
    """Baseline 20, then 25, then 15, target 40: the 2021 milestone moves away."""
    text, findings = lint_changed(lambda d: milestone(d, 1).__setitem__("value", 15))
    assert_only(findings, "DW416", line_of(text, "year: 2021, value: 15"))


def test_dw416_milestone_overshoots_the_target():
    """Baseline 20, then 25, then 45, target 40: the target is where the course turns."""
    text, findings = lint_changed(lambda d: milestone(d, 1).__setitem__("value", 45))
    assert_only(findings, "DW416", line_of(text, "target:"))


def test_dw416_falling_indicator_passes():
    """An indicator meant to go down (40, 35, 25, 20) is on course."""

    def change(d):
        baseline(d)["value"] = 40
        milestone(d, 0)["value"] = 35
        milestone(d, 1)["value"] = 25
        target(d)["value"] = 20

    _, findings = lint_changed(change)
    assert findings == []


def test_dw416_milestones_are_read_in_year_order():
    """Listing the 2021 milestone before the 2019 one does not put them off course."""
    _, findings = lint_changed(lambda d: indicator(d)["milestones"].reverse())
    assert findings == []


def test_dw416_course_broken_by_the_baseline_is_reported_at_the_baseline():
    """Baseline 20 measured in 2020, after the 2019 milestone of 25: the baseline turns back.

    The finding reads "(25 then 20)", the baseline's value, yet lands on `target: {value: 40}`.
    """
    # A baseline dated after the 2018 start is DW427's finding too; this test is about DW416.
    text, findings = lint_changed(lambda d: baseline(d).__setitem__("year", 2020), select=["DW416"])
    assert_only(findings, "DW416", line_of(text, "baseline:"))


@pytest.mark.parametrize("where", ["baseline", "target"])
def test_not_a_number_is_a_schema_error_before_dw416_can_misread_it(where):
    """NaN would break every comparison, so the schema refuses it (DW022)."""
    _text, findings = lint_changed(lambda d: indicator(d)[where].__setitem__("value", float("nan")))
    assert {f.code for f in findings} == {"DW022"}
    assert "finite number" in findings[0].message


# DW417 indicator-not-sex-disaggregated


def test_dw417_people_count_without_sex():
    """'Share of trained youth ...' counts people; age alone is not enough."""
    text, findings = lint_changed(lambda d: indicator(d)["disaggregation"].remove("sex"))
    assert_only(findings, "DW417", line_of(text, "disaggregation: [age]"))


def test_dw417_people_count_without_any_disaggregation():
    text, findings = lint_changed(lambda d: indicator(d).pop("disaggregation"))
    assert_only(findings, "DW417", line_of(text, INDICATOR))


def test_dw417_people_named_only_in_the_unit():
    def change(d):
        indicator(d)["statement"] = "Number of jobseekers placed by public employment services"
        indicator(d)["unit"] = "persons"
        indicator(d)["disaggregation"].remove("sex")

    text, findings = lint_changed(change)
    assert_only(findings, "DW417", line_of(text, "disaggregation:"))


@pytest.mark.parametrize("word", ["gender", "Sex", "sex (women/men)"])
def test_dw417_other_words_for_sex_pass(word):
    _, findings = lint_changed(lambda d: indicator(d)["disaggregation"].__setitem__(0, word))
    assert findings == []


def test_dw417_indicator_counting_no_people_passes():
    def change(d):
        indicator(d)["statement"] = "Number of agribusiness value chains upgraded"
        indicator(d).pop("disaggregation")

    _, findings = lint_changed(change)
    assert findings == []


# DW418 milestone-due-without-actual (the 2019 milestone falls due once 2019 is over)


def no_actuals(d: Any) -> None:
    del indicator(d)["actuals"]


def test_dw418_milestone_not_yet_due_passes():
    _, findings = lint_changed(no_actuals)
    assert findings == []


def test_dw418_milestone_due_only_once_its_year_is_over():
    _, findings = lint_changed(no_actuals, as_of=dt.date(2019, 12, 31))
    # The annual review planned for 2019-12-15 is overdue by then (DW702), DW418 not yet.
    assert {f.code for f in findings} == {"DW702"}


def test_dw418_milestone_due_without_actual():
    text, findings = lint_changed(no_actuals, as_of=dt.date(2020, 1, 1))
    # By 2020 the annual review planned for 2019-12-15 is overdue too (DW702).
    assert {f.code for f in findings} == {"DW418", "DW702"}
    assert [f.line for f in findings if f.code == "DW418"] == [
        line_of(text, "year: 2019, value: 25")
    ]


def test_dw418_actual_reported_in_a_later_year_counts():
    """A value measured in early 2020 reports on the 2019 milestone."""
    _, findings = lint_changed(
        lambda d: indicator(d)["actuals"][0].__setitem__("date", dt.date(2020, 2, 1)),
        as_of=dt.date(2020, 3, 1),
    )
    # The annual review planned for 2019-12-15 is overdue by then (DW702).
    assert {f.code for f in findings} == {"DW702"}


def test_dw418_not_checked_before_implementation():
    """A programme only signed, not yet implemented, is not asked for actuals."""

    def change(d):
        d["status"] = "signed"
        no_actuals(d)

    _, findings = lint_changed(change, as_of=dt.date(2020, 1, 1))
    # The annual review planned for 2019-12-15 is overdue whatever the status (DW702).
    assert {f.code for f in findings} == {"DW702"}


# DW419 baseline-overdue (the baseline is due by 2019-09-30)


def baseline_due_by_end_of_september(d: Any) -> None:
    indicator(d)["baseline"] = {"to_be_established_by": dt.date(2019, 9, 30)}


def test_dw419_baseline_on_its_due_date_passes():
    _, findings = lint_changed(baseline_due_by_end_of_september, as_of=dt.date(2019, 9, 30))
    assert findings == []


def test_dw419_baseline_overdue():
    text, findings = lint_changed(baseline_due_by_end_of_september, as_of=dt.date(2019, 10, 1))
    assert_only(findings, "DW419", line_of(text, "to_be_established_by:"))


def test_dw419_baseline_measured_since_passes():
    """Once the value is recorded, a past to_be_established_by date does not matter."""
    _, findings = lint_changed(
        lambda d: baseline(d).__setitem__("to_be_established_by", dt.date(2019, 1, 31))
    )
    assert findings == []


def test_dw417_a_count_naming_both_sexes_still_needs_the_split():
    """'young women and men placed' counts people; naming both sexes is not a split."""

    def change(d):
        indicator(d)["statement"] = "Number of young women and men placed in jobs"
        indicator(d)["unit"] = "number"
        indicator(d)["disaggregation"] = ["age"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW417", line_of(text, "disaggregation:"))
