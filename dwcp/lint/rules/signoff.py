"""Sign-off rules: a signed programme carries the four signatures with dates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from dwcp.domain.tripartism import body_lacks, groups_represented
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Violation, rule

S = Step.SIGNOFF
# The ILO office signs beside the tripartite constituents.
SIGNING_OFFICE = "ilo"


def _parties(ctx: Context) -> tuple[str, ...]:
    """Who signs a programme: the tripartite groups of the catalogue, then the ILO."""
    return (*tripartite_groups(ctx.catalogue), SIGNING_OFFICE)


@rule("DW801", "missing-signatory", Severity.ERROR, S, "A signed programme lacks a signature.")
def missing_signatory(ctx: Context) -> Iterator[Violation]:
    if not ctx.is_signed:
        return
    groups = [signatory.group for signatory in ctx.programme.signatories]
    present = _signed_for(ctx, groups)
    for group in _parties(ctx):
        if group not in present:
            why = body_lacks(groups, ctx.programme.context.tripartite_body, group)
            yield Violation(
                ("signatories",) if ctx.programme.signatories else ("status",),
                f"programme is `{ctx.programme.status}` but has no signature from the "
                f"{'ILO' if group == SIGNING_OFFICE else group}"
                + (f" (the tripartite body signs, but {why})" if why else ""),
                "add the signatory, or set status back to validated",
            )


def _signed_for(ctx: Context, groups: Sequence[str]) -> set[str]:
    """The parties these signatures stand for: a tripartite body's signature counts for the
    groups of its composition (context.tripartite_body)."""
    body = ctx.programme.context.tripartite_body
    represented = groups_represented(groups, body, ctx.catalogue)
    return {*represented, *(g for g in groups if g == SIGNING_OFFICE)}


@rule("DW802", "signature-without-date", Severity.ERROR, S, "A signature has no date.")
def signature_without_date(ctx: Context) -> Iterator[Violation]:
    if not ctx.is_signed:
        return
    for i, signatory in enumerate(ctx.programme.signatories):
        if signatory.date is None:
            yield Violation(
                ("signatories", i),
                f"the signature of {signatory.organization} has no date",
                "add date: the day the document was signed",
            )


@rule("DW803", "signature-date-implausible", Severity.WARNING, S, "Signature date is implausible.")
def signature_date_implausible(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    for i, signatory in enumerate(ctx.programme.signatories):
        when = signatory.date
        if when is None:
            continue
        if when > ctx.as_of:
            problem = f"is in the future (as of {ctx.as_of.isoformat()})"
        elif not period.start - 2 <= when.year <= period.end:
            problem = f"is far from the period {period.start}-{period.end}"
        else:
            continue
        yield Violation(
            ("signatories", i, "date"),
            f"the signature of {signatory.organization} dated {when.isoformat()} {problem}",
            "check the date",
        )


@rule("DW804", "signed-without-status", Severity.INFO, S, "Signatures present but status not set.")
def signed_without_status(ctx: Context) -> Iterator[Violation]:
    if ctx.is_signed:
        return
    signed = _signed_for(ctx, [s.group for s in ctx.programme.signatories if s.date is not None])
    if signed >= set(_parties(ctx)):
        yield Violation(
            ("status",),
            "programme carries dated signatures of the government, employers, workers and ILO "
            f"but its status is `{ctx.programme.status}`",
            "set status to signed or implementation",
        )


# Consultation before sign-off (issue 14) -------------------------------------------------


@rule(
    "DW805",
    "consultation-after-validation",
    Severity.WARNING,
    S,
    "Consulted after validation or signature.",
)
def consultation_after_validation(ctx: Context) -> Iterator[Violation]:
    # Consultation on the text ends when the constituents validate it; without a validation
    # date, with the last signature at the latest.
    dates = [s.date for s in ctx.programme.signatories if s.date is not None]
    if ctx.programme.validated is not None:
        closed, event = ctx.programme.validated, "validated"
    elif dates:
        closed, event = max(dates), "signed"
    else:
        return
    for i, constituent in enumerate(ctx.programme.context.constituents):
        consulted = constituent.consulted_on
        if consulted is not None and consulted > closed:
            yield Violation(
                ("context", "constituents", i, "consulted_on"),
                f"the consultation of the {constituent.group} is dated {consulted.isoformat()}, "
                f"after the programme was {event} on {closed.isoformat()}",
                "check the date: the constituents are consulted before the programme is "
                "validated and signed; record later meetings under revisions",
            )
