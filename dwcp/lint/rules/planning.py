"""Step 4 rules: outputs, budgets and resources by funding source, in their currencies."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_DOWN, Decimal

from pydantic import Field

from dwcp.domain.countries import is_currency
from dwcp.domain.exchange import Rates, conversion_date, outcome_money, rate_text
from dwcp.domain.money import ZERO, currency_of, money_of
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
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


@rule(
    "DW512",
    "resources-in-other-currency",
    Severity.WARNING,
    S,
    "Resources in another currency than the requirement.",
)
def resources_in_other_currency(ctx: Context) -> Iterator[Violation]:
    default = ctx.programme.planning.currency
    rates = Rates(ctx.catalogue.exchange_rates)
    for loc, outcome in ctx.outcomes():
        for row in outcome_money(outcome, default, rates):
            for c in row.conversions:
                if not (is_currency(c.currency) and is_currency(c.target)):
                    continue  # DW106's finding
                first = next(
                    (
                        i
                        for i, line in enumerate(outcome.resources)
                        if line.biennium == row.biennium
                        and currency_of(line, default) == c.currency
                    ),
                    0,
                )
                said = (
                    f"outcome {outcome.id} has {c.currency} resources for {row.biennium} against "
                    f"a requirement in {c.target}; "
                )
                on = c.rate_date.isoformat()
                if c.rate is None:
                    said += (
                        f"no United Nations operational rate of exchange from {c.currency} to "
                        f"{c.target} is known for {on}, so the reports show them apart and they "
                        "fill none of the gap"
                    )
                else:
                    said += (
                        f"the reports count them in {c.target} at the United Nations "
                        f"operational rate of exchange of {on} ({rate_text(c)})"
                    )
                yield Violation(
                    (*loc, "resources", first),
                    said,
                    f"state the resources in {c.target}, or the requirement in {c.currency}; a "
                    "missing rate goes in the repository's catalogues/exchange_rates.yaml",
                )


class CoverageShare(Options):
    min_share: float = Field(default=0.5, ge=0, le=1)
    """The least share of its requirement an outcome's secured and pipeline funds cover."""


@rule(
    "DW513",
    "funding-coverage-low",
    Severity.WARNING,
    S,
    "Secured and pipeline funds cover little of the requirement.",
    CoverageShare,
)
def funding_coverage_low(ctx: Context) -> Iterator[Violation]:
    least = Decimal(str(ctx.settings(CoverageShare).min_share))
    default = ctx.programme.planning.currency
    rates = Rates(ctx.catalogue.exchange_rates)
    for loc, outcome in ctx.outcomes():
        if not outcome.resources:
            continue  # DW501's finding
        rows = outcome_money(outcome, default, rates)
        if any(c.rate is None for row in rows for c in row.conversions):
            continue  # what some funds are worth is unknown: DW512 says so
        sums: dict[str, list[Decimal]] = {}
        for row in rows:
            total = sums.setdefault(row.currency, [ZERO, ZERO])
            total[0] += row.required
            total[1] += row.secured + row.pipeline
        for currency, (required, funded) in sorted(sums.items()):
            if required > 0 and funded < required * least:
                yield Violation(
                    (*loc, "budget_required"),
                    f"outcome {outcome.id} has {funded:,} {currency} secured or in the pipeline, "
                    f"{_per_cent(funded, required)} per cent of the {required:,} required; "
                    f"less than {(least * 100).normalize():f} per cent",
                    "mobilise resources for the outcome, or scale the outcome and its budget "
                    "down to what can be funded",
                )


def _per_cent(part: Decimal, whole: Decimal) -> str:
    """To 0.1 per cent, rounded down, so a share just short of the minimum never reads as it."""
    return f"{(part * 100 / whole).quantize(Decimal('0.1'), rounding=ROUND_DOWN)}"


@rule(
    "DW514",
    "resource-exceeds-project-budget",
    Severity.WARNING,
    S,
    "Resource lines exceed the budget of their project.",
)
def resource_exceeds_project_budget(ctx: Context) -> Iterator[Violation]:
    default = ctx.programme.planning.currency
    rates = Rates(ctx.catalogue.exchange_rates)
    lines = [line for _, outcome in ctx.outcomes() for line in outcome.resources]
    for loc, project in ctx.projects():
        if project.budget is None or project.budget < 0:
            continue  # no budget to exceed, or DW503's finding
        currency = currency_of(project, default)
        total, unconverted = ZERO, set()
        for line in lines:
            if line.project != project.symbol:
                continue
            money = money_of(line.amount, line, default)
            got = rates.convert(money, currency, conversion_date(line.biennium))
            if got is None:
                unconverted.add(money.currency)
            else:
                total += got.money.amount
        if total > project.budget:
            apart = ", ".join(sorted(unconverted))
            yield Violation(
                (*loc, "budget"),
                f"project {project.symbol}: the resource lines that name it add up to "
                f"{total:,} {currency}, more than its budget of {project.budget:,} {currency}"
                + (f" (lines in {apart} not counted: no exchange rate is known)" if apart else ""),
                "correct the resource lines or the project budget; a line in another currency "
                "counts at the UN operational rate of its biennium's start",
            )


@rule(
    "DW515",
    "resource-outside-project-period",
    Severity.WARNING,
    S,
    "Resource line for a biennium outside its project's period.",
)
def resource_outside_project_period(ctx: Context) -> Iterator[Violation]:
    periods = {p.symbol: p.period for _, p in ctx.projects() if p.period is not None}
    for loc, outcome in ctx.outcomes():
        for i, line in enumerate(outcome.resources):
            period = periods.get(line.project or "")
            if period is not None and not period.overlaps_biennium(Biennium.parse(line.biennium)):
                yield Violation(
                    (*loc, "resources", i, "biennium"),
                    f"outcome {outcome.id} draws on project {line.project} for "
                    f"{line.biennium}, outside the project's period {period.start}-{period.end}",
                    "use a biennium within the project's period, or correct the project's period",
                )
