"""Whom a statistic is about: children are split into girls and boys, adults into women and
men. A statistic's `population` says so; without it, its name does, in the words of
catalogues/population_words.yaml (en, fr, es; case and accents ignored, words whole)."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.domain.indicators import normal
from dwcp.model.country_context import Statistic
from dwcp.source.loader import load

WORDS_FILE = BUILTIN_DIR / "population_words.yaml"


class _Words(BaseModel):
    """catalogues/population_words.yaml: each list keyed by language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    children: dict[str, list[str]]


@cache
def _children() -> re.Pattern[str]:
    words = _Words.model_validate(load(WORDS_FILE).data)
    # Longest first, so "child labour" is tried before "child".
    phrases = sorted({normal(w) for ws in words.children.values() for w in ws}, key=len)
    alternatives = "|".join(re.escape(w) for w in reversed(phrases))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def about_children(statistic: Statistic) -> bool:
    """Its population is children, or, left out, its name speaks of children."""
    if statistic.population is not None:
        return statistic.population == "children"
    return bool(_children().search(normal(statistic.name)))
