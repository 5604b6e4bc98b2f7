"""Languages a person speaks, stored as ISO 639 codes and chosen by name in the user's language.

A language is stored as its ISO 639-1 code where it has one ("ar"), else as its ISO 639-3 code ("prs"):
one code per language, so "ara" typed years ago and "ar" chosen today show as the same language.
"""

import functools
import gettext

import pycountry
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from dtv.core.text import fold

# Languages without an ISO 639-1 code for which DT&V books interpreters often (DOMAIN.md: the main countries
# of origin). The 639-1 languages are all offered anyway.
FREQUENT_WITHOUT_ALPHA_2 = (
    "prs",  # Dari
    "haz",  # Hazaragi
    "ckb",  # Kurdish, Sorani
    "kmr",  # Kurdish, Kurmanji
    "sdh",  # Kurdish, Southern (Feyli)
    "aii",  # Assyrian Neo-Aramaic
    "ary",  # Moroccan Arabic (Darija)
    "arq",  # Algerian Arabic
    "aeb",  # Tunisian Arabic
    "arz",  # Egyptian Arabic
    "apc",  # Levantine Arabic
    "acm",  # Iraqi Arabic
    "apd",  # Sudanese Arabic
    "tzm",  # Central Atlas Tamazight
    "zgh",  # Standard Moroccan Tamazight
    "shi",  # Tashelhit
    "rif",  # Tarifit
    "kab",  # Kabyle
    "tig",  # Tigre
    "byn",  # Bilin
    "ssy",  # Saho
    "mnk",  # Mandinka
    "snk",  # Soninke
    "sus",  # Susu
    "fuf",  # Pular
    "dyu",  # Dyula
    "kri",  # Krio
    "pcm",  # Nigerian Pidgin
    "bin",  # Edo
    "men",  # Mende
    "tem",  # Temne
    "pnb",  # Western Panjabi
    "skr",  # Saraiki
    "syl",  # Sylheti
    "rhg",  # Rohingya
    "cmn",  # Mandarin Chinese
    "yue",  # Cantonese
    "rom",  # Romani
)

# Names where ISO 639's own (or its Dutch catalogue's) is not what an officer looks for, or is missing in
# Dutch: "Modern Greek (1453-)", "Western Frisian", "Northern Kurdish" would otherwise show in English.
_NAMES = {
    "be": gettext_noop("Belarusian"),
    "cy": gettext_noop("Welsh"),
    "el": gettext_noop("Greek"),
    "fa": gettext_noop("Persian (Farsi)"),
    "ff": gettext_noop("Fula"),
    "fy": gettext_noop("Frisian"),
    "gd": gettext_noop("Scottish Gaelic"),
    "gn": gettext_noop("Guarani"),
    "ht": gettext_noop("Haitian Creole"),
    "ia": gettext_noop("Interlingua"),
    "ii": gettext_noop("Sichuan Yi"),
    "kl": gettext_noop("Greenlandic"),
    "ks": gettext_noop("Kashmiri"),
    "kw": gettext_noop("Cornish"),
    "lb": gettext_noop("Luxembourgish"),
    "lg": gettext_noop("Luganda"),
    "li": gettext_noop("Limburgish"),
    "ms": gettext_noop("Malay"),
    "na": gettext_noop("Nauruan"),
    "ne": gettext_noop("Nepali"),
    "ny": gettext_noop("Chichewa"),
    "or": gettext_noop("Odia"),
    "os": gettext_noop("Ossetian"),
    "pa": gettext_noop("Punjabi"),
    "ps": gettext_noop("Pashto"),
    "rm": gettext_noop("Romansh"),
    "rn": gettext_noop("Kirundi"),
    "se": gettext_noop("Northern Sami"),
    "sh": gettext_noop("Serbo-Croatian"),
    "sk": gettext_noop("Slovak"),
    "ss": gettext_noop("Swazi"),
    "st": gettext_noop("Southern Sotho"),
    "sw": gettext_noop("Swahili"),
    "tt": gettext_noop("Tatar"),
    "ug": gettext_noop("Uyghur"),
    "acm": gettext_noop("Arabic (Iraqi)"),
    "aeb": gettext_noop("Arabic (Tunisian)"),
    "aii": gettext_noop("Assyrian (Neo-Aramaic)"),
    "apc": gettext_noop("Arabic (Levantine)"),
    "apd": gettext_noop("Arabic (Sudanese)"),
    "arq": gettext_noop("Arabic (Algerian)"),
    "ary": gettext_noop("Arabic (Moroccan, Darija)"),
    "arz": gettext_noop("Arabic (Egyptian)"),
    "bin": gettext_noop("Edo"),
    "ckb": gettext_noop("Kurdish (Sorani)"),
    "cmn": gettext_noop("Chinese (Mandarin)"),
    "kab": gettext_noop("Kabyle"),
    "kmr": gettext_noop("Kurdish (Kurmanji)"),
    "pcm": gettext_noop("Nigerian Pidgin"),
    "pnb": gettext_noop("Punjabi (Western, Shahmukhi)"),
    "rif": gettext_noop("Tarifit (Riffian)"),
    "sdh": gettext_noop("Kurdish (Southern, Feyli)"),
    "shi": gettext_noop("Tashelhit"),
    "tzm": gettext_noop("Tamazight (Central Atlas)"),
    "yue": gettext_noop("Chinese (Cantonese)"),
    "zgh": gettext_noop("Tamazight (Standard Moroccan)"),
}


def _language(code):
    code = (code or "").strip().lower()
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    if len(code) == 3:
        return pycountry.languages.get(alpha_3=code)
    return None


def language_code(code) -> str:
    """The stored code of a language: its ISO 639-1 code where it has one ("ara" → "ar"); "" if unknown."""
    language = _language(code)
    if language is None:
        return ""
    return getattr(language, "alpha_2", None) or language.alpha_3


def is_language_code(code) -> bool:
    """An ISO 639-1 (two letters) or 639-3 (three letters) language code."""
    return bool(code) and code.isascii() and code.isalpha() and _language(code) is not None


@functools.cache
def _iso639(language):
    # pycountry ships Debian's iso-codes catalogues; its Dutch one names about half of the languages.
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _active():
    return (get_language() or "nl").split("-")[0]


def language_name(code) -> str:
    """The language's name in the active language ("ar" → "Arabisch"); an unknown code is shown as it is."""
    code = language_code(code) or code
    if code in _NAMES:
        return _(_NAMES[code])
    language = _language(code)
    if language is None:
        return code
    return _iso639(_active()).gettext(language.name)


def language_names(codes) -> str:
    """Several languages by name, in the order given: "Arabisch, Tigrinya"."""
    return ", ".join(language_name(code) for code in codes or ())


@functools.cache
def _codes():
    with_alpha_2 = [language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")]
    return tuple(with_alpha_2) + FREQUENT_WITHOUT_ALPHA_2


def language_choices(*, keep=()):
    """(code, name) of the languages offered, sorted by name in the active language.

    `keep` adds codes a person already has that the list does not offer (a rare ISO 639-3 language handed
    over by a chain partner), so that correcting another field does not silently drop them.
    """
    extra = [code for code in (language_code(c) for c in keep) if code and code not in _codes()]
    return _sorted(_active(), tuple(extra))


@functools.cache
def _sorted(active, extra):
    named = [(code, language_name(code)) for code in _codes() + extra]
    return sorted(named, key=lambda pair: fold(pair[1]))
