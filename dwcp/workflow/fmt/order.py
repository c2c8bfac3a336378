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
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dwcp.model import Programme


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
    """Known keys in model order, then unknown keys as they were."""
    order = field_order(model)
    known = sorted((k for k in keys if isinstance(k, str) and k in order), key=order.index)
    return known + [k for k in keys if not (isinstance(k, str) and k in order)]


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
        if isinstance(key, str) and key in model.model_fields:
            _reorder(value, nested_model(model, key), seen)
