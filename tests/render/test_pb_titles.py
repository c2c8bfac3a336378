"""P&B references in the document's language (issue 15): a French or Spanish document prints
the French or Spanish title where the catalogue has one, never the English title; English
documents keep theirs. The clean fixture links its first outcome to P&B 2018-19 outcome 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dwcp.domain.catalogue import load_catalogue
from dwcp.model.results_framework import PbReference
from dwcp.views import labels
from tests.render import STEM, Page, make_repo, render

ENGLISH = "More and better jobs for inclusive growth and improved youth employment prospects"
FRENCH = "Des emplois plus nombreux et de meilleure qualité pour une croissance inclusive"
SPANISH = "Más y mejores empleos para un crecimiento incluyente"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("pb-titles"))


def _render(repo: Path, language: str) -> tuple[str, str]:
    """The HTML page's text and the Markdown of the fixture rendered in the language."""
    out = f"out-{language}"
    result = render(repo, "--format", "html", "--format", "md", "--lang", language, "--out", out)
    assert result.code == 0, result.err
    html = (repo / out / f"{STEM}.html").read_text(encoding="utf-8")
    md = (repo / out / f"{STEM}.md").read_text(encoding="utf-8")
    return Page(html).text, md


def test_a_french_document_prints_the_french_title(repo: Path) -> None:
    for text in _render(repo, "fr"):
        assert "Programme et budget 2018-19, résultat 1" in text
        assert FRENCH in text
        assert ENGLISH not in text


def test_a_spanish_document_prints_the_spanish_title(repo: Path) -> None:
    for text in _render(repo, "es"):
        assert "Programa y Presupuesto 2018-19, resultado 1" in text
        assert SPANISH in text
        assert ENGLISH not in text


def test_a_language_without_titles_prints_the_reference_alone(repo: Path) -> None:
    # The catalogue has no Portuguese titles: the reference, and no English title instead.
    for text in _render(repo, "pt"):
        assert re.search(r"Programa e Orçamento 2018-19, resultado 1(?!:)", text)
        assert ENGLISH not in text
        assert FRENCH not in text and SPANISH not in text


def test_an_english_document_keeps_the_english_title(repo: Path) -> None:
    for text in _render(repo, "en"):
        assert f"2018-19, outcome 1: {ENGLISH}" in text  # "P&amp;B" in the Markdown


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "P&B 2022-23, outcome 8: Comprehensive and sustainable social protection for all"),
        (
            "fr",
            (
                "Programme et budget 2022-23, résultat 8: "
                "Une protection sociale complète et durable pour tous"
            ),
        ),
        (
            "es",
            (
                "Programa y Presupuesto 2022-23, resultado 8: "
                "Protección social integral y sostenible para todos"
            ),
        ),
        ("ru", "Программа и бюджет 2022-23, итоговый результат 8"),
        ("ar", "البرنامج والميزانية 2022-23، النتيجة 8"),  # the Arabic comma
    ],
)
def test_the_label_in_each_language(language: str, label: str) -> None:
    ref = PbReference(biennium="2022-23", outcome="8")
    assert labels.pb_label(ref, load_catalogue(), language) == label


def test_an_output_without_a_french_title_is_named_without_one() -> None:
    # Outputs have English titles only so far: a French label stops at the code.
    ref = PbReference(biennium="2022-23", outcome="1", output="1.2")
    assert labels.pb_label(ref, load_catalogue(), "fr") == (
        "Programme et budget 2022-23, résultat 1, produit 1.2"
    )
