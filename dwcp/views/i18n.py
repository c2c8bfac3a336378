"""Labels in the document's language (the catalogue itself is read by dwcp.resources)."""

from __future__ import annotations

from functools import lru_cache
from string import Formatter

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
        if not values:
            return text
        try:
            return _checked(text).format_map(values)
        except (KeyError, ValueError, IndexError) as exc:
            raise RenderError(
                f"message {key!r} ({self.language}) cannot be filled: {exc}"
            ) from None


@lru_cache(maxsize=4096)
def _checked(text: str) -> str:
    """`text`, once its fields are found plain `{name}`s: a catalogue (which a repository may
    override) must not reach attributes or items of the values (`{x.y}`, `{x[0]}`, or such a
    field nested in a format spec), which str.format would do outside the template sandbox.
    Checked once per message, then formatted by str.format_map at C speed."""
    for _, field, spec, _ in Formatter().parse(text):
        if field is not None and not field.isidentifier():
            raise RenderError(f"unsafe message field {{{field}}}: use plain {{name}} fields")
        if spec and "{" in spec:
            raise RenderError(f"unsafe message field format {{{field}:{spec}}}: use {{name}}")
    return text
