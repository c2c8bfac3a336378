"""Translation files beside a programme: `<stem>.<lang>.yaml` (see dwcp.model.translation).

They are not programmes: folder walks leave them out (`is_translation_file`), and they are
read only for the programme whose stem they carry. A translation file is repository content:
one that is a link leading out of its programme's folder is refused, like any other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from pydantic import ValidationError

from dwcp.model.record import Language
from dwcp.model.translation import Translation
from dwcp.source.file_names import LANGUAGES, YAML_SUFFIXES, translation_language
from dwcp.source.loader import Document, LoadError, display_name, parse, read_text
from dwcp.source.positions import START, Mark, format_path, locate


@dataclass(frozen=True, slots=True)
class TranslationProblem:
    """Why a translation file, or one of its entries, cannot be used: where and what."""

    file: str
    mark: Mark
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.mark.line}:{self.mark.column}: {self.message}"


@dataclass(frozen=True)
class TranslationFile:
    """One translation file as read: its model (None when unusable) and its problems."""

    path: str
    language: str
    translation: Translation | None
    problems: list[TranslationProblem] = field(default_factory=list)
    document: Document | None = None

    def mark_of(self, *keys: str) -> Mark:
        """Where an entry (`items`, an id, a field) is written in the file."""
        if self.document is None:
            return START
        return locate(self.document.data, self.document.marks, keys)[0]


def sibling(programme: Path, language: str) -> Path | None:
    """The translation file of a programme into `language`, when there is one."""
    if programme.suffix not in YAML_SUFFIXES or language not in LANGUAGES:
        return None
    for suffix in YAML_SUFFIXES:
        candidate = programme.with_name(f"{programme.stem}.{language}{suffix}")
        if os.path.lexists(candidate):
            return candidate
    return None


def siblings(programme: Path) -> list[Path]:
    """Every translation file of a programme, in language order."""
    found = (sibling(programme, language) for language in get_args(Language))
    return [path for path in found if path is not None]


def read_translation(path: Path, programme: Path) -> TranslationFile:
    """Read and validate one translation file; problems name file:line:col."""
    name = display_name(path)
    language = translation_language(path) or ""
    folder = programme.resolve().parent
    if not path.resolve().is_relative_to(folder):
        refused = f"refused: it links outside the programme's folder ({display_name(folder)})"
        return TranslationFile(name, language, None, [TranslationProblem(name, START, refused)])
    try:
        document = parse(read_text(path), name)
    except LoadError as exc:
        unread = TranslationProblem(name, exc.problem.mark, exc.problem.message, exc.problem.hint)
        return TranslationFile(name, language, None, [unread])
    try:
        translation = Translation.model_validate(document.data)
    except ValidationError as exc:
        details = exc.errors(include_url=False, include_input=False)
        problems = [_schema_problem(name, document, d["loc"], d["msg"]) for d in details[:20]]
        return TranslationFile(name, language, None, problems, document)
    if translation.language != language:
        mark = locate(document.data, document.marks, ("language",))[0]
        message = f"language: {translation.language}, but the file name says {language}"
        wrong = TranslationProblem(name, mark, message, f"write `language: {language}`")
        return TranslationFile(name, language, None, [wrong], document)
    return TranslationFile(name, language, translation, [], document)


def _schema_problem(
    name: str, document: Document, loc: tuple[int | str, ...], message: str
) -> TranslationProblem:
    mark, found = locate(document.data, document.marks, loc)
    where = format_path(found) or "the file"
    hint = (
        'each passage is `{text: ..., original: "<hash>"}` (quoted: a hash of digits alone '
        "would read as a number); `dwcp lint` gives the hash (DW093)"
    )
    return TranslationProblem(name, mark, f"{where}: {message}", hint)


def translations_stamp(programme: Path) -> str:
    """What of the translation files can change a programme's findings (DW093, DW094): their
    names, sizes and change times, for the lint cache's key."""
    parts = []
    for path in siblings(programme):
        info = os.lstat(path)
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)
