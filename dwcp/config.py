"""Configuration from `[tool.dwcp]` in the programme repository's dwcp.toml or pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dwcp.errors import ConfigError
from dwcp.suggest import closest

SeverityName = Literal["error", "warning", "info"]
"""A finding's severity as written in [tool.dwcp]; dwcp.lint.findings.Severity holds the same
values (tests/test_architecture.py checks they agree)."""


class ResultsConfig(BaseModel):
    """`[tool.dwcp.results]`: the thresholds `dwcp report results` judges targets by."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    partly_met: float = Field(0.5, alias="partly-met", ge=0, le=1)
    """Share of the way from baseline to target (0-1) at which a target that is due and
    not reached counts as partly met rather than not met. Default 0.5: half way."""


class RawConfig(BaseModel):
    """The `[tool.dwcp]` table, keys as written in TOML."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    programmes: str = "programmes"
    """Folder linted when no path is given."""
    catalogues: str = "catalogues"
    """Folder of catalogue files that extend or override the built-in ones."""
    select: list[str] = []
    ignore: list[str] = []
    fail_on: SeverityName = Field("error", alias="fail-on")
    severity: dict[str, SeverityName] = {}
    per_file_ignores: dict[str, list[str]] = Field({}, alias="per-file-ignores")
    rules: dict[str, dict[str, int | float | str | bool]] = {}
    audience: Literal["public", "internal"] = "public"
    """Who `dwcp report`, `diff` and `export` write for unless --audience says otherwise."""
    results: ResultsConfig = Field(default_factory=ResultsConfig)
    """Thresholds of the results report ([tool.dwcp.results])."""


@dataclass(frozen=True)
class Settings:
    """The repository's configuration as read and validated. Rule codes and rule options are
    checked against the rules by dwcp.lint.settings, which knows them."""

    root: Path
    raw: RawConfig = field(default_factory=RawConfig)
    source: Path | None = None
    text: str = field(default="", repr=False, compare=False)
    """The text of `source`, for the line and column of a key in a message."""

    @property
    def programmes_dir(self) -> Path:
        return self.root / self.raw.programmes

    @property
    def catalogues_dir(self) -> Path | None:
        folder = self.root / self.raw.catalogues
        return folder if folder.is_dir() else None

    def where(self, key: str) -> str:
        """`path:line:col` of the first line that sets `key` in the [tool.dwcp] tables."""
        if self.source is None:
            return "[tool.dwcp]"
        return _where(self.source, self.text, key)


DWCP_TOML = "dwcp.toml"
"""Holds the [tool.dwcp] table in a repository without a pyproject.toml (`dwcp init` writes
it); where both exist, dwcp.toml is the one read."""


def find_root(start: Path) -> Path:
    """The nearest folder upwards holding a dwcp.toml, a pyproject.toml with [tool.dwcp], or
    a .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DWCP_TOML).is_file():
            return folder
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.dwcp" in _read(candidate):
            return folder
        if (folder / ".git").exists():
            return folder
    return start


def load_settings(root: Path, config_file: Path | None = None) -> Settings:
    path = config_file or root / DWCP_TOML
    if config_file is None and not path.is_file():
        path = root / "pyproject.toml"
    if config_file is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if not path.is_file():
        return Settings(root=root)
    text = _read(path)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    data = table.get("tool", {}).get("dwcp")
    if data is None:
        return Settings(root=root, source=path, text=text)
    try:
        raw = RawConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, path, text)) from None
    return Settings(root=root, raw=raw, source=path, text=text)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None


def _where(path: Path, text: str, key: str) -> str:
    """`path:line:col` of the first line that sets `key` in the [tool.dwcp] tables."""
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.dwcp")
            if inside and key in stripped:
                return f"{path}:{number}:{line.index(key) + 1}"
        elif inside and key and stripped.split("=")[0].strip().strip('"') == key:
            return f"{path}:{number}:{line.index(key) + 1}"
    return f"{path}:1:1"


def _explain(exc: ValidationError, path: Path, text: str) -> str:
    lines = []
    allowed = [f.alias or name for name, f in RawConfig.model_fields.items()]
    for error in exc.errors(include_url=False, include_input=False):
        key = str(error["loc"][0]) if error["loc"] else ""
        dotted = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden" and key == "results" and len(error["loc"]) == 2:
            lines.append(_unknown_results_key(path, text, str(error["loc"][1])))
        elif error["type"] == "extra_forbidden":
            guess = closest(key, allowed)
            hint = f"did you mean `{guess}`?" if guess else "allowed: " + ", ".join(allowed)
            lines.append(f"{_where(path, text, key)}: unknown key `{key}` in [tool.dwcp]; {hint}")
        elif key == "results" and len(error["loc"]) > 1:
            message = error["msg"].replace("Input should be", "must be")
            where = _where(path, text, str(error["loc"][1]))
            lines.append(f"{where}: [tool.dwcp] {dotted} {message}")
        else:
            message = error["msg"].replace("Input should be", "must be")
            lines.append(f"{_where(path, text, key)}: [tool.dwcp] {dotted} {message}")
    return "\n".join(lines)


def _unknown_results_key(path: Path, text: str, key: str) -> str:
    allowed = [f.alias or name for name, f in ResultsConfig.model_fields.items()]
    guess = closest(key, allowed)
    hint = f"did you mean `{guess}`?" if guess else "allowed: " + ", ".join(allowed)
    return f"{_where(path, text, key)}: unknown key `{key}` in [tool.dwcp.results]; {hint}"
