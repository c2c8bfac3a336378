"""The acronyms a programme document lists: the file's glossary, and the standard ILO and UN
ones (catalogues/acronyms.yaml) that its text uses."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.model import Programme
from dwcp.source.loader import load

ACRONYMS_FILE = BUILTIN_DIR / "acronyms.yaml"
# A word, as acronyms are written: letters and digits, with & (P&B) and / (ACT/EMP) inside.
_WORD = re.compile(r"[\w&/]+")


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
        used = set(_WORD.findall(programme.model_dump_json()))
        found |= {t: m for t, m in standard.items() if t in used and t not in found}
    return sorted(found.items(), key=lambda item: item[0].casefold())
