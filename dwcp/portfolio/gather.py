"""Gather once: every programme file read, parsed, validated and linted a single time.

`lint`, `report`, `render`, `site`, `export` and `diff` all start here and read what they need
from the result: the findings of each file and across files, and each valid programme. Workers
hand back the validated model itself (pickled between processes), so nothing is validated twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from dwcp.cache import LINT_CACHE, Cache, entry_key
from dwcp.lint.core import Linter
from dwcp.lint.findings import Finding, Severity
from dwcp.lint.results import LINT_SHAPE, FileResult, LintResult, from_json
from dwcp.lint.rules.portfolio import FileFacts
from dwcp.model import Programme
from dwcp.model.public import Audience, visible
from dwcp.parallel import PARALLEL_THRESHOLD, in_two_phases, map_items
from dwcp.source.loader import LoadError, decode, discover, display_name, parse, read_bytes
from dwcp.source.translations import translations_stamp
from dwcp.source.validate import SchemaProblem, to_programme

R = TypeVar("R")


@dataclass(frozen=True)
class Unloadable:
    """Why a file yields no programme: its first problem, where, and how many there are.

    The problem is in the file's words (a schema message shows the value it found), so the
    public is told only where it is: an internal item may be what is quoted."""

    kind: Literal["load", "schema"]
    line: int
    column: int
    problem: str
    count: int = 1

    def reason(self, audience: Audience) -> str:
        """Why a report leaves the file out."""
        if self.kind == "load":
            at = f"line {self.line}, column {self.column}"
            return f"{self.problem} ({at})" if audience == "internal" else f"does not load ({at})"
        if audience == "internal":
            first = f"first: {self.problem} (line {self.line})"
            return f"{self.count} schema problem(s); {first}"
        return f"fails the schema (first problem on line {self.line})"

    def failure(self, path: str, audience: Audience) -> str:
        """Why a version of `path` does not load, as `path:line:column[: problem]`."""
        said = f"file does not load: {path}:{self.line}:{self.column}"
        if audience != "internal":
            return said
        more = f" (and {self.count - 1} more schema problems)" if self.count > 1 else ""
        return f"{said}: {self.problem}{more}"

    @classmethod
    def of_load(cls, exc: LoadError) -> Unloadable:
        mark = exc.problem.mark
        return cls("load", mark.line, mark.column, exc.problem.message)

    @classmethod
    def of_schema(cls, problems: Sequence[SchemaProblem]) -> Unloadable:
        first = problems[0]
        return cls("schema", first.mark.line, first.mark.column, first.message, len(problems))


@dataclass(frozen=True)
class GatheredFile:
    """One file: what its own rules found and, when it is valid, its programme."""

    file: str
    findings: tuple[Finding, ...]
    facts: FileFacts | None = None
    programme: Programme | None = None
    unloadable: Unloadable | None = None
    data: object = None
    """The plain YAML data, kept only when asked (diff matches findings by it)."""
    path: Path | None = None
    """Where the file was read from (None for a version read from git)."""
    seen_by: Audience | None = None
    """The audience whose view `programme` is (see model.public.visible); None: whole."""


@dataclass
class Gathering:
    """Every file gathered, and the findings that need all of them (cross-file rules)."""

    files: list[GatheredFile]
    cross_file: list[Finding]
    as_of: dt.date
    from_cache: int = 0
    _errors: dict[str, list[Finding]] | None = field(default=None, repr=False)

    def findings(self) -> list[Finding]:
        found = [f for file in self.files for f in file.findings] + self.cross_file
        return sorted(found, key=Finding.sort_key)

    def lint_result(self) -> LintResult:
        facts = [f.facts for f in self.files if f.facts is not None]
        names = [f.file for f in self.files]
        return LintResult(self.findings(), names, self.as_of, self.from_cache, facts)

    def errors_of(self, file: str) -> list[Finding]:
        """The errors of one file, its own and those the cross-file rules found in it."""
        return self.errors_by_file().get(file, [])

    def errors_by_file(self) -> dict[str, list[Finding]]:
        """The errors of every file that has any, by file."""
        if self._errors is None:
            self._errors = {}
            for finding in self.findings():
                if finding.severity is Severity.ERROR:
                    self._errors.setdefault(finding.file, []).append(finding)
        return self._errors

    def valid(self) -> Iterator[tuple[GatheredFile, Programme]]:
        """Each file that holds a valid programme, with it."""
        for file in self.files:
            if file.programme is not None:
                yield file, file.programme


def gather(
    paths: Sequence[Path],
    linter: Linter,
    models: bool = True,
    keep_data: bool = False,
    audience: Audience | None = None,
) -> Gathering:
    """Read every programme file under `paths` once, then parse, validate and lint it once
    (on every core). Without `models`, only findings are wanted: the lint cache may answer.
    With an `audience`, each programme comes as that audience sees it, made so in the
    worker that linted it (the whole programme is linted; less crosses processes)."""
    files, gathered, pending = _read_all(paths, linter)
    if models:
        work = partial(_gather_raw, linter, keep_data, audience=audience)
        for (index, _, _), done in zip(pending, map_items(work, pending), strict=True):
            gathered[index] = done
        from_cache = 0
    else:
        from_cache = _lint_cached(linter, pending, gathered)
    return _gathering(linter, files, gathered, from_cache)


def gather_then(
    paths: Sequence[Path],
    linter: Linter,
    then: Callable[[GatheredFile, Sequence[Finding]], R | None],
    threshold: int = PARALLEL_THRESHOLD,
) -> tuple[Gathering, list[R | None]]:
    """Gather as `gather` does, then call `then` on each valid programme, with its errors
    (its own and those found across files), in the worker that validated it, once every
    file's findings are known. The parent gets the findings and what `then` returns, never
    the programmes, and the workers get only the errors: use this when only workers need
    the programmes (render). Returns `then`'s results in file order, None where a file has
    none."""
    files, gathered, pending = _read_all(paths, linter)
    made: list[Gathering] = []

    def first(item: tuple[int, str, bytes]) -> tuple[GatheredFile, GatheredFile]:
        done = replace(_gather_raw(linter, False, item), path=files[item[0]])
        return done, replace(done, programme=None)

    def between(sent: list[GatheredFile]) -> dict[str, list[Finding]]:
        for (index, _, _), done in zip(pending, sent, strict=True):
            gathered[index] = done
        made.append(_gathering(linter, files, gathered, 0))
        return made[0].errors_by_file()

    def second(kept: GatheredFile, errors: dict[str, list[Finding]]) -> R | None:
        return then(kept, errors.get(kept.file, [])) if kept.programme is not None else None

    _, results = in_two_phases(first, between, second, pending, threshold)
    by_index = {index: result for (index, _, _), result in zip(pending, results, strict=True)}
    return made[0], [by_index.get(i) for i in range(len(files))]


def _read_all(
    paths: Sequence[Path], linter: Linter
) -> tuple[list[Path], list[GatheredFile | None], list[tuple[int, str, bytes]]]:
    """Every file's bytes, read once; a file that cannot be read is gathered as unloadable."""
    files = discover(paths)
    gathered: list[GatheredFile | None] = []
    pending: list[tuple[int, str, bytes]] = []
    for path in files:
        name = display_name(path)
        try:
            raw = read_bytes(path)
        except LoadError as exc:
            gathered.append(_unloadable(linter, name, exc))
            continue
        gathered.append(None)
        pending.append((len(gathered) - 1, name, raw))
    return files, gathered, pending


def _gathering(
    linter: Linter, files: list[Path], gathered: list[GatheredFile | None], from_cache: int
) -> Gathering:
    complete = [
        replace(g, path=path) for g, path in zip(gathered, files, strict=True) if g is not None
    ]
    facts = [g.facts for g in complete if g.facts is not None]
    return Gathering(complete, linter.portfolio_findings(facts), linter.options.as_of, from_cache)


def gather_file(linter: Linter, name: str, raw: bytes, keep_data: bool = False) -> GatheredFile:
    """Parse, validate and lint one file's bytes: its findings, and its programme if valid."""
    try:
        document = parse(decode(raw), name)
    except LoadError as exc:
        return _unloadable(linter, name, exc)
    data = document.data if keep_data else None
    outcome = to_programme(document)
    if not isinstance(outcome, Programme):
        findings = tuple(linter.schema_findings(name, outcome))
        return GatheredFile(name, findings, unloadable=Unloadable.of_schema(outcome), data=data)
    result = linter.lint_programme(document, outcome)
    return GatheredFile(name, tuple(result.findings), result.facts, outcome, data=data)


def _gather_raw(
    linter: Linter,
    keep_data: bool,
    item: tuple[int, str, bytes],
    audience: Audience | None = None,
) -> GatheredFile:
    _, name, raw = item
    done = gather_file(linter, name, raw, keep_data)
    if audience is None or done.programme is None:
        return done
    return replace(done, programme=visible(done.programme, audience), seen_by=audience)


def _unloadable(linter: Linter, name: str, exc: LoadError) -> GatheredFile:
    findings = tuple(linter.load_findings(name, exc))
    return GatheredFile(name, findings, unloadable=Unloadable.of_load(exc))


def _lint_cached(
    linter: Linter, pending: list[tuple[int, str, bytes]], gathered: list[GatheredFile | None]
) -> int:
    """Fill in findings and facts from the lint cache, linting (on every core) what it lacks.
    Returns how many files the cache answered."""
    cache = Cache(linter.settings.root, LINT_CACHE, LINT_SHAPE, linter.options.use_cache)
    missing: list[tuple[int, str, bytes, str]] = []
    for index, name, raw in pending:
        # A translation beside the file changes its findings too (DW093, DW094); without
        # one the key is the file's alone.
        stamp = translations_stamp(Path(name))
        key = entry_key(linter.context_key, name, raw, *([stamp] if stamp else []))
        stored = cache.get(key)
        if stored is None:
            missing.append((index, name, raw, key))
        else:
            gathered[index] = _from_result(name, from_json(stored))
    fresh = map_items(linter.lint_raw, [(name, raw) for _, name, raw, _ in missing])
    for (index, name, _, key), data in zip(missing, fresh, strict=True):
        cache.put(key, data)
        gathered[index] = _from_result(name, from_json(data))
    cache.save()
    return len(pending) - len(missing)


def _from_result(name: str, result: FileResult) -> GatheredFile:
    return GatheredFile(name, tuple(result.findings), result.facts)
