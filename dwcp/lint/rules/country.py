"""Step 1 rules: the country context the programme stands on."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dwcp.domain.vocabulary import tripartite_groups
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Violation, rule
from dwcp.model.country_context import Constituent

S = Step.CONTEXT


@rule("DW201", "no-national-framework", Severity.WARNING, S, "No national development framework.")
def no_national_framework(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.context.national_frameworks:
        yield Violation(
            ("context",),
            "the country context names no national development framework",
            "add context.national_frameworks with the plan the programme supports",
        )


@rule("DW202", "no-un-framework", Severity.WARNING, S, "No UN country framework.")
def no_un_framework(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.context.un_frameworks:
        yield Violation(
            ("context",),
            "the country context names no UN country framework (UNDAF, UNSDCF or other)",
            "add context.un_frameworks with the frameworks in force and their outcomes",
        )


@rule(
    "DW203", "constituent-concerns-missing", Severity.WARNING, S, "A group's concerns are missing."
)
def constituent_concerns_missing(ctx: Context) -> Iterator[Violation]:
    entries: dict[str, list[tuple[int, Constituent]]] = {}
    for i, constituent in enumerate(ctx.programme.context.constituents):
        entries.setdefault(constituent.group, []).append((i, constituent))
    for group in tripartite_groups(ctx.catalogue):
        listed = entries.get(group, [])
        if not listed:
            yield Violation(
                ("context", "constituents"),
                f"the concerns of the {group} are not recorded",
                f"add a constituents entry with group: {group} and its concerns",
            )
        elif not any(c.concerns for _, c in listed):
            yield Violation(
                ("context", "constituents", listed[0][0], "concerns"),
                f"the {group} entry lists no concerns",
                "list what this group asked the programme to address",
            )


@rule("DW204", "project-without-outcome", Severity.WARNING, S, "A project serves no outcome.")
def project_without_outcome(ctx: Context) -> Iterator[Violation]:
    for loc, project in ctx.projects():
        if project.status != "closed" and not project.contributes_to:
            yield Violation(
                loc,
                f"project {project.symbol} contributes to no programme outcome",
                "add contributes_to with the outcome codes it serves",
            )


@rule("DW205", "project-unknown-outcome", Severity.ERROR, S, "A project names an unknown outcome.")
def project_unknown_outcome(ctx: Context) -> Iterator[Violation]:
    known = ctx.outcome_ids()
    for loc, project in ctx.projects():
        for i, link in enumerate(project.contributes_to):
            if link.outcome not in known:
                yield Violation(
                    (*loc, "contributes_to", i, "outcome"),
                    f"project {project.symbol} names outcome `{link.outcome}`, "
                    "which is not in this programme",
                    "use the id of an outcome under priorities",
                )


@rule("DW206", "project-share-invalid", Severity.ERROR, S, "Project shares are not 0-100 in sum.")
def project_share_invalid(ctx: Context) -> Iterator[Violation]:
    for loc, project in ctx.projects():
        # Added as written: in binary floats 0.2 + 83.9 + 15.9 is more than 100.
        shares = [
            Decimal(str(c.share_percent))
            for c in project.contributes_to
            if c.share_percent is not None
        ]
        outside = [s for s in shares if not 0 <= s <= 100]
        total = sum(shares, Decimal(0))
        if outside:
            problem = f"gives a share of {_percent(outside[0])} per cent"
        elif total > 100:
            problem = f"gives shares adding up to {_percent(total)} per cent"
        else:
            continue
        yield Violation(
            (*loc, "contributes_to"),
            f"project {project.symbol} {problem}",
            "each share is 0-100 and together they add up to at most 100",
        )


def _percent(value: Decimal) -> str:
    """`120`, `100.05`: as written, without trailing zeros or an exponent."""
    return f"{value.normalize():f}"


@rule("DW207", "un-framework-out-of-period", Severity.WARNING, S, "UN framework misses the period.")
def un_framework_out_of_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for loc, un in ctx.un_frameworks():
        if un.period is not None and not un.period.overlaps(period):
            yield Violation(
                (*loc, "period"),
                f"UN framework {un.name} ({un.period.describe()}) does not overlap the "
                f"programme period {period.describe()}",
                "refer to the UN frameworks in force during the programme",
            )


@rule(
    "DW208",
    "un-framework-co-termination",
    Severity.INFO,
    S,
    "Programme years fall under no listed UN framework.",
)
def un_framework_co_termination(ctx: Context) -> Iterator[Violation]:
    # Only once some framework is in force: with none, DW207 or DW202 already speaks.
    period = ctx.programme.period
    spans = [un.period for _, un in ctx.un_frameworks() if un.period is not None]
    if not any(span.overlaps(period) for span in spans):
        return
    covered = {year for span in spans for year in span.years()}
    uncovered = [year for year in period.years() if year not in covered]
    if uncovered:
        listed = ", ".join(span.describe() for span in spans)
        years = "year {} falls" if len(uncovered) == 1 else "years {} fall"
        yield Violation(
            ("context", "un_frameworks"),
            f"programme {years.format(_years(uncovered))} under none of the UN frameworks "
            f"listed ({listed})",
            "list the UN framework in force in those years too, or plan the programme to "
            "end with the UN framework (co-termination)",
        )


def _years(years: list[int]) -> str:
    """`2016, 2021-2022`: runs of consecutive years written as spans."""
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
