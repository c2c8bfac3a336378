"""catalogues/wording.yaml read by dwcp.domain.wording: complete for every language and group."""

from __future__ import annotations

import pytest

from dwcp.domain.vocabulary import GUIDANCE_LANGUAGES, tripartite_groups
from dwcp.domain.wording import (
    activity_verb,
    cites_review,
    organization_names,
    social_partner_groups,
    word_lists,
)
from dwcp.model.country_context import Constituent


def test_every_list_covers_every_language():
    words = word_lists()
    for by_language in (
        words.activity_verbs,
        words.time_lead_ins,
        words.social_partners,
        words.review_sources,
        *words.group_organizations.values(),
    ):
        assert set(by_language) == set(GUIDANCE_LANGUAGES)
        assert all(by_language[language] for language in GUIDANCE_LANGUAGES)


def test_the_groups_are_the_social_partners_of_the_catalogue():
    assert set(social_partner_groups()) == set(tripartite_groups()) - {"government"}


@pytest.mark.parametrize(
    ("statement", "language", "verb"),
    [
        ("Train 500 young people", "en", "Train"),
        ("By the end of 2022, develop a skills strategy", "en", "develop"),
        ("Mettre en œuvre la politique nationale de l'emploi", "fr", "Mettre en œuvre"),
        ("Élaborer une stratégie", "fr", "Élaborer"),
        ("Llevar a cabo una encuesta", "es", "Llevar a cabo"),
        ("Training reaches 500 young people", "en", None),
        ("2022: more young people work", "en", None),
        ("Review of the Labour Code completed", "en", None),
    ],
)
def test_activity_verb(statement: str, language: str, verb: str | None):
    assert activity_verb(statement, language) == verb


def test_organization_names_split_the_acronym():
    constituent = Constituent(
        group="employers", organizations=["Employers' Federation of Ceylon (EFC)", "Chamber"]
    )
    assert organization_names(constituent) == ("Employers' Federation of Ceylon", "EFC", "Chamber")


@pytest.mark.parametrize(
    ("source", "cited"),
    [
        ("Country Programme Review 2016", True),
        ("CPR 2016", True),
        ("Evaluación final del PTDP", True),
        ("Revue à mi-parcours", True),
        ("Tripartite consultations, April 2018", False),
        ("Final report of project ZMB/18/02/RBS", False),
    ],
)
def test_cites_review(source: str, cited: bool):
    assert cites_review(source) is cited
