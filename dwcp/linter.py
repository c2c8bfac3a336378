"""The linter core: it only orchestrates load -> validate -> rules -> findings.

A file that fails to load reports that one problem; a file that fails the schema reports its
schema problems; only a valid programme meets the rules. Portfolio rules then run over small
per-file summaries, which are cached with the findings.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from dwcp import __version__
from dwcp.cache import Cache, entry_key
from dwcp.catalogue import Catalogue
from dwcp.config import Settings
from dwcp.errors import UsageError
from dwcp.findings import Finding, Severity
from dwcp.loader import Document, LoadError, decode, parse, read_bytes, walk_yaml
from dwcp.model import Programme
from dwcp.positions import Mark, format_path, locate
from dwcp.rules import ALL_RULES, BY_CODE
from dwcp.rules.base import Context, Rule, Violation
from dwcp.rules.portfolio import FileFacts, Located, PortfolioRule
from dwcp.suppressions import Suppression, parse_suppressions
from dwcp.validate import to_programme


@dataclass(frozen=True)
class LintOptions:
    as_of: dt.date
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    use_cache: bool = True


@dataclass
class FileResult:
    findings: list[Finding]
    facts: FileFacts | None = None


@dataclass
class LintResult:
    findings: list[Finding]
    files: list[str]
    as_of: dt.date
    from_cache: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def reaches(self, threshold: Severity) -> bool:
        return any(f.severity.rank >= threshold.rank for f in self.findings)


def discover(paths: Sequence[Path]) -> list[Path]:
    """Expand folders to the YAML files below them; a path that does not exist is an error."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(walk_yaml(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    unique = dict.fromkeys(files)
    return list(unique)


def display_name(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


class Linter:
    def __init__(self, settings: Settings, catalogue: Catalogue, options: LintOptions) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.options = options
        self.enabled = settings.enabled(options.select, options.ignore)
        self.rules = [r for r in ALL_RULES if r.code in self.enabled and r.check is not None]
        self.context_key = "|".join(
            (__version__, settings.fingerprint(), options.as_of.isoformat(), *sorted(self.enabled))
        )

    def lint_paths(self, paths: Sequence[Path]) -> LintResult:
        files = discover(paths)
        cache = Cache(self.settings.root, self.options.use_cache)
        results: list[FileResult] = []
        pending: list[tuple[int, str, bytes, str]] = []
        for path in files:
            name = display_name(path)
            try:
                raw = read_bytes(path)
            except LoadError as exc:
                results.append(FileResult(self._load_findings(name, exc)))
                continue
            key = entry_key(raw, name, self.context_key)
            stored = cache.get(key)
            results.append(_from_json(stored) if stored is not None else FileResult([]))
            if stored is None:
                pending.append((len(results) - 1, name, raw, key))
        fresh = self._lint_all([(name, raw) for _, name, raw, _ in pending])
        for (index, _, _, key), data in zip(pending, fresh, strict=True):
            cache.put(key, data)
            results[index] = _from_json(data)
        findings = [finding for result in results for finding in result.findings]
        findings.extend(self.portfolio_findings([r.facts for r in results if r.facts]))
        cache.save()
        findings.sort(key=Finding.sort_key)
        names = [display_name(p) for p in files]
        return LintResult(findings, names, self.options.as_of, len(files) - len(pending))

    def _lint_all(self, items: list[tuple[str, bytes]]) -> list[dict[str, object]]:
        """Lint raw files, on every core when there are enough of them to be worth it."""
        workers = _usable_cores()
        if workers < 2 or len(items) < PARALLEL_THRESHOLD or "fork" not in get_all_start_methods():
            return [self.lint_raw(item) for item in items]
        global _WORKER_LINTER
        _WORKER_LINTER = self  # inherited by the forked workers
        try:
            with get_context("fork").Pool(workers) as pool:
                return pool.map(
                    _lint_in_worker, items, chunksize=max(1, len(items) // (workers * 4))
                )
        finally:
            _WORKER_LINTER = None

    def lint_raw(self, item: tuple[str, bytes]) -> dict[str, object]:
        """Lint one file's bytes into its cacheable JSON form."""
        name, raw = item
        try:
            result = self.lint_text(decode(raw), name)
        except LoadError as exc:
            result = FileResult(self._load_findings(name, exc))
        return _to_json(result)

    def lint_text(self, text: str, name: str) -> FileResult:
        """Lint one file's text. Raises LoadError when the text is not a loadable YAML mapping."""
        document = parse(text, name)
        outcome = to_programme(document)
        if not isinstance(outcome, Programme):
            findings = [
                self._finding(BY_CODE[p.code], name, p.mark, format_path(p.loc), p.message, p.hint)
                for p in outcome
            ]
            return FileResult(findings)
        raw_findings = [
            finding for rule in self.rules for finding in self._run(rule, document, outcome)
        ]
        findings = self._apply_suppressions(raw_findings, parse_suppressions(text), name)
        ignored = self.settings.ignored_in(name)
        findings = [f for f in findings if not any(f.code.startswith(c) for c in ignored)]
        return FileResult(findings, _facts(name, document, outcome))

    def _run(self, rule: Rule, document: Document, programme: Programme) -> Iterable[Finding]:
        assert rule.check is not None
        context = Context(
            programme, self.catalogue, self.options.as_of, document.path, self.settings.options
        )
        for violation in rule.check(context):
            yield self._from_violation(rule, document, violation)

    def _from_violation(self, rule: Rule, document: Document, violation: Violation) -> Finding:
        mark, loc = locate(document.data, document.marks, violation.loc)
        finding = self._finding(
            rule, document.path, mark, format_path(loc), violation.message, violation.hint
        )
        if violation.severity is not None and rule.code not in self.settings.raw.severity:
            return _with_severity(finding, violation.severity)
        return finding

    def _finding(
        self, rule: Rule, file: str, mark: Mark, path: str, message: str, hint: str = ""
    ) -> Finding:
        return Finding(
            file=file,
            line=mark.line,
            column=mark.column,
            code=rule.code,
            name=rule.name,
            severity=self.settings.severity_of(rule),
            step=rule.step,
            message=message,
            path=path,
            hint=hint,
        )

    def _load_findings(self, name: str, exc: LoadError) -> list[Finding]:
        problem = exc.problem
        rule = BY_CODE[problem.code]
        return [self._finding(rule, name, problem.mark, "", problem.message, problem.hint)]

    def _apply_suppressions(
        self, findings: list[Finding], suppressions: list[Suppression], name: str
    ) -> list[Finding]:
        if not suppressions:
            return findings
        kept: list[Finding] = []
        used: set[int] = set()
        active = [(i, s) for i, s in enumerate(suppressions) if s.reason]
        for finding in findings:
            match = next(
                (i for i, s in active if finding.line in s.covers and finding.code in s.codes),
                None,
            )
            if match is None:
                kept.append(finding)
            else:
                used.add(match)
        kept.extend(self._suppression_findings(suppressions, used, name))
        return kept

    def _suppression_findings(
        self, suppressions: list[Suppression], used: set[int], name: str
    ) -> Iterable[Finding]:
        for index, suppression in enumerate(suppressions):
            mark = Mark(suppression.line, suppression.column)
            codes = ", ".join(suppression.codes)
            if not suppression.reason and "DW091" in self.enabled:
                yield self._finding(
                    BY_CODE["DW091"],
                    name,
                    mark,
                    "",
                    f"suppression of {codes} gives no reason, so it is not applied",
                    "add ` -- ` and the reason after the bracket",
                )
            elif (
                suppression.reason
                and index not in used
                and "DW090" in self.enabled
                and not any(c in BY_CODE and c not in self.enabled for c in suppression.codes)
            ):
                message, hint = _unused_reason(suppression)
                yield self._finding(BY_CODE["DW090"], name, mark, "", message, hint)

    def portfolio_findings(self, facts: list[FileFacts]) -> list[Finding]:
        findings: list[Finding] = []
        for rule in ALL_RULES:
            if not isinstance(rule, PortfolioRule) or rule.code not in self.enabled:
                continue
            assert rule.portfolio_check is not None
            for v in rule.portfolio_check(facts):
                if any(rule.code.startswith(c) for c in self.settings.ignored_in(v.file)):
                    continue
                findings.append(self._finding(rule, v.file, v.mark, v.path, v.message, v.hint))
        return findings


def _unused_reason(suppression: Suppression) -> tuple[str, str]:
    unknown = [c for c in suppression.codes if c not in BY_CODE]
    if unknown:
        return f"suppression names unknown rule code {', '.join(unknown)}", "correct the code"
    portfolio = [c for c in suppression.codes if isinstance(BY_CODE[c], PortfolioRule)]
    if portfolio:
        return (
            f"portfolio rule {', '.join(portfolio)} compares files and cannot be suppressed inline",
            "use [tool.dwcp.per-file-ignores] instead",
        )
    where = "this line or the next" if len(suppression.covers) > 1 else "this line"
    codes = ", ".join(suppression.codes)
    return f"suppression of {codes} matches no finding on {where}", "remove the comment"


# Below this many files to lint, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8
_WORKER_LINTER: Linter | None = None


def _lint_in_worker(item: tuple[str, bytes]) -> dict[str, object]:
    assert _WORKER_LINTER is not None
    return _WORKER_LINTER.lint_raw(item)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    data = finding.to_dict()
    data["severity"] = severity.value
    return Finding.from_dict(data)


def _facts(name: str, document: Document, programme: Programme) -> FileFacts:
    outcomes = []
    for i, priority in enumerate(programme.priorities):
        for j, outcome in enumerate(priority.outcomes):
            loc = ("priorities", i, "outcomes", j, "id")
            mark, _ = locate(document.data, document.marks, loc)
            outcomes.append(Located(outcome.id, mark.line, mark.column, format_path(loc)))
    mark, _ = locate(document.data, document.marks, ("period",))
    return FileFacts(
        file=name,
        country=programme.country,
        start=programme.period.start,
        end=programme.period.end,
        status=programme.status,
        line=mark.line,
        column=mark.column,
        outcomes=tuple(outcomes),
    )


def _to_json(result: FileResult) -> dict[str, object]:
    facts = None
    if result.facts is not None:
        facts = asdict(result.facts)
    return {"findings": [f.to_dict() for f in result.findings], "facts": facts}


def _from_json(data: dict[str, object]) -> FileResult:
    findings = [Finding.from_dict(item) for item in data["findings"]]  # type: ignore[attr-defined]
    raw = data.get("facts")
    facts = None
    if isinstance(raw, dict):
        fields = {k: v for k, v in raw.items() if k != "outcomes"}
        outcomes = tuple(Located(**item) for item in raw.get("outcomes", []))
        facts = FileFacts(**fields, outcomes=outcomes)
    return FileResult(findings, facts)
