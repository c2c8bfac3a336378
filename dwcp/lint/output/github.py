"""`--format github`: workflow commands that GitHub Actions shows as annotations.

GitHub shows at most 10 error and 10 warning annotations per step, so the worst come first
and a closing notice says how many were left out of the annotations.
"""

from __future__ import annotations

from dwcp.escape import workflow_data, workflow_property
from dwcp.lint.findings import Finding, Severity
from dwcp.lint.results import LintResult

SHOWN_PER_LEVEL = 10
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def annotation(finding: Finding) -> str:
    title = workflow_property(f"{finding.code} {finding.name}")
    message = finding.message + (f" ({finding.hint})" if finding.hint else "")
    return (
        f"::{_LEVEL[finding.severity]} file={workflow_property(finding.file)},"
        f"line={finding.line},col={finding.column},title={title}::{workflow_data(message)}"
    )


def render(result: LintResult) -> str:
    ordered = sorted(result.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    lines: list[str] = []
    shown: dict[Severity, int] = {}
    hidden = 0
    for finding in ordered:
        count = shown.get(finding.severity, 0)
        if count >= SHOWN_PER_LEVEL:
            hidden += 1
            continue
        shown[finding.severity] = count + 1
        lines.append(annotation(finding))
    if hidden:
        lines.append(
            f"::notice title=dwcp::{hidden} more findings are not shown as annotations "
            "(GitHub shows 10 per level); run `dwcp lint` locally or see the SARIF upload"
        )
    return "".join(line + "\n" for line in lines)
