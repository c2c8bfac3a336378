"""Load the programmes a report covers, leaving out (and naming) those that are not valid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import get_args

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.countries import country_guesses
from dwcp.domain.lookups import country_name
from dwcp.errors import UsageError
from dwcp.lint.core import Linter
from dwcp.lint.findings import Finding
from dwcp.model import Programme
from dwcp.model.common import biennium_years, is_biennium
from dwcp.model.public import Audience, visible
from dwcp.model.record import Status
from dwcp.parallel import iter_items
from dwcp.source.loader import LoadError, discover, display_name, load
from dwcp.source.validate import to_programme
from dwcp.suggest import closest, did_you_mean

SELECT_KEYS = ("country", "region", "status", "biennium")
_FORM = f"write KEY=VALUE with KEY one of {', '.join(SELECT_KEYS)}"


@dataclass(frozen=True)
class Entry:
    file: str
    programme: Programme
    region: str
    findings: tuple[Finding, ...] = ()
    """What the file rules found, for the method-completeness matrix."""


@dataclass(frozen=True)
class LeftOut:
    file: str
    reason: str
    public_reason: str
    """The reason in dwcp's words only: a schema message may quote an internal item."""

    def reason_for(self, audience: Audience) -> str:
        return self.reason if audience == "internal" else self.public_reason


@dataclass
class Portfolio:
    entries: list[Entry] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def load_portfolio(
    paths: list[Path],
    catalogue: Catalogue,
    select: list[str],
    linter: Linter | None = None,
    audience: Audience = "public",
) -> Portfolio:
    """Load and validate every file (on every core), lint the valid ones if asked, select."""
    filters = parse_filters(select, catalogue)
    portfolio = Portfolio()
    for loaded in iter_items(partial(_load_one, linter), discover(paths)):
        if isinstance(loaded, LeftOut):
            portfolio.left_out.append(loaded)
            continue
        name, data, findings = loaded
        # Workers send plain data back, which crosses processes far faster than models;
        # it was valid there, so validating it again here cannot fail.
        programme = visible(Programme.model_validate(data), audience)
        region = catalogue.region_of.get(programme.country, "unknown")
        entry = Entry(name, programme, region, findings)
        if _selected(entry, filters):
            portfolio.entries.append(entry)
    return portfolio


def _load_one(
    linter: Linter | None, path: Path
) -> tuple[str, object, tuple[Finding, ...]] | LeftOut:
    name = display_name(path)
    try:
        document = load(path, name)
    except LoadError as exc:
        at = f"line {exc.problem.mark.line}, column {exc.problem.mark.column}"
        return LeftOut(name, f"{exc.problem.message} ({at})", f"does not load ({at})")
    result = to_programme(document)
    if not isinstance(result, Programme):
        first = result[0]
        return LeftOut(
            name,
            f"{len(result)} schema problem(s); first: {first.message} (line {first.mark.line})",
            f"fails the schema (first problem on line {first.mark.line})",
        )
    findings = linter.lint_programme(document, result).findings if linter else []
    return name, document.data, tuple(findings)


def parse_filters(select: list[str], catalogue: Catalogue) -> dict[str, set[str]]:
    """`country=ZMB,VNM`-style selectors by key; UsageError with a did-you-mean for an unknown
    key or value, since a typo would otherwise give an empty report."""
    filters: dict[str, set[str]] = {}
    for item in select:
        key, _, value = item.partition("=")
        values = {v.strip() for v in value.split(",") if v.strip()}
        if key not in SELECT_KEYS:
            guess = closest(key, SELECT_KEYS)
            why = f"unknown key {key!r}; {did_you_mean([guess])}" if guess else _FORM
            raise UsageError(f"--select {item!r}: {why}")
        if not values:
            raise UsageError(f"--select {item!r}: {_FORM}")
        for wanted in sorted(values):
            problem = _unknown(key, wanted, catalogue)
            if problem is not None:
                raise UsageError(f"--select {item!r}: unknown {key} {wanted!r}; {problem}")
        filters.setdefault(key, set()).update(values)
    return filters


def _unknown(key: str, value: str, catalogue: Catalogue) -> str | None:
    """None for a value the key can take; otherwise what to write instead."""
    if key == "country":
        if country_name(value) is not None:
            return None
        return did_you_mean(country_guesses(value)) or "use an ISO 3166-1 alpha-3 code (ZMB)"
    if key == "biennium":
        if is_biennium(value):
            return None
        return did_you_mean(_bienniums_near(value)) or "use a biennium such as 2020-21"
    allowed = [r.id for r in catalogue.regions] if key == "region" else list(get_args(Status))
    if value in allowed:
        return None
    guess = closest(value, allowed)
    return did_you_mean([guess]) if guess else "use one of " + ", ".join(allowed)


# A year, and the short second year of a biennium-like span: 2019, 2019-20.
_YEARS = re.compile(r"(?<![0-9])([0-9]{4})(?:-([0-9]{2}))?(?![0-9])")


def _bienniums_near(value: str) -> list[str]:
    """The bienniums holding the years written: 2019 -> 2018-19, 2019-20 -> both."""
    years = []
    for first, short in _YEARS.findall(value):
        years.append(int(first))
        if short:
            years.append(int(first) // 100 * 100 + int(short))
    starts = dict.fromkeys(year - year % 2 for year in years)
    return [f"{start}-{(start + 1) % 100:02d}" for start in starts]


def _selected(entry: Entry, filters: dict[str, set[str]]) -> bool:
    p = entry.programme
    checks = {
        "country": lambda values: p.country in values,
        "region": lambda values: entry.region in values,
        "status": lambda values: p.status in values,
        "biennium": lambda values: any(p.period.overlaps_years(*biennium_years(b)) for b in values),
    }
    return all(checks[key](values) for key, values in filters.items())
