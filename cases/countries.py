"""Country codes as travel documents use them: ISO 3166-1 alpha-3 plus ICAO's XXA (stateless) and XXX (unknown)."""

import functools
import gettext

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dtv.core.text import fold

from .constants import NATIONALITY_UNKNOWN, STATELESS


def is_country(code) -> bool:
    return code in (STATELESS, NATIONALITY_UNKNOWN) or pycountry.countries.get(alpha_3=code) is not None


@functools.cache
def _codes():
    return sorted(c.alpha_3 for c in pycountry.countries)


def country_choices():
    """(code, "Name (CODE)") for a select: stateless and unknown first, then by name in the active language.

    By name, not by code: an officer looks for "Marokko", and a select jumps to the letters typed. pycountry
    marks no code as "not a nationality", so Antarctica stays in the list rather than being guessed away.
    """
    return [(STATELESS, _("Stateless (XXA)")), (NATIONALITY_UNKNOWN, _("Unknown (XXX)"))] + _sorted_by_name(
        _language()
    )


def _language():
    return (get_language() or "nl").split("-")[0]


@functools.cache
def _sorted_by_name(language):
    # Cached per language: the names do not change while the process runs.
    named = [(code, country_name(code)) for code in _codes()]
    return [(code, f"{name} ({code})") for code, name in sorted(named, key=lambda pair: fold(pair[1]))]


@functools.cache
def _iso3166(language):
    # pycountry ships the ISO 3166 names of Debian's iso-codes in many languages, Dutch among them.
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code) -> str:
    """The country's name in the active language ("Marokko" in Dutch)."""
    if code == STATELESS:
        return str(_("Stateless"))
    if code == NATIONALITY_UNKNOWN:
        return str(_("Unknown"))
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return _iso3166(_language()).gettext(country.name)
