"""Turn a loaded document into a Programme, or into plain-language schema problems."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dwcp.model import Programme
from dwcp.source.loader import Document
from dwcp.source.positions import Key, Loc, Mark, locate, value_at

# A file with hundreds of schema errors has one root cause; beyond this many, summarise.
MAX_SCHEMA_PROBLEMS = 25

_SINGULAR = {
    "priorities": "priority",
    "outcomes": "outcome",
    "indicators": "indicator",
    "projects": "project",
    "resources": "resource",
    "outputs": "output",
    "risks": "risk",
    "reviews": "review",
    "members": "member",
    "signatories": "signatory",
}
_ITEM_IDS = ("id", "symbol", "outcome", "organization", "name", "kind")


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    code: str
    message: str
    mark: Mark
    loc: Loc
    hint: str = ""


def to_programme(document: Document) -> Programme | list[SchemaProblem]:
    try:
        return Programme.model_validate(document.data)
    except ValidationError as exc:
        # Never str() the error: with aliased input its text can be enormous.
        details = exc.errors(include_url=False, include_input=False, include_context=True)
        return schema_problems(document, details)


def schema_problems(
    document: Document,
    details: Sequence[ErrorDetails],
    model: type[BaseModel] = Programme,
    root: str = "the programme",
) -> list[SchemaProblem]:
    """Pydantic's errors for a document of `model` in plain words; `root` names the whole
    document (a translation file's problems are worded the same way as a programme's)."""
    problems = [_problem(document, error, model, root) for error in details[:MAX_SCHEMA_PROBLEMS]]
    if len(details) > MAX_SCHEMA_PROBLEMS:
        last = problems[-1]
        extra = len(details) - MAX_SCHEMA_PROBLEMS
        problems[-1] = SchemaProblem(
            last.code, f"{last.message} (and {extra} more schema problems)", last.mark, last.loc
        )
    return problems


def _problem(
    document: Document, error: ErrorDetails, model: type[BaseModel], root: str
) -> SchemaProblem:
    mark, loc = locate(document.data, document.marks, error["loc"])
    where = describe(document.data, loc[:-1], root) if loc else "the file"
    key = loc[-1] if loc else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = allowed_keys(loc[:-1], model)
        guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean `{guess[0]}`?" if guess else _allowed_hint(allowed)
        if _text_cut_at_comma(document.data, loc):
            hint = (
                "this looks like the rest of a text cut at a comma inside {...}: put the whole "
                'text in quotes, such as statement: "Wages, hours and leave"'
            )
        return SchemaProblem("DW020", f"unknown key `{key}` in {where}", mark, loc, hint)
    if kind == "missing":
        return SchemaProblem(
            "DW021", f"{where} lacks the required key `{key}`", mark, loc, "add the key"
        )
    field = f"`{key}`" if isinstance(key, str) else f"item {int(key) + 1}"
    shown = _shown_value(document.data, loc)
    if shown:
        field = f"{field} (`{shown}`)"
    code, message, hint = _value_problem(kind, error.get("ctx") or {}, field, where)
    if kind == "literal_error" and shown:
        options = [o.strip() for o in str(error.get("ctx", {}).get("expected", "")).split(",")]
        options = [o.replace("'", "").removeprefix("or ").strip() for o in options]
        guess = difflib.get_close_matches(shown, options, n=1, cutoff=0.6)
        hint = f"did you mean `{guess[0]}`? ({hint})" if guess else hint
    return SchemaProblem(code, message, mark, loc, hint)


def _text_cut_at_comma(data: object, loc: Sequence[Key]) -> bool:
    """In `{statement: Wages, hours and leave}` YAML reads `hours and leave` as a key without
    a value: a key with a space and no value is almost always such a cut."""
    found, node = value_at(data, loc)
    return found and node is None and isinstance(loc[-1], str) and " " in loc[-1].strip()


def _shown_value(data: object, loc: Sequence[Key]) -> str:
    """The offending scalar, when it is short enough to quote in a message."""
    found, node = value_at(data, loc)
    if not found:
        return ""
    text = str(node) if isinstance(node, str | int | float | bool) else ""
    return text if len(text) <= 40 and "\n" not in text else ""


def _value_problem(kind: str, ctx: dict[str, Any], field: str, where: str) -> tuple[str, str, str]:
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return "DW023", f"{field} of {where} has a value that is not allowed", f"use {expected}"
    if kind in _RANGE_HINTS:
        return "DW023", f"{field} of {where} is out of range", _RANGE_HINTS[kind].format(**ctx)
    if kind == "string_pattern_mismatch":
        return "DW023", f"{field} of {where} is not in the expected form", _pattern_hint(ctx)
    if kind == "value_error":
        reason = str(ctx.get("error", "")) or "the value is not allowed"
        return "DW023", f"{field} of {where} is not valid", reason
    if kind == "string_too_short":
        return "DW023", f"{field} of {where} is empty", "write a value or remove the key"
    expected = _TYPE_NAMES.get(kind.split("_")[0], kind.replace("_", " "))
    hint = f"write {expected} here"
    if kind == "string_type":
        hint = 'put it in quotes, such as "8.10", so YAML does not read it as a number or date'
    return "DW022", f"{field} of {where} should be {expected}", hint


_RANGE_HINTS = {
    "greater_than_equal": "use a value of at least {ge}",
    "less_than_equal": "use a value of at most {le}",
    "greater_than": "use a value above {gt}",
    "less_than": "use a value below {lt}",
}
_TYPE_NAMES = {
    "int": "a whole number",
    "float": "a number",
    "decimal": "a number",
    "string": "text",
    "bool": "true or false",
    "date": "a date such as 2024-06-30",
    "datetime": "a date such as 2024-06-30",
    "list": "a list (items starting with `- `)",
    "model": "a mapping of keys",
    "dict": "a mapping of keys",
    "too": "shorter",
    "finite": "a finite number",
}


def _pattern_hint(ctx: dict[str, Any]) -> str:
    pattern = str(ctx.get("pattern", ""))
    if "[0-9]{4}-[0-9]{2}" in pattern:
        return "write a biennium such as 2020-21"
    return "use letters, digits and . _ / - only, starting with a letter or digit"


def _allowed_hint(allowed: Sequence[str]) -> str:
    return "allowed keys: " + ", ".join(allowed) if allowed else "remove the key"


def describe(data: object, loc: Sequence[Key], root: str = "the programme") -> str:
    """Name the item at `loc` the way people do: `outcome VNM101`, `indicator I1 baseline`."""
    node: object = data
    label = root
    rest: list[str] = []
    for index, segment in enumerate(loc):
        if isinstance(node, dict) and segment in node:
            node = node[segment]
            rest.append(str(segment))
        elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
            node = node[segment]
            named = _item_label(node, str(loc[index - 1]) if index else "", segment)
            if named:
                label, rest = named, []
            else:
                rest[-1:] = [f"{rest[-1]}[{segment}]" if rest else f"[{segment}]"]
    if not rest:
        return label
    tail = ".".join(rest)
    return tail if label == root else f"{label} {tail}"


def _item_label(node: object, list_key: str, index: int) -> str | None:
    noun = _SINGULAR.get(list_key)
    if noun is None or not isinstance(node, dict):
        return None
    ident = next((node[k] for k in _ITEM_IDS if isinstance(node.get(k), str | int)), None)
    return f"{noun} {ident if ident is not None else index + 1}"


def allowed_keys(loc: Sequence[Key], model: type[BaseModel] = Programme) -> list[str]:
    """Field names of the model found by following `loc` from `model` (Programme)."""
    current: Any = model
    for segment in loc:
        current = _unwrap(current)
        if isinstance(segment, int):
            args = get_args(current)
            current = args[0] if get_origin(current) is list and args else None
        elif get_origin(current) is dict:  # keyed by ids or field names (a translation)
            current = get_args(current)[1]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(segment)
            current = field.annotation if field else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip `X | None` down to X."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return members[0] if len(members) == 1 else annotation
    if origin is Literal:
        return annotation
    return annotation
