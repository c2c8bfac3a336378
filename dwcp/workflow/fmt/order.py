"""The canonical key order, read from the programme model at run time.

A model's own fields come first, in the order the class declares them, then the fields it
inherits (such as `internal` from `Visible`), so a flag shared by many items closes each
item, as the sample programmes write it. Keys the model does not know keep their order after
the known ones: the linter reports them, the formatter never drops them.
"""

from __future__ import annotations

import inspect
import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dwcp.model import Programme

NodeT = TypeVar("NodeT")


@cache
def field_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's field names: its own in declaration order, then inherited ones."""
    order: list[str] = []
    for klass in model.__mro__:
        for name in inspect.get_annotations(klass):
            if name in model.model_fields and name not in order:
                order.append(name)
    order += [name for name in model.model_fields if name not in order]
    return tuple(order)


@cache
def nested_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model a field holds, directly or as list items; None for plain values."""
    found = _models_in(model.model_fields[name].annotation)
    return found[0] if len(found) == 1 else None


@cache
def keyed_levels(model: type[BaseModel], name: str) -> int:
    """How many mappings keyed by free names (ids, field paths) a field holds above its model:
    0 for most, 2 for a translation's `items` (id -> field -> passage). Such keys are data,
    never reordered; only the model's own mappings below them are."""
    annotation = model.model_fields[name].annotation
    levels = 0
    while typing.get_origin(annotation) is dict:
        annotation = typing.get_args(annotation)[1]
        levels += 1
    return levels


def keyed_values(node: NodeT, levels: int) -> list[NodeT]:
    """The nodes `levels` mappings below `node`, in order: what a keyed field's model
    describes. A value that is not a mapping where one is expected holds none."""
    found = [node]
    for _ in range(levels):
        found = [value for item in found if isinstance(item, dict) for value in item.values()]
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        found: list[type[BaseModel]] = []
        for argument in typing.get_args(annotation):
            found += [m for m in _models_in(argument) if m not in found]
        return found
    return []


def canonical_keys(keys: list[Any], model: type[BaseModel]) -> list[Any]:
    """Known keys in model order, then unknown keys as they were.

    A key older files use (`un_framework`) takes the place of the field it stands for.
    """
    order = field_order(model)
    names = [_field_of(model, k) if isinstance(k, str) else None for k in keys]
    known = sorted(
        (k for k, name in zip(keys, names, strict=True) if name in order),
        key=lambda k: order.index(_field_of(model, k)),
    )
    return known + [k for k, name in zip(keys, names, strict=True) if name not in order]


def _field_of(model: type[BaseModel], key: str) -> str:
    """The field a key stands for: itself, or the field that replaced a legacy key."""
    legacy: dict[str, str] = getattr(model, "LEGACY_KEYS", {})
    return legacy.get(key, key)


def reorder(root: CommentedMap, model: type[BaseModel] = Programme) -> None:
    """Put every mapping the model describes into canonical key order, in place."""
    _reorder(root, model, set())


def _reorder(node: object, model: type[BaseModel] | None, seen: set[int]) -> None:
    if model is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, model, seen)
        return
    if not isinstance(node, CommentedMap):
        return
    for key in canonical_keys(list(node.keys()), model):
        node.move_to_end(key)
    for key, value in node.items():
        field = _field_of(model, key) if isinstance(key, str) else None
        if field in model.model_fields:
            for inner in keyed_values(value, keyed_levels(model, field)):
                _reorder(inner, nested_model(model, field), seen)
