"""Findings as an audience may read them: for the public, no message that may quote an item
marked internal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from dwcp.lint.findings import Finding
from dwcp.lint.rules import BY_CODE
from dwcp.model.public import Audience


def findings_for(findings: Iterable[Finding], audience: Audience) -> list[Finding]:
    """The findings as the audience may read them. A message, path or hint can quote any
    item of the file, internal ones too, so the public gets the rule's own summary instead:
    the code, place and severity still say what to fix."""
    if audience == "internal":
        return list(findings)
    return [public_finding(f) for f in findings]


def public_finding(finding: Finding) -> Finding:
    rule = BY_CODE.get(finding.code)
    return replace(finding, message=rule.summary if rule else "", path="", hint="")
