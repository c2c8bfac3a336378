"""Translations beside the programme (`<stem>.<lang>.yaml`, see dwcp.model.translation)."""

from __future__ import annotations

from collections.abc import Iterator

from dwcp.domain.passages import PROGRAMME, passage_hash, passages
from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Rule, Violation, rule

F = Step.FILE


@rule(
    "DW093",
    "translation-missing-or-stale",
    Severity.WARNING,
    F,
    "A passage is missing from a translation, or was translated from an older original.",
    before_validated=Severity.INFO,
)
def translation_missing_or_stale(ctx: Context) -> Iterator[Violation]:
    for file in ctx.translations:
        if file.translation is None:
            continue  # DW094 says why it cannot be read
        for passage in passages(ctx.programme):
            fields = (
                file.translation.programme
                if passage.owner == PROGRAMME
                else file.translation.items.get(passage.owner, {})
            )
            entry = fields.get(passage.field)
            now = passage_hash(passage.text)
            where = "programme" if passage.owner == PROGRAMME else f"items: {passage.owner}"
            if entry is None:
                yield Violation(
                    passage.loc,
                    f"{passage.label} has no translation in {file.path}; documents in "
                    f"`{file.language}` show it in the original, marked",
                    f'add under `{where}`: `{passage.field}: {{original: "{now}", text: ...}}`',
                )
            elif entry.original != now:
                mark = file.mark_of(*_keys(passage.owner, passage.field))
                yield Violation(
                    passage.loc,
                    f"{passage.label} changed after its translation in "
                    f"{file.path}:{mark.line}:{mark.column} was made; documents in "
                    f"`{file.language}` show the new original, marked",
                    f'update the translation, then record `original: "{now}"`',
                )


def _keys(owner: str, field: str) -> tuple[str, ...]:
    return ("programme", field) if owner == PROGRAMME else ("items", owner, field)


translation_file_invalid = Rule(
    "DW094",
    "translation-file-invalid",
    Severity.ERROR,
    F,
    "A translation file cannot be read, or names items or fields the programme lacks.",
)
