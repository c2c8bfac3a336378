"""A diff for people and programs: terminal text, a Markdown pull-request comment, JSON.

JSON structure (version 1; keys are only ever added, never renamed or removed):

    {"version": 1,
     "base": {"label": "merge base of HEAD and main", "commit": "<sha>"},
     "head": {"label": "working tree", "commit": null},
     "as_of": "2024-01-31",            # the date time-based lint rules were judged at
     "audience": "public",             # or "internal": see dwcp.workflow.diff.build
     "changed": true,                  # what --exit-code looks at
     "files": [
       {"path": "programmes/ZMB-2018-2022.yaml",
        "old_path": null,              # the name at BASE when renamed
        "status": "modified",          # added | deleted | modified | renamed
        "summary": {"base": SUMMARY | null, "head": SUMMARY | null},
        "errors": ["BASE: file does not load: programmes/...:12:3: ..."],
        "changes": [{"kind": "changed", "path": "status", "old": "drafting",
                     "new": "signed", "message": "Status: drafting -> signed"}],
        "findings": {"new": [FINDING], "resolved": [FINDING]}}]}

SUMMARY is {country, period, status, priorities, outcomes, indicators}; FINDING is the
object `dwcp lint --format json` prints. A change's kind is added, removed, changed, moved,
budget (old/new: required, secured, pipeline and gap of one outcome, biennium and currency)
or totals (the same figures summed per currency). Amounts are numbers, dates ISO strings.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import asdict
from decimal import Decimal

from dwcp.escape import json_document, markdown_text, terminal_markup, terminal_text
from dwcp.lint.findings import Finding
from dwcp.model.public import Audience
from dwcp.workflow.diff.model import FIGURES, DiffReport, Figures, FileDiff
from dwcp.workflow.diff.words import amount

# Lists longer than this fold into <details> in Markdown.
FOLD_AFTER = 10
_KINDS_IN_TABLES = ("budget", "totals")


# --- JSON ------------------------------------------------------------------------------------


def render_json(report: DiffReport) -> str:
    data = {
        "version": 1,
        "base": {"label": report.base.label, "commit": report.base.commit},
        "head": {"label": report.head.label, "commit": report.head.commit},
        "as_of": report.as_of,
        "audience": report.audience,
        "changed": report.changed,
        "files": [_file_json(f) for f in report.files],
    }
    return json_document(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def _file_json(diff: FileDiff) -> dict[str, object]:
    return {
        "path": diff.path,
        "old_path": diff.old_path,
        "status": diff.status,
        "summary": {
            "base": asdict(diff.base) if diff.base else None,
            "head": asdict(diff.head) if diff.head else None,
        },
        "errors": diff.errors,
        "changes": [
            {
                "kind": c.kind,
                "path": c.path,
                "old": plain(c.old),
                "new": plain(c.new),
                "message": c.message,
            }
            for c in diff.changes
        ],
        "findings": {
            "new": [f.to_dict() for f in diff.new_findings],
            "resolved": [f.to_dict() for f in diff.resolved_findings],
        },
    }


def plain(item: object) -> object:
    """A model value as JSON: amounts as numbers, dates as ISO text."""
    if isinstance(item, Decimal):
        return int(item) if item == item.to_integral_value() else float(item)
    if isinstance(item, dt.date):
        return item.isoformat()
    if isinstance(item, dict):
        return {str(k): plain(v) for k, v in item.items()}
    if isinstance(item, list | tuple):
        return [plain(v) for v in item]
    if item is None or isinstance(item, str | int | float | bool):
        return item
    return str(item)


# --- text ------------------------------------------------------------------------------------


def render_text(report: DiffReport, color: bool = False) -> str:
    """Terminal text; with color, added findings are red and resolved ones green."""
    lines: list[tuple[str, str]] = [(_heading(report), "bold")]
    for diff in report.files:
        lines.append(("", ""))
        lines.extend(_file_text(diff, report.audience))
    lines.append(("", ""))
    lines.append((_verdict(report), "bold"))
    if not color:
        return "".join(f"{terminal_text(text)}\n" for text, _ in lines)
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, width=120, highlight=False, emoji=False, soft_wrap=True
    )
    for text, style in lines:
        shown = terminal_markup(text)
        console.print(f"[{style}]{shown}[/]" if style and text else shown)
    return buffer.getvalue()


AUDIENCE_WORDS = {
    "public": "audience: public",
    "internal": "audience: internal, not for publication",
}
# Said the same whether comments, layout or internal items changed, so it tells nothing.
UNCHANGED = {
    "public": "no change in public content (comments, layout or internal items only)",
    "internal": "no change in content (comments or layout only)",
}


def _heading(report: DiffReport) -> str:
    return (
        f"dwcp diff: {_side(report.base.label, report.base.commit)} -> "
        f"{_side(report.head.label, report.head.commit)} (findings as of {report.as_of}; "
        f"{AUDIENCE_WORDS[report.audience]})"
    )


def _side(label: str, commit: str | None) -> str:
    if commit is None:
        return label
    short = commit[:10]
    return short if label.startswith(short) else f"{label} ({short})"


def _file_text(diff: FileDiff, audience: Audience) -> list[tuple[str, str]]:
    lines = [(f"{diff.path}: {_status(diff)}", "bold")]
    lines.extend((f"  {error}", "red") for error in diff.errors)
    if _one_side_failed(diff):
        lines.append(("  domain changes not compared", "dim"))
    lines.extend((f"  {change.message}", "") for change in diff.changes)
    if diff.status == "modified" and not diff.changed:
        lines.append((f"  {UNCHANGED[audience]}", "dim"))
    for sign, title, findings, style in (
        ("+", "new findings", diff.new_findings, "red"),
        ("-", "resolved findings", diff.resolved_findings, "green"),
    ):
        if findings:
            lines.append((f"  {title} ({len(findings)}):", ""))
            lines.extend((f"    {sign} {_finding_line(f)}", style) for f in findings)
    return lines


def _one_side_failed(diff: FileDiff) -> bool:
    """A file on both sides of which one did not load: only its findings could be compared."""
    return diff.status in ("modified", "renamed") and (diff.base is None or diff.head is None)


def _status(diff: FileDiff) -> str:
    summary = diff.head or diff.base
    said = f" ({summary.text()})" if summary else ""
    if diff.status == "renamed":
        return f"renamed from {diff.old_path}{said}"
    if diff.status == "modified" and diff.base and diff.head:
        return f"modified ({diff.head.text()})"
    return f"{diff.status}{said}"


def _finding_line(finding: Finding) -> str:
    return (
        f"{finding.line}:{finding.column} {finding.code} {finding.message} "
        f"({finding.severity.value})"
    )


def _verdict(report: DiffReport) -> str:
    if not report.files:
        return "No programme file changed."
    counts: dict[str, int] = {}
    for diff in report.files:
        counts[diff.status] = counts.get(diff.status, 0) + 1
    files = len(report.files)
    by_status = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    new = sum(len(f.new_findings) for f in report.files)
    resolved = sum(len(f.resolved_findings) for f in report.files)
    return (
        f"{files} programme file{'s' if files != 1 else ''} changed ({by_status}); "
        f"{new} new finding{'s' if new != 1 else ''}, {resolved} resolved."
    )


# --- Markdown --------------------------------------------------------------------------------

md = markdown_text
"""YAML content made inert in Markdown (the one escaper, in dwcp.escape)."""


def render_markdown(report: DiffReport) -> str:
    """A pull-request comment: a heading per programme, tables for money, findings folded."""
    heading = md(_arrows(_heading(report).removeprefix("dwcp diff: ")))
    out = ["## Programme changes", "", heading, ""]
    for diff in report.files:
        out.extend(_file_markdown(diff, report.audience))
    out.append(f"**{md(_verdict(report))}**")
    return "\n".join(out) + "\n"


def _file_markdown(diff: FileDiff, audience: Audience) -> list[str]:
    out = [f"### {md(diff.path)}", "", f"{md(_status(diff))} · {md(_counts(diff))}", ""]
    out.extend(f"> {md(error)}\n" for error in diff.errors)
    if _one_side_failed(diff):
        out.extend(["Domain changes not compared.", ""])
    words = [f"- {md(_arrows(c.message))}" for c in diff.changes if c.kind not in _KINDS_IN_TABLES]
    out.extend(_fold(words, f"{len(words)} changes"))
    if diff.budget:
        out.extend(_budget_table(diff))
    if diff.totals:
        out.extend(_totals_table(diff))
    if diff.status == "modified" and not diff.changed:
        said = UNCHANGED[audience]
        out.extend([f"{said[0].upper()}{said[1:]}.", ""])
    for title, findings in (
        ("New findings", diff.new_findings),
        ("Resolved findings", diff.resolved_findings),
    ):
        if findings:
            out.extend(_fold(_findings_table(findings), f"{title} ({len(findings)})", titled=True))
    return out


def _counts(diff: FileDiff) -> str:
    changes = len(diff.changes)
    new, resolved = len(diff.new_findings), len(diff.resolved_findings)
    return (
        f"{changes} change{'s' if changes != 1 else ''}, "
        f"{new} new finding{'s' if new != 1 else ''}, {resolved} resolved"
    )


def _arrows(text: str) -> str:
    return text.replace(" -> ", " → ")


def _fold(lines: list[str], summary: str, titled: bool = False) -> list[str]:
    """Short lists as they are (under the summary in bold if titled); long ones collapsed."""
    if not lines:
        return []
    if len(lines) > FOLD_AFTER:
        return [f"<details><summary>{md(summary)}</summary>", "", *lines, "", "</details>", ""]
    heading = [f"**{md(summary)}**", ""] if titled else []
    return [*heading, *lines, ""]


def _findings_table(findings: list[Finding]) -> list[str]:
    rows = [
        f"| {f.severity.value} | {f.code} | {f.line}:{f.column} | {md(f.message)} |"
        for f in findings
    ]
    return ["| Severity | Code | Line | Message |", "| --- | --- | --- | --- |", *rows]


def _budget_table(diff: FileDiff) -> list[str]:
    lines = [
        "| Outcome | Biennium | Currency | Sources changed | Required | Secured | Pipeline | Gap |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in diff.budget:
        words = [md(c) for c in (row.outcome, row.biennium, row.currency, ", ".join(row.sources))]
        lines.append(f"| {' | '.join([*words, *_figure_cells(row.old, row.new)])} |")
    count = len(diff.budget)
    return _fold(lines, f"Budget ({count} change{'s' if count != 1 else ''})", titled=True)


def _totals_table(diff: FileDiff) -> list[str]:
    out = [
        "**Totals per currency**",
        "",
        "| Currency | Required | Secured | Pipeline | Gap |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    out.extend(
        f"| {md(row.currency)} | {' | '.join(_figure_cells(row.old, row.new))} |"
        for row in diff.totals
    )
    return [*out, ""]


def _figure_cells(old: Figures, new: Figures) -> list[str]:
    cells = []
    for name in FIGURES:
        before, after = old.get(name), new.get(name)
        cells.append(amount(after) if before == after else f"{amount(before)} → {amount(after)}")
    return cells
