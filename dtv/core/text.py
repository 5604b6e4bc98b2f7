"""Text folding shared by every app: search must find "Öztürk" when an officer types "ozturk"."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


def fold(text: str) -> str:
    """Lower-case `text` without accents and with single spaces ("  Ömer  Çelik-Ünal " → "omer celik-unal")."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().translate(_SPECIAL))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped).strip()


_NOT_A_LETTER = re.compile(r"[^a-z ]")
# Spellings of one sound across the transliterations these names arrive in (English, French, Dutch,
# German, Serbo-Croat without its diacritics), applied in this order: "dj" before "j", "ck" and "ch"
# through "k" so that "kh", "ch" (Dutch "Chalid") and "h" meet. Each pair is a known source of
# duplicate registrations; the list is kept short because every pair also merges unrelated names.
_SPELLINGS = (
    ("dj", "d"),  # Djordjevic / Đorđević / Dordevic
    ("sch", "s"),
    ("sh", "s"),
    ("sj", "s"),  # Sheikh / Sjeik
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),  # Abdelqader / Abdelkader
    ("kh", "h"),  # Khalid / Chalid / Halid
    ("gh", "g"),  # Ghebremariam / Gebremariam
    ("ph", "f"),  # Moustapha / Mustafa
    ("th", "t"),
    ("w", "v"),
)
# Vowels in two classes: a/e/o/u are written interchangeably in transliterated Arabic, Persian and
# Tigrinya (Mohamed / Muhammad, Youssef / Yusuf / Joesoef); i, j and y stay apart, so Hasan and
# Hussein do not merge.
_VOWEL_CLASS = str.maketrans({"e": "a", "o": "a", "u": "a", "j": "i", "y": "i"})
_RUNS = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[ai])h\b")


def name_key(text: str, *, joined: bool = False) -> str:
    """A key spelling variants of a name share: "Hassan", "Hasan" → "hasan"; "Mohammed", "Muhammad" → "mahamad".

    Folded (no accents, lower case), without separators ("Al-Hassan" = "alhassan"), with the
    transliteration pairs above merged, vowels in two classes, a final h after a vowel dropped
    (Fatimah / Fatima) and doubled letters single. Word by word; with `joined` the whole text is one
    word ("Abd al-Rahman" = "Abdulrahman"). The key of part of a name is, but for a split pair
    ("…d" + "j…"), part of the name's key, so partial words find their names.
    """
    text = _NOT_A_LETTER.sub("", fold(text).replace("-", "" if joined else " "))
    if joined:
        text = text.replace(" ", "")
    for spelling, sound in _SPELLINGS:
        text = text.replace(spelling, sound)
    text = _FINAL_H.sub("", text.translate(_VOWEL_CLASS))
    return _SPACES.sub(" ", _RUNS.sub(r"\1", text)).strip()
