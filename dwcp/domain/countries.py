"""Country names and codes: the name of an ISO3 code, and which country the user means by an
ISO3 or ISO2 code or a name in English, French or Spanish written loosely ("Viet Nam",
"vietnam", "Côte d'Ivoire", "Zambie"); also whether a code is an ISO 4217 currency, and
the names the United Nations gives a country in its official languages English, French,
Spanish, Arabic and Russian, and Portuguese usage (short, formal, with the article running
text needs, the Russian genitive), from catalogues/un_country_names.yaml."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dwcp.domain.catalogue import BUILTIN_DIR
from dwcp.domain.vocabulary import LANGUAGES
from dwcp.errors import UsageError
from dwcp.source.loader import load

UN_NAMES_FILE = BUILTIN_DIR / "un_country_names.yaml"


@dataclass(frozen=True, slots=True)
class Country:
    alpha3: str
    name: str
    """The English name from ISO 3166 (pycountry)."""
    exact: bool = True
    """False when the name was matched loosely, so the caller can say what it took."""


@cache
def country_name(alpha3: str) -> str | None:
    """The ISO 3166 English name of an upper-case ISO3 code; None for anything else."""
    import pycountry

    if len(alpha3) != 3 or not alpha3.isupper():
        return None
    country = pycountry.countries.get(alpha_3=alpha3)
    return None if country is None else str(country.name)


@cache
def is_currency(code: str) -> bool:
    import pycountry

    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


def resolve_country(text: str) -> Country:
    """The country `text` names; UsageError with a suggestion when there is none or several."""
    import pycountry

    wanted = text.strip()
    if not wanted:
        raise UsageError("COUNTRY is empty; give an ISO3 code (VNM), an ISO2 code (VN) or a name")
    code = wanted.upper()
    found = None
    if len(code) == 3 and code.isalpha():
        found = pycountry.countries.get(alpha_3=code)
    elif len(code) == 2 and code.isalpha():
        found = pycountry.countries.get(alpha_2=code)
    if found is not None:
        return Country(str(found.alpha_3), str(found.name))
    key = _normal(wanted)
    names = _names()
    exact = names.get(key)
    if exact is not None:
        return _country(exact)
    # A part of a name ("tanzania" in "tanzaniaunitedrepublicof") is enough, but not for
    # very short input, which would match inside unrelated names.
    loose = sorted({alpha3 for name, alpha3 in names.items() if len(key) >= 4 and key in name})
    if len(loose) == 1:
        return _country(loose[0], exact=False)
    if loose:
        listed = ", ".join(_label(alpha3) for alpha3 in loose[:6])
        raise UsageError(
            f"country {wanted!r} is ambiguous: it could be {listed}; give the ISO3 code"
        )
    raise UsageError(f"unknown country {wanted!r}{_suggestion(key, names)}")


def country_guesses(text: str) -> tuple[str, ...]:
    """ISO3 codes `text` may have been meant as, for a did-you-mean: the country it names
    ("Zambia", "zmb", "ZM"), else those whose names start with it ("ZAM") or resemble it
    ("Zambai"); empty when none is near."""
    try:
        return (resolve_country(text).alpha3,)
    except UsageError:
        pass
    key = _normal(text)
    names = _names()
    # Three letters typed as a code are often the start of the name (ZAM, GER, ALG).
    starts = sorted(
        {alpha3 for name, alpha3 in names.items() if len(key) >= 3 and name.startswith(key)}
    )
    if starts:
        return tuple(starts[:3])
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.7)
    return tuple(dict.fromkeys(names[name] for name in close))


def _country(alpha3: str, exact: bool = True) -> Country:
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3)
    return Country(alpha3, str(found.name) if found else alpha3, exact)


def _label(alpha3: str) -> str:
    return f"{_country(alpha3).name} ({alpha3})"


def _suggestion(key: str, names: dict[str, str]) -> str:
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.7)
    unique = list(dict.fromkeys(names[name] for name in close))
    if not unique:
        return "; give an ISO 3166 code such as VNM, or the country's name in English"
    return "; did you mean " + " or ".join(_label(alpha3) for alpha3 in unique) + "?"


def _normal(name: str) -> str:
    """Lower case, no accents, letters and digits only: "Côte d'Ivoire" -> "cotedivoire"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.casefold() if ch.isalnum())


@cache
def _names() -> dict[str, str]:
    """Every known name of every country, normalised, to its ISO3 code."""
    import pycountry
    from babel import Locale

    by_alpha2 = {str(c.alpha_2): str(c.alpha_3) for c in pycountry.countries}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(_normal(str(value)), str(country.alpha_3))
    # Babel's names in the programme languages let people type the name they know.
    for language in LANGUAGES:
        for alpha2, name in Locale.parse(language).territories.items():
            if alpha2 in by_alpha2:
                names.setdefault(_normal(str(name)), by_alpha2[alpha2])
    names.pop("", None)
    return names


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnName(_Frozen):
    """A country's names in one language, as the UN writes them."""

    short: str
    """For most purposes: covers, lists, tables ("Viet Nam", "République de Moldova")."""
    formal: str
    """For legal texts and signature pages, with its article as UNTERM writes it ("the
    Socialist Republic of Viet Nam")."""
    article: str = ""
    """The definite article running text needs ("the", "le", "la", "l'", "les", "el", "o",
    "a"); Arabic names carry theirs ("الأردن") and Russian has none."""
    gender: Literal["m", "f", "mp", "fp"] | None = None
    """French and Portuguese: the gender agreement needs."""
    genitive: str = ""
    """Russian: the short name in the genitive, which "для" governs ("для Вьетнама")."""
    source: Literal["unterm", "usage", "cldr"] = "unterm"
    """unterm: the UN's name; usage: Portuguese, not a UN language, named as Portuguese
    official usage names the country; cldr: the country is not in the table, so the name is
    Babel's (CLDR)."""


class _UnEntry(_Frozen):
    code: str
    verified: bool
    en: UnName
    fr: UnName
    es: UnName
    ar: UnName
    ru: UnName
    pt: UnName


class _UnTable(_Frozen):
    countries: list[_UnEntry]


@cache
def _un_table() -> dict[str, _UnEntry]:
    table = _UnTable.model_validate(load(UN_NAMES_FILE).data)
    return {entry.code: entry for entry in table.countries}


def un_codes() -> frozenset[str]:
    """The ISO3 codes the UN table names."""
    return frozenset(_un_table())


@cache
def un_name(alpha3: str, language: str) -> UnName:
    """The country's UN names in `language` (en, fr, es, ar, ru; pt from Portuguese usage);
    for a language or country the table lacks, CLDR's name (Babel) marked source "cldr", or
    the code itself if unknown."""
    entry = _un_table().get(alpha3)
    found = getattr(entry, language, None) if entry is not None else None
    if isinstance(found, UnName):
        return found
    return UnName(
        short=_cldr_name(alpha3, language), formal=_cldr_name(alpha3, language), source="cldr"
    )


def with_article(name: UnName) -> str:
    """The short name as running text needs it: "le Viet Nam", "l'Indonésie", "the Republic
    of Moldova", "Sri Lanka" (no article)."""
    if not name.article:
        return name.short
    joint = "" if name.article.endswith("'") else " "
    return f"{name.article}{joint}{name.short}"


@lru_cache(maxsize=1024)
def _cldr_name(alpha3: str, language: str) -> str:
    # Cached: a document asks for its country's name in several forms, and pycountry's and
    # Babel's look-ups are slow.
    import pycountry
    from babel import UnknownLocaleError

    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    try:
        name = _territories(language).get(country.alpha_2)
    except (UnknownLocaleError, ValueError):
        name = None
    return str(name or country.name)


@cache
def _territories(language: str) -> Mapping[str, str]:
    """CLDR's territory names in `language`: a Locale's data takes a millisecond to load."""
    from babel import Locale

    territories: Mapping[str, str] = Locale.parse(language).territories
    return territories
