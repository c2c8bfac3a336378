"""The rule registry: every rule, in code order, collected from an explicit list of modules."""

from __future__ import annotations

from types import ModuleType

from dwcp.lint.rules import (
    country,
    file,
    identity,
    languages,
    management,
    measurement,
    monitoring,
    outcomes,
    planning,
    portfolio,
    priorities,
    signoff,
    writing,
)
from dwcp.lint.rules.rule import Rule

_MODULES: tuple[ModuleType, ...] = (
    file,
    writing,
    languages,
    identity,
    country,
    priorities,
    outcomes,
    measurement,
    planning,
    management,
    monitoring,
    signoff,
    portfolio,
)


def _collect() -> tuple[Rule, ...]:
    found = [value for module in _MODULES for value in vars(module).values()]
    return tuple(sorted((r for r in found if isinstance(r, Rule)), key=lambda r: r.code))


ALL_RULES: tuple[Rule, ...] = _collect()
BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in ALL_RULES}


def get(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
