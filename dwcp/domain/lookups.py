"""Small cached lookups on ISO code lists (pycountry), shared by several rules."""

from __future__ import annotations

from functools import cache


@cache
def country_name(alpha3: str) -> str | None:
    import pycountry

    if len(alpha3) != 3 or not alpha3.isupper():
        return None
    country = pycountry.countries.get(alpha_3=alpha3)
    return None if country is None else str(country.name)


@cache
def is_currency(code: str) -> bool:
    import pycountry

    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None
