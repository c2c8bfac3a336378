"""`--format sarif`: SARIF 2.1.0 for code scanning, with stable rule ids and help text."""

from __future__ import annotations

import json

from dwcp import __version__
from dwcp.escape import json_document, sarif_message, sarif_uri
from dwcp.lint.findings import Severity
from dwcp.lint.results import LintResult
from dwcp.lint.rules import ALL_RULES

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: LintResult) -> str:
    rules = list(ALL_RULES)
    index = {rule.code: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "dwcp",
                "version": __version__,
                "rules": [
                    {
                        "id": rule.code,
                        "name": rule.name,
                        "shortDescription": {"text": rule.summary},
                        "fullDescription": {"text": rule.summary},
                        "help": {"text": rule.docs() or rule.summary, "markdown": rule.docs()},
                        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                        "properties": {"step": rule.step.value},
                    }
                    for rule in rules
                ],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "properties": {"asOf": result.as_of.isoformat()},
            }
        ],
        "results": [
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _LEVEL[finding.severity],
                "message": {
                    "text": sarif_message(
                        finding.message + (f" ({finding.hint})" if finding.hint else "")
                    )
                },
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": sarif_uri(finding.file)},
                            "region": {
                                "startLine": finding.line,
                                "startColumn": finding.column,
                            },
                        },
                        "logicalLocations": (
                            [{"fullyQualifiedName": finding.path}] if finding.path else []
                        ),
                    }
                ],
                "partialFingerprints": {"dwcpPath/v1": f"{finding.code}:{finding.path}"},
            }
            for finding in result.findings
        ],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_document(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
