"""The message catalogue and the documents' language: every label in en, fr and es, every
key a template uses in the catalogue, and numbers, money and dates in the document's locale."""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal, get_group_symbol

from dwcp.domain.attainment import STATUSES
from dwcp.errors import RenderError
from dwcp.model.common import PartyGroup, Sex
from dwcp.model.country_context import Population, Project, RatificationStatus, SupervisoryBody
from dwcp.model.delivery import Implementation, Level, ResponseStatus, ReviewKind
from dwcp.model.narrative import Situation
from dwcp.model.record import Language, Status
from dwcp.model.results_framework import UnLink
from dwcp.views.documents.progress_data import status_key
from dwcp.views.documents.template_data import SECTION_KEYS
from dwcp.views.i18n import LANGUAGES, Translator
from tests.helpers import BUILTIN_TEMPLATES
from tests.render import (
    MESSAGES,
    STEM,
    Page,
    changed,
    make_repo,
    md_headings,
    message,
    pdf_pages,
    render,
    squash,
    unnumbered,
)

TEMPLATES = sorted(BUILTIN_TEMPLATES.rglob("*.j2"))
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
CALL = re.compile(r"\bt\(")
LITERAL_KEY = re.compile(r"""\bt\(\s*(['"])([\w.\-]+)\1\s*[,)]""")
KEY_PREFIX = re.compile(r"""\bt\(\s*(['"])([\w.\-]+\.)\1\s*~""")
# Keys built in templates from a model value: t('status.' ~ p.status). Every value the model
# allows needs a message; a new prefix in a template must be added here.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "status.": get_args(Status),
    "group.": get_args(PartyGroup),
    "review.": get_args(ReviewKind),
    "level.": get_args(Level),
    "ratification.": get_args(RatificationStatus),
    "body.": get_args(SupervisoryBody),
    # The alignment annex writes "none" where a priority does not serve a UN outcome.
    "alignment.": (*get_args(UnLink.model_fields["alignment"].annotation), "none"),
    "section.": SECTION_KEYS,
    "situation.": tuple(Situation.model_fields),
    "population.": get_args(Population),
    "sex.": get_args(Sex),
    "project.": get_args(Project.model_fields["status"].annotation),
    # The progress report: statuses as the export names them, and management responses.
    "export.status.": tuple(status_key(s) for s in STATUSES),
    "response.": get_args(ResponseStatus),
    "implementation.": get_args(Implementation),
}
BROKEN_KEYS: dict[str, str] = {}
STATISTIC = Decimal("1234567.5")
SECURED = Decimal(500000)
SIGNED = dt.date(2018, 4, 10)
AS_OF_DATE = dt.date(2019, 7, 1)


def _source(template: Path) -> str:
    """The template without its {# comments #}."""
    return COMMENT.sub("", template.read_text(encoding="utf-8"))


def _key_param(key: str) -> Any:
    if key in BROKEN_KEYS:
        return pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=BROKEN_KEYS[key]))
    return key


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", [_key_param(k) for k in MESSAGES])
def test_message_has_exactly_en_fr_es(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(t.strip() for t in texts.values()), f"{key}: empty text in {texts}"
    placeholders = {lang: _fields(text) for lang, text in texts.items()}
    assert len({frozenset(v) for v in placeholders.values()}) == 1, placeholders


def test_languages_are_the_model_languages() -> None:
    assert set(LANGUAGES) == set(get_args(Language))


def test_every_t_call_in_the_templates_is_understood() -> None:
    """The regexes below see every t( call, so the key checks miss none."""
    for template in TEMPLATES:
        text = _source(template)
        calls = len(CALL.findall(text))
        seen = len(LITERAL_KEY.findall(text)) + len(KEY_PREFIX.findall(text))
        assert seen == calls, f"{template}: {calls} t( calls, {seen} understood"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.relative_to(BUILTIN_TEMPLATES))
def test_every_literal_key_exists(template: Path) -> None:
    keys = {key for _, key in LITERAL_KEY.findall(_source(template))}
    assert keys - set(MESSAGES) == set()


def test_every_key_prefix_is_known() -> None:
    prefixes = {
        prefix for template in TEMPLATES for _, prefix in KEY_PREFIX.findall(_source(template))
    }
    assert prefixes
    assert prefixes - set(DYNAMIC) == set(), "add the new prefix and its values to DYNAMIC"


@pytest.mark.parametrize(
    "key", [prefix + value for prefix, values in DYNAMIC.items() for value in values]
)
def test_every_model_value_has_a_message(key: str) -> None:
    assert key in MESSAGES


# --- a French programme --------------------------------------------------------------------


def _french(data: Any) -> None:
    data["language"] = "fr"
    data["context"]["statistics"] = [
        {"name": "Population active", "value": float(STATISTIC), "year": 2017, "source": "EFT"}
    ]
    data["context"]["lessons_learned"] = [{"text": "Leçon interne", "internal": True}]
    # Every section heading shows: a foreword with a statement, and a public note.
    data["narrative"] = {
        "foreword": "Avant-propos du programme.",
        "statements": [{"group": "workers", "text": "Déclaration des travailleurs."}],
    }
    data["notes"] = [{"text": "Note publique", "internal": False}]


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("french"), {f"{STEM}.yaml": changed(_french)})
    for args in (
        ("--format", "html", "--format", "md", "--out", "fr"),
        ("--format", "html", "--format", "md", "--out", "es", "--lang", "es"),
        ("--format", "pdf", "--out", "fr-internal", "--audience", "internal"),
    ):
        result = render(repo, *args)
        assert result.code == 0, result.err
    return repo


def _read(repo: Path, out: str, ext: str) -> str:
    return (repo / out / f"{STEM}.{ext}").read_text(encoding="utf-8")


def _heading_keys(language: str) -> list[str]:
    """Section headings whose English text differs from the language's."""
    return [
        k
        for k in MESSAGES
        if k.startswith("section.") and MESSAGES[k]["en"] != MESSAGES[k][language]
    ]


def _labels_only_in_english(language: str) -> set[str]:
    return {
        texts["en"]
        for texts in MESSAGES.values()
        if texts["en"] != texts.get(language) and texts["en"].strip("—")
    }


@pytest.mark.parametrize(("out", "language"), [("fr", "fr"), ("es", "es")])
def test_html_headings_in_the_language(french: Path, out: str, language: str) -> None:
    page = Page(_read(french, out, "html"))
    assert page.lang == language
    for key in _heading_keys(language):
        assert message(key, language) in unnumbered(page.headings), key
    english = _labels_only_in_english(language)
    assert [h for h in page.headings if h in english] == []


@pytest.mark.parametrize(("out", "language"), [("fr", "fr"), ("es", "es")])
def test_markdown_headings_in_the_language(french: Path, out: str, language: str) -> None:
    headings = unnumbered(md_headings(_read(french, out, "md")))
    for key in _heading_keys(language):
        assert message(key, language) in headings, key
    english = _labels_only_in_english(language)
    assert [h for h in headings if h in english] == []


def test_lang_es_overrides_the_programme_language(french: Path) -> None:
    html, md = _read(french, "es", "html"), _read(french, "es", "md")
    for key in ("section.executive_summary", "section.priorities", "document.kind"):
        assert message(key, "es") in html
        assert message(key, "es") in md
        assert message(key, "fr") not in html + md


# As the ILO prints them (catalogues/ilo_style.yaml): no cents on a round sum, the dollar
# named after the figure; day, month, year.
ILO_STYLE = {
    "fr": ("500\u202f000 dollars É.-U.", "10 avril 2018", "1 juillet 2019", "Zambie"),
    "es": (
        "500.000 dólares de los Estados Unidos",
        "10 de abril de 2018",
        "1 de julio de 2019",
        "Zambia",
    ),
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_money_numbers_and_dates_in_the_locale(french: Path, language: str) -> None:
    html, md = _read(french, language, "html"), _read(french, language, "md")
    money, signed, as_of, country = ILO_STYLE[language]
    for text in (html, md):
        assert money in text
        assert signed in text
        assert as_of in text
    assert format_decimal(STATISTIC, locale=language) in html
    assert country in Page(html).text


def test_french_uses_its_own_separators_and_day_month_dates(french: Path) -> None:
    """What Babel says French looks like, and that the document follows it."""
    group = get_group_symbol("fr")
    assert group in ("\u202f", "\u00a0")  # a narrow or plain non-breaking space
    html = _read(french, "fr", "html")
    assert f"1{group}234{group}567,5" in html
    assert "1,234,567.5" not in html
    signed = format_date(SIGNED, format="long", locale="fr")
    assert signed.startswith("10 avril")
    assert signed in html
    assert "April 10" not in html


def test_internal_items_are_labelled_in_the_document_language(french: Path) -> None:
    text = squash(" ".join(pdf_pages(french / "fr-internal" / f"{STEM}.pdf")))
    assert message("document.internal_banner", "fr") in text
    assert "Leçon interne" in text
    assert "[internal]" not in text


def test_a_label_is_filled_with_its_plain_fields() -> None:
    translate = Translator({"k": {"en": "{n} of {total} ({share:.0f}%)"}}, "en")
    assert translate("k", n=2, total=4, share=50.0) == "2 of 4 (50%)"


@pytest.mark.parametrize(
    "text",
    ["{x.__class__}", "{x[0]}", "{0}", "{}", "{x:{y.__class__}}"],
)
def test_a_label_cannot_reach_into_its_values(text: str) -> None:
    # A repository may override labels; str.format would run attribute look-ups unsandboxed.
    translate = Translator({"k": {"en": text}}, "en")
    with pytest.raises(RenderError, match="unsafe message field"):
        translate("k", x="value", y="value")


def test_a_label_with_a_value_missing_is_a_render_error() -> None:
    translate = Translator({"k": {"en": "{n} of {total}"}}, "en")
    with pytest.raises(RenderError, match=r"message 'k' \(en\) cannot be filled"):
        translate("k", n=2)
