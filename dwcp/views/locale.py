"""Numbers, money, dates and country names in the document's language (Babel, pycountry)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal


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
    if value is None:
        return "—"
    if isinstance(value, int | float | Decimal):
        return _money(Decimal(str(value)), currency, language)
    return str(value)


@lru_cache(maxsize=4096)
def _money(value: Decimal, currency: str, language: str) -> str:
    return str(format_currency(value, currency, locale=_locale(language), format_type="standard"))


def date(value: object, language: str) -> str:
    if isinstance(value, dt.date):
        return _date(value, language)
    return "—" if value is None else str(value)


@lru_cache(maxsize=4096)
def _date(value: dt.date, language: str) -> str:
    return str(format_date(value, format="long", locale=_locale(language)))


@cache
def country_name(alpha3: str, language: str) -> str:
    """The country's name in the language (Babel's CLDR names), or the code if unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    name = _locale(language).territories.get(country.alpha_2)
    return str(name or country.name)
