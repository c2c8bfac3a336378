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
from dwcp.source.positions import START, Mark, locate
from dwcp.source.validate import SchemaProblem, schema_problems


@dataclass(frozen=True, slots=True)
class TranslationProblem:
    """Why a translation file, or one of its entries, cannot be used: where and what."""

    file: str
    mark: Mark
    message: str
    hint: str = ""

    def __str__(self) -> str:
        # With the hint: a render stopped by this problem shows only this line.
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.file}:{self.mark.line}:{self.mark.column}: {self.message}{hint}"


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
        # Worded as a programme's schema problems are (dwcp.source.validate), with hints
        # that show the shape a translation expects.
        details = exc.errors(include_url=False, include_input=False, include_context=True)
        found = schema_problems(document, details, Translation, "the translation")
        problems = [
            TranslationProblem(name, problem.mark, problem.message, _hint(problem))
            for problem in found
        ]
        return TranslationFile(name, language, None, problems, document)
    if translation.language != language:
        mark = locate(document.data, document.marks, ("language",))[0]
        message = f"language: {translation.language}, but the file name says {language}"
        wrong = TranslationProblem(name, mark, message, f"write `language: {language}`")
        return TranslationFile(name, language, None, [wrong], document)
    return TranslationFile(name, language, translation, [], document)


# How deep a passage sits: `programme: {title: <passage>}`, `items: {ID: {field: <passage>}}`.
_PASSAGE_DEPTH = {"programme": 2, "items": 3}
_PASSAGE = (
    'write each passage as `{original: "<hash>", text: ...}`: the hash of the original text '
    "(`dwcp lint` gives it, DW093) and its translation"
)
_ITEM = (
    "under `items:`, each item id holds its translated fields by name, such as "
    '`VNM101: {statement: {original: "<hash>", text: ...}}`'
)
_SECTIONS = (
    "`programme:` holds the programme's own passages by field name (`title: ...`), "
    "`items:` the others by item id; both are mappings"
)
_HASH = (
    "write the 12 hex digits `dwcp lint` gives (DW093), in quotes so that YAML reads them "
    'as text: `original: "8b7be7f143f5"`'
)


def _hint(problem: SchemaProblem) -> str:
    """What to write instead, by where in a translation the problem is."""
    loc = problem.loc
    depth = _PASSAGE_DEPTH.get(str(loc[0])) if loc else None
    if depth is None or problem.code == "DW020":  # elsewhere, or an unknown key: did you mean
        return problem.hint
    if len(loc) == 1:
        return _SECTIONS
    if len(loc) < depth:
        return _ITEM
    if len(loc) == depth or problem.code == "DW021":  # not a mapping, or a key left out
        return _PASSAGE
    return _HASH if loc[depth] == "original" else problem.hint


def translations_stamp(programme: Path) -> str:
    """What of the translation files can change a programme's findings (DW093, DW094): their
    names, sizes and change times, for the lint cache's key."""
    parts = []
    for path in siblings(programme):
        info = os.lstat(path)
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)
