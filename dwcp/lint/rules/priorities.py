"""Step 2 rules: few priorities, each anchored in national, UN and ILO frameworks."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule

S = Step.PRIORITIES


class PriorityLimit(Options):
    max: int = 3


@rule(
    "DW301",
    "too-many-priorities",
    Severity.ERROR,
    S,
    "More priorities than the methodology allows.",
    PriorityLimit,
)
def too_many_priorities(ctx: Context) -> Iterator[Violation]:
    limit = ctx.settings(PriorityLimit).max
    count = len(ctx.programme.priorities)
    if count > limit:
        yield Violation(
            ("priorities", limit),
            f"programme has {count} priorities; a DWCP concentrates on at most {limit}",
            "merge related priorities or move some work under another priority's outcomes",
        )


@rule(
    "DW302",
    "no-priorities",
    Severity.ERROR,
    S,
    "The programme has no priorities.",
    before_validated=Severity.WARNING,
)
def no_priorities(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.priorities:
        yield Violation(
            ("priorities",),
            "the programme has no country programme priorities yet",
            "add up to three priorities agreed with the constituents",
        )


@rule(
    "DW303",
    "priority-without-outcomes",
    Severity.ERROR,
    S,
    "A priority has no outcomes.",
    before_validated=Severity.WARNING,
)
def priority_without_outcomes(ctx: Context) -> Iterator[Violation]:
    for loc, priority in ctx.priorities():
        if not priority.outcomes:
            yield Violation(
                loc,
                f"priority {priority.id} has no outcomes",
                "add at least one country programme outcome under it",
            )


@rule("DW304", "priority-without-objective", Severity.WARNING, S, "No strategic objective named.")
def priority_without_objective(ctx: Context) -> Iterator[Violation]:
    for loc, priority in ctx.priorities():
        if not priority.strategic_objectives:
            yield Violation(
                loc,
                f"priority {priority.id} names none of the four strategic objectives it serves",
                "add strategic_objectives, such as [employment]",
            )


@rule("DW305", "unknown-strategic-objective", Severity.ERROR, S, "Unknown strategic objective.")
def unknown_strategic_objective(ctx: Context) -> Iterator[Violation]:
    known = ctx.catalogue.objective_ids
    for loc, priority in ctx.priorities():
        for i, objective in enumerate(priority.strategic_objectives):
            if objective not in known:
                yield Violation(
                    (*loc, "strategic_objectives", i),
                    f"priority {priority.id} names unknown strategic objective `{objective}`",
                    "use one of: " + ", ".join(sorted(known)),
                )


@rule("DW306", "unknown-national-goal", Severity.ERROR, S, "A national goal id is not defined.")
def unknown_national_goal(ctx: Context) -> Iterator[Violation]:
    known = {goal.id for fw in ctx.programme.context.national_frameworks for goal in fw.goals} | {
        fw.id for fw in ctx.programme.context.national_frameworks
    }
    for loc, priority in ctx.priorities():
        for i, goal in enumerate(priority.national_goals):
            if goal not in known:
                yield Violation(
                    (*loc, "national_goals", i),
                    f"priority {priority.id} links to national goal `{goal}`, which the "
                    "context does not define",
                    "add the goal under context.national_frameworks or correct the id",
                )


@rule("DW307", "unknown-un-outcome", Severity.ERROR, S, "A UN outcome id is not defined.")
def unknown_un_outcome(ctx: Context) -> Iterator[Violation]:
    un = ctx.programme.context.un_framework
    known = {o.id for o in un.outcomes} if un else set()
    for loc, priority in ctx.priorities():
        for i, link in enumerate(priority.un_outcomes):
            if link.outcome not in known:
                yield Violation(
                    (*loc, "un_outcomes", i, "outcome"),
                    f"priority {priority.id} links to UN outcome `{link.outcome}`, which "
                    "context.un_framework does not define",
                    "add the outcome under context.un_framework.outcomes or correct the id",
                )


@rule(
    "DW308", "priority-not-in-un-framework", Severity.WARNING, S, "Priority reaches no UN outcome."
)
def priority_not_in_un_framework(ctx: Context) -> Iterator[Violation]:
    if ctx.programme.context.un_framework is None:
        return
    for loc, priority in ctx.priorities():
        if not priority.un_outcomes:
            yield Violation(
                loc,
                f"priority {priority.id} is linked to no UN framework outcome",
                "add un_outcomes with alignment full or partial",
            )


@rule("DW309", "unknown-sdg-target", Severity.ERROR, S, "An SDG target is not in the catalogue.")
def unknown_sdg_target(ctx: Context) -> Iterator[Violation]:
    known = ctx.catalogue.sdg_ids
    for loc, priority in ctx.priorities():
        for i, target in enumerate(priority.sdg_targets):
            if target not in known:
                yield Violation(
                    (*loc, "sdg_targets", i),
                    f"priority {priority.id} cites SDG target `{target}`, which is not in the "
                    "catalogue",
                    "use a target from `dwcp`'s catalogue, such as 8.5, or add it to "
                    "catalogues/sdg_targets.yaml",
                )


@rule(
    "DW310", "priority-not-in-national-plan", Severity.WARNING, S, "Priority has no national goal."
)
def priority_not_in_national_plan(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.context.national_frameworks:
        return
    for loc, priority in ctx.priorities():
        if not priority.national_goals:
            yield Violation(
                loc,
                f"priority {priority.id} is linked to no national development goal",
                "add national_goals with ids from context.national_frameworks",
            )


@rule("DW311", "decent-work-un-outcome-uncovered", Severity.INFO, S, "UN outcome left uncovered.")
def decent_work_un_outcome_uncovered(ctx: Context) -> Iterator[Violation]:
    un = ctx.programme.context.un_framework
    if un is None:
        return
    covered = {link.outcome for _, p in ctx.priorities() for link in p.un_outcomes}
    for i, outcome in enumerate(un.outcomes):
        if outcome.decent_work and outcome.id not in covered and not outcome.not_covered_reason:
            yield Violation(
                ("context", "un_framework", "outcomes", i),
                f"UN outcome {outcome.id} concerns decent work but no priority covers it",
                "link a priority to it, or say why in not_covered_reason",
            )
