"""Everything a document template may read, built in one place from the visible programme."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from dwcp import __version__
from dwcp.analyses.figures import money_cells
from dwcp.domain.money import ZERO
from dwcp.errors import UsageError
from dwcp.git import git, names, resolve, toplevel
from dwcp.model import Programme


def build_context(
    programme: Programme,
    source: Path,
    display_name: str,
    as_of: dt.date,
    audience: str,
    validated: bool,
) -> dict[str, Any]:
    p = programme.model_dump()
    return {
        "p": p,
        "audience": audience,
        "validated": validated,
        "outcome_count": sum(len(pr["outcomes"]) for pr in p["priorities"]),
        "matrix": _matrix(programme),
        "gaps": _gap_summary(programme),
        "provenance": {
            "source": display_name,
            "commit": git_commit(source),
            "tool": f"dwcp {__version__}",
            "as_of": as_of,
        },
    }


def _matrix(programme: Programme) -> dict[str, Any]:
    un = programme.context.un_framework
    outcomes = [o.id for o in un.outcomes] if un else []
    rows = []
    for priority in programme.priorities:
        links = {u.outcome: u.alignment for u in priority.un_outcomes}
        rows.append({"priority": priority.id, "cells": [links.get(o, "none") for o in outcomes]})
    return {"columns": outcomes, "rows": rows}


def _gap_summary(programme: Programme) -> list[dict[str, Any]]:
    """Per outcome and currency (all bienniums): required, secured, pipeline, gap; then totals."""
    keys = ("required", "secured", "pipeline", "gap")
    sums: dict[tuple[str | None, str], list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
    for cell in money_cells(programme):
        values = (cell.required, cell.secured, cell.pipeline, cell.gap)
        for key in ((cell.outcome.id, cell.currency), (None, cell.currency)):
            for i, value in enumerate(values):
                sums[key][i] += value
    ordered = sorted(sums.items(), key=lambda item: (item[0][0] is None, item[0][1]))
    return [
        {"outcome": outcome, "currency": currency, **dict(zip(keys, values, strict=True))}
        for (outcome, currency), values in ordered
    ]


def git_commit(path: Path) -> dict[str, Any] | None:
    """The commit the file comes from, and whether it has changed since; None outside git."""
    state = _git_state(path.resolve().parent)
    if state is None:
        return None
    head, top, changed = state
    return {"id": head, "dirty": path.resolve().relative_to(top).as_posix() in changed}


@cache
def _git_state(folder: Path) -> tuple[str, Path, frozenset[str]] | None:
    """HEAD, the work tree's top and its changed files, asked of git once per folder."""
    top = toplevel(folder)
    head = resolve(folder, "HEAD") if top is not None else None
    if top is None or head is None:
        return None  # not in git, or no commit yet: the document records no commit
    try:
        status = git(top, "status", "--porcelain", "-z", "--untracked-files=all")
    except UsageError:
        return None
    return head, top.resolve(), frozenset(_changed_paths(names(status)))


def _changed_paths(entries: list[str]) -> list[str]:
    """Paths from `git status --porcelain -z`: "XY path", and after a rename its old path."""
    found: list[str] = []
    after_rename = False
    for entry in entries:
        if after_rename:
            after_rename = False
            continue
        found.append(entry[3:])
        after_rename = any(code in "RC" for code in entry[:2].strip())
    return found
