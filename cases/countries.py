"""Country codes as travel documents use them: ISO 3166-1 alpha-3 plus ICAO's XXA (stateless) and XXX (unknown)."""

import functools

import pycountry
from django.utils.translation import gettext_lazy as _

from .constants import NATIONALITY_UNKNOWN, STATELESS


def is_country(code) -> bool:
    return code in (STATELESS, NATIONALITY_UNKNOWN) or pycountry.countries.get(alpha_3=code) is not None


@functools.cache
def _countries():
    return sorted((c.alpha_3, c.name) for c in pycountry.countries)


def country_choices():
    """(code, name) for a select: stateless and unknown first, then the countries by code."""
    return [(STATELESS, _("Stateless (XXA)")), (NATIONALITY_UNKNOWN, _("Unknown (XXX)"))] + [
        (code, f"{code} – {name}") for code, name in _countries()
    ]


def country_name(code) -> str:
    if code == STATELESS:
        return str(_("Stateless"))
    if code == NATIONALITY_UNKNOWN:
        return str(_("Unknown"))
    country = pycountry.countries.get(alpha_3=code)
    return country.name if country else code
