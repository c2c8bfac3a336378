"""Step 4 rules: outputs, budgets and resources by funding source."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from dwcp.domain.money import currency_of
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Violation, rule
from dwcp.model.common import Biennium
from dwcp.model.results_framework import BudgetLine, Resource

S = Step.PLANNING


@rule("DW501", "outcome-without-resources", Severity.WARNING, S, "Outcome has no resources.")
def outcome_without_resources(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not outcome.resources:
            yield Violation(
                (*loc, "resources"),
                f"outcome {outcome.id} has no secured or pipeline resources",
                "add resources by funding source, or reconsider including the outcome",
            )


@rule("DW502", "unknown-funding-source", Severity.ERROR, S, "Funding source not in the catalogue.")
def unknown_funding_source(ctx: Context) -> Iterator[Violation]:
    known = ctx.catalogue.funding_by_id
    hint = "use one of: " + ", ".join(known)
    for loc, outcome in ctx.outcomes():
        for i, line in enumerate(outcome.resources):
            if line.source not in known:
                yield Violation(
                    (*loc, "resources", i, "source"),
                    f"outcome {outcome.id} has funds from unknown source `{line.source}`",
                    hint,
                )
    for loc, project in ctx.projects():
        if project.funding_source not in known:
            yield Violation(
                (*loc, "funding_source"),
                f"project {project.symbol} has unknown funding source `{project.funding_source}`",
                hint,
            )


@rule("DW503", "negative-amount", Severity.ERROR, S, "An amount is negative.")
def negative_amount(ctx: Context) -> Iterator[Violation]:
    for loc, outcome, line in ctx.money_lines():
        for name in ("amount", "allocated", "spent"):
            value = getattr(line, name, None)
            if value is not None and value < 0:
                yield Violation(
                    (*loc, name),
                    f"outcome {outcome.id} has a negative {name} ({value})",
                    "amounts are never negative; record a reduction as a revision",
                )
    for loc, project in ctx.projects():
        for name in ("budget", "allocated", "spent"):
            value = getattr(project, name)
            if value is not None and value < 0:
                yield Violation(
                    (*loc, name),
                    f"project {project.symbol} has a negative {name} ({value})",
                    "amounts are never negative",
                )


@rule("DW504", "spent-exceeds-allocated", Severity.WARNING, S, "Spending exceeds the allocation.")
def spent_exceeds_allocated(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        for i, line in enumerate(outcome.resources):
            if (
                line.allocated is not None
                and line.spent is not None
                and line.spent > line.allocated
            ):
                yield Violation(
                    (*loc, "resources", i, "spent"),
                    f"outcome {outcome.id}: {line.source} {line.biennium} spent {line.spent} of "
                    f"{line.allocated} allocated",
                    "check the figures; spending cannot exceed the allocation",
                )
    for loc, project in ctx.projects():
        if (
            project.allocated is not None
            and project.spent is not None
            and project.spent > project.allocated
        ):
            yield Violation(
                (*loc, "spent"),
                f"project {project.symbol} spent {project.spent} of {project.allocated} allocated",
                "check the figures; spending cannot exceed the allocation",
            )


@rule("DW505", "resources-exceed-budget", Severity.WARNING, S, "Resources exceed the requirement.")
def resources_exceed_budget(ctx: Context) -> Iterator[Violation]:
    default = ctx.programme.planning.currency
    for loc, outcome in ctx.outcomes():
        required = _totals(outcome.budget_required, default)
        secured = _totals([r for r in outcome.resources if r.status == "secured"], default)
        for (biennium, currency), amount in sorted(secured.items()):
            need = required.get((biennium, currency))
            if need is not None and amount > need:
                yield Violation(
                    (*loc, "resources"),
                    f"outcome {outcome.id} has {amount:,} {currency} secured for {biennium} "
                    f"against {need:,} required",
                    "raise budget_required or move the surplus to another outcome or biennium",
                )


def _totals(lines: Sequence[BudgetLine | Resource], default: str) -> dict[tuple[str, str], Decimal]:
    """Amounts summed by (biennium, currency); currencies are never added together."""
    totals: dict[tuple[str, str], Decimal] = {}
    for line in lines:
        key = (line.biennium, currency_of(line, default))
        totals[key] = totals.get(key, Decimal(0)) + line.amount
    return totals


@rule("DW506", "resource-outside-period", Severity.WARNING, S, "Funds for a biennium off-period.")
def resource_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, outcome, line in ctx.money_lines():
        if not period.overlaps_biennium(Biennium.parse(line.biennium)):
            yield Violation(
                (*loc, "biennium"),
                f"outcome {outcome.id} has funds for {line.biennium}, outside {period.describe()}",
                "use a biennium within the programme period",
            )


@rule("DW507", "outcome-without-budget", Severity.WARNING, S, "Outcome states no budget.")
def outcome_without_budget(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not outcome.budget_required:
            yield Violation(
                (*loc, "budget_required"),
                f"outcome {outcome.id} states no budget required, so its resource gap is unknown",
                "add budget_required per biennium",
            )


@rule("DW508", "unknown-project", Severity.ERROR, S, "Resource names an unknown project.")
def unknown_project(ctx: Context) -> Iterator[Violation]:
    known = {project.symbol for _, project in ctx.projects()}
    for loc, outcome in ctx.outcomes():
        for i, line in enumerate(outcome.resources):
            if line.project is not None and line.project not in known:
                yield Violation(
                    (*loc, "resources", i, "project"),
                    f"outcome {outcome.id} draws on project `{line.project}`, which "
                    "context.projects does not list",
                    "add the project to context.projects or correct the symbol",
                )


@rule("DW509", "outcome-without-outputs", Severity.INFO, S, "Outcome has no outputs.")
def outcome_without_outputs(ctx: Context) -> Iterator[Violation]:
    for loc, outcome in ctx.outcomes():
        if not outcome.outputs:
            yield Violation(
                (*loc, "outputs"),
                f"outcome {outcome.id} lists no outputs to implement it",
                "break the outcome into outputs for the implementation plan",
            )


@rule("DW510", "risk-without-mitigation", Severity.WARNING, S, "Risk has no mitigation.")
def risk_without_mitigation(ctx: Context) -> Iterator[Violation]:
    for i, risk in enumerate(ctx.programme.planning.risks):
        if not (risk.mitigation or "").strip():
            name = risk.id or f"{i + 1}"
            yield Violation(
                ("planning", "risks", i),
                f"risk {name} has no mitigation measure",
                "add mitigation: what the programme will do if the risk materialises",
            )


@rule("DW511", "no-risks", Severity.INFO, S, "No risks recorded.")
def no_risks(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.planning.risks:
        yield Violation(
            ("planning",),
            "the implementation plan records no risks",
            "add planning.risks with likelihood, impact and mitigation",
        )
