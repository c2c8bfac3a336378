"""Step 2 rules: few priorities, each anchored in national, UN and ILO frameworks."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.source.positions import format_path

S = Step.PRIORITIES


class PriorityLimit(Options):
    max: int = 3


@rule(
    "DW301",
    "too-many-priorities",
    Severity.WARNING,
    S,
    "More priorities than the methodology advises.",
    PriorityLimit,
)
def too_many_priorities(ctx: Context) -> Iterator[Violation]:
    # Enabling and cross-cutting priorities serve or run through the others: the
    # methodology's concentration on a few priorities is about the rest.
    limit = ctx.settings(PriorityLimit).max
    counted = [(loc, p) for loc, p in ctx.priorities() if not (p.enabling or p.cross_cutting)]
    if len(counted) > limit:
        left_out = len(ctx.programme.priorities) - len(counted)
        aside = f" besides {left_out} enabling or cross-cutting" if left_out else ""
        yield Violation(
            counted[limit][0],
            f"programme has {_priorities(len(counted))}{aside}; the methodology's guidance is "
            f"to concentrate on at most {limit}",
            "merge related priorities, mark an enabling or cross-cutting one as such, or "
            "set [tool.dwcp.rules.DW301] max if the constituents agreed on more",
        )


def _priorities(count: int) -> str:
    return f"{count} priority" if count == 1 else f"{count} priorities"


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
    known = {outcome.id for _, _, outcome in ctx.un_outcomes()}
    for loc, who, link in ctx.un_links():
        if link.outcome not in known:
            yield Violation(
                (*loc, "outcome"),
                f"{who} links to UN outcome `{link.outcome}`, which no framework in "
                "context.un_frameworks defines",
                "add the outcome under its framework in context.un_frameworks or correct the id",
            )


@rule(
    "DW308", "priority-not-in-un-framework", Severity.WARNING, S, "Priority reaches no UN outcome."
)
def priority_not_in_un_framework(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.context.un_frameworks:
        return
    for loc, priority in ctx.priorities():
        # A priority reaches the UN framework through its own links or its outcomes'.
        if not priority.un_outcomes and not any(o.un_outcomes for o in priority.outcomes):
            yield Violation(
                loc,
                f"priority {priority.id} is linked to no UN framework outcome",
                "add un_outcomes with alignment full or partial, to the priority or its outcomes",
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
    covered = {link.outcome for _, _, link in ctx.un_links()}
    for loc, _, outcome in ctx.un_outcomes():
        if outcome.decent_work and outcome.id not in covered and not outcome.not_covered_reason:
            yield Violation(
                loc,
                f"UN outcome {outcome.id} concerns decent work but no priority or outcome covers it",
                "link a priority or outcome to it, or say why in not_covered_reason",
            )


@rule("DW312", "unknown-un-output", Severity.ERROR, S, "A UN output id is not defined.")
def unknown_un_output(ctx: Context) -> Iterator[Violation]:
    outputs = {o.id: {out.id for out in o.outputs} for _, _, o in ctx.un_outcomes()}
    for loc, who, link in ctx.un_links():
        # An unknown outcome is DW307's finding; its outputs cannot be judged.
        if link.output is not None and link.output not in outputs.get(link.outcome, {link.output}):
            yield Violation(
                (*loc, "output"),
                f"{who} links to output `{link.output}` of UN outcome {link.outcome}, which "
                "does not list it",
                f"add the output under UN outcome {link.outcome}'s outputs or correct the id",
            )


@rule("DW313", "duplicate-un-id", Severity.ERROR, S, "Two UN frameworks or outcomes share an id.")
def duplicate_un_id(ctx: Context) -> Iterator[Violation]:
    # Links name a UN outcome by id alone, so ids are unique across all the frameworks.
    seen: dict[tuple[str, str], str] = {}
    items = [(loc, "framework", un.id) for loc, un in ctx.un_frameworks()]
    items += [(loc, "outcome", o.id) for loc, _, o in ctx.un_outcomes()]
    for loc, noun, ident in items:
        if ident is None:
            continue
        where = format_path(loc)
        first = seen.setdefault((noun, ident), where)
        if first != where:
            yield Violation(
                (*loc, "id"),
                f"UN {noun} id `{ident}` is used twice (first at {first})",
                f"give every UN {noun} its own id, such as one prefixed by its framework",
            )
