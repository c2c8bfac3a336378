"""Step 6 rules: monitoring, reporting, reviews and evaluation."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.domain.reviews import review_overdue as overdue
from dwcp.domain.wording import cites_review
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Violation, rule

S = Step.MONITORING


@rule(
    "DW701",
    "no-review-planned",
    Severity.ERROR,
    S,
    "No review or evaluation is planned.",
    before_validated=Severity.WARNING,
)
def no_review_planned(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.monitoring.reviews:
        yield Violation(
            ("monitoring",),
            "no review or evaluation of the programme is planned",
            "add monitoring.reviews with at least an annual or mid-term review",
        )


@rule("DW702", "review-overdue", Severity.WARNING, S, "A planned review is overdue.")
def review_overdue(ctx: Context) -> Iterator[Violation]:
    for i, review in enumerate(ctx.programme.monitoring.reviews):
        if review.planned is not None and overdue(review, ctx.as_of):
            yield Violation(
                ("monitoring", "reviews", i),
                f"the {review.kind} planned for {review.planned.isoformat()} is not recorded as "
                f"done (as of {ctx.as_of.isoformat()})",
                "add done: DATE and findings, or re-plan it",
            )


@rule("DW703", "no-monitoring-arrangements", Severity.WARNING, S, "No monitoring arrangements.")
def no_monitoring_arrangements(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.monitoring.arrangements:
        yield Violation(
            ("monitoring",),
            "no monitoring arrangements (what, how often, who) are recorded",
            "add monitoring.arrangements",
        )


@rule("DW704", "no-reporting-schedule", Severity.INFO, S, "No reporting schedule.")
def no_reporting_schedule(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.monitoring.reporting:
        yield Violation(
            ("monitoring",),
            "no reporting schedule is recorded",
            "add monitoring.reporting with each report and when it is due",
        )


@rule("DW705", "review-outside-period", Severity.WARNING, S, "Review planned far from the period.")
def review_outside_period(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for i, review in enumerate(ctx.programme.monitoring.reviews):
        when = review.done or review.planned
        if when is not None and not period.start <= when.year <= period.effective_end + 1:
            yield Violation(
                ("monitoring", "reviews", i),
                f"the {review.kind} dated {when.isoformat()} falls outside the period "
                f"{period.describe()} and the year after it",
                "check the date; reviews fall in the period or the year after it",
            )


@rule("DW706", "satisfaction-out-of-range", Severity.ERROR, S, "Satisfaction share not 0-100.")
def satisfaction_out_of_range(ctx: Context) -> Iterator[Violation]:
    for i, entry in enumerate(ctx.programme.monitoring.satisfaction):
        if not 0 <= entry.satisfied_percent <= 100:
            yield Violation(
                ("monitoring", "satisfaction", i, "satisfied_percent"),
                f"the {entry.group} satisfaction share {entry.satisfied_percent:g} is not 0-100",
                "record the share of respondents satisfied, in per cent",
            )


@rule("DW707", "no-evaluation", Severity.INFO, S, "No final review or independent evaluation.")
def no_evaluation(ctx: Context) -> Iterator[Violation]:
    kinds = {review.kind for review in ctx.programme.monitoring.reviews}
    final = {"country-programme-review", "independent-evaluation", "final-review"}
    if ctx.programme.monitoring.reviews and not kinds & final:
        yield Violation(
            ("monitoring", "reviews"),
            "no country programme review, final review or independent evaluation is planned",
            "plan one towards the end of the period so lessons feed the next programme",
        )


# Lessons learned (issue 14) ----------------------------------------------------------------


@rule("DW708", "no-lessons-learned", Severity.WARNING, S, "No lessons learned are recorded.")
def no_lessons_learned(ctx: Context) -> Iterator[Violation]:
    if not ctx.programme.context.lessons_learned:
        yield Violation(
            ("context", "lessons_learned"),
            "the programme records no lessons learned from earlier cooperation",
            "add context.lessons_learned, each with its source, such as the review of the "
            "previous programme",
        )


@rule(
    "DW709",
    "lessons-not-from-previous-review",
    Severity.WARNING,
    S,
    "No lesson comes from a review of the previous programme.",
)
def lessons_not_from_previous_review(ctx: Context) -> Iterator[Violation]:
    programme = ctx.programme
    follows = (programme.generation or 1) > 1 or programme.previous is not None
    lessons = programme.context.lessons_learned
    # Without any lessons DW708 says so already.
    if not follows or not lessons or any(cites_review(lesson.source or "") for lesson in lessons):
        return
    earlier = f"`{programme.previous}`" if programme.previous else "the previous programme"
    yield Violation(
        ("context", "lessons_learned"),
        f"the programme follows {earlier}, but no lesson learned names a review or evaluation "
        "as its source",
        "add the lessons of the previous programme's review or evaluation, with that report as "
        "their source",
    )
