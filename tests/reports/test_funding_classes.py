"""Funding classes in the linked-funding figure: domestic trust funds, UN pooled funds and
public-private partnerships are extra-budgetary in ILO accounts, RBSA is voluntary core.

The clean fixture has one RBSA project (500,000, all linked to ZMB101). Each test adds one
project of another source, worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.analyses.figures import funding_links, linked_funding_rows
from dwcp.model import Programme
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.helpers import clean_data, dump

D = 1_000


def with_project(source: str, budget: int, share: int | None) -> Programme:
    data: Any = clean_data()
    link: dict[str, Any] = {"outcome": "ZMB101"}
    if share is not None:
        link["share_percent"] = share
    data["context"]["projects"].append(
        {
            "symbol": "ZMB/20/01/XYZ",
            "title": "Added project",
            "funding_source": source,
            "budget": budget,
            "contributes_to": [link],
        }
    )
    built = to_programme(parse(dump(data), "programme.yaml"))
    assert isinstance(built, Programme), built
    return built


def shares(programme: Programme) -> dict[str, tuple[int, int]]:
    """Per row of the figure (USD only here): (budget, linked)."""
    found = {}
    for label, sources in linked_funding_rows():
        for currency, linked in funding_links(programme, sources).items():
            assert currency == "USD"
            found[label] = (int(linked.total), int(linked.linked))
    return found


@pytest.mark.parametrize("source", ["DTF", "UNPOOLED", "PPP"])
def test_domestic_trust_funds_un_pooled_funds_and_partnerships_are_extra_budgetary(source: str):
    """400,000 with 25 per cent linked: 400,000 extra-budgetary, 100,000 (25 %) linked.
    Was: none of it counted, as the source was flagged `extra_budgetary: false`."""
    assert shares(with_project(source, 400 * D, 25)) == {
        "extra-budgetary": (400 * D, 100 * D),
        "RBSA": (500 * D, 500 * D),
    }


def test_an_extra_budgetary_line_lowers_the_share_it_joins():
    """An XBDC project of 600,000, fully linked, and a DTF project of 400,000, none of it
    linked: 600,000 of 1,000,000 extra-budgetary linked (60 per cent, was 100)."""
    programme = with_project("DTF", 400 * D, 0)
    data: Any = programme.model_dump(mode="json", exclude_none=True)
    data["context"]["projects"].append(
        {
            "symbol": "ZMB/20/02/XYZ",
            "title": "Donor project",
            "funding_source": "XBDC",
            "budget": 600 * D,
            "contributes_to": [{"outcome": "ZMB101"}],
        }
    )
    both = to_programme(parse(dump(data), "programme.yaml"))
    assert isinstance(both, Programme)
    assert shares(both)["extra-budgetary"] == (1_000 * D, 600 * D)


@pytest.mark.parametrize("source", ["RB", "RBTC", "GOV-IN-KIND"])
def test_regular_budget_and_in_kind_lines_are_not_extra_budgetary(source: str):
    assert "extra-budgetary" not in shares(with_project(source, 400 * D, None))
