"""The Technical Cooperation Strategy 2010-15 indicators, read from catalogues/tc_strategy.yaml."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
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

    def milestone(self, biennium: str) -> tuple[int, str]:
        """The milestone for a biennium; after the strategy period, its final target."""
        if biennium in self.milestones:
            return self.milestones[biennium], biennium
        return self.target, "final target"


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
