"""Every user-facing string has its Dutch translation, and the compiled catalogue matches."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "dtv" / "locale"


def test_dutch_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.mo"))
    # Keyed by (context, msgid): the same English word may need two Dutch words in two contexts.
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if not e.msgid_plural and e.msgid}
    assert compiled == translated
