"""Every user-facing string has its Dutch translation, and the compiled catalogues match."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "dtv" / "locale"
# django: our own strings (kept by `make messages`); djangojs: the admin's JavaScript strings that Django's
# Dutch catalogue leaves empty (kept by hand, see dtv/core/catalogue_gaps.py).
DOMAINS = ["django", "djangojs"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_dutch_catalogue_is_complete(domain):
    po = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / f"{domain}.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_source(domain):
    po = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / f"{domain}.po"))
    mo = polib.mofile(str(LOCALE / "nl" / "LC_MESSAGES" / f"{domain}.mo"))
    # Keyed by (context, msgid): the same English word may need two Dutch words in two contexts.
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if not e.msgid_plural and e.msgid}
    assert compiled == translated
