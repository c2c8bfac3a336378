"""The Technical Cooperation Strategy 2010-15 indicators, read from catalogues/tc_strategy.yaml."""

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
    funding_kinds: list[str] = []
    """The kinds of funding source (catalogues/funding_sources.yaml) the indicator counts."""

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


class TcStrategy(_Strict):
    baseline_year: int
    indicators: list[TcIndicator]
    references: list[Reference]

    def indicator(self, indicator_id: str) -> TcIndicator:
        return next(i for i in self.indicators if i.id == indicator_id)


@cache
def tc_strategy() -> TcStrategy:
    return TcStrategy.model_validate(load(BUILTIN_DIR / "tc_strategy.yaml").data)
