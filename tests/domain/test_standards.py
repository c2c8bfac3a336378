"""The domain judgements behind DW212, DW422 and DW423, and the model that holds a country's
labour standards, statistics and tripartite body: loaded from a programme file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dwcp.domain.populations import about_children
from dwcp.domain.standards import ratified, revisions, speaks_of_ratified
from dwcp.model.country_context import LabourStandards, Statistic
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.helpers import catalogue, clean_data, dump


@pytest.mark.parametrize(
    "text",
    [
        "in line with ratified conventions",
        "In line with Ratified ILO Conventions",
        "conformément aux conventions ratifiées",
        "conformement aux conventions ratifiees",  # accents left out
        "de acuerdo con los convenios ratificados",
        "against ratified conventions, and not yet ratified conventions",  # one claim stands
    ],
)
def test_speaks_of_ratified(text: str):
    assert speaks_of_ratified(text)


@pytest.mark.parametrize(
    "text",
    [
        "Convention No. 189 ratified by 2025",
        "The Government has ratified C144",
        "promote not yet ratified conventions",
        "non-ratified conventions are promoted",
        "un-ratified conventions",
        "unratified conventions",
        "conventions non ratifiées",
        "convenios no ratificados",
        "ratification of conventions",
    ],
)
def test_does_not_speak_of_ratified(text: str):
    assert not speaks_of_ratified(text)


def test_ratified_counts_binding_ratifications_only():
    standards = LabourStandards.model_validate(
        {
            "ratifications": [
                {"instrument": "C087", "ratified": "2000-01-01"},
                {"instrument": "C098", "ratified": "2025-06-01", "status": "not-in-force"},
                {"instrument": "C103", "ratified": "1960-01-01", "status": "denounced"},
            ]
        }
    )
    assert ratified(standards) == frozenset({"C087", "C098"})
    assert ratified(LabourStandards()) is None
    assert ratified(None) is None


def test_revisions_follow_the_catalogue_to_an_up_to_date_instrument():
    by_id = catalogue().convention_ids
    assert [c.id for c in revisions(by_id["C003"], catalogue())] == ["C103", "C183"]
    assert [c.id for c in revisions(by_id["C005"], catalogue())] == ["C138"]
    assert [c.id for c in revisions(by_id["C004"], catalogue())] == ["C041", "C089"]
    assert revisions(by_id["C031"], catalogue()) == []
    assert revisions(by_id["C183"], catalogue()) == []


def test_every_revised_by_names_a_catalogued_instrument_and_only_old_ones_have_one():
    by_id = catalogue().convention_ids
    revised = {c.id: c.revised_by for c in by_id.values() if c.revised_by}
    assert revised, "the catalogue gives some revisions"
    for code, successor in revised.items():
        assert successor in by_id, code
        assert by_id[code].status in {"outdated", "withdrawn", "abrogated"}, code
        assert by_id[successor].year > by_id[code].year, code


def statistic(name: str, **fields: Any) -> Statistic:
    return Statistic.model_validate(
        {"name": name, "value": 1, "year": 2017, "source": "-", **fields}
    )


@pytest.mark.parametrize(
    ("name", "fields", "expected"),
    [
        ("Children aged 5-17 in child labour", {}, True),
        ("Travail des enfants", {}, True),
        ("Niñas en trabajo doméstico", {}, True),
        ("Unemployment rate", {}, False),
        ("Childcare workers", {}, False),
        ("Unemployment rate", {"population": "children"}, True),
        ("Mothers of children under 6 in employment", {"population": "adults"}, False),
    ],
)
def test_about_children(name: str, fields: dict[str, str], expected: bool):
    assert about_children(statistic(name, **fields)) is expected


def test_a_programme_with_every_new_context_field_loads():
    data = clean_data()
    data["context"]["statistics"] = [
        {
            "name": "Children in child labour",
            "value": 250000,
            "year": 2017,
            "published": 2018,
            "source": "National Child Labour Survey",
            "population": "children",
            "by_sex_children": {"girls": 100000, "boys": 150000},
        },
        {"name": "Unemployment rate", "value": 12.5, "year": 2017, "source": "LFS"},
    ]
    data["context"]["tripartite_body"] = {
        "name": "Tripartite Consultative Labour Council",
        "established": 1993,
        "legal_basis": "Industrial and Labour Relations Act",
        "composition": [
            {"group": "government", "organizations": ["Ministry of Labour"]},
            {"group": "employers"},
            {"group": "workers"},
        ],
    }
    data["context"]["labour_standards"] = {
        "ratifications": [{"instrument": "C122", "ratified": "1979-02-23"}],
        "supervisory_comments": [
            {
                "body": "cfa",
                "year": 2020,
                "reference": "Case No. 3300",
                "summary": "-",
                "addressed_by": ["ZMB101"],
                "internal": True,
            }
        ],
    }
    data["signatories"][1]["group"] = "tripartite-body"
    programme = to_programme(parse(dump(data)))
    assert not isinstance(programme, list), programme
    context = programme.context
    children, adults = context.statistics
    assert (children.published, children.population, adults.published) == (2018, "children", None)
    assert children.by_sex_children is not None and children.by_sex_children.girls == 100000
    assert context.tripartite_body is not None
    assert context.tripartite_body.groups() == {"government", "employers", "workers"}
    assert context.labour_standards is not None
    assert context.labour_standards.ratifications[0].ratified == dt.date(1979, 2, 23)
    assert context.labour_standards.ratifications[0].status == "in-force"
    assert context.labour_standards.supervisory_comments[0].internal
    assert programme.signatories[1].group == "tripartite-body"


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("labour_standards", "supervisory_comments", 0, "body"), "committee"),
        (("labour_standards", "ratifications", 0, "status"), "ratified"),
        (("statistics", 0, "by_sex_children", "women"), 1),
        (("tripartite_body", "composition", 0, "group"), "ilo"),
    ],
)
def test_the_new_fields_refuse_what_they_do_not_hold(where: tuple[Any, ...], value: Any):
    data = clean_data()
    data["context"]["statistics"] = [
        {"name": "Child labour", "value": 1, "year": 2017, "source": "-", "by_sex_children": {}}
    ]
    data["context"]["tripartite_body"] = {"name": "Forum", "composition": [{"group": "workers"}]}
    data["context"]["labour_standards"] = {
        "ratifications": [{"instrument": "C122", "ratified": "1979-02-23"}],
        "supervisory_comments": [{"body": "ceacr", "year": 2020, "summary": "-"}],
    }
    node = data["context"]
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert isinstance(to_programme(parse(dump(data))), list)
