"""`--format json`: one document with every finding and a summary."""

from __future__ import annotations

import json
from collections import Counter

from dwcp import __version__
from dwcp.escape import json_document
from dwcp.lint.results import LintResult

SCHEMA_VERSION = 1


def render(result: LintResult) -> str:
    by_severity = Counter(f.severity.value for f in result.findings)
    document = {
        "tool": "dwcp",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "findings": [f.to_dict() for f in result.findings],
        "summary": {
            "files": len(result.files),
            "findings": len(result.findings),
            "error": by_severity.get("error", 0),
            "warning": by_severity.get("warning", 0),
            "info": by_severity.get("info", 0),
            "by_code": dict(sorted(Counter(f.code for f in result.findings).items())),
        },
    }
    return json_document(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
