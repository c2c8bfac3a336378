"""The guidance texts `dwcp new` writes, read from guidance.yaml (one text per language)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dwcp.domain.vocabulary import GUIDANCE_LANGUAGES, LANGUAGES
from dwcp.errors import DwcpError
from dwcp.source.loader import LoadError, load

GUIDANCE_FILE = Path(__file__).parent / "guidance.yaml"


class Guidance:
    """`guidance("priorities", objectives="...")`: a section's text in one language."""

    def __init__(self, texts: dict[str, dict[str, str]], language: str) -> None:
        if language not in LANGUAGES:
            raise DwcpError(f"no guidance in {language!r}; use one of {', '.join(LANGUAGES)}")
        self.texts = texts
        # Guidance is written in en/fr/es; a programme in another language gets English.
        self.language = language if language in GUIDANCE_LANGUAGES else "en"

    def __call__(self, key: str, **values: object) -> str:
        text = self.texts[key][self.language]
        return text.format(**values) if values else text


def guidance(language: str) -> Guidance:
    return Guidance(load_texts(), language)


@cache
def load_texts(path: Path = GUIDANCE_FILE) -> dict[str, dict[str, str]]:
    """Every key with its text in each language; a broken file is an error naming the spot."""
    try:
        data = load(path).data
    except LoadError as exc:
        mark = exc.problem.mark
        raise DwcpError(f"{path}:{mark.line}:{mark.column}: {exc.problem.message}") from None
    if not isinstance(data, dict):
        raise DwcpError(f"{path}: expected a mapping of guidance keys")
    texts: dict[str, dict[str, str]] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or sorted(entry) != sorted(GUIDANCE_LANGUAGES):
            every = ", ".join(GUIDANCE_LANGUAGES)
            raise DwcpError(f"{path}: {key!r} must give a text for each of {every}")
        if not all(isinstance(text, str) for text in entry.values()):
            raise DwcpError(f"{path}: every text under {key!r} must be a string")
        texts[str(key)] = {str(language): str(text) for language, text in entry.items()}
    return texts
