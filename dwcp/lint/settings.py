"""[tool.dwcp] as the linter reads it: which rules run, at what severity, where they are
ignored and with what options, every rule code checked against the registry.

dwcp.config reads and validates the table without knowing the rules; this module is the part
that does, so the configuration never has to import the linter.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import TypeVar

from pydantic import ValidationError

from dwcp.config import RawConfig, Settings
from dwcp.errors import ConfigError
from dwcp.lint.findings import Severity
from dwcp.lint.rules import ALL_RULES, BY_CODE
from dwcp.lint.rules.rule import Options, Rule
from dwcp.suggest import closest

OptionsT = TypeVar("OptionsT", bound=Options)


@dataclass(frozen=True)
class RuleSettings:
    """The rule part of the configuration, resolved against the rule registry."""

    raw: RawConfig = field(default_factory=RawConfig)
    options: dict[type[Options], Options] = field(default_factory=dict)

    def enabled(self, selected: list[str], ignored: list[str]) -> frozenset[str]:
        select = selected or self.raw.select or ["DW"]
        ignore = [*self.raw.ignore, *ignored]
        return frozenset(
            r.code
            for r in ALL_RULES
            if r.fixed or (_matches(r.code, select) and not _matches(r.code, ignore))
        )

    def severity_of(self, rule: Rule, status: str | None = None) -> Severity:
        """The rule's severity for a programme at `status`: a severity configured under
        [tool.dwcp.severity] holds at every status, over the rule's own by stage."""
        configured = self.raw.severity.get(rule.code)
        return rule.severity_at(status) if configured is None else Severity(configured)

    def ignored_in(self, relative_path: str) -> list[str]:
        return [
            code
            for pattern, codes in self.raw.per_file_ignores.items()
            if fnmatch(relative_path, pattern)
            for code in codes
        ]

    def option(self, kind: type[OptionsT]) -> OptionsT:
        """The rule options of this kind as configured, else their defaults."""
        configured = self.options.get(kind)
        return configured if isinstance(configured, kind) else kind()

    def fingerprint(self) -> str:
        """Changes whenever anything that could change a finding changes."""
        # The audience changes what is shown of the findings, never which are found.
        payload = self.raw.model_dump_json(exclude={"audience"}) + json.dumps(
            {k.__qualname__: v.model_dump() for k, v in self.options.items()}, sort_keys=True
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def rule_settings(settings: Settings) -> RuleSettings:
    """The rule settings of the configuration; ConfigError, with the file, line and column,
    for a code that names no rule or an option a rule does not take."""
    _check_codes(settings)
    return RuleSettings(settings.raw, _rule_options(settings))


def _matches(code: str, prefixes: list[str]) -> bool:
    return any(code.startswith(prefix.upper()) for prefix in prefixes)


def _check_codes(settings: Settings) -> None:
    raw = settings.raw
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
                problems.append(f"{settings.where(key)}: {problem}")
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


def _rule_options(settings: Settings) -> dict[type[Options], Options]:
    options: dict[type[Options], Options] = {}
    for code, values in settings.raw.rules.items():
        rule = BY_CODE[code.upper()]
        if rule.options is None:
            raise ConfigError(f"{settings.where(code)}: rule {code} takes no options")
        try:
            options[rule.options] = rule.options.model_validate(values)
        except ValidationError as exc:
            details = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                for e in exc.errors(include_url=False, include_input=False)
            )
            fields = ", ".join(rule.options.model_fields)
            raise ConfigError(
                f"{settings.where(code)}: [tool.dwcp.rules.{code}] {details} (options: {fields})"
            ) from None
    return options
