"""The acronyms a programme document lists: the file's glossary, and the standard ILO and UN
ones (catalogues/acronyms.yaml) that its text uses."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.model import Programme
from dwcp.source.loader import load

ACRONYMS_FILE = BUILTIN_DIR / "acronyms.yaml"
# What continues a word, as acronyms are written: letters, digits, _, & (P&B), / (ACT/EMP).
_WORD_CHARACTERS = frozenset("_&/")


class _Acronym(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str
    meaning: str


class _Acronyms(BaseModel):
    """catalogues/acronyms.yaml: each language's list."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[_Acronym]
    fr: list[_Acronym]
    es: list[_Acronym]


@cache
def standard_acronyms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each language's standard acronyms, as (term, meaning)."""
    lists = _Acronyms.model_validate(load(ACRONYMS_FILE).data)
    return {
        language: tuple((a.term, a.meaning) for a in getattr(lists, language))
        for language in _Acronyms.model_fields
    }


def acronyms_in(programme: Programme, language: str) -> list[tuple[str, str]]:
    """The file's glossary, and the standard acronyms of `language` its text uses as a whole
    word (the programme as the audience sees it), sorted by term."""
    found = {a.term: a.meaning for a in programme.narrative.glossary}
    standard = dict(standard_acronyms().get(language, ()))
    if standard:
        text = programme.model_dump_json()
        found |= {t: m for t, m in standard.items() if t not in found and used_as_word(text, t)}
    return sorted(found.items(), key=lambda item: item[0].casefold())


def used_as_word(text: str, term: str) -> bool:
    """Whether `term` stands in `text` as a whole word. A substring search per term, and a
    look at the two characters around each hit, is several times quicker than splitting a
    long text into words: most terms are absent, or found on their first hit."""
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        if not (_continues(text, start - 1) or _continues(text, end)):
            return True
        start = text.find(term, start + 1)
    return False


def _continues(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    character = text[index]
    return character.isalnum() or character in _WORD_CHARACTERS
