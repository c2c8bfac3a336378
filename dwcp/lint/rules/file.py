"""File-level rules: the loader and the schema report these before any other rule runs."""

from __future__ import annotations

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Rule


def _fixed(code: str, name: str, summary: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(code, name, severity, Step.FILE, summary, fixed=True)


yaml_syntax_error = _fixed("DW001", "yaml-syntax-error", "The file is not valid YAML.")
duplicate_key = _fixed("DW002", "duplicate-key", "A key appears twice in one mapping.")
yaml_tag = _fixed("DW003", "yaml-tag-not-allowed", "The file uses a YAML tag such as `!!python`.")
alias_bomb = _fixed("DW004", "alias-expansion-too-large", "YAML aliases expand without bound.")
multiple_documents = _fixed("DW005", "multiple-documents", "The file holds several documents.")
nesting_too_deep = _fixed(
    "DW006", "nesting-too-deep", "The YAML nests too deeply to be a programme."
)
file_unreadable = _fixed("DW011", "file-unreadable", "The path is missing, a folder or unreadable.")
file_too_large = _fixed("DW012", "file-too-large", "The file is larger than a programme can be.")
file_encoding = _fixed("DW013", "file-encoding", "The file is not UTF-8 text.")
not_a_programme = _fixed("DW014", "not-a-programme", "The file is empty or not a mapping.")
unknown_key = _fixed("DW020", "unknown-key", "A key is not part of the programme schema.")
missing_key = _fixed("DW021", "missing-key", "A required key is missing.")
wrong_type = _fixed("DW022", "wrong-type", "A value has the wrong type.")
invalid_value = _fixed("DW023", "invalid-value", "A value is outside what the schema allows.")
unused_suppression = Rule(
    "DW090",
    "unused-suppression",
    Severity.WARNING,
    Step.FILE,
    "A `# dwcp: ignore[...]` comment suppresses nothing.",
)
suppression_without_reason = Rule(
    "DW091",
    "suppression-without-reason",
    Severity.ERROR,
    Step.FILE,
    "A `# dwcp: ignore[...]` comment gives no reason.",
)
