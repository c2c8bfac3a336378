"""Where an indicator stands against its milestones and target as of a date, for the results
report, the spreadsheet export and anything else that counts targets met.

Every milestone and the target are judged by dwcp.domain.indicators (due once their year has
ended, met or missed on the actual of their year), the judgements the lint rules and the gap
report use, so none of them can disagree about the same milestone. On top of them:

- **met**: the target is due and its actual reaches it (in the indicator's direction);
- **partly met**: the target is due, not reached, but at least `partly-met` of the way from
  the baseline (`[tool.dwcp.results]`, default 0.5);
- **not met**: the target is due and less of the way was covered;
- **on track** / **off track**: the target is not due; the latest milestone due was met /
  missed;
- **no data**: something is due and no actual with a value can be compared with it (none
  reported, or the baseline, target or milestone has no value, such as a baseline still to be
  established);
- **not yet due**: neither a milestone nor the target is due.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from dwcp.config import ResultsConfig
from dwcp.domain.indicators import (
    MilestoneCheck,
    counts_people,
    milestone_checks,
    rising,
    target_check,
)
from dwcp.model.common import Period
from dwcp.model.delivery import Review
from dwcp.model.results_framework import Actual, BySex, Indicator

Status = Literal["met", "on track", "partly met", "off track", "not met", "not yet due", "no data"]
STATUSES: tuple[Status, ...] = (
    "not met",
    "off track",
    "partly met",
    "no data",
    "on track",
    "met",
    "not yet due",
)
"""Worst first: the order of the off-track list and of every count by status."""
ATTENTION: frozenset[Status] = frozenset({"not met", "off track", "partly met", "no data"})
"""What a steering committee should look at: the statuses `--off-track` lists."""
Direction = Literal["rising", "falling"]


@dataclass(frozen=True)
class Standing:
    """One indicator as of a date."""

    indicator: Indicator
    status: Status
    rule: str
    """Why, in words, naming the values compared."""
    direction: Direction | None
    latest: Actual | None
    """The latest actual with a value dated on or before the as-of date."""
    due: MilestoneCheck | None
    """The target when due, else the latest milestone due, else None."""
    distance: float | None
    """How much of the way from baseline to target is still to go, as a share of the whole
    way: 1 at the baseline, 0 at the target, below 0 beyond it. From the deciding actual."""
    counts_people: bool
    by_sex: BySex | None
    """The latest split by sex reported, for an indicator that counts people."""

    @property
    def is_due(self) -> bool:
        return self.status != "not yet due"

    @property
    def severity(self) -> int:
        """0 for the worst status; ties are broken by distance."""
        return STATUSES.index(self.status)


def direction_of(indicator: Indicator) -> Direction | None:
    """Falling when the target is below the baseline, else rising; None when either is
    unknown."""
    up = rising(indicator)
    return None if up is None else ("rising" if up else "falling")


def distance_to_target(indicator: Indicator, value: float) -> float | None:
    """The share of the way from baseline to target still to go from `value`."""
    baseline = indicator.baseline.value if indicator.baseline else None
    target = indicator.target.value if indicator.target else None
    if baseline is None or target is None or target == baseline:
        return None
    return (target - value) / (target - baseline)


def standing(
    indicator: Indicator, as_of: dt.date, period: Period, config: ResultsConfig | None = None
) -> Standing:
    """The indicator's status as of the date, from the target if due, else from the latest
    milestone due (see the module's description)."""
    config = config or ResultsConfig()
    target = target_check(indicator, as_of, period)
    milestones = [c for c in milestone_checks(indicator, as_of, period) if c.state != "not due"]
    due = target if target is not None and target.state != "not due" else None
    if due is None and milestones:
        due = max(milestones, key=lambda c: c.milestone.year)
    status, rule = _judge(indicator, due, target, config)
    decided = due.actual if due is not None else None
    value = decided.value if decided is not None and decided.value is not None else None
    people = counts_people(indicator)
    latest = latest_actual(indicator, as_of)
    return Standing(
        indicator=indicator,
        status=status,
        rule=rule,
        direction=direction_of(indicator),
        latest=latest,
        due=due,
        distance=None if value is None else distance_to_target(indicator, value),
        counts_people=people,
        by_sex=_by_sex(indicator, as_of) if people else None,
    )


def latest_actual(indicator: Indicator, as_of: dt.date) -> Actual | None:
    dated = [a for a in indicator.actuals if a.value is not None and a.date <= as_of]
    return max(dated, key=lambda a: a.date, default=None)


def _by_sex(indicator: Indicator, as_of: dt.date) -> BySex | None:
    split = [a for a in indicator.actuals if a.by_sex is not None and a.date <= as_of]
    latest = max(split, key=lambda a: a.date, default=None)
    return latest.by_sex if latest is not None else None


def _judge(
    indicator: Indicator,
    due: MilestoneCheck | None,
    target: MilestoneCheck | None,
    config: ResultsConfig,
) -> tuple[Status, str]:
    if due is None:
        return "not yet due", _nothing_due(indicator, target)
    what = "the target" if due is target else f"the {due.milestone.year} milestone"
    year = due.milestone.year
    if due.state == "no actual":
        return "no data", f"{what} is due and no actual reports on {year}"
    actual = due.actual
    if due.state == "reported" or actual is None or actual.value is None:
        return "no data", _uncomparable(indicator, what, year)
    goal = due.milestone.value
    if goal is None:
        return "no data", _uncomparable(indicator, what, year)
    compared = f"the {year} actual ({actual.value:g}) against {what} ({goal:g})"
    if due is not target:
        later = "no target is set" if target is None else "the target is not yet due"
        if due.state == "met":
            return "on track", f"{compared}: reached; {later}"
        return "off track", f"{compared}: short of it; {later}"
    if due.state == "met":
        return "met", f"{compared}: reached"
    distance = distance_to_target(indicator, actual.value)
    covered = None if distance is None else 1 - distance
    if covered is not None and covered >= config.partly_met:
        return "partly met", (
            f"{compared}: short of it, {covered:.0%} of the way from the baseline, at least "
            f"the {config.partly_met:.0%} that counts as partly met"
        )
    share = "" if covered is None else f", {covered:.0%} of the way from the baseline"
    return "not met", (
        f"{compared}: short of it{share}, under the {config.partly_met:.0%} that counts as "
        "partly met"
    )


def _nothing_due(indicator: Indicator, target: MilestoneCheck | None) -> str:
    years = [m.year for m in indicator.milestones]
    if target is not None:
        years.append(target.milestone.year)
    if not years:
        return "no milestone or target is set"
    return f"no milestone or target is due yet; the first is for {min(years)}"


def _uncomparable(indicator: Indicator, what: str, year: int) -> str:
    baseline = indicator.baseline
    if baseline is None or baseline.value is None:
        by = baseline.to_be_established_by if baseline is not None else None
        later = f" (to be established by {by.isoformat()})" if by is not None else ""
        return f"{what} is due but the baseline has no value{later}, so the way is unknown"
    if indicator.target is None or indicator.target.value is None:
        return f"{what} is due but the target has no value"
    return f"{what} is due but the {year} actual or {what} has no value to compare"


def counts_by_status(standings: Iterable[Standing]) -> dict[Status, int]:
    """Every status, worst first, with how many of the standings have it (zeros kept)."""
    found = Counter(s.status for s in standings)
    return {status: found[status] for status in STATUSES}


def share_met(counts: dict[Status, int]) -> tuple[int, int]:
    """Targets met and indicators due (anything but not yet due), for "13 of 27 met"."""
    due = sum(n for status, n in counts.items() if status != "not yet due")
    return counts["met"], due


def next_review(reviews: Iterable[Review], as_of: dt.date) -> Review | None:
    """The next review not yet done: the earliest planned (an overdue one comes first)."""
    waiting = [r for r in reviews if r.done is None and r.planned is not None]
    return min(waiting, key=lambda r: r.planned or as_of, default=None)
