"""Numbers, money, dates and country names in the document's language, as the ILO and the
UN print them (patterns and words in catalogues/ilo_style.yaml, names in
catalogues/un_country_names.yaml); Babel formats the figures.

Dates: "12 September 2017", "12 septembre 2017", "12 de septiembre de 2017", "12 сентября
2017 года", "12 أيلول/سبتمبر 2017" (not the US "September 12, 2017" of Babel's English long
format). Money: "US$2,400,000", "EUR 400,000", "2 400 000 dollars É.-U.", "2 400 000 долл.
США"; no cents unless the sum has them; `money_short` for summaries ("US$2.4 million", "US$
2,4 milhões"). A language the style catalogue lacks gets Babel's own formats.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.domain.countries import un_name, with_article
from dwcp.source.loader import load

STYLE_FILE = BUILTIN_DIR / "ilo_style.yaml"
_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)


class _Forms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    usd: str
    other: str


class _Style(BaseModel):
    """catalogues/ilo_style.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verified: bool
    date_patterns: dict[str, str]
    month_names: dict[str, list[str]] = {}
    money: dict[str, _Forms]
    money_short: dict[str, dict[str, _Forms]]
    ordinals: dict[str, list[str]]
    programme: dict[str, str]
    for_country: dict[str, str]
    regions: dict[str, dict[str, str]]
    strategic_objectives: dict[str, dict[str, str]]
    pb_words: dict[str, dict[str, str]]


@cache
def style() -> _Style:
    return _Style.model_validate(load(STYLE_FILE).data)


def number(value: object, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float | Decimal):
        return _number(type(value).__name__, value, language)
    return str(value)


# Documents repeat the same figures (years, shares, totals); Babel's formatting is the
# slowest part of rendering a page, so each distinct figure is formatted once.
@lru_cache(maxsize=8192)
def _number(_kind: str, value: float | Decimal, language: str) -> str:
    return str(format_decimal(value, locale=_locale(language)))


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def money(value: object, currency: str, language: str) -> str:
    """A sum in full, as the ILO prints it: "US$2,400,000", "EUR 400,000.50"."""
    if value is None:
        return "—"
    if type(value) is Decimal:  # the model's sums: the common case, taken as they are
        return _money(value, currency, language)
    if isinstance(value, int | float | Decimal):
        return _money(Decimal(str(value)), currency, language)
    return str(value)


@lru_cache(maxsize=4096)
def _money(value: Decimal, currency: str, language: str) -> str:
    forms = style().money.get(language)
    # Cents only when the sum has them: 2400000 and 2400000.00 print alike.
    whole = value == value.to_integral_value()
    pattern = "#,##0" if whole else "#,##0.00"
    if forms is None:
        standard = _locale(language).currency_formats["standard"].pattern
        shown = standard if not whole else standard.replace(".00", "")
        return str(
            format_currency(value, currency, shown, locale=_locale(language), currency_digits=False)
        )
    amount = str(format_decimal(value, format=pattern, locale=_locale(language)))
    return _fill(forms, currency, amount)


def money_short(value: object, currency: str, language: str) -> str:
    """A sum for summaries: "US$2.4 million", "2,4 millions de dollars É.-U."; sums under a
    million in full."""
    if not isinstance(value, int | float | Decimal):
        return money(value, currency, language)
    amount = Decimal(str(value))
    forms = style().money_short.get(language)
    if forms is None or abs(amount) < _MILLION:
        return money(amount, currency, language)
    scale, divisor = ("billion", _BILLION) if abs(amount) >= _BILLION else ("million", _MILLION)
    rounded = (amount / divisor).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    whole = rounded == rounded.to_integral_value()
    pattern = "#,##0" if whole else "#,##0.0"
    figure = str(format_decimal(rounded, format=pattern, locale=_locale(language)))
    # The word agrees with the figure as CLDR's plural rules say: "1 million de dollars",
    # "1 millón", "US$ 1 milhão", Arabic "3 ملايين" but "2.4 مليون".
    shown = rounded.to_integral_value() if whole else rounded
    category = _locale(language).plural_form(shown)
    return _fill(forms.get(f"{scale}_{category}", forms[scale]), currency, figure)


def _fill(forms: _Forms, currency: str, amount: str) -> str:
    pattern = forms.usd if currency == "USD" else forms.other
    return pattern.replace("{amount}", amount).replace("{code}", currency)


def date(value: object, language: str) -> str:
    if isinstance(value, dt.date):
        return _date(value, language)
    return "—" if value is None else str(value)


@lru_cache(maxsize=4096)
def _date(value: dt.date, language: str) -> str:
    pattern = style().date_patterns.get(language, "long")
    months = style().month_names.get(language)
    if not months or "MMMM" not in pattern:
        return str(format_date(value, format=pattern, locale=_locale(language)))
    # The UN's Arabic month names ("أيلول/سبتمبر") are not CLDR's: Babel formats the rest.
    parts = [
        str(format_date(value, format=part, locale=_locale(language))) if part else ""
        for part in pattern.split("MMMM")
    ]
    return months[value.month - 1].join(parts)


def country_name(alpha3: str, language: str) -> str:
    """The country's short name as the UN writes it ("Viet Nam", "République de Moldova");
    CLDR's name for a country the UN table lacks, or the code if unknown."""
    return un_name(alpha3, language).short


def country_in_text(alpha3: str, language: str) -> str:
    """The short name with the article running text needs: "le Viet Nam", "l'Indonésie"."""
    return with_article(un_name(alpha3, language))


def country_formal(alpha3: str, language: str) -> str:
    """The formal name, with its article: "la République socialiste du Viet Nam"."""
    return un_name(alpha3, language).formal


def for_country(alpha3: str, language: str) -> str:
    """ "for Viet Nam", "pour le Viet Nam", "para la República de Moldova", "для Республики
    Молдова" (the genitive "для" governs), "في الأردن"."""
    pattern = style().for_country.get(language, style().for_country["en"])
    name = un_name(alpha3, language)
    filled = pattern.replace("{country}", country_in_text(alpha3, language))
    return filled.replace("{genitive}", name.genitive or name.short)


def ordinal(n: int, language: str) -> str:
    """ "third", "troisième", "tercer", "terceiro", "третья", "الثالث" (forms agreeing with
    programme/programa/программа/البرنامج); the figure where the catalogue has no word."""
    words = style().ordinals.get(language, [])
    return words[n - 1] if 0 < n <= len(words) else number(n, language)


def programme_generation(n: int, language: str) -> str:
    """ "third Decent Work Country Programme", "troisième programme par pays de promotion du
    travail décent", "tercer Programa de Trabajo Decente por País", "третья Программа
    достойного труда", "البرنامج القطري الثالث للعمل اللائق"."""
    pattern = style().programme.get(language, style().programme["en"])
    return pattern.replace("{ordinal}", ordinal(n, language))
