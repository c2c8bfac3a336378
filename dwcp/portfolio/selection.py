"""The programmes a report covers: the gathered ones, selected, as the audience sees them,
and the files left out (each with its reason) because they hold no valid programme."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.countries import country_guesses, country_name
from dwcp.errors import UsageError
from dwcp.lint.core import Linter
from dwcp.lint.findings import Finding
from dwcp.model import Programme
from dwcp.model.common import Biennium, is_biennium
from dwcp.model.public import Audience, visible
from dwcp.model.record import Status
from dwcp.portfolio.gather import GatheredFile, Gathering, Unloadable, gather
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
    why: Unloadable

    def reason_for(self, audience: Audience) -> str:
        return self.why.reason(audience)


@dataclass
class Portfolio:
    entries: list[Entry] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def portfolio_of(
    gathering: Gathering, catalogue: Catalogue, select: list[str], audience: Audience = "public"
) -> Portfolio:
    """The gathered programmes a report covers, as `audience` sees them, selected by `select`;
    the files without a valid programme are left out, each with its reason."""
    filters = parse_filters(select, catalogue)
    portfolio = Portfolio()
    for file in gathering.files:
        if file.programme is None:
            assert file.unloadable is not None  # noqa: S101 - narrows: no programme, a reason
            portfolio.left_out.append(LeftOut(file.file, file.unloadable))
            continue
        programme = _as_seen_by(file, file.programme, audience)
        region = catalogue.region_of.get(programme.country, "unknown")
        entry = Entry(file.file, programme, region, file.findings)
        if _selected(entry, filters):
            portfolio.entries.append(entry)
    return portfolio


def _as_seen_by(file: GatheredFile, programme: Programme, audience: Audience) -> Programme:
    """The programme as `audience` sees it: made so here, unless the gathering did it."""
    if file.seen_by is None:
        return visible(programme, audience)
    if file.seen_by != audience:
        raise ValueError(f"{file.file} was gathered for {file.seen_by}, not {audience}")
    return programme


def load_portfolio(
    paths: list[Path],
    catalogue: Catalogue,
    select: list[str],
    linter: Linter,
    audience: Audience = "public",
) -> Portfolio:
    """Gather every file under `paths` (once, on every core) and select the programmes."""
    parse_filters(select, catalogue)  # a typo stops the run before any file is read
    return portfolio_of(gather(paths, linter, audience=audience), catalogue, select, audience)


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
    return [str(b) for b in dict.fromkeys(Biennium.of(year) for year in years)]


def _selected(entry: Entry, filters: dict[str, set[str]]) -> bool:
    p = entry.programme
    checks = {
        "country": lambda values: p.country in values,
        "region": lambda values: entry.region in values,
        "status": lambda values: p.status in values,
        "biennium": lambda values: any(
            p.period.overlaps_biennium(Biennium.parse(b)) for b in values
        ),
    }
    return all(checks[key](values) for key, values in filters.items())
