"""Step 5 rules: who manages the programme and who steers it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from dwcp.domain.tripartism import TRIPARTITE_BODY, body_lacks, groups_represented
from dwcp.domain.vocabulary import tripartite_groups
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule

S = Step.MANAGEMENT


@rule("DW601", "no-programme-manager", Severity.WARNING, S, "No programme manager named.")
def no_programme_manager(ctx: Context) -> Iterator[Violation]:
    if ctx.programme.management.programme_manager is None:
        yield Violation(
            ("management",),
            "no programme manager is named",
            "add management.programme_manager (usually the ILO office director)",
        )


@rule("DW602", "no-steering-committee", Severity.WARNING, S, "No tripartite steering committee.")
def no_steering_committee(ctx: Context) -> Iterator[Violation]:
    committee = ctx.programme.management.steering_committee
    if committee is None or not committee.members:
        yield Violation(
            ("management", "steering_committee") if committee else ("management",),
            "no tripartite steering committee members are recorded",
            "add management.steering_committee with its members",
        )


@rule("DW603", "committee-missing-group", Severity.ERROR, S, "Committee lacks a constituent group.")
def committee_missing_group(ctx: Context) -> Iterator[Violation]:
    committee = ctx.programme.management.steering_committee
    if committee is None or not committee.members:
        return
    groups = [member.group for member in committee.members]
    body = ctx.programme.context.tripartite_body
    present = groups_represented(groups, body, ctx.catalogue)
    for group in tripartite_groups(ctx.catalogue):
        if group not in present:
            why = body_lacks(groups, body, group)
            yield Violation(
                ("management", "steering_committee", "members"),
                f"the steering committee has no member from the {group}"
                + (f" (the tripartite body sits on it, but {why})" if why else ""),
                f"add a representative of the {group} to the committee",
            )


class Balance(Options):
    min_share_percent: float = Field(40.0, ge=0, le=50)
    """Smallest acceptable share of either sex among members whose sex is recorded."""


@rule(
    "DW604",
    "committee-gender-imbalance",
    Severity.WARNING,
    S,
    "Committee is not balanced between women and men.",
    Balance,
)
def committee_gender_imbalance(ctx: Context) -> Iterator[Violation]:
    committee = ctx.programme.management.steering_committee
    if committee is None or not committee.members:
        return
    limit = ctx.settings(Balance).min_share_percent
    # Compared as decimals: in binary floats 42 men of 125 fall short of a 33.6 floor.
    floor = Decimal(str(limit))
    # A tripartite body sitting as a member is not a person: its sex is never missing.
    people = [m for m in committee.members if m.group != TRIPARTITE_BODY]
    if not people:
        return
    sexes = [m.sex for m in people if m.sex is not None]
    loc = ("management", "steering_committee", "members")
    if not sexes:
        yield Violation(
            loc,
            "the sex of steering committee members is not recorded, so balance cannot be checked",
            "add sex: female or male to each member",
        )
        return
    women = Decimal(100 * sexes.count("female")) / len(sexes)
    unknown = len(people) - len(sexes)
    note = f" ({unknown} members' sex not recorded)" if unknown else ""
    if min(women, 100 - women) < floor:
        yield Violation(
            loc,
            f"the steering committee is {women:.0f} per cent women and {100 - women:.0f} per cent "
            f"men{note}; each should be at least {limit:g} per cent",
            "ask constituents to nominate members so that women and men are equally represented",
        )


@rule("DW605", "constituent-roles-missing", Severity.INFO, S, "Constituents' roles not described.")
def constituent_roles_missing(ctx: Context) -> Iterator[Violation]:
    present = {role.group for role in ctx.programme.management.constituent_roles}
    missing = [group for group in tripartite_groups(ctx.catalogue) if group not in present]
    if missing:
        yield Violation(
            ("management",),
            "the roles of the " + ", ".join(missing) + " in implementation are not described",
            "add management.constituent_roles for each group",
        )
