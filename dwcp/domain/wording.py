"""What a programme's words say beyond its indicators: an outcome worded as an activity, an
outcome or output addressed to the employers' or workers' organizations, a lesson drawn from a
review or evaluation.

The words are data, in catalogues/wording.yaml, matched as dwcp.domain.indicators matches its
own: case and accents folded, words whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.domain.indicators import normal
from dwcp.model.country_context import Constituent
from dwcp.source.loader import load

WORDS_FILE = BUILTIN_DIR / "wording.yaml"

ByLanguage = dict[str, list[str]]


class WordLists(BaseModel):
    """catalogues/wording.yaml: each list keyed by language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    activity_verbs: ByLanguage
    noun_markers: ByLanguage
    time_lead_ins: ByLanguage
    infinitive_markers: ByLanguage
    social_partners: ByLanguage
    group_organizations: dict[str, ByLanguage]
    review_sources: ByLanguage


@dataclass(frozen=True)
class _Opening:
    """How an activity opens a statement in one language."""

    lead_in: re.Pattern[str]
    verb: re.Pattern[str]


@cache
def word_lists() -> WordLists:
    return WordLists.model_validate(load(WORDS_FILE).data)


@cache
def _opening(language: str) -> _Opening:
    words = word_lists()
    lead_ins = _alternatives(words.time_lead_ins.get(language, []))
    markers = _alternatives(words.infinitive_markers.get(language, []))
    nouns = _alternatives(words.noun_markers.get(language, []))
    time = rf"(?:(?:{lead_ins})\s+)?\d{{4}}\s*,?\s*" if lead_ins else r"(?!)"
    infinitive = rf"(?:(?:{markers})\s+)?" if markers else ""
    not_noun = rf"(?!\s+(?:{nouns})(?!\w))" if nouns else ""
    verbs = _alternatives(words.activity_verbs.get(language, []))
    return _Opening(
        lead_in=re.compile(time),
        verb=re.compile(rf"{infinitive}({verbs})(?!\w){not_noun}" if verbs else r"(?!)"),
    )


def activity_verb(statement: str, language: str) -> str | None:
    """The verb an outcome statement opens with when it is worded as an activity ("Train 500
    young people", "Renforcer les capacités"), as written; None when it states a change.
    Only the programme's own language is read: "Former" is a verb in French alone."""
    opening = _opening(language)
    text = normal(statement)
    lead_in = opening.lead_in.match(text)
    start = lead_in.end() if lead_in else 0
    found = opening.verb.match(text, start)
    if found is None:
        return None
    # The words as written where folding kept the length (it does but for rare letters).
    written = " ".join(statement.replace("\u2019", "'").split())
    same = len(written) == len(text)
    return written[found.start(1) : found.end(1)] if same else found.group(1)


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so "carry out" is tried before "carry" and "d'ici a" before "d'ici".
    return "|".join(re.escape(w) for w in sorted({normal(w) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=64)  # one entry per programme's organization names, for a portfolio
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str] | None:
    found = _alternatives(w for w in words if w.strip())
    return re.compile(rf"(?<!\w)(?:{found})(?!\w)") if found else None


def _every(by_language: ByLanguage) -> tuple[str, ...]:
    return tuple(word for words in by_language.values() for word in words)


def organization_names(constituent: Constituent) -> tuple[str, ...]:
    """An organization's name and the acronym in brackets after it: "Zambia Federation of
    Employers (ZFE)" gives "Zambia Federation of Employers" and "ZFE"."""
    names: list[str] = []
    for organization in constituent.organizations:
        name, _, rest = organization.partition("(")
        names.append(name.strip())
        acronym = rest.partition(")")[0].strip()
        if acronym:
            names.append(acronym)
    return tuple(name for name in names if name)


def names_group(text: str, group: str, constituents: Iterable[Constituent]) -> bool:
    """Whether the text addresses the organizations of this constituent group (employers,
    workers): by the words for them, for both social partners, or by their names."""
    words = word_lists()
    names = [name for c in constituents if c.group == group for name in organization_names(c)]
    wanted = (
        *_every(words.social_partners),
        *_every(words.group_organizations.get(group, {})),
        *names,
    )
    pattern = _whole_words(wanted)
    return pattern is not None and pattern.search(normal(text)) is not None


def social_partner_groups() -> tuple[str, ...]:
    """The constituent groups whose organizations have words in catalogues/wording.yaml."""
    return tuple(word_lists().group_organizations)


def cites_review(source: str) -> bool:
    """Whether a lesson's source names a review or an evaluation, in any language."""
    pattern = _whole_words(_every(word_lists().review_sources))
    return pattern is not None and pattern.search(normal(source)) is not None
