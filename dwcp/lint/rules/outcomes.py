"""Step 3 rules on outcomes: gender, P&B links, conventions and scope."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.model.common import Biennium

S = Step.OUTCOMES


@rule("DW401", "outcome-without-gender-effect", Severity.ERROR, S, "No effect on women and men.")
def outcome_without_gender_effect(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not (outcome.effect_on_women_and_men or "").strip():
            yield Violation(
                (*loc, "effect_on_women_and_men"),
                f"outcome {outcome.id} does not say how it will affect women and men",
                "add effect_on_women_and_men with one or two sentences",
            )


@rule("DW402", "outcome-without-pb-link", Severity.ERROR, S, "Outcome links to no P&B outcome.")
def outcome_without_pb_link(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not outcome.pb_outcomes:
            yield Violation(
                (*loc, "pb_outcomes"),
                f"outcome {outcome.id} is tied to no Programme and Budget outcome",
                "add pb_outcomes with biennium and number, such as {biennium: 2020-21, number: 1}",
            )


@rule("DW403", "unknown-pb-outcome", Severity.ERROR, S, "P&B reference is outside the framework.")
def unknown_pb_outcome(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        for i, ref in enumerate(outcome.pb_outcomes):
            if ctx.catalogue.pb_outcome(ref.biennium, ref.number) is None:
                framework = ctx.catalogue.framework_by_biennium.get(ref.biennium)
                why = (
                    f"{framework.name} has {len(framework.outcomes)} outcomes"
                    if framework
                    else f"no P&B framework covers {ref.biennium}"
                )
                yield Violation(
                    (*loc, "pb_outcomes", i),
                    f"outcome {outcome.id} refers to P&B outcome {ref.number} of {ref.biennium}; "
                    f"{why}",
                    "check the number, or add the biennium to catalogues/pb_outcomes.yaml",
                )


@rule("DW404", "pb-biennium-outside-period", Severity.WARNING, S, "P&B biennium misses the period.")
def pb_biennium_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, outcome in ctx.outcomes():
        for i, ref in enumerate(outcome.pb_outcomes):
            if not period.overlaps_biennium(Biennium.parse(ref.biennium)):
                yield Violation(
                    (*loc, "pb_outcomes", i, "biennium"),
                    f"outcome {outcome.id} refers to the {ref.biennium} biennium, outside the "
                    f"programme period {period.describe()}",
                    "refer to a P&B outcome of a biennium the programme covers",
                )


@rule("DW405", "outcome-without-indicator", Severity.ERROR, S, "Outcome has no indicator.")
def outcome_without_indicator(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not outcome.indicators:
            yield Violation(
                (*loc, "indicators"),
                f"outcome {outcome.id} has no indicator, so its progress cannot be measured",
                "add at least one indicator with baseline, target and means of verification",
            )


class IndicatorLimit(Options):
    max: int = 6


@rule(
    "DW406",
    "too-many-indicators",
    Severity.WARNING,
    S,
    "Outcome has more indicators than can be monitored.",
    IndicatorLimit,
)
def too_many_indicators(ctx: Context) -> Iterator[Violation]:
    limit = ctx.settings(IndicatorLimit).max
    for loc, outcome in ctx.outcomes():
        if len(outcome.indicators) > limit:
            yield Violation(
                (*loc, "indicators", limit),
                f"outcome {outcome.id} has {len(outcome.indicators)} indicators; keep at most "
                f"{limit} so monitoring stays feasible",
                "keep the indicators that best show the change the outcome seeks",
            )


@rule("DW407", "unknown-convention", Severity.ERROR, S, "Convention id is not in the catalogue.")
def unknown_convention(ctx: Context) -> Iterator[Violation]:
    known = ctx.catalogue.convention_ids
    for loc, outcome in ctx.outcomes():
        for i, convention in enumerate(outcome.conventions):
            if convention not in known:
                yield Violation(
                    (*loc, "conventions", i),
                    f"outcome {outcome.id} cites `{convention}`, which is not a known ILO "
                    "instrument",
                    "write C plus three digits (C087) or P plus three digits (P029)",
                )


@rule(
    "DW408", "outcome-biennium-outside-period", Severity.WARNING, S, "Biennium misses the period."
)
def outcome_biennium_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, outcome in ctx.outcomes():
        for i, biennium in enumerate(outcome.biennia):
            if not period.overlaps_biennium(Biennium.parse(biennium)):
                yield Violation(
                    (*loc, "biennia", i),
                    f"outcome {outcome.id} covers biennium {biennium}, outside the programme "
                    f"period {period.describe()}",
                    "list only bienniums the programme covers",
                )
