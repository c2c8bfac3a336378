"""Step 1 rules: the country context the programme stands on."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dwcp.domain.populations import about_children
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Violation, rule
from dwcp.model.country_context import Constituent, LabourStandards, SupervisoryComment
from dwcp.source.positions import Loc

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


STANDARDS: Loc = ("context", "labour_standards")


def _comments(standards: LabourStandards | None) -> Iterator[tuple[Loc, SupervisoryComment]]:
    for i, comment in enumerate(standards.supervisory_comments if standards else []):
        yield (*STANDARDS, "supervisory_comments", i), comment


def _comment_label(comment: SupervisoryComment) -> str:
    """`the CEACR comment of 2019 on C087`, as a finding names it."""
    on = f" on {comment.instrument}" if comment.instrument else ""
    return f"the {_body(comment)} comment of {comment.year}{on}"


def _body(comment: SupervisoryComment) -> str:
    return "supervisory body" if comment.body == "other" else comment.body.upper()


@rule(
    "DW210",
    "supervisory-comment-unaddressed",
    Severity.INFO,
    S,
    "No outcome addresses a supervisory comment.",
)
def supervisory_comment_unaddressed(ctx: Context) -> Iterator[Violation]:
    for loc, comment in _comments(ctx.programme.context.labour_standards):
        if not comment.addressed_by:
            yield Violation(
                loc,
                f"{_comment_label(comment)} is addressed by no outcome of the programme",
                "list in addressed_by the outcomes that act on it, or say in the programme why "
                "none does",
            )


@rule(
    "DW211",
    "unknown-standards-reference",
    Severity.ERROR,
    S,
    "A ratification or comment names an unknown instrument or outcome.",
)
def unknown_standards_reference(ctx: Context) -> Iterator[Violation]:
    standards = ctx.programme.context.labour_standards
    known = ctx.catalogue.convention_ids
    hint = "write C plus three digits (C087) or P plus three digits (P029)"
    for i, ratification in enumerate(standards.ratifications if standards else []):
        if ratification.instrument not in known:
            yield Violation(
                (*STANDARDS, "ratifications", i, "instrument"),
                f"a ratification names `{ratification.instrument}`, which is not a known ILO "
                "instrument",
                hint,
            )
    outcomes = ctx.outcome_ids()
    for loc, comment in _comments(standards):
        if comment.instrument is not None and comment.instrument not in known:
            yield Violation(
                (*loc, "instrument"),
                f"a {_body(comment)} comment names `{comment.instrument}`, which is not a "
                "known ILO instrument",
                hint,
            )
        for j, outcome in enumerate(comment.addressed_by):
            if outcome not in outcomes:
                yield Violation(
                    (*loc, "addressed_by", j),
                    f"{_comment_label(comment)} is said to be addressed by outcome `{outcome}`, "
                    "which is not in this programme",
                    "use the id of an outcome under priorities",
                )


@rule(
    "DW212",
    "children-split-as-women-men",
    Severity.WARNING,
    S,
    "A statistic about children is split into women and men.",
)
def children_split_as_women_men(ctx: Context) -> Iterator[Violation]:
    for i, statistic in enumerate(ctx.programme.context.statistics):
        if statistic.by_sex is not None and about_children(statistic):
            yield Violation(
                ("context", "statistics", i, "by_sex"),
                f'statistic "{statistic.name}" is about children but is split into women and men',
                "split it into girls and boys with by_sex_children, or set population: adults "
                "if it is about adults",
            )


@rule(
    "DW213",
    "statistic-after-programme-start",
    Severity.WARNING,
    S,
    "A statistic is dated after the programme start.",
)
def statistic_after_programme_start(ctx: Context) -> Iterator[Violation]:
    start = ctx.programme.period.start
    for i, statistic in enumerate(ctx.programme.context.statistics):
        later = max(statistic.year, statistic.published or statistic.year)
        if later > start:
            what = "refers to" if statistic.year == later else "was published in"
            yield Violation(
                ("context", "statistics", i, "year" if statistic.year == later else "published"),
                f'statistic "{statistic.name}" {what} {later}, after the programme start in '
                f"{start}, so it was not available when the programme was drafted",
                "give the latest figure published before the programme started; report later "
                "figures in reviews or indicator actuals",
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
