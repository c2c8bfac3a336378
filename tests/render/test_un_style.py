"""UN and ILO style: UN country names (with the French article), ILO dates and money in
each language, French typography, the final edition's colophon, and words instead of ids."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from dwcp.domain.catalogue import BUILTIN_DIR, load_catalogue
from dwcp.domain.countries import un_codes, un_name
from dwcp.model.results_framework import PbReference
from dwcp.views import labels, locale
from dwcp.views.typography import NNBSP, french_spacing
from tests.render import STEM, Page, make_repo, message, render, run

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"  # Babel's Russian group separator
# Every programme the repository ships or tests with, wherever the fixtures live.
SAMPLE_FILES = sorted([*(ROOT / "programmes").glob("*.yaml"), *(ROOT / "tests").rglob("*.yaml")])
SAMPLE_COUNTRIES = sorted(
    {
        match.group(1)
        for path in SAMPLE_FILES
        for match in re.finditer(r"^country: ([A-Z]{3})\b", path.read_text("utf-8"), re.MULTILINE)
    }
    - {"XXX", "XYZ"}  # made-up codes of the unknown-country tests
    | {"WSM"}
)


# --- country names ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "ru", "pt"])
@pytest.mark.parametrize("alpha3", SAMPLE_COUNTRIES)
def test_every_sample_country_has_its_un_names(alpha3: str, language: str) -> None:
    name = un_name(alpha3, language)
    # Portuguese is not a UN language: its names follow Portuguese usage, and say so.
    assert name.source == ("usage" if language == "pt" else "unterm")
    assert name.short and name.formal
    if language in ("fr", "pt"):
        assert name.gender is not None
    if language == "ru":
        assert name.genitive and not name.article
    if language == "ar":
        assert not name.article  # an Arabic name carries its own article
    # The title phrase uses the table's name, never CLDR's or the English one.
    phrase = locale.for_country(alpha3, language)
    assert (name.genitive or name.short) in phrase


@pytest.mark.parametrize(
    ("alpha3", "language", "short", "in_text"),
    [
        ("VNM", "en", "Viet Nam", "Viet Nam"),
        ("VNM", "fr", "Viet Nam", "le Viet Nam"),
        ("VNM", "es", "Viet Nam", "Viet Nam"),
        ("MDA", "en", "Republic of Moldova", "the Republic of Moldova"),
        ("MDA", "fr", "République de Moldova", "la République de Moldova"),
        ("MDA", "es", "República de Moldova", "la República de Moldova"),
        ("TZA", "en", "United Republic of Tanzania", "the United Republic of Tanzania"),
        ("TZA", "fr", "République-Unie de Tanzanie", "la République-Unie de Tanzanie"),
        ("TZA", "es", "República Unida de Tanzanía", "la República Unida de Tanzanía"),
        ("IDN", "fr", "Indonésie", "l'Indonésie"),
        ("JOR", "fr", "Jordanie", "la Jordanie"),
        ("LKA", "fr", "Sri Lanka", "Sri Lanka"),
        ("ZMB", "fr", "Zambie", "la Zambie"),
        ("WSM", "fr", "Samoa", "le Samoa"),
        ("VNM", "ar", "فييت نام", "فييت نام"),
        ("JOR", "ar", "الأردن", "الأردن"),
        ("MDA", "ar", "جمهورية مولدوفا", "جمهورية مولدوفا"),
        ("TZA", "ar", "جمهورية تنزانيا المتحدة", "جمهورية تنزانيا المتحدة"),
        ("VNM", "ru", "Вьетнам", "Вьетнам"),
        ("MDA", "ru", "Республика Молдова", "Республика Молдова"),
        ("TZA", "ru", "Объединенная Республика Танзания", "Объединенная Республика Танзания"),
        ("VNM", "pt", "Vietname", "o Vietname"),
        ("MDA", "pt", "Moldávia", "a Moldávia"),
        ("ZMB", "pt", "Zâmbia", "a Zâmbia"),
        ("LKA", "pt", "Sri Lanka", "o Sri Lanka"),
    ],
)
def test_un_short_names_and_articles(alpha3: str, language: str, short: str, in_text: str) -> None:
    assert locale.country_name(alpha3, language) == short
    assert locale.country_in_text(alpha3, language) == in_text


def test_formal_names_and_the_title_phrase() -> None:
    assert locale.country_formal("VNM", "fr") == "la République socialiste du Viet Nam"
    assert locale.country_formal("VNM", "en") == "the Socialist Republic of Viet Nam"
    assert locale.for_country("VNM", "fr") == "pour le Viet Nam"
    assert locale.for_country("MDA", "en") == "for the Republic of Moldova"
    assert locale.country_formal("VNM", "ru") == "Социалистическая Республика Вьетнам"
    assert locale.country_formal("JOR", "ar") == "المملكة الأردنية الهاشمية"
    assert locale.country_formal("VNM", "pt") == "a República Socialista do Vietname"


@pytest.mark.parametrize(
    ("alpha3", "language", "phrase"),
    [
        # "для" governs the genitive; indeclinable names stay as they are.
        ("MDA", "ru", "для Республики Молдова"),
        ("TZA", "ru", "для Объединенной Республики Танзания"),
        ("VNM", "ru", "для Вьетнама"),
        ("IDN", "ru", "для Индонезии"),
        ("LKA", "ru", "для Шри-Ланки"),
        ("JOR", "ru", "для Иордании"),
        ("ZMB", "ru", "для Замбии"),
        ("LSO", "ru", "для Лесото"),
        # The ILO's Arabic names a programme "in" the country, with the name's own article.
        ("JOR", "ar", "في الأردن"),
        ("VNM", "ar", "في فييت نام"),
        ("SYR", "ar", "في الجمهورية العربية السورية"),
        ("VNM", "pt", "para o Vietname"),
        ("TZA", "pt", "para a Tanzânia"),
    ],
)
def test_the_title_phrase_in_arabic_russian_and_portuguese(
    alpha3: str, language: str, phrase: str
) -> None:
    assert locale.for_country(alpha3, language) == phrase


def test_a_country_the_un_table_lacks_falls_back_to_cldr_marked() -> None:
    assert "FRA" not in un_codes()
    name = un_name("FRA", "fr")
    assert (name.short, name.source) == ("France", "cldr")
    assert un_name("ZZZ", "en").short == "ZZZ"


def test_the_un_table_names_its_sources_and_check_date() -> None:
    text = (BUILTIN_DIR / "un_country_names.yaml").read_text(encoding="utf-8")
    assert "UNTERM" in text and "checked 2026-12-05" in text
    assert text.count("verified:") >= len(un_codes())


# --- dates and money ----------------------------------------------------------------------

DAY = dt.date(2017, 9, 12)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "12 September 2017"),
        ("fr", "12 septembre 2017"),
        ("es", "12 de septiembre de 2017"),
        # Both month names, as UN and ILO Arabic texts write them; Western digits.
        ("ar", "12 أيلول/سبتمبر 2017"),
        ("pt", "12 de setembro de 2017"),
        ("ru", "12 сентября 2017 года"),
    ],
)
def test_dates_as_the_ilo_writes_them(language: str, expected: str) -> None:
    assert locale.date(DAY, language) == expected


@pytest.mark.parametrize(
    ("language", "usd", "eur", "cents", "short"),
    [
        ("en", "US$2,400,000", "EUR 400,000", "US$1,250.50", "US$2.4 million"),
        (
            "fr",
            f"2{NNBSP}400{NNBSP}000 dollars É.-U.",
            f"400{NNBSP}000 EUR",
            f"1{NNBSP}250,50 dollars É.-U.",
            "2,4 millions de dollars É.-U.",
        ),
        (
            "es",
            "2.400.000 dólares de los Estados Unidos",
            "400.000 EUR",
            "1.250,50 dólares de los Estados Unidos",
            "2,4 millones de dólares de los Estados Unidos",
        ),
        (
            "ar",
            "2,400,000 دولار أمريكي",
            "400,000 EUR",
            "1,250.50 دولار أمريكي",
            "2.4 مليون دولار أمريكي",
        ),
        ("pt", "US$ 2.400.000", "EUR 400.000", "US$ 1.250,50", "US$ 2,4 milhões"),
        (
            "ru",
            f"2{NBSP}400{NBSP}000 долл. США",
            f"400{NBSP}000 EUR",
            f"1{NBSP}250,50 долл. США",
            "2,4 млн долл. США",
        ),
    ],
)
def test_money_as_the_ilo_prints_it(
    language: str, usd: str, eur: str, cents: str, short: str
) -> None:
    assert locale.money(Decimal("2400000.00"), "USD", language) == usd
    assert locale.money(400000, "EUR", language) == eur
    assert locale.money(Decimal("1250.5"), "USD", language) == cents
    assert locale.money_short(2_400_000, "USD", language) == short
    assert locale.money_short(3_000_000, "USD", language).startswith(("US$3 ", "US$ 3 ", "3 "))


def test_short_money_under_a_million_is_written_in_full() -> None:
    assert locale.money_short(400000, "USD", "en") == "US$400,000"
    assert locale.money_short(Decimal("1.25e9"), "EUR", "en") == "EUR 1.2 billion"
    assert locale.money_short(400000, "USD", "ru") == f"400{NBSP}000 долл. США"
    assert locale.money_short(Decimal("1.5e9"), "USD", "pt") == "US$ 1,5 mil milhões"
    assert locale.money_short(Decimal("2.4e9"), "USD", "ru") == "2,4 млрд долл. США"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        # The word agrees with the figure (CLDR plural categories).
        (1_000_000, "fr", "1 million de dollars É.-U."),
        (1_500_000, "fr", "1,5 million de dollars É.-U."),
        (1_000_000, "es", "1 millón de dólares de los Estados Unidos"),
        (1_000_000, "pt", "US$ 1 milhão"),
        (3_000_000, "ar", "3 ملايين دولار أمريكي"),
        (11_000_000, "ar", "11 مليون دولار أمريكي"),
        (3_000_000_000, "ar", "3 مليارات دولار أمريكي"),
        (1_000_000, "ru", "1 млн долл. США"),
    ],
)
def test_short_money_words_agree_with_the_figure(value: int, language: str, expected: str) -> None:
    assert locale.money_short(value, "USD", language) == expected


# --- ordinals -----------------------------------------------------------------------------


def test_russian_ordinals_agree_with_the_feminine_programme() -> None:
    assert locale.programme_generation(3, "ru") == "третья Программа достойного труда"
    assert locale.programme_generation(1, "ru") == "первая Программа достойного труда"
    # программа is feminine: every word is a feminine adjective (-ая, -ья), none masculine.
    words = [locale.ordinal(n, "ru") for n in range(1, 11)]
    assert all(w.endswith(("ая", "ья")) for w in words), words
    assert "третий" not in locale.programme_generation(3, "ru")


def test_arabic_ordinals_agree_with_the_definite_masculine_programme() -> None:
    assert locale.programme_generation(3, "ar") == "البرنامج القطري الثالث للعمل اللائق"
    assert locale.programme_generation(1, "ar") == "البرنامج القطري الأول للعمل اللائق"
    # البرنامج is masculine and definite: so is each ordinal (no feminine ة ending).
    words = [locale.ordinal(n, "ar") for n in range(1, 11)]
    assert all(w.startswith("ال") and not w.endswith("ة") for w in words), words


def test_portuguese_ordinals_and_the_mozambican_name() -> None:
    assert locale.programme_generation(3, "pt") == "terceiro Programa País para o Trabalho Digno"
    assert locale.ordinal(11, "ru") == "11"  # beyond the words, the figure


# --- French typography --------------------------------------------------------------------


def test_french_spacing_before_the_high_marks() -> None:
    html = "<p><b>Statut:</b> signé; voir https://ilo.org/a?b=1 à 10:30! Quoi ? &amp; fin.</p>"
    assert french_spacing(html, "html") == (
        f"<p><b>Statut{NNBSP}:</b> signé{NNBSP}; voir https://ilo.org/a?b=1 à 10:30{NNBSP}! "
        f"Quoi{NNBSP}? &amp; fin.</p>"
    )


def test_french_spacing_leaves_code_styles_and_links_alone() -> None:
    html = "<style>a:b{c:d;}</style><code>clé: valeur;</code><a href='x?y:z'>lien</a>"
    assert french_spacing(html, "html") == html
    md = "```\nclé: valeur\n```\nvoir [lien](https://a.b/c?d) et `k: v`\n"
    assert french_spacing(md, "md") == md
    assert french_spacing("**Statut:** signé", "md") == f"**Statut{NNBSP}:** signé"


# --- documents ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("style"))


def _read(repo: Path, out: str, ext: str) -> str:
    return (repo / out / f"{STEM}.{ext}").read_text(encoding="utf-8")


def test_a_french_document_has_the_spaces_and_un_names(repo: Path) -> None:
    result = render(repo, "--format", "html", "--format", "md", "--lang", "fr", "--out", "fr")
    assert result.code == 0, result.err
    html, md = _read(repo, "fr", "html"), _read(repo, "fr", "md")
    # Page.text folds every space (U+202F too), so the marks are looked for in the page.
    assert f"{NNBSP}:</strong>" in html
    body = re.sub(r"&#?\w+;", "", html.split("<body>", 1)[1])  # entities end with ";"
    assert re.search(r"\w[:;?!]( |<)", body) is None
    assert f"{message('document.status', 'fr')}{NNBSP}:" in md
    assert "Zambie" in Page(html).text
    assert "1 juillet 2019" in html
    assert "deuxième programme par pays de promotion du travail décent" in html


def test_titles_and_statements_instead_of_ids(repo: Path) -> None:
    result = render(repo, "--format", "html", "--out", "en")
    assert result.code == 0, result.err
    text = Page(_read(repo, "en", "html")).text
    assert "Strategic objectives Employment" in text
    assert "P&B 2018-19, outcome 1: " in text
    assert "second Decent Work Country Programme" in text
    assert "7NDP-1: " in text  # the national goal by its statement
    title = re.search(r"<title>(.*)</title>", _read(repo, "en", "html"))
    assert title is not None and title.group(1).count("2018") == 1


def test_pb_references_in_numeric_order_with_their_titles() -> None:
    catalogue = load_catalogue()
    refs = [PbReference(biennium="2010-11", outcome=o) for o in ("11", "1", "3")]
    shown = [labels.pb_label(r, catalogue, "en") for r in labels.pb_sorted(refs)]
    assert [s.split(":")[0] for s in shown] == [
        "P&B 2010-11, outcome 1",
        "P&B 2010-11, outcome 3",
        "P&B 2010-11, outcome 11",
    ]
    assert all(": " in s for s in shown)
    assert labels.pb_label(refs[0], catalogue, "fr") == "Programme et budget 2010-11, résultat 11"


def test_objectives_and_regions_by_name() -> None:
    catalogue = load_catalogue()
    assert labels.objective_title("social-protection", catalogue, "en") == "Social protection"
    assert labels.objective_title("social-protection", catalogue, "fr") == "Protection sociale"
    assert labels.region_name("asia-pacific", catalogue, "en") == "Asia and the Pacific"
    assert labels.region_name("asia-pacific", catalogue, "es") == "Asia y el Pacífico"


def test_the_site_index_names_regions_and_countries(repo: Path) -> None:
    result = run(repo, "site", "--as-of", "2019-07-01", "--out", "site")
    assert result.code == 0, result.err
    index = Page((repo / "site" / "index.html").read_text(encoding="utf-8")).text
    assert "Africa" in index and "africa" not in index
    assert "Zambia: " in index and "ZMB:" not in index


# --- the colophon -------------------------------------------------------------------------


def test_the_final_edition_shows_the_version_date_only(repo: Path) -> None:
    args = ("--format", "html", "--format", "md", "--format", "pdf", "--out", "final")
    result = render(repo, *args, "--edition", "final")
    assert result.code == 0, result.err
    version = message("provenance.version").format(date="1 March 2018")  # the last revision
    html = Page(_read(repo, "final", "html").split('<footer id="provenance"', 1)[1]).text
    md = _read(repo, "final", "md").rstrip().splitlines()[-1]
    for colophon in (html, md):
        assert version in colophon
        assert message("provenance.tool") not in colophon
        assert message("provenance.source") not in colophon
    info = _info(repo / "final" / f"{STEM}.pdf")
    assert info["/Creator"].startswith("dwcp ")
    assert info["/dwcpEdition"] == "final"
    assert info["/dwcpSource"] == f"programmes/{STEM}.yaml"
    assert info["/dwcpVersionDate"] == "2018-03-01"
    assert "Zambia" in info["/Keywords"]


def test_the_draft_edition_keeps_the_provenance_in_the_pdf_too(repo: Path) -> None:
    result = render(repo, "--format", "pdf", "--out", "draft")
    assert result.code == 0, result.err
    info = _info(repo / "draft" / f"{STEM}.pdf")
    assert info["/dwcpEdition"] == "draft"
    assert info["/dwcpCommit"] == "none"  # the test repository is not in git


def _info(path: Path) -> dict[str, str]:
    """The PDF's document information, as text."""
    metadata = PdfReader(path).metadata
    assert metadata is not None
    return {str(key): str(value) for key, value in metadata.items()}


@pytest.mark.parametrize(
    ("language", "country", "day", "generation"),
    [
        ("ar", "زامبيا", "1 تموز/يوليه 2019", "البرنامج القطري الثاني للعمل اللائق"),
        ("pt", "Zâmbia", "1 de julho de 2019", "segundo Programa País para o Trabalho Digno"),
        ("ru", "Замбия", "1 июля 2019 года", "вторая Программа достойного труда"),
    ],
)
def test_arabic_portuguese_and_russian_documents_follow_the_style(
    repo: Path, language: str, country: str, day: str, generation: str
) -> None:
    out = f"style-{language}"
    result = render(repo, "--format", "html", "--format", "md", "--lang", language, "--out", out)
    assert result.code == 0, result.err
    html, md = _read(repo, out, "html"), _read(repo, out, "md")
    for text in (html, md):
        assert day in text
        assert generation in text
    assert country in Page(html).text
