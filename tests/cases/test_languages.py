"""Languages are chosen by name in the user's language and stored as one ISO 639 code each."""

import pytest
from django.utils import translation

from cases.languages import FREQUENT_WITHOUT_ALPHA_2, language_choices, language_code, language_name, language_names


@pytest.mark.parametrize(("typed", "stored"), [("ar", "ar"), ("ara", "ar"), ("AR", "ar"), ("prs", "prs"), ("zz", "")])
def test_a_language_is_stored_as_its_639_1_code_where_it_has_one(typed, stored):
    assert language_code(typed) == stored


def test_names_follow_the_users_language():
    with translation.override("nl"):
        assert language_names(["ar", "ti", "ckb"]) == "Arabisch, Tigrinya, Koerdisch (Sorani)"
        assert language_name("ara") == "Arabisch"
    with translation.override("en"):
        assert language_names(["ar", "ti", "ckb"]) == "Arabic, Tigrinya, Kurdish (Sorani)"


def test_an_unknown_code_is_shown_as_it_is():
    assert language_name("qq") == "qq"


def test_names_missing_from_the_dutch_iso_catalogue_are_not_left_in_english():
    # pycountry's Dutch catalogue has no "Western Frisian" or "Modern Greek (1453-)".
    with translation.override("nl"):
        assert (language_name("fy"), language_name("el"), language_name("kmr")) == (
            "Fries",
            "Grieks",
            "Koerdisch (Kurmanji)",
        )


def test_the_choices_are_every_639_1_language_and_the_frequent_others_sorted_by_name():
    with translation.override("nl"):
        choices = language_choices()
        names = [name for _code, name in choices]
        codes = {code for code, _name in choices}
    assert len(choices) == 184 + len(FREQUENT_WITHOUT_ALPHA_2)
    assert {"ar", "ti", "am", "so", "ps", "prs", "fa", "ckb", "kmr", "tzm", "wo", "mnk", "bn", "ur", "pa"} <= codes
    assert names.index("Arabisch") < names.index("Arabisch (Marokkaans, Darija)") < names.index("Armeens")


def test_a_code_the_person_has_but_the_list_lacks_is_kept():
    assert ("aaa", "Ghotuo") in language_choices(keep=["aaa"])
    assert "aaa" not in dict(language_choices())
