"""Which YAML files are translations (`<stem>.<lang>.yaml`) rather than programmes."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from dwcp.model.record import Language

LANGUAGES = frozenset(get_args(Language))
YAML_SUFFIXES = (".yaml", ".yml")


def translation_language(path: Path) -> str | None:
    """The language of a translation file's name (`X.fr.yaml` -> fr), else None."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    stem = Path(path.stem)
    language = stem.suffix.removeprefix(".")
    return language if language in LANGUAGES and stem.stem else None


def is_translation_file(path: Path) -> bool:
    return translation_language(path) is not None
