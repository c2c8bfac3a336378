"""How single values read in change messages: amounts with separators, texts quoted and
shortened, field names in words. What items and changes are called is in `terms.py`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

NONE = "(none)"
_LONG = 80


def amount(value: Decimal) -> str:
    """`Decimal("150000")` -> `150,000`; cents are kept when there are any."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}"


def amount_change(label: str, old: Decimal, new: Decimal) -> str:
    """`RBTC secured 80,000 -> 90,000`: what changed, by its own name and amounts."""
    return f"{label} {amount(old)} -> {amount(new)}"


def number(value: float) -> str:
    """An indicator value: `40.0` -> `40`, `1500000.0` -> `1,500,000`, `12.5` -> `12.5`."""
    return format(value, ",.15g")


def quoted(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _LONG:
        flat = flat[: _LONG - 1].rstrip() + "…"
    return f'"{flat}"'


def value(item: object) -> str:
    """Any model value as a reader would write it."""
    if item is None:
        return NONE
    if isinstance(item, bool):
        return "yes" if item else "no"
    if isinstance(item, Decimal):
        return amount(item)
    if isinstance(item, float):
        return number(item)
    if isinstance(item, int):
        return str(item)
    if isinstance(item, dt.date):
        return item.isoformat()
    if isinstance(item, str):
        # Codes and single words read better bare: `Status: drafting -> signed`.
        bare = item and len(item) <= 30 and not any(c.isspace() or c in "\"'" for c in item)
        return item if bare else quoted(item)
    if isinstance(item, list):
        return ", ".join(value(x) for x in item) if item else NONE
    if isinstance(item, dict):
        return summary(item)
    return quoted(str(item))


_SUMMARY_FIELDS = ("statement", "title", "name", "description", "text", "summary", "role")


def summary(item: dict[str, object]) -> str:
    """A list item in a few words: its statement or title, else its plain fields."""
    for key in _SUMMARY_FIELDS:
        text = item.get(key)
        if isinstance(text, str) and text:
            return quoted(text)
    return plain_fields(item)


def plain_fields(item: dict[str, object]) -> str:
    """`group employers, signer President, date 2018-04-10`: the set scalar fields, flags
    and nested lists left out."""
    parts = [
        f"{humane(key)} {value(v)}"
        for key, v in item.items()
        if v is not None and not isinstance(v, bool | list | dict)
    ]
    return ", ".join(parts) if parts else "(empty)"


_WORDS = {
    "sdg_targets": "SDG targets",
    "pb_outcomes": "P&B outcomes",
    "un_outcomes": "UN outcomes",
    "un_framework": "UN framework",
    "un_frameworks": "UN frameworks",
}


def humane(name: str) -> str:
    """A field name in words: `effect_on_women_and_men` -> `effect on women and men`."""
    return _WORDS.get(name) or name.replace("_", " ")


def with_unit(text: str, unit: str | None) -> str:
    """`55` with unit `percent` -> `55 per cent`."""
    if not unit or text == NONE:
        return text
    if unit.strip().lower() in {"percent", "per cent", "%", "percentage"}:
        return f"{text} per cent"
    return f"{text} {unit}"
