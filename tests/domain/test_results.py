"""Indicator statuses (dwcp.domain.attainment) against hand-computed cases: rising and falling
targets, a baseline still to be set, actuals for some years only, a milestone due but not
reported, a target met early then lost, values by sex, an extended programme; the counts of
an outcome; and lint, the gap report and the results report agreeing on one milestone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dwcp.analyses.gaps import indicator_problems
from dwcp.config import ResultsConfig
from dwcp.domain.attainment import STATUSES, counts_by_status, share_met, standing
from dwcp.model import Programme
from dwcp.model.common import Period
from dwcp.model.results_framework import Indicator
from tests.helpers import clean_data, lint_changed
from tests.helpers import indicator as first_indicator

PERIOD = Period(start=2018, end=2021)
EXTENDED = Period(start=2018, end=2021, extended_to=2023)


def make(
    baseline: float | None = 10,
    target: float | None = 50,
    milestones: dict[int, float] | None = None,
    actuals: dict[str, float | None] | None = None,
    **extra: Any,
) -> Indicator:
    data: dict[str, Any] = {
        "id": "X1",
        "statement": "Share of enterprises with a safety committee",
        "unit": "percent",
        "baseline": {"value": baseline, "year": 2017},
        "target": {"value": target},
        "milestones": [{"year": y, "value": v} for y, v in (milestones or {}).items()],
        "actuals": [{"date": d, "value": v} for d, v in (actuals or {}).items()],
    }
    data.update(extra)
    return Indicator.model_validate(data)


RISING = make(milestones={2019: 30, 2020: 40})
FALLING = make(baseline=40, target=20, milestones={2019: 35, 2020: 30})
EARLY_THEN_LOST = make(
    milestones={2018: 30, 2020: 45},
    actuals={"2018-12-31": 55, "2020-12-31": 40, "2021-12-31": 35},
)

# (indicator, as of, period, status, distance to target), each worked out by hand.
CASES = [
    # Nothing due before 2019 ends: the 2019 milestone is the first.
    (RISING, "2019-06-30", PERIOD, "not yet due", None),
    # 2019 actual 32 >= milestone 30; target (2021) not due.  distance (50-32)/40 = 0.45.
    (make(milestones={2019: 30}, actuals={"2019-12-01": 32}), "2020-03-01", PERIOD, "on track", 0.45),
    # 2019 actual 25 < 30: off track.  (50-25)/40 = 0.625.
    (make(milestones={2019: 30}, actuals={"2019-12-01": 25}), "2020-03-01", PERIOD, "off track", 0.625),
    # Falling: 2019 actual 33 <= 35 is met.  (20-33)/(20-40) = 0.65.
    (make(baseline=40, target=20, milestones={2019: 35}, actuals={"2019-11-01": 33}),
     "2020-01-15", PERIOD, "on track", 0.65),
    # Falling: 2019 actual 37 > 35 is missed.
    (make(baseline=40, target=20, milestones={2019: 35}, actuals={"2019-11-01": 37}),
     "2020-01-15", PERIOD, "off track", 0.85),
    # Target due (2021 ended): actual 52 >= 50 met; distance (50-52)/40 = -0.05.
    (make(actuals={"2021-12-31": 52}), "2022-02-01", PERIOD, "met", -0.05),
    # Falling target met: 18 <= 20.
    (make(baseline=40, target=20, actuals={"2021-10-01": 18}), "2022-02-01", PERIOD, "met", -0.1),
    # 2021 actual 34: 60% of the way, >= 50%: partly met; distance 0.4.
    (make(actuals={"2021-12-31": 34}), "2022-02-01", PERIOD, "partly met", 0.4),
    # 2021 actual 20: 25% of the way: not met; distance 0.75.
    (make(actuals={"2021-12-31": 20}), "2022-02-01", PERIOD, "not met", 0.75),
    # The 2021 figure published in 2022 reports on 2021 (the first dated in the next year).
    (make(actuals={"2022-03-01": 50}), "2022-06-01", PERIOD, "met", 0.0),
    # Milestone 2019 due, no actual reports on it: no data (DW418 fires on the same).
    (make(milestones={2019: 30}), "2020-03-01", PERIOD, "no data", None),
    # Actuals only for some years: 2018 reported, 2020 milestone due but not: no data.
    (make(milestones={2018: 20, 2020: 40}, actuals={"2018-12-01": 22}), "2021-02-01", PERIOD,
     "no data", None),
    # ... while as of 2019 the 2018 milestone decides: on track.  (50-22)/40 = 0.7.
    (make(milestones={2018: 20, 2020: 40}, actuals={"2018-12-01": 22}), "2019-02-01", PERIOD,
     "on track", 0.7),
    # Baseline still to be set: the milestone has an actual but there is no way to measure.
    (make(baseline=None, milestones={2019: 30}, actuals={"2019-12-01": 35}), "2020-03-01",
     PERIOD, "no data", None),
    # Met early (2018: 55 >= 30), then lost: as of 2019 on track ...
    (EARLY_THEN_LOST, "2019-03-01", PERIOD, "on track", -0.125),
    # ... as of 2021 the 2020 milestone (45) is missed with 40 ...
    (EARLY_THEN_LOST, "2021-03-01", PERIOD, "off track", 0.25),
    # ... and at the end the 2021 actual 35 is 62.5% of the way: partly met.
    (EARLY_THEN_LOST, "2022-03-01", PERIOD, "partly met", 0.375),
    # Extended to 2023: the target is for 2023, so in 2022 the 2021 milestone decides ...
    (make(milestones={2021: 40}, actuals={"2021-12-31": 42}), "2022-06-01", EXTENDED,
     "on track", 0.2),
    # ... where the same file unextended has its target due and not reached (80%).
    (make(milestones={2021: 40}, actuals={"2021-12-31": 42}), "2022-06-01", PERIOD,
     "partly met", 0.2),
]  # fmt: skip


@pytest.mark.parametrize(("indicator", "as_of", "period", "status", "distance"), CASES)
def test_hand_computed_status(
    indicator: Indicator, as_of: str, period: Period, status: str, distance: float | None
) -> None:
    s = standing(indicator, dt.date.fromisoformat(as_of), period)
    assert s.status == status, s.rule
    assert s.rule
    if distance is None:
        assert s.distance is None
    else:
        assert s.distance == pytest.approx(distance)


def test_every_status_is_covered_by_a_case() -> None:
    seen = {c[3] for c in CASES}
    assert seen == set(STATUSES)


def test_direction() -> None:
    assert standing(RISING, dt.date(2019, 1, 1), PERIOD).direction == "rising"
    assert standing(FALLING, dt.date(2019, 1, 1), PERIOD).direction == "falling"
    assert standing(make(baseline=None), dt.date(2019, 1, 1), PERIOD).direction is None


def test_rules_name_the_values_compared() -> None:
    s = standing(make(actuals={"2021-12-31": 20}), dt.date(2022, 2, 1), PERIOD)
    assert s.rule == (
        "the 2021 actual (20) against the target (50): short of it, 25% of the way from the "
        "baseline, under the 50% that counts as partly met"
    )
    baseline_later = make(baseline=None, milestones={2019: 30}, actuals={"2019-12-01": 35})
    s = standing(baseline_later, dt.date(2020, 3, 1), PERIOD)
    assert "baseline has no value" in s.rule


def test_partly_met_threshold_is_configuration() -> None:
    sixty = make(actuals={"2021-12-31": 34})
    strict = ResultsConfig.model_validate({"partly-met": 0.75})
    assert standing(sixty, dt.date(2022, 2, 1), PERIOD, strict).status == "not met"


def test_split_by_sex_of_an_indicator_that_counts_people() -> None:
    plain = make(
        baseline=1000,
        target=3000,
        unit="workers",
        statement="Number of workers trained",
        disaggregation=["sex"],
    )
    people = Indicator.model_validate(
        {
            **plain.model_dump(exclude_none=True),
            "actuals": [
                {"date": "2019-12-01", "value": 1800, "by_sex": {"women": 700, "men": 1100}},
                {"date": "2020-12-01", "value": 2400, "by_sex": {"women": 1000, "men": 1400}},
            ],
        }
    )
    s = standing(people, dt.date(2021, 1, 15), PERIOD)
    assert s.counts_people
    assert s.by_sex is not None
    assert (s.by_sex.women, s.by_sex.men) == (1000, 1400)
    assert s.latest is not None and s.latest.value == 2400
    # Reported after the as-of date: not yet known then.
    earlier = standing(people, dt.date(2020, 6, 1), PERIOD)
    assert earlier.by_sex is not None and earlier.by_sex.women == 700


def test_counts_and_share_met_of_an_outcome() -> None:
    as_of = dt.date(2022, 2, 1)
    indicators = [
        make(actuals={"2021-12-31": 52}),  # met
        make(actuals={"2021-12-31": 34}),  # partly met
        make(actuals={"2021-12-31": 20}),  # not met
        make(),  # no data: the target is due, nothing reported
    ]
    counts = counts_by_status(standing(i, as_of, PERIOD) for i in indicators)
    assert counts == {
        "not met": 1,
        "off track": 0,
        "partly met": 1,
        "no data": 1,
        "on track": 0,
        "met": 1,
        "not yet due": 0,
    }
    assert share_met(counts) == (1, 4)


value = st.one_of(st.none(), st.integers(0, 100).map(float))


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    milestones = draw(st.dictionaries(st.integers(2016, 2024), st.integers(0, 100).map(float)))
    actuals = draw(
        st.dictionaries(
            st.dates(dt.date(2016, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat), value
        )
    )
    return make(draw(value), draw(value), milestones, actuals)


@given(st.lists(indicators(), max_size=8), st.dates(dt.date(2017, 1, 1), dt.date(2026, 1, 1)))
def test_counts_by_status_add_up_to_the_indicators(items: list[Indicator], as_of: dt.date) -> None:
    counts = counts_by_status(standing(i, as_of, PERIOD) for i in items)
    assert sum(counts.values()) == len(items)
    met, due = share_met(counts)
    assert met <= due <= len(items)


def _milestone_due_unreported(data: Any) -> None:
    item = first_indicator(data)
    item["milestones"] = [{"year": 2018, "value": 30}]
    item["actuals"] = []


def test_lint_gaps_and_results_agree_on_a_milestone_due_without_actual() -> None:
    # The clean fixture is in implementation, linted as of 2019-07-01: 2018 is due.
    _, findings = lint_changed(_milestone_due_unreported)
    assert any(f.code == "DW418" and "2018" in f.message for f in findings)
    data = clean_data()
    _milestone_due_unreported(data)
    programme = Programme.model_validate(data)
    indicator = programme.priorities[0].outcomes[0].indicators[0]
    as_of = dt.date(2019, 7, 1)
    problems = indicator_problems(indicator, programme.period, as_of, True)
    assert "milestone 2018 due, no actual" in problems
    s = standing(indicator, as_of, programme.period)
    assert s.status == "no data"
    assert s.due is not None and s.due.milestone.year == 2018
    assert "no actual reports on 2018" in s.rule


def test_gaps_and_results_agree_on_a_missed_milestone() -> None:
    indicator = make(milestones={2019: 30}, actuals={"2019-12-01": 25})
    as_of = dt.date(2020, 3, 1)
    assert "off track in 2019 (25 vs 30)" in indicator_problems(indicator, PERIOD, as_of, True)
    assert standing(indicator, as_of, PERIOD).status == "off track"
