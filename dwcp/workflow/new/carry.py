"""What a new programme takes over from the previous one: the country context that
continues, the projects still running, and the office.

Items are returned as plain data in model field order, holding only what the previous file
wrote (defaults it left out stay out), ready to be dumped into the new file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dwcp.domain.vocabulary import tripartite_groups
from dwcp.errors import UsageError
from dwcp.model import Programme
from dwcp.model.common import Period
from dwcp.model.country_context import Project, UnFramework


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous programme and the file stem the new one records as `previous`."""

    programme: Programme
    stem: str


def load_previous(path: Path) -> Previous:
    """Load and validate the previous programme; if it fails, UsageError lists every problem
    as file:line:col, so nothing is written from a file the linter would reject."""
    from dwcp.source.loader import LoadError, load
    from dwcp.source.validate import to_programme

    shown = path.as_posix()
    try:
        document = load(path, shown)
    except LoadError as exc:
        problem = exc.problem
        where = f"{shown}:{problem.mark.line}:{problem.mark.column}"
        raise UsageError(_refusal(shown, [_line(where, problem.message, problem.hint)])) from None
    outcome = to_programme(document)
    if not isinstance(outcome, Programme):
        lines = [
            _line(f"{shown}:{p.mark.line}:{p.mark.column}", p.message, p.hint) for p in outcome
        ]
        raise UsageError(_refusal(shown, lines))
    return Previous(outcome, path.stem)


def _refusal(shown: str, lines: list[str]) -> str:
    return (
        f"--from {shown} is not a valid programme, so nothing was written; fix it first "
        "(dwcp lint shows the same problems):\n" + "\n".join(lines)
    )


def _line(where: str, message: str, hint: str) -> str:
    return f"  {where}: {message}" + (f" (hint: {hint})" if hint else "")


def written(item: BaseModel) -> dict[str, Any]:
    """The item as the file wrote it: model field order, no defaults the file left out."""
    return item.model_dump(exclude_unset=True)


def national_frameworks(previous: Programme) -> list[dict[str, Any]]:
    return [written(framework) for framework in previous.context.national_frameworks]


def un_frameworks(previous: Programme, period: Period) -> list[dict[str, Any]]:
    """The UN frameworks still in force during the new period (or giving no period).

    Reasons for leaving UN outcomes uncovered are dropped: they answered the old priorities.
    """
    carried = []
    for framework in previous.context.un_frameworks:
        if _in_force(framework, period):
            data = written(framework)
            for outcome in data.get("outcomes", []):
                outcome.pop("not_covered_reason", None)
            carried.append(data)
    return carried


def un_frameworks_left(previous: Programme, period: Period) -> list[UnFramework]:
    """The previous programme's UN frameworks that do not reach into the new period."""
    return [f for f in previous.context.un_frameworks if not _in_force(f, period)]


def reasons_dropped(previous: Programme, period: Period) -> bool:
    """Whether carrying the UN frameworks dropped any not_covered_reason."""
    return any(
        outcome.not_covered_reason
        for framework in previous.context.un_frameworks
        if _in_force(framework, period)
        for outcome in framework.outcomes
    )


def _in_force(framework: UnFramework, period: Period) -> bool:
    return framework.period is None or framework.period.overlaps(period)


def constituents(previous: Programme) -> list[dict[str, Any]]:
    """Each group with its organizations; concerns and consultation dates are this
    programme's to record. Every tripartite group gets an entry."""
    entries: list[dict[str, Any]] = [
        blank_constituent(c.group, list(c.organizations)) for c in previous.context.constituents
    ]
    present = {entry["group"] for entry in entries}
    entries.extend(
        blank_constituent(group) for group in tripartite_groups() if group not in present
    )
    return entries


def blank_constituent(group: str, organizations: list[str] | None = None) -> dict[str, Any]:
    """A constituent entry whose concerns and consultation date are still to be recorded."""
    return {
        "group": group,
        "organizations": organizations or [],
        "concerns": [],
        "consulted_on": None,
    }


def continuing_projects(previous: Programme, period: Period) -> list[dict[str, Any]]:
    """Projects not closed whose period reaches into the new one (or is not known), without
    contributes_to: those links named outcomes of the previous programme."""
    kept: list[dict[str, Any]] = []
    for project in previous.context.projects:
        if _continues(project, period):
            data = written(project)
            data.pop("contributes_to", None)
            kept.append(data)
    return kept


def links_dropped(previous: Programme, period: Period) -> bool:
    """Whether any project carried forward lost its contributes_to links."""
    return any(p.contributes_to for p in previous.context.projects if _continues(p, period))


def _continues(project: Project, period: Period) -> bool:
    if project.status == "closed":
        return False
    return project.period is None or project.period.overlaps(period)


def items(models: Iterable[BaseModel]) -> list[dict[str, Any]]:
    return [written(model) for model in models]


def labour_standards(previous: Programme) -> dict[str, Any] | None:
    """The ratifications, and the supervisory comments without addressed_by: those named
    the previous programme's outcomes, and DW210 asks which new outcome takes each up."""
    standards = previous.context.labour_standards
    if standards is None:
        return None
    data = written(standards)
    for comment in data.get("supervisory_comments", []):
        comment.pop("addressed_by", None)
    return data
