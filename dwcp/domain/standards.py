"""International labour standards as a programme meets them: the instruments the country has
ratified, outcomes that speak of ratified conventions, and instruments no longer up to date.

- The **ratified** instruments are those of the recorded ratifications still binding (in
  force, or registered and not yet in force); none is known until a ratification is recorded.
- An outcome **speaks of ratified conventions** when its statement or an output's says so in
  the words of catalogues/standards_words.yaml, not negated ("not yet ratified conventions").
- An instrument is **not up to date** when NORMLEX classes it outdated, withdrawn or
  abrogated; one with interim status is still relevant and passes. Its **revisions** are the
  instruments that revised it in turn, as far as the catalogue's `revised_by` knows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR, Catalogue, Convention, InstrumentStatus
from dwcp.domain.indicators import normal
from dwcp.model.country_context import LabourStandards
from dwcp.model.results_framework import Outcome
from dwcp.source.loader import load

WORDS_FILE = BUILTIN_DIR / "standards_words.yaml"

BINDING: frozenset[str] = frozenset({"in-force", "not-in-force"})
"""Ratification statuses that still bind the country; denounced or abrogated ones do not."""

NOT_UP_TO_DATE: frozenset[InstrumentStatus] = frozenset({"outdated", "withdrawn", "abrogated"})


class _Words(BaseModel):
    """catalogues/standards_words.yaml: each list keyed by language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ratified: dict[str, list[str]]
    negations: dict[str, list[str]]


@dataclass(frozen=True)
class _Vocabulary:
    ratified: re.Pattern[str]
    negated: re.Pattern[str]
    """Matches the end of the text before a phrase when a negation ends it."""


@cache
def _vocabulary() -> _Vocabulary:
    words = _Words.model_validate(load(WORDS_FILE).data)
    return _Vocabulary(
        ratified=re.compile(rf"(?<!\w)(?:{_alternatives(words.ratified)})(?!\w)"),
        negated=re.compile(rf"(?<!\w)(?:{_alternatives(words.negations)})\s*$"),
    )


def _alternatives(by_language: dict[str, list[str]]) -> str:
    # Longest first, so "ratified ILO conventions" is tried before "ratified conventions".
    words = sorted({normal(w) for ws in by_language.values() for w in ws}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def ratified(standards: LabourStandards | None) -> frozenset[str] | None:
    """The instruments the country's recorded ratifications still bind it to; None when no
    ratification is recorded, so nothing can be said to be unratified."""
    if standards is None or not standards.ratifications:
        return None
    return frozenset(r.instrument for r in standards.ratifications if r.status in BINDING)


def speaks_of_ratified(text: str) -> bool:
    """Whether the text speaks of ratified conventions or standards, not negated."""
    words = _vocabulary()
    plain = normal(text)
    return any(
        not words.negated.search(plain[: match.start()]) for match in words.ratified.finditer(plain)
    )


def ratified_claims(outcome: Outcome) -> list[tuple[tuple[str | int, ...], str]]:
    """Where the outcome speaks of ratified conventions: (path under the outcome, text), its
    statement first, then its outputs'."""
    texts: list[tuple[tuple[str | int, ...], str]] = [(("statement",), outcome.statement)]
    texts += [(("outputs", i, "statement"), o.statement) for i, o in enumerate(outcome.outputs)]
    return [(path, text) for path, text in texts if speaks_of_ratified(text)]


def not_up_to_date(instrument: Convention) -> bool:
    """Outdated, withdrawn or abrogated, as NORMLEX classes it."""
    return instrument.status in NOT_UP_TO_DATE


def revisions(instrument: Convention, catalogue: Catalogue) -> list[Convention]:
    """The instruments that revised this one, in turn, up to the first that is up to date:
    C003 gives C103 then C183. Empty when the catalogue does not know."""
    chain: list[Convention] = []
    current = instrument
    while current.revised_by is not None:
        following = catalogue.convention_ids.get(current.revised_by)
        if following is None or following is instrument or following in chain:
            break
        chain.append(following)
        if not not_up_to_date(following):
            break
        current = following
    return chain
