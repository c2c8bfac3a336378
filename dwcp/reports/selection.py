"""Load the programmes a report covers, leaving out (and naming) those that are not valid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dwcp.catalogue import Catalogue
from dwcp.errors import UsageError
from dwcp.linter import discover, display_name
from dwcp.loader import Document, LoadError, load
from dwcp.model import Programme
from dwcp.model.base import biennium_years
from dwcp.validate import to_programme

SELECT_KEYS = ("country", "region", "status", "biennium")
_BIENNIUM = re.compile(r"[0-9]{4}-[0-9]{2}")


@dataclass(frozen=True)
class Entry:
    file: str
    programme: Programme
    document: Document
    region: str


@dataclass(frozen=True)
class LeftOut:
    file: str
    reason: str


@dataclass
class Portfolio:
    entries: list[Entry] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def load_portfolio(paths: list[Path], catalogue: Catalogue, select: list[str]) -> Portfolio:
    filters = parse_filters(select)
    portfolio = Portfolio()
    for path in discover(paths):
        name = display_name(path)
        try:
            document = load(path, name)
        except LoadError as exc:
            mark = exc.problem.mark
            portfolio.left_out.append(
                LeftOut(name, f"{exc.problem.message} (line {mark.line}, column {mark.column})")
            )
            continue
        result = to_programme(document)
        if not isinstance(result, Programme):
            first = result[0]
            reason = (
                f"{len(result)} schema problem(s); first: {first.message} (line {first.mark.line})"
            )
            portfolio.left_out.append(LeftOut(name, reason))
            continue
        region = catalogue.region_of.get(result.country, "unknown")
        entry = Entry(name, result, document, region)
        if _selected(entry, filters):
            portfolio.entries.append(entry)
    return portfolio


def parse_filters(select: list[str]) -> dict[str, set[str]]:
    filters: dict[str, set[str]] = {}
    for item in select:
        key, _, value = item.partition("=")
        if key not in SELECT_KEYS or not value:
            raise UsageError(
                f"--select {item!r}: write KEY=VALUE with KEY one of {', '.join(SELECT_KEYS)}"
            )
        values = {v.strip() for v in value.split(",")}
        if key == "biennium" and not all(_BIENNIUM.fullmatch(v) for v in values):
            raise UsageError(f"--select {item!r}: write bienniums such as biennium=2020-21")
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
