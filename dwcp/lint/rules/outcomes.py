"""Step 3 rules on outcomes: gender, P&B links, conventions and scope."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.pb_codes import code_key, reference_label
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.model.common import Biennium
from dwcp.model.results_framework import PbReference
from dwcp.suggest import closest, did_you_mean

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
                'add pb_outcomes with biennium and outcome code, such as {biennium: "2024-25", '
                'outcome: "1", output: "1.2"}',
            )


@rule("DW403", "unknown-pb-outcome", Severity.ERROR, S, "P&B reference is outside the framework.")
def unknown_pb_outcome(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        for i, ref in enumerate(outcome.pb_outcomes):
            # A biennium with no list at all is DW420's warning, not an error here.
            if not ctx.catalogue.covers(ref.biennium):
                continue
            problem = _unknown_pb_code(ctx.catalogue, ref)
            if problem is not None:
                field, message, hint = problem
                yield Violation(
                    (*loc, "pb_outcomes", i, *field),
                    f"outcome {outcome.id} refers to {message}",
                    hint,
                )


def _unknown_pb_code(
    catalogue: Catalogue, ref: PbReference
) -> tuple[tuple[str, ...], str, str] | None:
    """Which code of the reference the catalogue lacks, as (field, message, hint); None if
    every code it can check is there. Outputs and indicators are checked only where the
    catalogue lists them for that outcome or output."""
    framework = catalogue.framework_by_biennium[ref.biennium]
    found = catalogue.pb_outcome(ref.biennium, ref.outcome)
    if found is None:
        codes = [o.code for o in framework.outcomes]
        return (
            (),
            (
                f"P&B outcome {ref.outcome} of {ref.biennium}, which {framework.name} does not have "
                f"(its outcomes are {_listed(codes)})"
            ),
            _guess(ref.outcome, codes, "check the outcome code against the P&B of that biennium"),
        )
    output = found.output(ref.output) if ref.output else None
    if ref.output and found.outputs and output is None:
        codes = [o.code for o in found.outputs]
        return (
            ("output",),
            (
                f"output {ref.output} of P&B outcome {ref.outcome} ({ref.biennium}), which is not "
                f"among its outputs ({_listed(codes)})"
            ),
            _guess(ref.output, codes, "check the output code against the P&B of that biennium"),
        )
    known = [i.code for i in output.indicators] if output else []
    if ref.indicator and known and ref.indicator not in known:
        return (
            ("indicator",),
            (
                f"indicator {ref.indicator} of P&B output {ref.output} ({ref.biennium}), which is "
                f"not among its indicators ({_listed(known)})"
            ),
            _guess(ref.indicator, known, "check the indicator code against the P&B"),
        )
    return None


def _listed(codes: list[str]) -> str:
    return ", ".join(sorted(codes, key=code_key))


def _guess(code: str, codes: list[str], otherwise: str) -> str:
    guess = closest(code, codes)
    return did_you_mean([guess]) if guess else otherwise


@rule("DW404", "pb-biennium-outside-period", Severity.WARNING, S, "P&B biennium misses the period.")
def pb_biennium_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, outcome in ctx.outcomes():
        for i, ref in enumerate(outcome.pb_outcomes):
            if not period.overlaps_biennium(Biennium.parse(ref.biennium)):
                yield Violation(
                    (*loc, "pb_outcomes", i, "biennium"),
                    f"outcome {outcome.id} refers to the {ref.biennium} biennium, outside the "
                    f"programme period {period.start}-{period.end}",
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
                    f"period {period.start}-{period.end}",
                    "list only bienniums the programme covers",
                )


@rule(
    "DW420",
    "pb-biennium-not-in-catalogue",
    Severity.WARNING,
    S,
    "The catalogue has no P&B list for the biennium.",
)
def pb_biennium_not_in_catalogue(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        for i, ref in enumerate(outcome.pb_outcomes):
            if not ctx.catalogue.covers(ref.biennium):
                yield Violation(
                    (*loc, "pb_outcomes", i, "biennium"),
                    f"outcome {outcome.id} refers to P&B {reference_label(ref)} of "
                    f"{ref.biennium}, a biennium for which the catalogue has no outcome list, "
                    "so the reference cannot be checked",
                    "check the biennium, or add its outcomes to the repository's "
                    "catalogues/pb_outcomes.yaml",
                )
