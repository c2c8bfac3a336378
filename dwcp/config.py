"""Configuration from `[tool.dwcp]` in the programme repository's dwcp.toml or pyproject.toml."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dwcp.errors import ConfigError
from dwcp.lint.findings import Severity
from dwcp.lint.rules import ALL_RULES, BY_CODE
from dwcp.lint.rules.rule import Options, Rule
from dwcp.suggest import closest


class RawConfig(BaseModel):
    """The `[tool.dwcp]` table, keys as written in TOML."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    programmes: str = "programmes"
    """Folder linted when no path is given."""
    catalogues: str = "catalogues"
    """Folder of catalogue files that extend or override the built-in ones."""
    select: list[str] = []
    ignore: list[str] = []
    fail_on: Severity = Field(Severity.ERROR, alias="fail-on")
    severity: dict[str, Severity] = {}
    per_file_ignores: dict[str, list[str]] = Field({}, alias="per-file-ignores")
    rules: dict[str, dict[str, int | float | str | bool]] = {}
    audience: Literal["public", "internal"] = "public"
    """Who `dwcp report`, `diff` and `export` write for unless --audience says otherwise."""


@dataclass(frozen=True)
class Settings:
    """The configuration resolved against the rule registry, ready for the linter."""

    root: Path
    raw: RawConfig = field(default_factory=RawConfig)
    source: Path | None = None
    options: dict[type[Options], Options] = field(default_factory=dict)

    @property
    def programmes_dir(self) -> Path:
        return self.root / self.raw.programmes

    @property
    def catalogues_dir(self) -> Path | None:
        folder = self.root / self.raw.catalogues
        return folder if folder.is_dir() else None

    def enabled(self, selected: list[str], ignored: list[str]) -> frozenset[str]:
        select = selected or self.raw.select or ["DW"]
        ignore = [*self.raw.ignore, *ignored]
        return frozenset(
            r.code
            for r in ALL_RULES
            if r.fixed or (_matches(r.code, select) and not _matches(r.code, ignore))
        )

    def severity_of(self, rule: Rule) -> Severity:
        return self.raw.severity.get(rule.code, rule.severity)

    def ignored_in(self, relative_path: str) -> list[str]:
        return [
            code
            for pattern, codes in self.raw.per_file_ignores.items()
            if fnmatch(relative_path, pattern)
            for code in codes
        ]

    def fingerprint(self) -> str:
        """Changes whenever anything that could change a finding changes."""
        # The audience changes what is shown of the findings, never which are found.
        payload = self.raw.model_dump_json(exclude={"audience"}) + json.dumps(
            {k.__qualname__: v.model_dump() for k, v in self.options.items()}, sort_keys=True
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def _matches(code: str, prefixes: list[str]) -> bool:
    return any(code.startswith(prefix.upper()) for prefix in prefixes)


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
        return Settings(root=root, source=path)
    try:
        raw = RawConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, path, text)) from None
    _check_codes(raw, path, text)
    return Settings(root=root, raw=raw, source=path, options=_rule_options(raw, path, text))


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
        if error["type"] == "extra_forbidden":
            guess = closest(key, allowed)
            hint = f"did you mean `{guess}`?" if guess else "allowed: " + ", ".join(allowed)
            lines.append(f"{_where(path, text, key)}: unknown key `{key}` in [tool.dwcp]; {hint}")
        else:
            message = error["msg"].replace("Input should be", "must be")
            lines.append(f"{_where(path, text, key)}: [tool.dwcp] {dotted} {message}")
    return "\n".join(lines)


def _check_codes(raw: RawConfig, path: Path, text: str) -> None:
    problems = []
    named = [
        ("select", raw.select, False),
        ("ignore", raw.ignore, False),
        # A severity or an options table belongs to one rule, so a prefix will not do there.
        ("severity", list(raw.severity), True),
        ("rules", list(raw.rules), True),
        *(("per-file-ignores", codes, False) for codes in raw.per_file_ignores.values()),
    ]
    for key, codes, one_rule in named:
        for code in codes:
            problem = unknown_rule_code(code, one_rule)
            if problem is not None:
                problems.append(f"{_where(path, text, key)}: {problem}")
    if problems:
        raise ConfigError("\n".join(problems))


# Letters typed for the digits they look like: DW4O1, DWI01.
_LOOKALIKE_DIGITS = str.maketrans("OIL", "011")


def unknown_rule_code(code: str, one_rule: bool = False) -> str | None:
    """None for a rule code, or a prefix that names some rule unless `one_rule`; otherwise the
    problem, with the nearest code when there is one."""
    wanted = code.strip().upper()
    if wanted in BY_CODE or (_names_a_rule(wanted) and not one_rule):
        return None
    if _names_a_rule(wanted):
        example = next(r.code for r in ALL_RULES if r.code.startswith(wanted))
        return f"`{code}` names several rules; give one rule's code, such as {example}"
    digits = wanted[:2] + wanted[2:].translate(_LOOKALIKE_DIGITS)
    guess = digits if _names_a_rule(digits) else closest(wanted, BY_CODE)
    hint = f"; did you mean {guess}?" if guess else ""
    return f"unknown rule code `{code}`{hint}"


def _names_a_rule(prefix: str) -> bool:
    return any(r.code.startswith(prefix) for r in ALL_RULES)


def _rule_options(raw: RawConfig, path: Path, text: str) -> dict[type[Options], Options]:
    options: dict[type[Options], Options] = {}
    for code, values in raw.rules.items():
        rule = BY_CODE[code.upper()]
        if rule.options is None:
            raise ConfigError(f"{_where(path, text, code)}: rule {code} takes no options")
        try:
            options[rule.options] = rule.options.model_validate(values)
        except ValidationError as exc:
            details = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                for e in exc.errors(include_url=False, include_input=False)
            )
            fields = ", ".join(rule.options.model_fields)
            raise ConfigError(
                f"{_where(path, text, code)}: [tool.dwcp.rules.{code}] {details} "
                f"(options: {fields})"
            ) from None
    return options
