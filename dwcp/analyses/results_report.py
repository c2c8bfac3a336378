"""The results report: where each indicator stands against its milestones and target, rolled
up per outcome, priority and programme and across the portfolio; the off-track list; the
review calendar with its recommendations and their management responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dwcp.analyses.tables import Cell, Table, percent, table
from dwcp.config import ResultsConfig
from dwcp.domain.attainment import (
    ATTENTION,
    STATUSES,
    Standing,
    Status,
    counts_by_status,
    next_review,
    share_met,
    standing,
)
from dwcp.domain.pb_codes import reference_label, sorted_references
from dwcp.domain.reviews import review_overdue
from dwcp.model.results_framework import Outcome, Priority
from dwcp.portfolio.selection import Entry, Portfolio

HOW = (
    "Statuses as of the report date: the target is judged once its year has ended, else the "
    "latest milestone due, each on the actual of its year (as lint rule DW418 and the gap "
    "report judge milestones). met / partly met / not met: the target is due; on track / off "
    "track: a milestone is due, the target not yet; no data: something is due and no actual "
    "value can be compared with it."
)
TITLES = {"P&B outcome": "Programme and Budget outcome"}
SHARE = "share met = targets met / indicators due (every status but not yet due)."


@dataclass(frozen=True)
class Judged:
    """One indicator's standing, with where it sits."""

    entry: Entry
    priority: Priority
    outcome: Outcome
    standing: Standing


@dataclass(frozen=True)
class StatusCount:
    """How many of a programme's indicators have one status, for the heatmap."""

    file: str
    status: Status
    count: int


def judged(portfolio: Portfolio, as_of: dt.date, config: ResultsConfig) -> list[Judged]:
    """Every indicator of the portfolio, in file order, judged once."""
    return [
        Judged(entry, priority, outcome, standing(indicator, as_of, entry.programme.period, config))
        for entry in portfolio.entries
        for priority in entry.programme.priorities
        for outcome in priority.outcomes
        for indicator in outcome.indicators
    ]


def results_tables(portfolio: Portfolio, items: list[Judged], as_of: dt.date) -> list[Table]:
    """The report's tables from the portfolio's indicators, judged once by `judged`."""
    return [
        indicator_table(items, as_of),
        _rollup(items, "outcome", lambda j: [(j.entry.file, j.priority.id, j.outcome.id)]),
        _rollup(items, "priority", lambda j: [(j.entry.file, j.priority.id)]),
        _rollup(items, "programme", lambda j: [(j.entry.file,)]),
        _rollup(items, "region", lambda j: [(j.entry.region,)]),
        _rollup(items, "strategic objective", lambda j: [(o,) for o in _objectives(j)]),
        _rollup(items, "P&B outcome", lambda j: [(p,) for p in _pb_outcomes(j.outcome)]),
        review_calendar(portfolio, as_of),
        recommendations(portfolio),
    ]


def status_counts(portfolio: Portfolio, items: list[Judged]) -> tuple[StatusCount, ...]:
    """Per programme, every status and its count: the numbers of the table by programme."""
    by_file: dict[str, list[Standing]] = {entry.file: [] for entry in portfolio.entries}
    for j in items:
        by_file[j.entry.file].append(j.standing)
    return tuple(
        StatusCount(file, status, n)
        for file, standings in by_file.items()
        for status, n in counts_by_status(standings).items()
    )


def _objectives(item: Judged) -> list[str]:
    return item.priority.strategic_objectives or ["(none)"]


def _pb_outcomes(outcome: Outcome) -> list[str]:
    labels = [reference_label(ref) for ref in sorted_references(list(outcome.pb_outcomes))]
    return list(dict.fromkeys(labels)) or ["(none)"]


def indicator_table(items: list[Judged], as_of: dt.date) -> Table:
    rows: list[list[Cell]] = []
    for j in items:
        s, indicator = j.standing, j.standing.indicator
        baseline = indicator.baseline.value if indicator.baseline else None
        due = s.due
        rows.append(
            [
                j.entry.file,
                j.priority.id,
                j.outcome.id,
                indicator.id,
                indicator.unit,
                s.direction,
                _plain(baseline),
                _plain(s.latest.value if s.latest else None),
                s.latest.date.year if s.latest else None,
                _due_text(due.index if due else None, due.milestone.year if due else None),
                _plain(due.milestone.value if due else None),
                s.status,
                _distance(s.distance),
                _plain(s.by_sex.women if s.by_sex else None),
                _plain(s.by_sex.men if s.by_sex else None),
                s.rule,
            ]
        )
    return table(
        "results-indicators",
        f"Indicators against their milestones and targets (as of {as_of.isoformat()})",
        [
            ("file", "text"),
            ("priority", "text"),
            ("outcome", "text"),
            ("indicator", "text"),
            ("unit", "text"),
            ("direction", "text"),
            ("baseline", "text"),
            ("latest actual", "text"),
            ("year", "text"),
            ("due", "text"),
            ("due value", "text"),
            ("status", "text"),
            ("distance to target", "percent"),
            ("women", "text"),
            ("men", "text"),
            ("rule", "text"),
        ],
        rows,
        [
            HOW,
            (
                "distance to target: the part of the way from baseline to target still to go, "
                "from the actual that decided the status (0% at the target, 100% at the baseline)."
            ),
            "women, men: the latest split by sex reported, for indicators that count people.",
        ],
    )


def _plain(value: float | None) -> float | int | None:
    """A whole value as an int, so 11800 does not read 11800.0."""
    return int(value) if value is not None and value.is_integer() else value


def _due_text(index: int | None, year: int | None) -> str | None:
    if year is None:
        return None
    return f"target {year}" if index == -1 else f"milestone {year}"


def _distance(distance: float | None) -> float | None:
    return None if distance is None else percent(round(distance * 1000), 1000)


def _rollup(
    items: list[Judged], level: str, keys: Callable[[Judged], list[tuple[str, ...]]]
) -> Table:
    groups: dict[tuple[str, ...], list[Standing]] = {}
    for j in items:
        for key in keys(j):
            groups.setdefault(key, []).append(j.standing)
    names = {
        "outcome": ["file", "priority", "outcome"],
        "priority": ["file", "priority"],
        "programme": ["file"],
    }.get(level, [level])
    rows: list[list[Cell]] = []
    for key in (
        sorted(groups) if level in ("region", "strategic objective", "P&B outcome") else groups
    ):
        counts = counts_by_status(groups[key])
        met, due = share_met(counts)
        rows.append([*key, len(groups[key]), *counts.values(), due, percent(met, due)])
    slug = level.replace("&", "").replace(" ", "-").lower()
    notes = [SHARE]
    if level in ("strategic objective", "P&B outcome"):
        notes.append(f"An indicator counts under every {level} its priority or outcome names.")
    return table(
        f"results-by-{slug}",
        f"Results by {TITLES.get(level, level)}",
        [
            *((n, "text") for n in names),
            ("indicators", "count"),
            *((s, "count") for s in STATUSES),
            ("due", "count"),
            ("share met", "percent"),
        ],
        rows,
        notes,
    )


def review_state(done: dt.date | None, planned: dt.date | None, overdue: bool) -> str:
    if done is not None:
        return "done"
    return "overdue" if overdue else ("planned" if planned is not None else "not planned")


def review_calendar(portfolio: Portfolio, as_of: dt.date) -> Table:
    rows: list[list[Cell]] = []
    for entry in portfolio.entries:
        for review in entry.programme.monitoring.reviews:
            state = review_state(review.done, review.planned, review_overdue(review, as_of))
            recs = review.recommendations
            rows.append(
                [
                    entry.file,
                    review.kind,
                    review.planned.isoformat() if review.planned else None,
                    review.done.isoformat() if review.done else None,
                    state,
                    len(review.key_findings) or (1 if review.findings else 0),
                    len(recs),
                    sum(1 for r in recs if r.response == "accepted"),
                    sum(1 for r in recs if r.response == "partially"),
                    sum(1 for r in recs if r.response == "rejected"),
                    sum(1 for r in recs if r.implementation == "done"),
                ]
            )
    rows.sort(key=lambda r: (str(r[3] or r[2] or ""), str(r[0])))
    return table(
        "results-reviews",
        f"Review calendar (as of {as_of.isoformat()})",
        [
            ("file", "text"),
            ("kind", "text"),
            ("planned", "text"),
            ("done", "text"),
            ("state", "text"),
            ("findings", "count"),
            ("recommendations", "count"),
            ("accepted", "count"),
            ("partially", "count"),
            ("rejected", "count"),
            ("implemented", "count"),
        ],
        rows,
        ["overdue: planned for a day before the report date and not recorded as done."],
    )


def recommendations(portfolio: Portfolio) -> Table:
    rows: list[list[Cell]] = [
        [
            entry.file,
            review.kind,
            _day(review.done or review.planned),
            rec.text,
            rec.addressed_to,
            rec.response,
            rec.implementation,
            rec.due.isoformat() if rec.due else None,
        ]
        for entry in portfolio.entries
        for review in entry.programme.monitoring.reviews
        for rec in review.recommendations
    ]
    return table(
        "results-recommendations",
        "Review recommendations and management responses",
        [
            ("file", "text"),
            ("review", "text"),
            ("date", "text"),
            ("recommendation", "text"),
            ("addressed to", "text"),
            ("response", "text"),
            ("implementation", "text"),
            ("due", "text"),
        ],
        rows,
        [
            (
                "response: accepted, partially or rejected; implementation: done, in-progress or "
                "not-started."
            )
        ],
    )


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def off_track(judged_items: list[Judged], as_of: dt.date) -> Table:
    """Only the indicators that need attention, worst status first, then farthest from
    target: a steering committee's agenda."""
    items = [j for j in judged_items if j.standing.status in ATTENTION]
    items.sort(key=_worst_first)
    rows: list[list[Cell]] = []
    for j in items:
        review = next_review(j.entry.programme.monitoring.reviews, as_of)
        when = None
        if review is not None and review.planned is not None:
            late = " (overdue)" if review_overdue(review, as_of) else ""
            when = f"{review.planned.isoformat()} {review.kind}{late}"
        rows.append(
            [
                j.entry.file,
                j.outcome.id,
                j.outcome.statement,
                j.standing.indicator.id,
                j.standing.status,
                _distance(j.standing.distance),
                j.standing.rule,
                j.outcome.responsible,
                when,
            ]
        )
    return table(
        "results-off-track",
        f"What needs attention (as of {as_of.isoformat()}), worst first",
        [
            ("file", "text"),
            ("outcome", "text"),
            ("outcome statement", "text"),
            ("indicator", "text"),
            ("status", "text"),
            ("distance to target", "percent"),
            ("rule", "text"),
            ("responsible", "text"),
            ("next review", "text"),
        ],
        rows,
        [HOW, "Order: not met, off track, partly met, no data; within each, farthest first."],
    )


def _worst_first(j: Judged) -> tuple[int, float]:
    distance = j.standing.distance
    return (j.standing.severity, -(distance if distance is not None else 0.0))
