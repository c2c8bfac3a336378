"""The fixed vocabularies every feature shares: the tripartite constituent groups and the
funding-source classes (read from the catalogue), and the languages dwcp writes (the
programme model's `language` field).

Each function takes the catalogue in use; without one it reads the built-in catalogue, for
the callers that are not given one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import get_args

from dwcp.domain.catalogue import Catalogue, load_catalogue
from dwcp.model.record import GuidanceLanguage, Language

LANGUAGES: tuple[str, ...] = get_args(Language)
"""The languages of programmes and of the labels of documents, reports and spreadsheets:
en, fr, es, ar, pt, ru (the ILO's working and official languages)."""
GUIDANCE_LANGUAGES: tuple[str, ...] = get_args(GuidanceLanguage)
"""The languages of `dwcp new` guidance and of the outcome wording catalogues: en, fr, es;
a programme in another language gets English guidance."""
RIGHT_TO_LEFT: frozenset[str] = frozenset({"ar"})
"""Languages written right to left: their documents set `dir="rtl"`."""


@cache
def builtin_catalogue() -> Catalogue:
    return load_catalogue()


def tripartite_groups(catalogue: Catalogue | None = None) -> tuple[str, ...]:
    """The constituent groups flagged `tripartite` in catalogues/constituent_groups.yaml, in
    the catalogue's order: government, employers, workers."""
    groups = (catalogue or builtin_catalogue()).constituent_groups
    return tuple(group.id for group in groups if group.tripartite)


def extra_budgetary_sources(catalogue: Catalogue | None = None) -> frozenset[str]:
    """The funding sources of class `extra-budgetary` in catalogues/funding_sources.yaml:
    donor projects, domestic trust funds, UN pooled funds and public-private partnerships."""
    return sources_of_classes(["extra-budgetary"], catalogue)


def sources_of_classes(
    classes: Iterable[str], catalogue: Catalogue | None = None
) -> frozenset[str]:
    """The funding sources whose `class` (how the ILO accounts them) is one of these."""
    wanted = frozenset(classes)
    sources = (catalogue or builtin_catalogue()).funding_sources
    return frozenset(source.id for source in sources if source.funding_class in wanted)


def sources_of_kinds(kinds: Iterable[str], catalogue: Catalogue | None = None) -> frozenset[str]:
    """The funding sources whose `kind` is one of these (regular, voluntary-core, ...)."""
    wanted = frozenset(kinds)
    sources = (catalogue or builtin_catalogue()).funding_sources
    return frozenset(source.id for source in sources if source.kind in wanted)
