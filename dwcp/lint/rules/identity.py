"""Identity rules: country, period, file name, status, currencies and ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from dwcp.domain.countries import country_guesses, country_name, is_currency
from dwcp.domain.organizations import fragment_reason, joined
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.model.common import Model
from dwcp.source.positions import format_path
from dwcp.suggest import did_you_mean

S = Step.IDENTITY


@rule(
    "DW101", "unknown-country-code", Severity.ERROR, S, "Country is not an ISO 3166 alpha-3 code."
)
def unknown_country_code(ctx: Context) -> Iterator[Violation]:
    country = ctx.programme.country
    if country_name(country) is None:
        yield Violation(
            ("country",),
            f"`{country}` is not an ISO 3166-1 alpha-3 country code",
            did_you_mean(_guesses(country))
            or "use three capital letters, such as VNM for Viet Nam",
        )


@cache
def _guesses(country: str) -> tuple[str, ...]:
    """The codes a `country` that is no ISO3 code may stand for: ZMB for ZAM, Zambia or zmb."""
    return country_guesses(country)


def _meant(country: str) -> str | None:
    """The ISO3 code the programme's country is, or is most likely meant to be."""
    if country_name(country) is not None:
        return country
    guesses = _guesses(country)
    return guesses[0] if len(guesses) == 1 else None


@rule("DW102", "file-name-mismatch", Severity.WARNING, S, "File name differs from ISO3-START-END.")
def file_name_mismatch(ctx: Context) -> Iterator[Violation]:
    p = ctx.programme
    years = f"{p.period.start}-{p.period.end}"
    stem = ctx.file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem != f"{p.country}-{years}":
        yield Violation(
            ("country",),
            f"file is named `{stem}` but holds {p.country} {years}",
            _rename_hint(p.country, stem, years),
        )


def _rename_hint(country: str, stem: str, years: str) -> str:
    """Never a file name built from a country that is not a code (ZAM-2018-2022)."""
    if country_name(country) is not None:
        return f"rename the file to `{country}-{years}.yaml`"
    meant = _meant(country)
    if meant is None:
        return "correct `country` first (see DW101), then name the file after it"
    if stem == f"{meant}-{years}":
        return f"set `country` to {meant}, the code the file name already uses"
    return (
        f"correct `country` first ({did_you_mean([meant])}), then rename the file to "
        f"`{meant}-{years}.yaml`"
    )


@rule("DW103", "period-reversed", Severity.ERROR, S, "The period ends before it starts.")
def period_reversed(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    if period.end < period.start:
        yield Violation(
            ("period", "end"),
            f"period ends in {period.end}, before it starts in {period.start}",
            "swap start and end",
        )


@rule(
    "DW209",
    "extension-without-decision",
    Severity.WARNING,
    S,
    "The period is extended with no dated decision.",
)
def extension_without_decision(ctx: Context) -> Iterator[Violation]:
    period = ctx.programme.period
    if period.extended_to is not None and period.extension is None:
        yield Violation(
            ("period", "extended_to"),
            f"the period is extended to {period.extended_to} with no recorded decision",
            "add period.extension with the date of the decision, who took it and why",
        )


class PeriodLength(Options):
    min_years: int = 2
    max_years: int = 6


@rule(
    "DW104",
    "period-length-implausible",
    Severity.WARNING,
    S,
    "The period is shorter or longer than a DWCP runs.",
    PeriodLength,
)
def period_length_implausible(ctx: Context) -> Iterator[Violation]:
    limits = ctx.settings(PeriodLength)
    period = ctx.programme.period
    years = period.end - period.start + 1
    if period.end >= period.start and not limits.min_years <= years <= limits.max_years:
        yield Violation(
            ("period",),
            f"period {period.start}-{period.end} covers {years} years; DWCPs run "
            f"{limits.min_years} to {limits.max_years}",
            "check the years, or set [tool.dwcp.rules.DW104] if this is intended",
        )


@rule("DW105", "status-out-of-date", Severity.WARNING, S, "Status does not fit the period.")
def status_out_of_date(ctx: Context) -> Iterator[Violation]:
    p = ctx.programme
    end = p.period.effective_end
    if p.status in ("implementation", "signed") and end < ctx.as_of.year:
        yield Violation(
            ("status",),
            f"period {p.period.describe()} ended in {end} but status is still `{p.status}` "
            f"(as of {ctx.as_of.isoformat()})",
            "set status to review, extended or closed",
        )
    if p.status == "closed" and end > ctx.as_of.year:
        yield Violation(
            ("status",),
            f"programme is `closed` but its period runs until {end}",
            "correct the status or the period",
        )
    yield from _extension_out_of_date(ctx)


def _extension_out_of_date(ctx: Context) -> Iterator[Violation]:
    p = ctx.programme
    if p.status != "extended":
        return
    if p.period.extended_to is None:
        yield Violation(
            ("status",),
            f"programme is `extended` but its period {p.period.describe()} gives no extended_to",
            "add period.extended_to and the extension decision, or correct the status",
        )
    elif p.period.extended_to < ctx.as_of.year:
        yield Violation(
            ("status",),
            f"the extension ended in {p.period.extended_to} but status is still `extended` "
            f"(as of {ctx.as_of.isoformat()})",
            "set status to review or closed, or record a further extension in period",
        )


@rule("DW106", "unknown-currency", Severity.ERROR, S, "A currency is not an ISO 4217 code.")
def unknown_currency(ctx: Context) -> Iterator[Violation]:
    if not is_currency(ctx.programme.planning.currency):
        yield Violation(
            ("planning", "currency"),
            f"`{ctx.programme.planning.currency}` is not an ISO 4217 currency code",
            "use a code such as USD or EUR",
        )
    for loc, outcome, line in ctx.money_lines():
        if line.currency is not None and not is_currency(line.currency):
            yield Violation(
                (*loc, "currency"),
                f"outcome {outcome.id}: `{line.currency}` is not an ISO 4217 code",
                "use a code such as USD or EUR",
            )
    for loc, project in ctx.projects():
        if project.currency is not None and not is_currency(project.currency):
            yield Violation(
                (*loc, "currency"),
                f"project {project.symbol}: `{project.currency}` is not an ISO 4217 code",
                "use a code such as USD or EUR",
            )


@rule("DW107", "duplicate-id", Severity.ERROR, S, "Two items in the file share an id.")
def duplicate_id(ctx: Context) -> Iterator[Violation]:
    seen: dict[tuple[str | int, str], str] = {}
    for loc, item in _identified(ctx):
        ident = str(getattr(item, "id", "") or getattr(item, "symbol", ""))
        key = (loc[-2], ident)
        if key in seen:
            yield Violation(
                loc,
                f"{_NOUNS[str(loc[-2])]} id `{ident}` is used twice (first at {seen[key]})",
                f"give every {_NOUNS[str(loc[-2])]} its own id",
            )
        else:
            seen[key] = format_path(loc)


_NOUNS = {
    "priorities": "priority",
    "outcomes": "outcome",
    "indicators": "indicator",
    "outputs": "output",
    "projects": "project",
    "risks": "risk",
}


def _identified(ctx: Context) -> Iterator[tuple[tuple[str | int, ...], Model]]:
    for loc, priority in ctx.priorities():
        yield loc, priority
        for j, outcome in enumerate(priority.outcomes):
            oloc = (*loc, "outcomes", j)
            yield oloc, outcome
            for k, indicator in enumerate(outcome.indicators):
                yield (*oloc, "indicators", k), indicator
            for k, output in enumerate(outcome.outputs):
                yield (*oloc, "outputs", k), output
    yield from ctx.projects()
    for i, risk in enumerate(ctx.programme.planning.risks):
        if risk.id is not None:
            yield ("planning", "risks", i), risk


_CPO = re.compile(r"^[A-Z]{3}[0-9]{3}$")


@rule("DW108", "outcome-code-format", Severity.INFO, S, "CPO code is not ISO3 plus three digits.")
def outcome_code_format(ctx: Context) -> Iterator[Violation]:
    # Codes are compared with the country meant (ZMB for ZAM), never with a value that is no
    # code; with none meant, only their form can be checked.
    country = _meant(ctx.programme.country)
    form = f"{country} plus three digits" if country else "ISO3 plus three digits"
    example = f", such as {country}101" if country else ": the country's ISO3 code plus 3 digits"
    for loc, outcome in ctx.outcomes():
        if not _CPO.match(outcome.id) or not outcome.id.startswith(country or ""):
            yield Violation(
                (*loc, "id"),
                f"outcome code `{outcome.id}` is not in the ILO form {form}",
                f"use the code from the ILO planning system{example}",
            )


@rule(
    "DW109",
    "organization-name-fragment",
    Severity.INFO,
    S,
    "Two organizations look like one name split at a comma.",
)
def organization_name_fragment(ctx: Context) -> Iterator[Violation]:
    # An unquoted name with a comma in a flow list (`[Ministry of Labour, Invalids and Social
    # Affairs]`) loads as two items; `dwcp fmt` keeps what the file says, so this hint asks.
    for i, constituent in enumerate(ctx.programme.context.constituents):
        names = constituent.organizations
        for j in range(1, len(names)):
            reason = fragment_reason(names[j - 1], names[j])
            if reason is None:
                continue
            yield Violation(
                ("context", "constituents", i, "organizations", j),
                f"organizations `{names[j - 1]}` and `{names[j]}` look like one name split at "
                f"its comma: the second {reason}",
                f'if they are one organization, quote the name: "{joined(names[j - 1], names[j])}"',
            )
