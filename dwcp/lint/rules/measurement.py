"""Step 3 rules on indicators: baselines, targets, milestones, verification, sex data.

What counts people, what is a breakdown by sex and when a milestone is due are judged in
dwcp.domain.indicators, which the gap report and the spreadsheets read too."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from dwcp.domain.indicators import actuals_expected, lacks_sex_disaggregation, milestone_checks
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.model.results_framework import Indicator

S = Step.OUTCOMES
M = Step.MONITORING


@rule(
    "DW410",
    "indicator-without-baseline",
    Severity.ERROR,
    S,
    "Indicator has no baseline.",
    before_validated=Severity.WARNING,
)
def indicator_without_baseline(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        baseline = indicator.baseline
        known = baseline is not None and (
            baseline.value is not None or baseline.description or baseline.to_be_established_by
        )
        if not known:
            yield Violation(
                (*loc, "baseline") if baseline else loc,
                f"indicator {indicator.id} has no baseline value or date by which it will be set",
                "add baseline with value, year and source, or to_be_established_by: DATE",
            )


@rule(
    "DW411",
    "indicator-without-target",
    Severity.ERROR,
    S,
    "Indicator has no target.",
    before_validated=Severity.WARNING,
)
def indicator_without_target(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        target = indicator.target
        if target is None or (target.value is None and not target.description):
            yield Violation(
                (*loc, "target") if target else loc,
                f"indicator {indicator.id} has no target",
                "add target with value and year",
            )
        elif target.year is None:
            yield Violation(
                (*loc, "target"),
                f"indicator {indicator.id} gives no year for its target",
                "add target.year, within the programme period",
            )


@rule("DW412", "indicator-without-verification", Severity.WARNING, S, "No means of verification.")
def indicator_without_verification(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        if not indicator.means_of_verification:
            yield Violation(
                loc,
                f"indicator {indicator.id} names no means of verification",
                "add means_of_verification: the report, survey or register that shows the value",
            )


@rule("DW413", "baseline-without-source", Severity.WARNING, S, "Baseline gives no year or source.")
def baseline_without_source(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        baseline = indicator.baseline
        if baseline is None or baseline.to_be_established_by is not None:
            continue
        if baseline.value is not None and (baseline.year is None or not baseline.source):
            missing = " and ".join(
                name
                for name, value in (("year", baseline.year), ("source", baseline.source))
                if not value
            )
            yield Violation(
                (*loc, "baseline"),
                f"indicator {indicator.id} baseline has no {missing}",
                "say when the baseline was measured and where it comes from",
            )


@rule("DW414", "target-outside-period", Severity.ERROR, S, "Target year is outside the period.")
def target_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, _, indicator in ctx.indicators():
        target = indicator.target
        if target is not None and target.year is not None and not period.contains(target.year):
            yield Violation(
                (*loc, "target", "year"),
                f"indicator {indicator.id} targets {target.year}, outside the programme period "
                f"{period.describe()}",
                "set a target the programme can reach within its period",
            )


@rule("DW415", "milestone-outside-period", Severity.WARNING, S, "Milestone outside the period.")
def milestone_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, _, indicator in ctx.indicators():
        for i, milestone in enumerate(indicator.milestones):
            if not period.contains(milestone.year):
                yield Violation(
                    (*loc, "milestones", i, "year"),
                    f"indicator {indicator.id} has a milestone in {milestone.year}, outside "
                    f"{period.describe()}",
                    "move the milestone into the programme period",
                )


@rule(
    "DW416", "milestones-off-course", Severity.WARNING, S, "Milestones do not lead to the target."
)
def milestones_off_course(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        steps = _course(indicator)
        if len(steps) < 3:
            continue
        rising = steps[-1][1] >= steps[0][1]
        for (_, before), (where, after) in itertools.pairwise(steps):
            if (after < before) if rising else (after > before):
                yield Violation(
                    (*loc, *where),
                    f"indicator {indicator.id} moves away from its target ({before:g} then "
                    f"{after:g})",
                    "set milestone values between the baseline and the target, in year order",
                )
                break


def _course(indicator: Indicator) -> list[tuple[tuple[str | int, ...], float]]:
    """(where the value is, value) for baseline, milestones and target, in year order."""
    points: list[tuple[int, int, tuple[str | int, ...], float]] = []
    baseline, target = indicator.baseline, indicator.target
    if baseline is not None and baseline.value is not None:
        points.append((baseline.year or 0, 0, ("baseline",), baseline.value))
    for i, milestone in enumerate(indicator.milestones):
        if milestone.value is not None:
            points.append((milestone.year, 1, ("milestones", i), milestone.value))
    if target is not None and target.value is not None:
        points.append((target.year or 9999, 2, ("target",), target.value))
    points.sort(key=lambda p: (p[0], p[1]))
    return [(where, value) for _, _, where, value in points]


@rule("DW417", "indicator-not-sex-disaggregated", Severity.WARNING, S, "People count without sex.")
def indicator_not_sex_disaggregated(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        if lacks_sex_disaggregation(indicator):
            yield Violation(
                (*loc, "disaggregation") if indicator.disaggregation else loc,
                f"indicator {indicator.id} counts people but is not broken down by sex",
                "add sex to disaggregation",
            )


@rule("DW418", "milestone-due-without-actual", Severity.WARNING, M, "Milestone due, no actual.")
def milestone_due_without_actual(ctx: Context) -> Iterator[Violation]:
    if not actuals_expected(ctx.programme.status):
        return
    for loc, _, indicator in ctx.indicators():
        for check in milestone_checks(indicator, ctx.as_of, ctx.programme.period):
            if check.state == "no actual":
                yield Violation(
                    (*loc, "milestones", check.index),
                    f"indicator {indicator.id} milestone for {check.milestone.year} is due "
                    f"(as of {ctx.as_of.isoformat()}) but no actual value is reported",
                    "add actuals with the value measured and its date",
                )


@rule("DW419", "baseline-overdue", Severity.WARNING, M, "Baseline still to be established.")
def baseline_overdue(ctx: Context) -> Iterator[Violation]:
    for loc, _, indicator in ctx.indicators():
        baseline = indicator.baseline
        if (
            baseline is not None
            and baseline.value is None
            and baseline.to_be_established_by is not None
            and baseline.to_be_established_by < ctx.as_of
        ):
            yield Violation(
                (*loc, "baseline", "to_be_established_by"),
                f"indicator {indicator.id} baseline was due by "
                f"{baseline.to_be_established_by.isoformat()} and is still missing",
                "record the measured baseline value, year and source",
            )


# Indicators across the programme and their dates (issue 14) ------------------------------


class ProgrammeIndicatorLimit(Options):
    max: int = 30


@rule(
    "DW426",
    "too-many-indicators-in-programme",
    Severity.WARNING,
    S,
    "The programme has more indicators than can be monitored.",
    ProgrammeIndicatorLimit,
)
def too_many_indicators_in_programme(ctx: Context) -> Iterator[Violation]:
    limit = ctx.settings(ProgrammeIndicatorLimit).max
    indicators = [loc for loc, _, _ in ctx.indicators()]
    if len(indicators) > limit:
        yield Violation(
            indicators[limit],
            f"the programme has {len(indicators)} indicators; keep at most {limit} across all "
            "outcomes so that the constituents can monitor them",
            "keep the indicators that best show each outcome's change; count activities as outputs",
        )


@rule("DW427", "baseline-after-start", Severity.WARNING, S, "Baseline dated after the start.")
def baseline_after_start(ctx: Context) -> Iterator[Violation]:
    start = ctx.programme.period.start
    for loc, _, indicator in ctx.indicators():
        baseline = indicator.baseline
        if baseline is None or baseline.year is None or baseline.year <= start:
            continue
        promised = baseline.to_be_established_by
        if promised is not None and baseline.year <= promised.year:
            continue  # Measured later as the programme planned: DW419 follows that date.
        yield Violation(
            (*loc, "baseline", "year"),
            f"indicator {indicator.id} baseline is dated {baseline.year}, after the programme "
            f"starts in {start}",
            "use a value measured before the programme starts, or, if it was measured later "
            "as planned, keep to_be_established_by with the date it was due",
        )
