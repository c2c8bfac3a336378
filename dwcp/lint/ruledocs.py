"""Rule documentation: the listing, one rule's page, and the README block, from the registry."""

from __future__ import annotations

import json

from dwcp.lint.rules import ALL_RULES, get
from dwcp.lint.rules.rule import Rule

# The first status at which a staged rule holds at its full severity.
VALIDATED = "validated"

README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"


def listing(output_format: str) -> str:
    if output_format == "json":
        return json.dumps([_as_dict(rule) for rule in ALL_RULES], indent=2) + "\n"
    if output_format == "markdown":
        return readme_block()
    width = max(len(rule.name) for rule in ALL_RULES)
    severity_width = max(len(severity_text(rule)) for rule in ALL_RULES)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {severity_text(r):<{severity_width}}  "
        f"{r.step.value:<13}  {r.summary}\n"
        for r in ALL_RULES
    )


def severity_text(rule: Rule) -> str:
    """`error`, or `warning, error from validated` for a rule that only warns on drafts."""
    if rule.before_validated is None:
        return rule.severity.value
    return f"{rule.before_validated.value}, {rule.severity.value} from {VALIDATED}"


def one(code: str, output_format: str) -> str | None:
    rule = get(code)
    if rule is None:
        return None
    if output_format == "json":
        return json.dumps(_as_dict(rule), indent=2) + "\n"
    docs = rule.docs() or f"# {rule.code} {rule.name}\n\n{rule.summary}\n"
    meta = (
        f"\nDefault severity: {_severity_sentence(rule)}. Step: {rule.step.value}."
        + (" Cannot be ignored." if rule.fixed else "")
        + "\n"
    )
    return docs.rstrip("\n") + "\n" + meta


def _severity_sentence(rule: Rule) -> str:
    if rule.before_validated is None:
        return rule.severity.value
    drafts = " and ".join(
        status
        for status, severity in rule.severity_by_status().items()
        if severity is not rule.severity
    )
    return (
        f"{rule.severity.value} from `{VALIDATED}` on; {rule.before_validated.value} before, "
        f"while the programme is in {drafts}"
    )


def _as_dict(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "severity_by_status": {
            status: severity.value for status, severity in rule.severity_by_status().items()
        },
        "step": rule.step.value,
        "summary": rule.summary,
        "fixed": rule.fixed,
        "options": sorted(rule.options.model_fields) if rule.options else [],
        "docs": rule.docs(),
    }


def readme_block() -> str:
    """The rules table that README.md carries between its rules markers."""
    rows = [
        "| Code | Name | Severity | Step | What it flags |",
        "| --- | --- | --- | --- | --- |",
    ]
    rows.extend(
        f"| {r.code} | `{r.name}` | {severity_text(r)} | {r.step.value} | {r.summary} |"
        for r in ALL_RULES
    )
    return "\n".join(rows) + "\n"


def update_readme(text: str) -> str:
    """README text with the rules table between the markers replaced by the current one."""
    start = text.index(README_START) + len(README_START)
    end = text.index(README_END)
    return text[:start] + "\n" + readme_block() + text[end:]


if __name__ == "__main__":  # `python -m dwcp.lint.ruledocs README.md` refreshes the table
    import sys
    from pathlib import Path

    readme = Path(sys.argv[1])
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
