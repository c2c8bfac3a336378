"""Test helpers: a clean programme to change one thing in, and ways to lint text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from dwcp.config import RawConfig, Settings
from dwcp.domain.catalogue import Catalogue, load_catalogue
from dwcp.lint.core import Linter, LintOptions
from dwcp.lint.findings import Finding
from dwcp.lint.rules import ALL_RULES
from dwcp.lint.rules.rule import Options
from dwcp.source.loader import is_programme_candidate

BUILTIN_TEMPLATES = Path(__file__).parent.parent / "dwcp" / "templates"
"""The package's built-in templates in this checkout."""
FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "ZMB-2018-2022.yaml"
CLEAN_NAME = "programmes/ZMB-2018-2022.yaml"
AS_OF = dt.date(2019, 7, 1)

_CATALOGUE: Catalogue | None = None


def catalogue() -> Catalogue:
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = load_catalogue()
    return _CATALOGUE


def make_linter(
    settings: Settings | None = None, as_of: dt.date = AS_OF, select: list[str] | None = None
) -> Linter:
    options = LintOptions(as_of=as_of, select=select or [], use_cache=False)
    return Linter(settings or Settings(root=Path.cwd()), catalogue(), options)


def with_options(root: Path, *options: Options) -> Settings:
    """Settings whose [tool.dwcp.rules] table sets these options for every rule taking them."""
    tables = {
        rule.code: option.model_dump()
        for option in options
        for rule in ALL_RULES
        if rule.options is type(option)
    }
    return Settings(root=root, raw=RawConfig(rules=tables))


def lint_text(text: str, name: str = CLEAN_NAME, **kwargs: Any) -> list[Finding]:
    return make_linter(**kwargs).lint_text(text, name).findings


def clean_data() -> Any:
    """The clean fixture as round-trip YAML data, ready to be changed."""
    return YAML().load(CLEAN.read_text(encoding="utf-8"))


def dump(data: Any) -> str:
    stream = io.StringIO()
    yaml = YAML()
    yaml.width = 4096
    yaml.dump(data, stream)
    return stream.getvalue()


def lint_changed(change: Callable[[Any], object], **kwargs: Any) -> tuple[str, list[Finding]]:
    """Apply `change` to the clean fixture, dump it, lint it: (text, findings)."""
    data = clean_data()
    change(data)
    text = dump(data)
    return text, lint_text(text, **kwargs)


def line_of(text: str, needle: str, exact: bool = False) -> int:
    """The 1-based line holding `needle` (or, if exact, equal to it once stripped)."""
    hits = [
        n
        for n, line in enumerate(text.splitlines(), start=1)
        if (line.strip() == needle if exact else needle in line)
    ]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def outcome(data: Any, priority: int = 0, index: int = 0) -> Any:
    return data["priorities"][priority]["outcomes"][index]


def indicator(data: Any, index: int = 0) -> Any:
    return outcome(data)["indicators"][index]


def assert_only(findings: list[Finding], code: str, line: int) -> None:
    """Exactly the rule `code` fired, and it fired on `line`."""
    codes = sorted({f.code for f in findings})
    assert codes == [code], f"expected only {code}, got {[(f.code, f.message) for f in findings]}"
    assert line in [f.line for f in findings], [(f.line, f.message) for f in findings]


def command_names() -> list[str]:
    """Every command of the CLI, subcommands spelled out: ["diff", ..., "report gaps", ...]."""
    import typer.main

    from dwcp.cli import app

    found: list[str] = []

    def walk(prefix: str, command: Any) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append(prefix)
            return
        for name, sub in sorted(subcommands.items()):
            walk(f"{prefix} {name}".strip(), sub)

    walk("", typer.main.get_command(app))
    return found


def programme_files(folder: Path) -> list[Path]:
    """The programme files directly in a folder: its YAML files but translations (X.fr.yaml)."""
    return sorted(p for p in folder.glob("*.yaml") if is_programme_candidate(p))
