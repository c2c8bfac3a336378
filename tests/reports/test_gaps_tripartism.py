"""The gap report's tripartism table judges signatures and committee members as DW801 and
DW603 do: a national tripartite body stands for the groups of its composition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dwcp.analyses.gaps import _tripartism
from dwcp.model import Programme
from dwcp.portfolio.selection import Entry, Portfolio
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.helpers import clean_data, dump

FORUM = "National Tripartite Forum"


def programme(composition: list[str]) -> Programme:
    data: Any = clean_data()
    data["context"]["tripartite_body"] = {
        "name": FORUM,
        "composition": [{"group": group} for group in composition],
    }
    data["signatories"] = [
        s for s in data["signatories"] if s["group"] not in ("employers", "workers")
    ] + [
        {"organization": FORUM, "group": "tripartite-body", "signer": "Chair", "date": "2018-04-10"}
    ]
    committee = data["management"]["steering_committee"]
    committee["members"] = [m for m in committee["members"] if m["group"] != "workers"] + [
        {"group": "tripartite-body", "organization": FORUM}
    ]
    built = to_programme(parse(dump(data), "programme.yaml"))
    assert isinstance(built, Programme), built
    return built


def missing(composition: list[str]) -> tuple[str, str]:
    portfolio = Portfolio([Entry("ZMB.yaml", programme(composition), "africa")])
    table = _tripartism(portfolio, dt.date(2020, 1, 1))
    names = [c.name for c in table.columns]
    (row,) = [dict(zip(names, r, strict=True)) for r in table.rows]
    return str(row["not on the steering committee"]), str(row["not among the signatories"])


def test_the_body_stands_for_the_groups_of_its_composition():
    assert missing(["government", "employers", "workers"]) == ("", "")


def test_the_body_does_not_stand_for_a_group_outside_its_composition():
    assert missing(["government", "employers"]) == ("workers", "workers")
