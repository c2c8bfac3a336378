"""The message catalogue: every label of the documents in English, French and Spanish."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Formatter
from typing import Any

from dwcp.errors import RenderError
from dwcp.loader import LoadError, load

LANGUAGES = ("en", "fr", "es")
CATALOGUE = Path("i18n") / "messages.yaml"


def load_messages(template_dirs: list[Path]) -> dict[str, dict[str, str]]:
    """Messages from the first template folder holding i18n/messages.yaml."""
    for folder in template_dirs:
        path = folder / CATALOGUE
        if path.is_file():
            try:
                data = load(path).data
            except LoadError as exc:
                mark = exc.problem.mark
                raise RenderError(
                    f"{path}:{mark.line}:{mark.column}: {exc.problem.message}"
                ) from None
            return _checked(data, path)
    raise RenderError(f"no {CATALOGUE} in {', '.join(map(str, template_dirs))}")


def _checked(data: object, path: Path) -> dict[str, dict[str, str]]:
    if not isinstance(data, dict):
        raise RenderError(f"{path}: expected a mapping of message keys")
    messages: dict[str, dict[str, str]] = {}
    for key, texts in data.items():
        if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
            raise RenderError(f"{path}: message {key!r} must map languages to text")
        messages[str(key)] = {str(lang): str(text) for lang, text in texts.items()}
    return messages


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
