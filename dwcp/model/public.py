"""What of a programme an audience may see: for the public, nothing marked internal (the
findings it may read are dwcp.lint.audience's)."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel

from dwcp.errors import UsageError
from dwcp.model import Programme
from dwcp.model.common import Visible

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
M = TypeVar("M", bound=BaseModel)


def chosen_audience(option: str | None, configured: Audience) -> Audience:
    """--audience when given (it always wins), else the repository's configured default."""
    if option is None:
        return configured
    for audience in AUDIENCES:
        if option == audience:
            return audience
    raise UsageError(f"--audience {option!r}: use public or internal")


def visible(programme: Programme, audience: Audience) -> Programme:
    """For the public, the programme without any item marked internal (at any depth)."""
    if audience == "internal":
        return programme
    return _without_internal(programme)


def _without_internal(model: M) -> M:
    # Copies only what changes; the models are already valid, so nothing is re-validated.
    changed: dict[str, Any] = {}
    for name in _nested_fields(type(model)):
        value = getattr(model, name)
        kept = _value(value)
        if kept is not value:
            changed[name] = kept
    return model.model_copy(update=changed) if changed else model


def _value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _without_internal(value)
    if isinstance(value, list):
        if not value or not isinstance(value[0], BaseModel):
            return value  # lists hold one kind of item: plain values need no walk
        items = [_value(v) for v in value if not (isinstance(v, Visible) and v.internal)]
        same = len(items) == len(value) and all(a is b for a, b in zip(items, value, strict=True))
        return value if same else items
    return value


@cache
def _nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Fields that can hold models or lists; plain values cannot hide an internal item."""
    return tuple(n for n, f in cls.model_fields.items() if _may_nest(f.annotation))


def _may_nest(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_nest(arg) for arg in get_args(annotation))
