"""A programme's passages (the prose a translation carries) and a translated copy of it.

A passage is a prose field (PROSE_FIELDS) of the programme itself or of an item with an id,
or of a part of such an item that has no id of its own (an indicator's baseline). Items
without an id, and lists of plain texts, have no stable name a translation could use.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Self, TypeVar

from pydantic import BaseModel

from dwcp.model import Programme
from dwcp.model.translation import HASH_LENGTH, TranslatedPassage, Translation
from dwcp.source.positions import Loc
from dwcp.source.translations import TranslationFile, TranslationProblem

PROSE_FIELDS = frozenset(
    {
        "title",
        "statement",
        "summary",
        "description",
        "rationale",
        "text",
        "effect_on_women_and_men",
        "strategy",
        "theory_of_change",
    }
)
"""The fields that hold sentences to translate; names, codes and sources stay as written."""

NARRATIVE = ("narrative",)
"""Every text of the programme's narrative block is prose (foreword, situation, ...)."""
NOT_PROSE = frozenset({"group", "by", "term"})
"""Texts inside the narrative that are names or codes, not sentences."""

M = TypeVar("M", bound=BaseModel)

PROGRAMME = ""
"""The owner of the programme's own fields (`programme:` in a translation file)."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One translatable text: whose it is (an item id, or PROGRAMME), which field (a dotted
    path inside the owner), the text, and where it is in the programme (a data path)."""

    owner: str
    field: str
    text: str
    loc: Loc

    @property
    def label(self) -> str:
        return self.field if self.owner == PROGRAMME else f"{self.owner} {self.field}"


def passage_hash(text: str) -> str:
    """The hash a translation records of the original it translates (NFC, so one text typed
    two ways hashes the same)."""
    normal = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def passages(programme: Programme) -> list[Passage]:
    """Every passage of the programme, in file order; an id met twice keeps its first item."""
    found: list[Passage] = []
    seen: set[tuple[str, str]] = set()
    for passage in _walk(programme, PROGRAMME, (), ()):
        if (passage.owner, passage.field) not in seen:
            seen.add((passage.owner, passage.field))
            found.append(passage)
    return found


def _walk(model: BaseModel, owner: str, inside: tuple[str, ...], loc: Loc) -> Iterator[Passage]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        prose = name in PROSE_FIELDS or inside[:1] == NARRATIVE
        if isinstance(value, str) and prose and name not in NOT_PROSE:
            yield Passage(owner, ".".join((*inside, name)), value, here)
        elif isinstance(value, BaseModel):
            yield from _walk(value, owner, (*inside, name), here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                item_id = getattr(item, "id", None)
                if isinstance(item, BaseModel) and isinstance(item_id, str):
                    yield from _walk(item, item_id, (), (*here, index))
                elif isinstance(item, BaseModel) and (*inside, name)[:1] == NARRATIVE:
                    # Paragraphs and statements have no id: named by their place.
                    yield from _walk(item, owner, (*inside, name, str(index)), (*here, index))


class Untranslated(str):
    """A passage left in the original language in a translated programme: templates print
    it as any text; the environment marks it (a `lang` attribute and a class in HTML, a
    marker in Markdown) so the reader sees it is not translated."""

    language: str

    def __new__(cls, text: str, language: str) -> Self:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[Untranslated], tuple[str, str]]:
        # Pickled for the PDF helper and the forked workers: keep the language.
        return (Untranslated, (str(self), self.language))


@dataclass(frozen=True)
class Translated:
    """A programme with its passages in another language, and those left in the original."""

    programme: Programme
    untranslated: list[Passage]
    """Passages the translation lacks, or translated from an older original (shown in the
    original, marked)."""


def translate(programme: Programme, translation: Translation | None) -> Translated:
    """A copy of the programme whose passages read in the translation's language. A passage
    missing, or whose recorded original differs from the text now, keeps the original."""
    texts: dict[Loc, str] = {}
    untranslated: list[Passage] = []
    for passage in passages(programme):
        found = _entry(translation, passage)
        if found is None or found.original != passage_hash(passage.text):
            untranslated.append(passage)
            texts[passage.loc] = Untranslated(passage.text, programme.language)
        else:
            texts[passage.loc] = found.text
    return Translated(_replaced(programme, texts, ()), untranslated)


def _entry(translation: Translation | None, passage: Passage) -> TranslatedPassage | None:
    if translation is None:
        return None
    fields = (
        translation.programme
        if passage.owner == PROGRAMME
        else translation.items.get(passage.owner, {})
    )
    return fields.get(passage.field)


def _replaced(model: M, texts: dict[Loc, str], loc: Loc) -> M:
    """The model with the texts at these data paths replaced; untouched parts shared."""
    update: dict[str, object] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*loc, name)
        if here in texts:
            update[name] = texts[here]
        elif isinstance(value, BaseModel):
            changed = _replaced(value, texts, here)
            if changed is not value:
                update[name] = changed
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            items = [
                _replaced(v, texts, (*here, i)) if isinstance(v, BaseModel) else v
                for i, v in enumerate(value)
            ]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                update[name] = items
    return model.model_copy(update=update) if update else model


def unknown_entries(file: TranslationFile, programme: Programme) -> list[TranslationProblem]:
    """Entries of a translation that match no passage of the programme: an id it lacks, or a
    field that is not a passage of that item (a misspelling, or an item since removed)."""
    if file.translation is None:
        return []
    known: dict[str, set[str]] = {}
    for passage in passages(programme):
        known.setdefault(passage.owner, set()).add(passage.field)
    problems: list[TranslationProblem] = []
    entries = [("programme", PROGRAMME, file.translation.programme)]
    entries += [("items", owner, fields) for owner, fields in file.translation.items.items()]
    for section, owner, fields in entries:
        if owner not in known:
            mark = file.mark_of(section, owner)
            message = f"items: {owner}: the programme has no item with this id"
            problems.append(TranslationProblem(file.path, mark, message, _ID_HINT))
            continue
        for name in fields:
            if name not in known[owner]:
                keys = (section, name) if owner == PROGRAMME else (section, owner, name)
                shown = ", ".join(sorted(known[owner]))
                message = f"{' '.join(keys[1:])}: not a passage of the programme"
                problems.append(
                    TranslationProblem(
                        file.path, file.mark_of(*keys), message, f"the passages here are: {shown}"
                    )
                )
    return problems


_ID_HINT = "use the id of a priority, outcome, indicator, output or other item of the programme"
