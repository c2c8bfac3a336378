"""What an indicator and its milestones are judged to be, written once for the lint rules,
the gap report and the spreadsheets, so all three say the same about the same indicator.

- An indicator **counts people** by its unit, else by what its statement counts; one that
  already compares women and men (a pay gap, a share of women) does not.
- It is **broken down by sex** when a disaggregation label says so, in any language dwcp
  writes; a breakdown by sex is **required** when it counts people.
- A milestone is **due** once its year has ended at the as-of date. It is met or missed on
  **the actual of its year**: the latest dated in that year, else the first dated in the next
  (a year's figures are often published after it ends); one with a value is preferred. A
  milestone outside the programme period is misplaced (DW415) and not judged.
- Actuals are **expected** only while the programme is implemented, reviewed or extended.

The words are data, in catalogues/indicator_words.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.model.common import Period
from dwcp.model.results_framework import Actual, Indicator, Milestone
from dwcp.source.loader import load

WORDS_FILE = BUILTIN_DIR / "indicator_words.yaml"

ACTUALS_EXPECTED: frozenset[str] = frozenset({"implementation", "review", "extended"})
"""Statuses in which a programme reports actual values against its milestones."""

MilestoneState = Literal["not due", "no actual", "reported", "met", "missed"]
"""reported: an actual exists, but its value, the milestone's or the indicator's direction
is unknown, so it cannot be called met or missed."""


class _Words(BaseModel):
    """catalogues/indicator_words.yaml: each list keyed by language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sex_labels: dict[str, list[str]]
    people: dict[str, list[str]]
    neutral_units: dict[str, list[str]]
    compares_sexes: dict[str, list[str]]
    qualifiers: dict[str, list[str]]


@dataclass(frozen=True)
class _Vocabulary:
    sex_labels: frozenset[str]
    people: re.Pattern[str]
    neutral_unit: re.Pattern[str]
    compares_sexes: re.Pattern[str]
    qualifier: re.Pattern[str]


def normal(text: str, keep_case: bool = False) -> str:
    """Text as the words are matched: trimmed, case and accents folded, one space between
    words, typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join((plain if keep_case else plain.casefold()).split())


@cache
def _vocabulary() -> _Vocabulary:
    words = _Words.model_validate(load(WORDS_FILE).data)
    return _Vocabulary(
        sex_labels=frozenset(normal(w) for w in _every(words.sex_labels)),
        people=_whole_words(words.people),
        neutral_unit=re.compile(rf"(?:{_alternatives(words.neutral_units)})s?"),
        compares_sexes=_whole_words(words.compares_sexes),
        qualifier=_whole_words(words.qualifiers),
    )


def _every(by_language: dict[str, list[str]]) -> Iterator[str]:
    for words in by_language.values():
        yield from words


def _alternatives(by_language: dict[str, list[str]]) -> str:
    # Longest first, so "young women" is tried before "women".
    words = sorted({normal(w) for w in _every(by_language)}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def _whole_words(by_language: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternatives(by_language)})(?!\w)")


def counts_people(indicator: Indicator) -> bool:
    """Whether the indicator counts or rates people: by its unit first, else by what its
    statement counts (a unit such as "laws" or "USD" says it counts something else)."""
    words = _vocabulary()
    unit = normal(indicator.unit or "")
    if words.people.search(unit):
        return True
    statement = normal(indicator.statement, keep_case=True)
    if (unit and not words.neutral_unit.fullmatch(unit)) or words.compares_sexes.search(
        statement.casefold()
    ):
        return False
    # Qualifiers are matched in lower case only: "In", "For" or "Under-" opening a
    # statement do not end what it counts.
    counted = words.qualifier.split(statement, maxsplit=1)[0]
    return bool(words.people.search(counted.casefold()))


def is_sex_disaggregated(indicator: Indicator) -> bool:
    """Whether one of the indicator's breakdowns is by sex, in any language dwcp writes."""
    labels = _vocabulary().sex_labels
    return any(normal(label) in labels for label in indicator.disaggregation)


def needs_sex_disaggregation(indicator: Indicator) -> bool:
    """A breakdown by sex is required of an indicator that counts or rates people."""
    return counts_people(indicator)


def lacks_sex_disaggregation(indicator: Indicator) -> bool:
    """Required to be broken down by sex, and not."""
    return needs_sex_disaggregation(indicator) and not is_sex_disaggregated(indicator)


def actuals_expected(status: str) -> bool:
    """Whether a programme in this status is asked for actuals against its milestones."""
    return status in ACTUALS_EXPECTED


def milestone_due(milestone: Milestone, as_of: dt.date) -> bool:
    """Due once its year has ended at the as-of date: a 2019 milestone from 2020-01-01."""
    return milestone.year < as_of.year


def actual_of(indicator: Indicator, year: int) -> Actual | None:
    """The actual that reports on a year: the latest dated in it, else the first dated in
    the next; among those, one with a value before one without."""
    same = [a for a in indicator.actuals if a.date.year == year]
    if same:
        return max(same, key=lambda a: (a.value is not None, a.date))
    following = [a for a in indicator.actuals if a.date.year == year + 1]
    if following:
        return min(following, key=lambda a: (a.value is None, a.date))
    return None


@dataclass(frozen=True)
class MilestoneCheck:
    """One milestone of an indicator, judged as of a date."""

    index: int
    """Its place in the indicator's milestones list."""
    milestone: Milestone
    state: MilestoneState
    actual: Actual | None


def milestone_checks(
    indicator: Indicator, as_of: dt.date, period: Period
) -> Iterator[MilestoneCheck]:
    """The indicator's milestones within the programme period, in file order, each with its
    state as of the date. One outside the period is misplaced (DW415), not judged."""
    for index, milestone in enumerate(indicator.milestones):
        if not period.contains(milestone.year):
            continue
        if not milestone_due(milestone, as_of):
            yield MilestoneCheck(index, milestone, "not due", None)
            continue
        actual = actual_of(indicator, milestone.year)
        state: MilestoneState = (
            "no actual" if actual is None else _met(indicator, milestone, actual)
        )
        yield MilestoneCheck(index, milestone, state, actual)


def _met(indicator: Indicator, milestone: Milestone, actual: Actual) -> MilestoneState:
    """Met when the actual is at or beyond the milestone in the direction from the baseline
    to the target; without those values, only reported."""
    up = rising(indicator)
    if actual.value is None or milestone.value is None or up is None:
        return "reported"
    behind = actual.value < milestone.value if up else actual.value > milestone.value
    return "missed" if behind else "met"


def target_year(indicator: Indicator, period: Period) -> int:
    """The year the target is for: its own, else the last year the programme is in force
    (an extension moves it)."""
    target = indicator.target
    return target.year if target is not None and target.year is not None else period.effective_end


def target_check(indicator: Indicator, as_of: dt.date, period: Period) -> MilestoneCheck | None:
    """The target judged as a milestone of its year, by the same rules (due once its year
    has ended, met on the actual of its year); None without a target. Its index is -1."""
    if indicator.target is None:
        return None
    milestone = Milestone(
        year=target_year(indicator, period),
        value=indicator.target.value,
        description=indicator.target.description,
    )
    if not milestone_due(milestone, as_of):
        return MilestoneCheck(-1, milestone, "not due", None)
    actual = actual_of(indicator, milestone.year)
    state: MilestoneState = "no actual" if actual is None else _met(indicator, milestone, actual)
    return MilestoneCheck(-1, milestone, state, actual)


def rising(indicator: Indicator) -> bool | None:
    """Whether the indicator aims up (target at or above the baseline), down (a falling
    target, below the baseline), or None when either value is unknown: the direction
    milestones are met in."""
    baseline = indicator.baseline.value if indicator.baseline else None
    target = indicator.target.value if indicator.target else None
    if baseline is None or target is None:
        return None
    return target >= baseline
