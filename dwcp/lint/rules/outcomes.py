"""Step 3 rules on outcomes: gender, P&B links, conventions and scope."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.pb_codes import code_key, reference_label
from dwcp.domain.standards import not_up_to_date, ratified, ratified_claims, revisions
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.domain.wording import activity_verb, names_group, social_partner_groups
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.model.common import Biennium
from dwcp.model.results_framework import PbReference
from dwcp.suggest import closest, did_you_mean

S = Step.OUTCOMES


@rule(
    "DW401",
    "outcome-without-gender-effect",
    Severity.ERROR,
    S,
    "No effect on women and men.",
    before_validated=Severity.WARNING,
)
def outcome_without_gender_effect(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not (outcome.effect_on_women_and_men or "").strip():
            yield Violation(
                (*loc, "effect_on_women_and_men"),
                f"outcome {outcome.id} does not say how it will affect women and men",
                "add effect_on_women_and_men with one or two sentences",
            )


@rule(
    "DW402",
    "outcome-without-pb-link",
    Severity.ERROR,
    S,
    "Outcome links to no P&B outcome.",
    before_validated=Severity.WARNING,
)
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
                    f"programme period {period.describe()}",
                    "refer to a P&B outcome of a biennium the programme covers",
                )


@rule(
    "DW405",
    "outcome-without-indicator",
    Severity.ERROR,
    S,
    "Outcome has no indicator.",
    before_validated=Severity.WARNING,
)
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
                padded = _padded(convention)
                yield Violation(
                    (*loc, "conventions", i),
                    f"outcome {outcome.id} cites `{convention}`, which is not a known ILO "
                    "instrument",
                    f"write it {padded}"
                    if padded in known
                    else "write C plus three digits (C087) or P plus three digits (P029)",
                )


def _padded(code: str) -> str:
    """`C87`, `c 87` or `C0087` as the catalogue writes it: C087."""
    match = re.fullmatch(r"([CP])\s*0*([0-9]{1,3})", code.strip(), re.IGNORECASE)
    return f"{match[1].upper()}{int(match[2]):03d}" if match else code


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


# Outcome wording and the social partners (issue 14) --------------------------------------


@rule("DW424", "outcome-worded-as-activity", Severity.WARNING, S, "Outcome reads as an activity.")
def outcome_worded_as_activity(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        verb = activity_verb(outcome.statement, ctx.programme.language)
        if verb is not None:
            yield Violation(
                (*loc, "statement"),
                f"outcome {outcome.id} opens with `{verb}`, so it reads as an activity the "
                "programme carries out rather than the change it seeks",
                "state the change and for whom, such as `500 young women and men find decent "
                "jobs`, and move the activity to the outputs",
            )


@rule(
    "DW425",
    "no-outcome-for-social-partners",
    Severity.WARNING,
    S,
    "No outcome or output for employers' or workers' organizations.",
)
def no_outcome_for_social_partners(ctx: Context) -> Iterator[Violation]:
    outcomes = [outcome for _, outcome in ctx.outcomes()]
    if not outcomes:
        return  # DW302 and DW303 say what is missing first.
    texts = [
        text
        for outcome in outcomes
        for text in (outcome.statement, *(output.statement for output in outcome.outputs))
    ]
    constituents = ctx.programme.context.constituents
    names = {group.id: group.name for group in ctx.catalogue.constituent_groups}
    for group in social_partner_groups():
        if group not in tripartite_groups(ctx.catalogue):
            continue
        if not any(names_group(text, group, constituents) for text in texts):
            name = names.get(group, group)
            who = name[:1].lower() + name[1:]
            yield Violation(
                ("priorities",),
                f"no outcome or output is addressed to the {who}",
                f"add an outcome or output for the {who}, naming them or one of their "
                "organizations as listed under context.constituents",
            )


@rule(
    "DW422",
    "unratified-convention-cited-as-ratified",
    Severity.WARNING,
    S,
    "Outcome speaks of ratified conventions but cites unratified ones.",
)
def unratified_convention_cited_as_ratified(ctx: Context) -> Iterator[Violation]:
    binding = ratified(ctx.programme.context.labour_standards)
    if binding is None:
        return
    for loc, outcome in ctx.outcomes():
        unratified = [c for c in outcome.conventions if c not in binding]
        claims = ratified_claims(outcome)
        if unratified and claims:
            yield Violation(
                (*loc, *claims[0][0]),
                f"outcome {outcome.id} speaks of ratified conventions but cites "
                f"{', '.join(unratified)}, which the country's recorded ratifications do not "
                "include",
                'reword the outcome ("in line with international labour standards"), or add '
                "the ratification to context.labour_standards if it is missing",
            )


@rule(
    "DW423",
    "instrument-not-up-to-date",
    Severity.WARNING,
    S,
    "Outcome cites an outdated, withdrawn or abrogated instrument.",
)
def instrument_not_up_to_date(ctx: Context) -> Iterator[Violation]:
    known = ctx.catalogue.convention_ids
    for loc, outcome in ctx.outcomes():
        for i, code in enumerate(outcome.conventions):
            instrument = known.get(code)
            if instrument is None or not not_up_to_date(instrument):
                continue
            status = (instrument.status or "").replace("_", " ")
            chain = revisions(instrument, ctx.catalogue)
            revised = f" (revised by {', then by '.join(c.id for c in chain)})" if chain else ""
            yield Violation(
                (*loc, "conventions", i),
                f"outcome {outcome.id} cites {code}, {instrument.title}, which is {status}"
                f"{revised}",
                f"cite {chain[-1].id}, {chain[-1].title}"
                if chain
                else "cite the up-to-date instrument on the subject (NORMLEX lists them)",
            )
