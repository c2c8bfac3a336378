"""The linter core: it only orchestrates load -> validate -> rules -> findings.

A file that fails to load reports that one problem; a file that fails the schema reports its
schema problems; only a valid programme meets the rules. Portfolio rules then run over small
per-file summaries, which are cached with the findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from dwcp.cache import entry_key, tool_fingerprint
from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.passages import unknown_entries
from dwcp.lint.findings import Finding, Severity
from dwcp.lint.results import FileResult, facts_of, to_json
from dwcp.lint.rules import ALL_RULES, BY_CODE
from dwcp.lint.rules.languages import translation_file_invalid
from dwcp.lint.rules.portfolio import FileFacts, PortfolioRule
from dwcp.lint.rules.rule import Context, Rule, Violation
from dwcp.lint.settings import rule_settings
from dwcp.lint.suppressions import (
    Suppression,
    apply_suppressions,
    parse_suppressions,
    suppression_problems,
)
from dwcp.model import Programme
from dwcp.model.record import Status
from dwcp.source.loader import (
    Document,
    LoadError,
    decode,
    parse,
)
from dwcp.source.positions import Mark, format_path, locate
from dwcp.source.translations import TranslationFile, read_translation, siblings
from dwcp.source.validate import SchemaProblem, to_programme


@dataclass(frozen=True)
class LintOptions:
    as_of: dt.date
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    use_cache: bool = True
    errors_only: bool = False
    """Run only the rules that can give an error (at some status, as configured): for
    commands that only need to know whether a file has errors (`dwcp render`); a good
    quarter of the rule time goes to rules that can only warn or inform."""


class Linter:
    def __init__(self, settings: Settings, catalogue: Catalogue, options: LintOptions) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.options = options
        self.rule_settings = rule_settings(settings)
        self.enabled = self.rule_settings.enabled(options.select, options.ignore)
        if options.errors_only:
            self.enabled = frozenset(c for c in self.enabled if self._may_give_error(BY_CODE[c]))
        self.rules = [r for r in ALL_RULES if r.code in self.enabled and r.check is not None]
        # Everything besides the file's own bytes and path that can change its findings.
        self.context_key = entry_key(
            "lint",
            tool_fingerprint(),
            self.rule_settings.fingerprint(),
            catalogue.fingerprint(),
            options.as_of.isoformat(),
            ",".join(sorted(self.enabled)),
        )

    def _may_give_error(self, rule: Rule) -> bool:
        statuses: tuple[str | None, ...] = (*get_args(Status), None)
        return any(self.rule_settings.severity_of(rule, s) is Severity.ERROR for s in statuses)

    def lint_raw(self, item: tuple[str, bytes]) -> dict[str, object]:
        """Lint one file's bytes into its cacheable JSON form."""
        name, raw = item
        try:
            result = self.lint_text(decode(raw), name)
        except LoadError as exc:
            result = FileResult(self.load_findings(name, exc))
        return to_json(result)

    def lint_text(self, text: str, name: str) -> FileResult:
        """Lint one file's text. Raises LoadError when the text is not a loadable YAML mapping."""
        document = parse(text, name)
        outcome = to_programme(document)
        if not isinstance(outcome, Programme):
            return FileResult(self.schema_findings(name, outcome))
        return self.lint_programme(document, outcome)

    def schema_findings(self, name: str, problems: Iterable[SchemaProblem]) -> list[Finding]:
        """The findings for a file that fails the schema, one per problem."""
        return [
            self._finding(BY_CODE[p.code], name, p.mark, format_path(p.loc), p.message, p.hint)
            for p in problems
        ]

    def lint_programme(self, document: Document, outcome: Programme) -> FileResult:
        """Run the file rules on a programme already loaded and validated."""
        name, text = document.path, document.text
        translations = read_translations(name)
        context = Context(
            outcome,
            self.catalogue,
            self.options.as_of,
            document.path,
            self.rule_settings.options,
            translations,
        )
        raw_findings = [
            self._from_violation(rule, document, violation, outcome.status)
            for rule in self.rules
            for violation in rule.check(context)  # type: ignore[misc]
        ]
        suppressions = parse_suppressions(text)
        findings, used = apply_suppressions(raw_findings, suppressions)
        findings.extend(self._suppression_findings(suppressions, used, name))
        findings.extend(self._translation_findings(translations, outcome))
        ignored = self.rule_settings.ignored_in(name)
        findings = [f for f in findings if not any(f.code.startswith(c) for c in ignored)]
        return FileResult(findings, facts_of(name, document, outcome))

    def _from_violation(
        self, rule: Rule, document: Document, violation: Violation, status: str
    ) -> Finding:
        mark, loc = locate(document.data, document.marks, violation.loc)
        return self._finding(
            rule, document.path, mark, format_path(loc), violation.message, violation.hint, status
        )

    def _finding(
        self,
        rule: Rule,
        file: str,
        mark: Mark,
        path: str,
        message: str,
        hint: str = "",
        status: str | None = None,
    ) -> Finding:
        """A finding of `rule`, at the severity the rule and the configuration give it for a
        programme at `status` (None where the status is not known: load, schema, portfolio)."""
        return Finding(
            file=file,
            line=mark.line,
            column=mark.column,
            code=rule.code,
            name=rule.name,
            severity=self.rule_settings.severity_of(rule, status),
            step=rule.step,
            message=message,
            path=path,
            hint=hint,
        )

    def _translation_findings(
        self, translations: Iterable[TranslationFile], programme: Programme
    ) -> Iterator[Finding]:
        """DW094 in the translation file itself: why it cannot be read, or entries that
        match no passage of the programme."""
        if translation_file_invalid.code not in self.enabled:
            return
        for file in translations:
            for problem in [*file.problems, *unknown_entries(file, programme)]:
                yield self._finding(
                    translation_file_invalid,
                    problem.file,
                    problem.mark,
                    "",
                    problem.message,
                    problem.hint,
                    programme.status,
                )

    def load_findings(self, name: str, exc: LoadError) -> list[Finding]:
        problem = exc.problem
        rule = BY_CODE[problem.code]
        return [self._finding(rule, name, problem.mark, "", problem.message, problem.hint)]

    def _suppression_findings(
        self, suppressions: list[Suppression], used: set[int], name: str
    ) -> Iterable[Finding]:
        for code, suppression, message, hint in suppression_problems(
            suppressions, used, self.enabled
        ):
            mark = Mark(suppression.line, suppression.column)
            yield self._finding(BY_CODE[code], name, mark, "", message, hint)

    def portfolio_findings(self, facts: list[FileFacts]) -> list[Finding]:
        findings: list[Finding] = []
        for rule in ALL_RULES:
            if not isinstance(rule, PortfolioRule) or rule.code not in self.enabled:
                continue
            assert rule.portfolio_check is not None  # noqa: S101 - narrows the type
            for v in rule.portfolio_check(facts):
                if any(rule.code.startswith(c) for c in self.rule_settings.ignored_in(v.file)):
                    continue
                findings.append(self._finding(rule, v.file, v.mark, v.path, v.message, v.hint))
        return findings


def read_translations(name: str) -> tuple[TranslationFile, ...]:
    """The translation files beside the programme file `name` (none for text not on disk)."""
    programme = Path(name)
    return tuple(read_translation(path, programme) for path in siblings(programme))
