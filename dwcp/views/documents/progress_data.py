"""What a progress report (`dwcp render --document progress`) shows: where every outcome and
indicator stands as of a date, counted by status, and the reviews' findings and
recommendations. Every status is the one dwcp.domain.attainment gives `dwcp report results`,
so the report and the document never disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dwcp.config import ResultsConfig
from dwcp.domain.attainment import Standing, Status, counts_by_status, next_review, share_met
from dwcp.domain.attainment import standing as standing_of
from dwcp.model import Programme
from dwcp.model.delivery import Review


@dataclass(frozen=True)
class StatusCount:
    status: str
    """The status as the messages name it: `export.status.<status>` (met, not_met, ...)."""
    count: int


@dataclass(frozen=True)
class Tally:
    """Counts by status (worst first, zeros kept) and targets met among those due."""

    counts: list[StatusCount]
    met: int
    due: int


@dataclass(frozen=True)
class IndicatorProgress:
    id: str
    statement: str
    unit: str | None
    status: str
    """As in StatusCount."""
    latest_value: float | None
    latest_date: dt.date | None
    """The latest actual with a value reported by the as-of date."""
    due_year: int | None
    due_value: float | None
    """The target when due, else the latest milestone due; None when nothing is due."""


@dataclass(frozen=True)
class OutcomeProgress:
    id: str
    number: str
    """As the programme document numbers it: "1.2"."""
    statement: str
    indicators: list[IndicatorProgress]
    tally: Tally


@dataclass(frozen=True)
class PriorityProgress:
    number: str
    title: str
    outcomes: list[OutcomeProgress]
    tally: Tally


@dataclass(frozen=True)
class StatusChange:
    """An indicator whose status differs from the one at the previous report's revision."""

    indicator: str
    outcome: str
    """The outcome's number."""
    old: str | None
    """None: the indicator was not in the programme then."""
    new: str


@dataclass(frozen=True)
class Progress:
    """What documents/progress.html.j2 and progress.md.j2 read under `progress`."""

    priorities: list[PriorityProgress]
    tally: Tally
    reviews: list[Review]
    """Reviews with findings or recommendations, as published (internal ones removed)."""
    next_review: Review | None
    since: str | None = None
    """The git revision of the previous progress report (--since), None when not given."""
    changes: list[StatusChange] | None = None
    """Indicators whose status changed since that revision; None without --since."""


def status_key(status: Status) -> str:
    return status.replace(" ", "_")


def tally(standings: Iterable[Standing]) -> Tally:
    counts = counts_by_status(standings)
    met, due = share_met(counts)
    return Tally([StatusCount(status_key(s), n) for s, n in counts.items()], met, due)


def statuses(programme: Programme, as_of: dt.date, config: ResultsConfig) -> dict[str, Status]:
    """Every indicator's status by id: what --since compares between two revisions."""
    return {
        indicator.id: standing_of(indicator, as_of, programme.period, config).status
        for priority in programme.priorities
        for outcome in priority.outcomes
        for indicator in outcome.indicators
    }


def build_progress(
    programme: Programme, as_of: dt.date, config: ResultsConfig, numbers: dict[str, str]
) -> Progress:
    every: list[Standing] = []
    priorities: list[PriorityProgress] = []
    for priority in programme.priorities:
        in_priority: list[Standing] = []
        outcomes: list[OutcomeProgress] = []
        for outcome in priority.outcomes:
            found = [standing_of(i, as_of, programme.period, config) for i in outcome.indicators]
            in_priority += found
            rows = [_indicator(s) for s in found]
            outcomes.append(
                OutcomeProgress(
                    outcome.id, numbers[outcome.id], outcome.statement, rows, tally(found)
                )
            )
        every += in_priority
        priorities.append(
            PriorityProgress(numbers[priority.id], priority.title, outcomes, tally(in_priority))
        )
    reviews = [r for r in programme.monitoring.reviews if r.key_findings or r.recommendations]
    return Progress(
        priorities=priorities,
        tally=tally(every),
        reviews=reviews,
        next_review=next_review(programme.monitoring.reviews, as_of),
    )


def status_changes(
    previous: Programme | None,
    programme: Programme,
    as_of: dt.date,
    config: ResultsConfig,
    numbers: dict[str, str],
) -> list[StatusChange]:
    """The indicators (in the document's order) whose status as of the date differs between
    the previous version of the programme (None: the file did not exist) and this one."""
    before = statuses(previous, as_of, config) if previous is not None else {}
    found: list[StatusChange] = []
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for indicator in outcome.indicators:
                now = standing_of(indicator, as_of, programme.period, config).status
                if before.get(indicator.id) != now:
                    old = before.get(indicator.id)
                    found.append(
                        StatusChange(
                            indicator.id,
                            numbers[outcome.id],
                            status_key(old) if old else None,
                            status_key(now),
                        )
                    )
    return found


def _indicator(found: Standing) -> IndicatorProgress:
    indicator, latest, due = found.indicator, found.latest, found.due
    return IndicatorProgress(
        id=indicator.id,
        statement=indicator.statement,
        unit=indicator.unit,
        status=status_key(found.status),
        latest_value=latest.value if latest is not None else None,
        latest_date=latest.date if latest is not None else None,
        due_year=due.milestone.year if due is not None else None,
        due_value=due.milestone.value if due is not None else None,
    )
