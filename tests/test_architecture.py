"""The layout shows the pipeline, and stays so: no import cycles at any level, packages that
import only downward, one module per file name, and only the CLI printing.

Imports are read from the source with `ast`, all of them: at the top, inside functions (a
deferred import is still a dependency) and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest

from dwcp.config import SeverityName
from dwcp.lint.findings import Severity

PACKAGE = Path(__file__).parent.parent / "dwcp"

LAYERS = ("model", "source", "domain", "lint", "portfolio", "analyses", "views", "workflow", "cli")
"""The pipeline, lowest first: each package may import only those before it. The model
comes first: it is the schema everything else reads, and source/validate.py builds it."""
SUPPORT_READS = "source"
"""The one layer support modules may import (resources reads YAML label files)."""
SUPPORT = frozenset(
    {"errors", "files", "git", "parallel", "escape", "suggest", "cache", "config", "resources"}
)
"""Anyone may import these; they import only each other and source."""
PACKAGE_ITSELF = "__init__"
"""dwcp/__init__.py (the version): below everything, importing nothing."""
ENTRY_POINT = "__main__"
"""`python -m dwcp`: above everything."""
LAYERING_EXCEPTIONS: dict[tuple[str, str], str] = {}
"""(importing module, imported unit): why an import that breaks the layering is allowed for
now. Each must still be a violation, so a fixed one is removed from here."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{module_path(self.importer)}:{self.line} imports {self.imported}"


@cache
def modules() -> dict[str, Path]:
    """Every module of dwcp by dotted name; a package by its own name (its __init__.py)."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def module_path(name: str) -> str:
    return modules()[name].relative_to(PACKAGE.parent).as_posix()


def is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def _known(name: str) -> str:
    """The module that holds `name` (a module, or something defined in one)."""
    while name not in modules():
        name = name.rpartition(".")[0]
    return name


def _targets(importer: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = importer.split(".") if is_package(importer) else importer.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        # `from dwcp.lint.rules import country` imports a module; `import BY_CODE`, a name.
        yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base


@cache
def imports() -> tuple[Import, ...]:
    found: dict[Import, None] = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(name, node):
                    if target == "dwcp" or target.startswith("dwcp."):
                        found[Import(name, _known(target), node.lineno)] = None
    return tuple(found)


def packages() -> list[str]:
    return [name for name in modules() if is_package(name)]


def child_of(package: str, name: str) -> str | None:
    """The direct child of `package` holding module `name` (`__init__` for the package's own
    module); None when `name` is outside the package."""
    if name == package:
        return PACKAGE_ITSELF
    if not name.startswith(package + "."):
        return None
    return name[len(package) + 1 :].split(".")[0]


def children_graph(package: str) -> dict[str, dict[str, Import]]:
    """child -> child it imports -> one import that makes the edge."""
    graph: dict[str, dict[str, Import]] = defaultdict(dict)
    for item in imports():
        source, target = child_of(package, item.importer), child_of(package, item.imported)
        if source is not None and target is not None and source != target:
            graph[source].setdefault(target, item)
    return graph


def find_cycle(graph: dict[str, dict[str, Import]]) -> list[str] | None:
    """One cycle of the graph as the nodes along it (the first repeated at the end)."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for after in sorted(graph.get(node, {})):
            cycle = visit(after, [*path, node])
            if cycle is not None:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle is not None:
            return cycle
    return None


def describe(package: str, graph: dict[str, dict[str, Import]], cycle: list[str]) -> str:
    steps = [f"  {a} -> {b}: {graph[a][b]}" for a, b in pairwise(cycle)]
    return f"import cycle in {package}: {' -> '.join(cycle)}\n" + "\n".join(steps)


# --- (a) no import cycles at any package level ----------------------------------------------


@pytest.mark.parametrize("package", packages())
def test_no_import_cycle_among_the_children_of(package: str):
    graph = children_graph(package)
    cycle = find_cycle(graph)
    assert cycle is None, describe(package, graph, cycle or [])


def test_a_cycle_is_found_and_shown():
    """The finder itself: a test that cannot fail proves nothing."""
    made = Import("dwcp.config", "dwcp.lint.rules", 17)
    back = Import("dwcp.lint.core", "dwcp.config", 15)
    graph = {"config": {"lint": made}, "lint": {"config": back}, "errors": {}}
    cycle = find_cycle(graph)
    assert cycle == ["config", "lint", "config"]
    shown = describe("dwcp", graph, cycle)
    assert "import cycle in dwcp: config -> lint -> config" in shown
    assert "config -> lint: dwcp/config.py:17 imports dwcp.lint.rules" in shown
    assert find_cycle({"a": {"b": made}, "b": {}}) is None


def test_imports_inside_functions_count():
    found = {(i.importer, i.imported) for i in imports()}
    # cli/common.py imports dwcp.lint.settings only inside a function.
    assert ("dwcp.cli.common", "dwcp.lint.settings") in found
    # `from dwcp.lint.rules import country` is the module, not the package.
    assert ("dwcp.lint.rules", "dwcp.lint.rules.country") in found


# --- (b) packages import only downward ------------------------------------------------------


def unit_of(name: str) -> str:
    return PACKAGE_ITSELF if name == "dwcp" else name.split(".")[1]


def layering_problem(importer: str, imported: str) -> str | None:
    """Why unit `importer` may not import unit `imported`; None when it may."""
    for unit in (importer, imported):
        if unit not in (*LAYERS, *SUPPORT, PACKAGE_ITSELF, ENTRY_POINT):
            return f"dwcp.{unit} is in no layer: add it to LAYERS or SUPPORT"
    if importer in (imported, ENTRY_POINT) or imported == PACKAGE_ITSELF:
        return None
    if importer == PACKAGE_ITSELF:
        return "dwcp/__init__.py imports nothing"
    if imported == ENTRY_POINT:
        return "nothing imports dwcp.__main__"
    if importer in SUPPORT:
        if imported in SUPPORT or imported == SUPPORT_READS:
            return None
        return f"support module {importer} may import only support modules and {SUPPORT_READS}"
    if imported in SUPPORT:
        return None
    if LAYERS.index(imported) < LAYERS.index(importer):
        return None
    return f"{importer} is below {imported} in the pipeline ({' -> '.join(LAYERS)})"


def layering_violations() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in imports():
        importer, imported = unit_of(item.importer), unit_of(item.imported)
        problem = layering_problem(importer, imported)
        if problem is not None:
            found[(item.importer, imported)].append(f"{item}: {problem}")
    return found


def test_packages_import_only_downward():
    found = layering_violations()
    unexpected = [
        line
        for key, lines in sorted(found.items())
        if key not in LAYERING_EXCEPTIONS
        for line in lines
    ]
    assert unexpected == [], "imports against the layering:\n" + "\n".join(unexpected)


def test_every_layering_exception_is_still_needed():
    stale = sorted(set(LAYERING_EXCEPTIONS) - set(layering_violations()))
    assert stale == [], f"no longer violations, remove from LAYERING_EXCEPTIONS: {stale}"


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("cli", "views", True),
        ("lint", "domain", True),
        ("domain", "lint", False),
        ("model", "lint", False),
        ("lint", "config", True),
        ("config", "lint", False),
        ("cache", "lint", False),
        ("config", "errors", True),
        ("resources", "source", True),
        ("resources", "model", False),
        ("portfolio", "__init__", True),
        ("__main__", "cli", True),
        ("cli", "__main__", False),
        ("lint", "newpackage", False),
    ],
)
def test_the_layering_rule(importer: str, imported: str, allowed: bool):
    assert (layering_problem(importer, imported) is None) is allowed


def test_every_unit_of_dwcp_has_a_place():
    units = {unit_of(name) for name in modules()}
    placed = {*LAYERS, *SUPPORT, PACKAGE_ITSELF, ENTRY_POINT}
    assert sorted(units - placed) == []


# --- (c) one module per file name -----------------------------------------------------------


def test_no_two_modules_share_a_file_name_outside_the_cli():
    """A file name says what a module is about wherever it is met (an import, a traceback,
    an editor tab); the CLI's modules are named after the commands, so they repeat others."""
    by_name: dict[str, list[str]] = defaultdict(list)
    cli = PACKAGE / "cli"
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name not in ("__init__.py", "__main__.py") and not path.is_relative_to(cli):
            by_name[path.name].append(path.relative_to(PACKAGE.parent).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert shared == {}


# --- (d) only the CLI prints ----------------------------------------------------------------

STREAMS = frozenset({"stdout", "stderr", "__stdout__", "__stderr__"})


def output_calls(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Where a module writes to the terminal itself: print(), sys.stdout/stderr, echo, a rich
    console or print that is not given a file to write into."""
    for node in ast.walk(tree):
        what = _output(node)
        if what is not None:
            yield getattr(node, "lineno", 0), what


def _output(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        return _output_call(node)
    if isinstance(node, ast.Attribute) and node.attr in STREAMS:
        return f"sys.{node.attr}" if _is_name(node.value, "sys") else None
    if isinstance(node, ast.ImportFrom) and node.module == "rich":
        names = {alias.name for alias in node.names}
        return "rich's print" if names & {"print", "get_console"} else None
    return None


def _output_call(node: ast.Call) -> str | None:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    owner = func.value if isinstance(func, ast.Attribute) else None
    if name == "Console" and not any(k.arg == "file" for k in node.keywords):
        return "a rich Console on the terminal (no file=)"
    if owner is None:
        return "print()" if name == "print" else None
    if name in ("echo", "secho") and isinstance(owner, ast.Name):
        return f"{owner.id}.{name}()"
    if name == "print" and _is_name(owner, "rich"):
        return "rich.print()"
    return None


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def test_only_the_cli_prints():
    cli = PACKAGE / "cli"
    found = [
        f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.is_relative_to(cli)
        for line, what in output_calls(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == [], "output outside dwcp/cli/ (return text instead):\n" + "\n".join(found)


def test_printing_is_found():
    source = """
import sys
import typer
from rich import print
from rich.console import Console
print("a")
sys.stderr.write("b")
typer.echo("c")
Console().print("d")
Console(file=buffer).print("fine")
rich.console.Console(stderr=True)
"""
    whats = [what for _line, what in sorted(output_calls(ast.parse(source)))]
    assert whats == [
        "rich's print",
        "print()",
        "sys.stderr",
        "typer.echo()",
        "a rich Console on the terminal (no file=)",
        "a rich Console on the terminal (no file=)",
    ]
    assert len(list(output_calls(ast.parse("import rich\nrich.print('x')")))) == 1


# --- what the configuration shares with the linter without importing it --------------------


def test_the_configuration_names_every_severity():
    """dwcp.config may not import the linter, so it names the severities itself."""
    assert set(get_args(SeverityName)) == {severity.value for severity in Severity}
