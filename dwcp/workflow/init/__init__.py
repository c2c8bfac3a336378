"""`dwcp init`: set up a programme repository, and add only what is missing when rerun.

The files come from template files in `templates/` (and a sample programme in `samples/`),
package data read with importlib.resources. A file that exists with other content is never
replaced: it is left as it is and reported. Two files are added to rather than written: the
`[tool.dwcp]` table goes at the end of an existing pyproject.toml, and `out/` at the end of an
existing .gitignore, leaving every byte before them as it was.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from dwcp.errors import UsageError
from dwcp.workflow.init.source import Source, default_requirement, parse_source

__all__ = [
    "SAMPLE",
    "Plan",
    "Source",
    "Step",
    "apply",
    "make_plan",
    "parse_source",
    "render",
    "sample_text",
    "workflow",
]

SAMPLE = "VNM-2017-2021.yaml"
"""The sample programme `--example` copies (the same file as programmes/ of the dwcp repo)."""
DEFAULT_PROGRAMMES = "programmes"
DEFAULT_CATALOGUES = "catalogues"
IGNORED = ("out/",)
"""Entries .gitignore needs: the folders dwcp writes to by default."""

Action = Literal["write", "add", "same", "left"]


@dataclass(frozen=True)
class Step:
    """One file of the plan and what happens to it."""

    path: Path
    action: Action
    data: bytes | None = None
    """The file's whole new content, for write and add."""
    note: str = ""
    """For add: what is added; for same and left: why."""


@dataclass(frozen=True)
class Plan:
    root: Path
    source: Source
    steps: list[Step]
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> dict[Path, bytes]:
        return {s.path: s.data for s in self.steps if s.data is not None}

    @property
    def left(self) -> list[Step]:
        return [s for s in self.steps if s.action == "left"]


def make_plan(directory: Path, source: Source, example: bool = False) -> Plan:
    """What `dwcp init` would do in `directory`; reads, never writes."""
    root = _root(directory)
    programmes, catalogues = _folders(root)
    values = _values(source, programmes, catalogues)
    steps = _programme_steps(root, root / programmes, example)
    steps += _schema_steps(root)
    steps += [
        _file(root, root / ".vscode" / "settings.json", render("vscode-settings.json", values)),
        _file(root, root / ".vscode" / "extensions.json", render("vscode-extensions.json", values)),
        _file(root, root / ".pre-commit-config.yaml", render("pre-commit-config.yaml", values)),
        _file(root, root / ".github" / "workflows" / "dwcp.yml", render("workflow.yml", values)),
        _config_step(root),
        _gitignore_step(root),
    ]
    return Plan(root, source, steps, _warnings(root, source))


def apply(plan: Plan) -> None:
    """Write the plan's files, each atomically, all prepared before any is put in place."""
    from dwcp.files import write_all

    try:
        write_all(plan.changes)
    except OSError as exc:
        where = exc.filename or plan.root
        raise UsageError(f"{where}: cannot write the files ({exc.strerror or exc})") from None


# --- the files --------------------------------------------------------------------------------


def render(name: str, values: dict[str, Any]) -> str:
    """A template of templates/ filled in. `{= value =}` marks a value, so GitHub's own
    `${{ ... }}` expressions in the workflow stay as they are."""
    import jinja2

    environment = jinja2.Environment(
        variable_start_string="{=",
        variable_end_string="=}",
        comment_start_string="{##",
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - YAML and TOML, not HTML; values go through |json or |yaml
    )
    environment.filters["json"] = _json
    environment.filters["yaml"] = _yaml_scalar
    return environment.from_string(_template(name)).render(values)


def workflow(source: Source | None = None, programmes: str = DEFAULT_PROGRAMMES) -> str:
    """The GitHub workflow as `dwcp init` writes it (with the defaults, that of examples/)."""
    return render("workflow.yml", _values(source, programmes))


def sample_text() -> str:
    return (resources.files(__package__) / "samples" / SAMPLE).read_text(encoding="utf-8")


def _values(
    source: Source | None, programmes: str, catalogues: str = DEFAULT_CATALOGUES
) -> dict[str, Any]:
    return {
        "source": source or Source(default_requirement()),
        "programmes": programmes,
        "catalogues": catalogues,
        "files": f"^{re.escape(programmes)}/",  # pre-commit's `files:` pattern
    }


def _template(name: str) -> str:
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")


def _json(value: object) -> str:
    """A JSON string, which is also a YAML double-quoted and a TOML basic string."""
    return json.dumps(value, ensure_ascii=False)


_PLAIN = re.compile(r"[A-Za-z^/_](?:[A-Za-z0-9_.^/=<>~+\\:@%-]*[A-Za-z0-9_.^/=<>~+\\@%-])?")
_SPECIAL = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})


def _yaml_scalar(value: object) -> str:
    """Plain when YAML would read it back as the same string, else double-quoted."""
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL:
        return text
    return _json(text)


def _programme_steps(root: Path, folder: Path, example: bool) -> list[Step]:
    if example:
        from dwcp.views.schema import FOLDER, schema_line

        lines = sample_text().splitlines(keepends=True)
        assert lines[0].startswith("# yaml-language-server:"), "the sample's first line"  # noqa: S101
        lines[0] = schema_line(folder, root / FOLDER) + "\n"
        return [_file(root, folder / SAMPLE, "".join(lines))]
    keep = folder / ".gitkeep"
    if folder.is_dir() and not keep.exists() and _holds_anything(folder):
        return []  # git keeps the folder for what it holds
    return [_file(root, keep, "")]


def _holds_anything(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return False  # writing the .gitkeep will say what is wrong


def _schema_steps(root: Path) -> list[Step]:
    from dwcp.views.schema import FOLDER, rendered

    return [_file(root, root / FOLDER / name, text) for name, text in rendered().items()]


def _file(root: Path, path: Path, text: str) -> Step:
    """Write the file, or find it already the same, or leave it because it differs."""
    data = text.encode("utf-8")
    blocked = _blocked(root, path)
    if blocked:
        return Step(path, "left", note=blocked)
    if not path.exists():
        return Step(path, "write", data)
    try:
        same = path.read_bytes() == data
    except OSError as exc:
        return Step(path, "left", note=f"cannot be read ({exc.strerror})")
    if same:
        return Step(path, "same")
    return Step(path, "left", note="it differs from what dwcp init writes")


def _blocked(root: Path, path: Path) -> str:
    """Why nothing can be written at path (a folder there, a file where a folder must be, a
    link leading out of the repository), or ""."""
    for parent in reversed(path.relative_to(root).parents):
        folder = root / parent
        if folder != root and folder.exists() and not folder.is_dir():
            return f"{_shown(root, folder)} is a file, not a folder"
    if path.is_dir():
        return "it is a folder"
    if path.is_symlink() and not path.exists():
        return "it is a broken symbolic link"
    if not path.resolve().is_relative_to(root.resolve()):
        return "it is a link to a file outside the repository"
    return ""


def _config_step(root: Path) -> Step:
    """The [tool.dwcp] table: at the end of dwcp.toml or pyproject.toml, else a new dwcp.toml."""
    from dwcp.config import DWCP_TOML

    table = render(DWCP_TOML, _values(None, DEFAULT_PROGRAMMES))
    for name in (DWCP_TOML, "pyproject.toml"):
        path = root / name
        if path.is_file():
            try:
                data = path.read_bytes()
            except OSError as exc:
                return Step(path, "left", note=f"cannot be read ({exc.strerror})")
            if _has_table(data):
                return Step(path, "same", note="it has a [tool.dwcp] table")
            blocked = _blocked(root, path)
            if path.is_symlink():
                blocked = "it is a symbolic link"
            if blocked:
                return Step(path, "left", note=f"{blocked}; add the [tool.dwcp] table by hand")
            return Step(path, "add", _append(data, table), "[tool.dwcp]")
    return _file(root, root / DWCP_TOML, table)


def _has_table(data: bytes) -> bool:
    # load_settings has read the file the settings come from; a broken file read here is
    # one it did not read (pyproject.toml beside a dwcp.toml), and its [tool.dwcp] is unused.
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"[tool.dwcp" in data
    tool = parsed.get("tool")
    return isinstance(tool, dict) and "dwcp" in tool


def _gitignore_step(root: Path) -> Step:
    path = root / ".gitignore"
    text = render("gitignore", {})
    if not path.is_file() or path.is_symlink():
        return _file(root, path, text)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Step(path, "left", note=f"cannot be read ({exc.strerror})")
    present = {line.strip().strip(b"/") for line in data.splitlines()}
    missing = [entry for entry in IGNORED if entry.strip("/").encode() not in present]
    if not missing:
        return Step(path, "same", note="it ignores " + ", ".join(IGNORED))
    return Step(path, "add", _append(data, text), ", ".join(missing))


def _append(data: bytes, text: str) -> bytes:
    """data, untouched, then a blank line and text (in the file's own line endings)."""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    added = text.encode("utf-8").replace(b"\n", newline)
    ending = newline if data and not data.endswith(b"\n") else b""
    blank = newline if data.strip() else b""
    return data + ending + blank + added


# --- where ----------------------------------------------------------------------------------


def _root(directory: Path) -> Path:
    root = Path.cwd() / directory
    if root.exists() and not root.is_dir():
        raise UsageError(f"{directory}: not a folder; give the folder of the programme repository")
    for parent in root.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{directory}: {parent} is a file, not a folder")
            break
    return root.resolve()


def _folders(root: Path) -> tuple[str, str]:
    """The programmes and catalogues folders, relative to root, from its configuration."""
    if not root.is_dir():
        return DEFAULT_PROGRAMMES, DEFAULT_CATALOGUES
    from dwcp.config import load_settings
    from dwcp.lint.settings import rule_settings

    settings = load_settings(root)
    rule_settings(settings)  # a bad rule code in [tool.dwcp] is reported here, as elsewhere
    raw = settings.raw
    return _inside(root, "programmes", raw.programmes), _inside(root, "catalogues", raw.catalogues)


def _inside(root: Path, key: str, configured: str) -> str:
    """The configured folder relative to root, as written (a link is not followed: editors
    and the programme files name it so), once it is known to lead inside root."""
    written = Path(os.path.normpath(root / configured))
    resolved = written.resolve()
    if not written.is_relative_to(root) or not resolved.is_relative_to(root) or written == root:
        raise UsageError(
            f"[tool.dwcp] {key} = {configured!r} is not a folder inside {root}; dwcp init sets "
            f"up a repository that holds its {key} folder"
        )
    return written.relative_to(root).as_posix()


def _warnings(root: Path, source: Source) -> list[str]:
    warnings = []
    top = next((p for p in (root, *root.parents) if (p / ".git").exists()), None)
    if top is not None and top != root:
        warnings.append(
            f"{root} is inside the git repository {top}: pre-commit and GitHub read "
            ".pre-commit-config.yaml and .github/workflows/ only at its top"
        )
    if source.is_local:
        warnings.append(
            f"the workflow installs dwcp from {source.spec}, a folder on this computer that "
            "GitHub's runners do not have; for CI give --source a URL they can reach"
        )
    return warnings


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
