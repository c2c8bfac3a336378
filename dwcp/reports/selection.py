"""Load the programmes a report covers, leaving out (and naming) those that are not valid."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import get_args

from dwcp.catalogue import Catalogue
from dwcp.errors import UsageError
from dwcp.findings import Finding
from dwcp.linter import Linter
from dwcp.loader import LoadError, discover, display_name, load
from dwcp.model import Programme
from dwcp.model.base import biennium_years, is_biennium
from dwcp.model.identity import Status
from dwcp.model.public import Audience, visible
from dwcp.parallel import iter_items
from dwcp.validate import to_programme

SELECT_KEYS = ("country", "region", "status", "biennium")


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


@dataclass
class Portfolio:
    entries: list[Entry] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def load_portfolio(
    paths: list[Path],
    catalogue: Catalogue,
    select: list[str],
    linter: Linter | None = None,
    audience: Audience = "internal",
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
        mark = exc.problem.mark
        return LeftOut(name, f"{exc.problem.message} (line {mark.line}, column {mark.column})")
    result = to_programme(document)
    if not isinstance(result, Programme):
        first = result[0]
        return LeftOut(
            name,
            f"{len(result)} schema problem(s); first: {first.message} (line {first.mark.line})",
        )
    findings = linter.lint_programme(document, result).findings if linter else []
    return name, document.data, tuple(findings)


def _allowed(key: str, catalogue: Catalogue) -> list[str]:
    if key == "region":
        return [r.id for r in catalogue.regions]
    if key == "status":
        return list(get_args(Status))
    return []


def parse_filters(select: list[str], catalogue: Catalogue) -> dict[str, set[str]]:
    filters: dict[str, set[str]] = {}
    for item in select:
        key, _, value = item.partition("=")
        if key not in SELECT_KEYS or not value:
            raise UsageError(
                f"--select {item!r}: write KEY=VALUE with KEY one of {', '.join(SELECT_KEYS)}"
            )
        values = {v.strip() for v in value.split(",")}
        allowed = _allowed(key, catalogue)
        wrong = sorted(v for v in values if not (is_biennium(v) if key == "biennium" else True))
        wrong += sorted(v for v in values if allowed and v not in allowed)
        if wrong:
            hint = "such as biennium=2020-21" if key == "biennium" else ", ".join(allowed)
            raise UsageError(f"--select {item!r}: unknown {key} {wrong[0]!r}; use {hint}")
        filters.setdefault(key, set()).update(values)
    return filters


def _selected(entry: Entry, filters: dict[str, set[str]]) -> bool:
    p = entry.programme
    checks = {
        "country": lambda values: p.country in values,
        "region": lambda values: entry.region in values,
        "status": lambda values: p.status in values,
        "biennium": lambda values: any(p.period.overlaps_years(*biennium_years(b)) for b in values),
    }
    return all(checks[key](values) for key, values in filters.items())
