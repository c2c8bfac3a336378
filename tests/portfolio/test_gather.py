"""Gather once: every command that reads many programmes reads, parses, validates and lints
each file exactly once, and renders each document once, whatever else it then computes."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dwcp.config import Settings
from dwcp.lint.core import Linter, LintOptions
from dwcp.model.public import visible
from dwcp.portfolio.gather import gather
from dwcp.portfolio.selection import portfolio_of
from tests.conftest import CliRun
from tests.helpers import AS_OF as AS_OF_DATE
from tests.helpers import catalogue, programme_files

SAMPLES = Path(__file__).parent.parent.parent / "programmes"
AS_OF = "--as-of=2024-01-01"
BROKEN = "programmes/broken.yaml"
INVALID = "programmes/invalid.yaml"


class Calls:
    """How often each step ran on each programme file, by file name."""

    def __init__(self) -> None:
        self.steps: dict[str, Counter[str]] = {}

    def count(self, step: str, name: str) -> None:
        if Path(name).parent.name == "programmes":  # not the catalogues
            self.steps.setdefault(step, Counter())[Path(name).name] += 1

    def of(self, step: str) -> Counter[str]:
        return self.steps.get(step, Counter())


def _dwcp_modules() -> Iterator[Any]:
    return (m for n, m in list(sys.modules.items()) if n.startswith("dwcp") and m is not None)


def _wrap_everywhere(
    monkeypatch: pytest.MonkeyPatch, name: str, make: Callable[[Any], Any], original: Any
) -> None:
    """Replace `name` in every dwcp module that imported this very function."""
    wrapped = make(original)
    for module in _dwcp_modules():
        if getattr(module, name, None) is original:
            monkeypatch.setattr(module, name, wrapped)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Count reads, parses, validations, lint runs and template renderings per file, in this
    process: workers are not forked, so every call is seen."""
    import dwcp.cli.lint
    import dwcp.cli.render
    import dwcp.cli.report
    import dwcp.views.site
    import dwcp.views.spreadsheets.run  # noqa: F401
    from dwcp.source import loader, validate
    from dwcp.views import environment

    seen = Calls()
    monkeypatch.setattr("dwcp.parallel.usable_cores", lambda: 1)

    def counting(step: str, name_of: Callable[..., str]) -> Callable[[Any], Any]:
        def make(function: Any) -> Any:
            def counted(*args: Any, **kwargs: Any) -> Any:
                seen.count(step, name_of(*args, **kwargs))
                return function(*args, **kwargs)

            return counted

        return make

    _wrap_everywhere(
        monkeypatch, "read_bytes", counting("read", lambda path: str(path)), loader.read_bytes
    )
    _wrap_everywhere(
        monkeypatch, "parse", counting("parse", lambda _text, path="": path), loader.parse
    )
    _wrap_everywhere(
        monkeypatch,
        "to_programme",
        counting("validate", lambda document: document.path),
        validate.to_programme,
    )
    lint_programme = Linter.lint_programme

    def linted(self: Linter, document: Any, programme: Any) -> Any:
        seen.count("lint", document.path)
        return lint_programme(self, document, programme)

    monkeypatch.setattr(Linter, "lint_programme", linted)
    render_template = environment.render_template

    def rendered(env: Any, template: str, context: Any, name: str) -> Any:
        seen.count(f"render {template}", name)
        return render_template(env, template, context, name)

    for module in _dwcp_modules():
        if getattr(module, "render_template", None) is render_template:
            monkeypatch.setattr(module, "render_template", rendered)
    return seen


@pytest.fixture
def portfolio(repo: Path) -> list[str]:
    """The bundled samples, a file that does not parse and one that fails the schema."""
    for sample in programme_files(SAMPLES):
        shutil.copy(sample, repo / "programmes" / sample.name)
    (repo / BROKEN).write_text("title: [unclosed\n", encoding="utf-8")
    (repo / INVALID).write_text("title: only a title\n", encoding="utf-8")
    return [p.name for p in programme_files(repo / "programmes")]


def _once_each(counter: Counter[str], names: list[str]) -> None:
    assert counter == Counter(dict.fromkeys(names, 1))


def _valid(names: list[str]) -> list[str]:
    return [n for n in names if n not in {Path(BROKEN).name, Path(INVALID).name}]


def test_site_reads_parses_validates_and_lints_each_file_once(
    dwcp: CliRun, calls: Calls, portfolio: list[str], repo: Path
) -> None:
    result = dwcp("site", "--out", "site", AS_OF)
    assert result.code == 1, result.err  # the broken files are blocked, the rest published
    _once_each(calls.of("read"), portfolio)
    _once_each(calls.of("parse"), portfolio)
    _once_each(calls.of("validate"), [n for n in portfolio if n != Path(BROKEN).name])
    _once_each(calls.of("lint"), _valid(portfolio))
    pages = sorted(f"{p.stem}.yaml" for p in (repo / "site" / "programmes").glob("*.html"))
    assert len(pages) >= 6  # the samples that no cross-file rule blocks
    _once_each(calls.of("render documents/programme.html.j2"), pages)


@pytest.mark.parametrize(
    "command",
    [
        ["lint", "--no-cache"],
        ["report", "portfolio"],
        ["report", "gaps", "--format", "html", "--output", "gaps.html"],
        ["render", "--format", "html", "--format", "md", "--force", "--out", "docs"],
        ["export", "xlsx", "--out", "all.xlsx"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_command_reads_and_lints_each_file_once(
    dwcp: CliRun, calls: Calls, portfolio: list[str], command: list[str]
) -> None:
    dwcp(*command, AS_OF)
    _once_each(calls.of("read"), portfolio)
    _once_each(calls.of("parse"), portfolio)
    _once_each(calls.of("lint"), _valid(portfolio))


def test_forced_render_renders_a_programme_flagged_across_files_once(
    dwcp: CliRun, calls: Calls, repo: Path
) -> None:
    """Two versions of one programme share every outcome code (a cross-file error): forced,
    each is rendered once, already knowing it has errors."""
    clean = repo / "programmes" / "ZMB-2018-2022.yaml"
    shutil.copy(clean, repo / "programmes" / "ZMB-2023-2027.yaml")
    result = dwcp("render", "--format", "md", "--force", "--out", "docs", AS_OF)
    assert result.code == 0, result.err
    counts = calls.of("render documents/programme.md.j2")
    assert counts == Counter({"ZMB-2018-2022.yaml": 1, "ZMB-2023-2027.yaml": 1})
    forced = (repo / "docs" / "ZMB-2023-2027.md").read_text(encoding="utf-8")
    unforced = dwcp("render", "--format", "md", "--out", "blocked", AS_OF)
    assert unforced.code == 1
    assert "DW901" in unforced.err
    assert not (repo / "blocked" / "ZMB-2023-2027.md").exists()
    assert forced != (repo / "docs" / "ZMB-2018-2022.md").read_text(encoding="utf-8")


def test_findings_are_the_same_with_and_without_models(repo: Path, portfolio: list[str]) -> None:
    """The lint path (no models, the cache may answer) and the report path agree on every
    finding, first linted and then from the cache."""
    linter = Linter(Settings(root=repo), catalogue(), LintOptions(AS_OF_DATE, use_cache=True))
    paths = [repo / "programmes"]
    with_models = gather(paths, linter)
    without = gather(paths, linter, models=False)
    cached = gather(paths, linter, models=False)
    assert (without.from_cache, cached.from_cache) == (0, len(portfolio))
    assert with_models.findings() == without.findings() == cached.findings()
    assert [f.file for f in with_models.files] == [f.file for f in without.files]
    assert all(f.programme is None for f in without.files)
    assert {Path(f.file).name for f, _ in with_models.valid()} == set(_valid(portfolio))


def _documents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.usefixtures("portfolio")
def test_documents_are_the_same_rendered_in_workers_or_in_one_process(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render keeps each programme in the worker that validated it (two phases): the same
    documents, blocked files and findings as when everything runs in this process."""
    monkeypatch.setattr("dwcp.parallel.usable_cores", lambda: 2)
    spread = dwcp("render", "--format", "html", "--format", "md", "--out", "two", AS_OF)
    monkeypatch.setattr("dwcp.parallel.usable_cores", lambda: 1)
    single = dwcp("render", "--format", "html", "--format", "md", "--out", "one", AS_OF)
    assert (spread.code, spread.err) == (single.code, single.err.replace("/one/", "/two/"))
    assert len(_documents(repo / "two")) >= 12
    assert _documents(repo / "two") == _documents(repo / "one")


@pytest.mark.usefixtures("portfolio")
def test_gathered_for_an_audience_the_programmes_are_its_view(repo: Path) -> None:
    """Made public in the worker that linted it: the same programmes portfolio_of would make
    public, the same findings (the whole programme is linted), and no other audience."""
    linter = Linter(Settings(root=repo), catalogue(), LintOptions(AS_OF_DATE, use_cache=False))
    paths = [repo / "programmes"]
    whole, public = gather(paths, linter), gather(paths, linter, audience="public")
    assert whole.findings() == public.findings()
    redacted = 0
    for full, seen in zip(whole.files, public.files, strict=True):
        if full.programme is None:
            continue
        assert seen.seen_by == "public"
        assert seen.programme == visible(full.programme, "public")
        redacted += seen.programme != full.programme
    assert redacted, "the portfolio should hold internal items"
    made_here = portfolio_of(whole, catalogue(), [], "public")
    made_there = portfolio_of(public, catalogue(), [], "public")
    assert [e.programme for e in made_here.entries] == [e.programme for e in made_there.entries]
    with pytest.raises(ValueError, match="gathered for public, not internal"):
        portfolio_of(public, catalogue(), [], "internal")
