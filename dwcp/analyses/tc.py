"""The ILO's technical cooperation strategies and their indicator sets, each applied only to
the bienniums inside its period, read from catalogues/tc_strategy.yaml."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.model.common import Biennium
from dwcp.source.loader import load


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TcIndicator(_Strict):
    id: str
    title: str
    kind: Literal["share", "increase"]
    baseline: str
    target: int
    milestones: dict[str, int]
    funding_classes: list[str] = []
    """The classes of funding source (catalogues/funding_sources.yaml) the indicator counts."""

    def milestone(self, biennium: Biennium) -> tuple[int | None, str]:
        """(milestone, what it is) for a biennium: the milestone of the biennium it names;
        the final target only after the strategy period (the last biennium named); none
        before it, nor for a biennium within it that no milestone names."""
        named = {Biennium.parse(text): value for text, value in self.milestones.items()}
        if biennium in named:
            return named[biennium], str(biennium)
        if not named or biennium > max(named):
            return self.target, "final target"
        if biennium < min(named):
            return None, "before the strategy"
        return None, "no milestone for this biennium"


class Reference(_Strict):
    label: str
    percent: int


class StrategyPeriod(_Strict):
    first: int
    last: int


class TcStrategy(_Strict):
    """One strategy: its indicator set applies to the bienniums inside its period."""

    id: str
    name: str
    period: StrategyPeriod
    baseline_year: int
    indicators: list[TcIndicator]
    references: list[Reference] = []

    def indicator(self, indicator_id: str) -> TcIndicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def covers(self, biennium: Biennium) -> bool:
        return self.period.first <= biennium.first and biennium.last <= self.period.last


class TcStrategies(_Strict):
    strategies: list[TcStrategy]

    def for_biennium(self, biennium: Biennium) -> TcStrategy | None:
        """The strategy in force for the biennium (the latest to start, if several); None
        where no strategy's period holds it."""
        covering = [s for s in self.strategies if s.covers(biennium)]
        return max(covering, key=lambda s: s.period.first, default=None)

    def with_indicator(self, indicator_id: str) -> TcStrategy | None:
        """The latest strategy that has this indicator, for notes that quote its milestones."""
        having = [s for s in self.strategies if any(i.id == indicator_id for i in s.indicators)]
        return max(having, key=lambda s: s.period.first, default=None)

    def milestone_note(self, indicator_id: str) -> list[str]:
        """The milestones of the latest strategy with this indicator, which apply only to the
        bienniums they name (no note where no strategy has the indicator)."""
        strategy = self.with_indicator(indicator_id)
        if strategy is None:
            return []
        milestones = strategy.indicator(indicator_id).milestones
        return [
            f"Milestones ({strategy.name} indicator {indicator_id}, for those bienniums only): "
            + ", ".join(f"{b}: {v} per cent" for b, v in milestones.items())
            + "."
        ]


@cache
def tc_strategy() -> TcStrategies:
    return TcStrategies.model_validate(load(BUILTIN_DIR / "tc_strategy.yaml").data)
