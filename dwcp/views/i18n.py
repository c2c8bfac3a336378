"""Labels in the document's language (the catalogue itself is read by dwcp.resources)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from string import Formatter
from typing import Any

from dwcp.domain.vocabulary import LANGUAGES
from dwcp.errors import RenderError

__all__ = ["LANGUAGES", "Translator"]


class Translator:
    """`t("section.context")` in a template: the label in the document's language."""

    def __init__(self, messages: dict[str, dict[str, str]], language: str) -> None:
        self.messages = messages
        self.language = language

    def __call__(self, key: str, **values: object) -> str:
        texts = self.messages.get(key)
        if texts is None:
            raise RenderError(f"no message {key!r} in the catalogue")
        text = texts.get(self.language)
        if text is None:
            raise RenderError(f"message {key!r} has no {self.language!r} translation")
        return _PLAIN.format(text, **values) if values else text


class _PlainFormatter(Formatter):
    """str.format limited to plain `{name}` fields: a catalogue (which a repository may
    override) must not reach attributes or items of the values, which runs outside the
    template sandbox."""

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not field_name.isidentifier():
            raise RenderError(f"unsafe message field {{{field_name}}}: use plain {{name}} fields")
        return super().get_field(field_name, args, kwargs)


_PLAIN = _PlainFormatter()
