"""Country names follow the user's language: a Dutch officer reads "Marokko", not "Morocco"."""

from django.utils import translation

from cases.countries import country_choices, country_name


def test_country_names_are_dutch_by_default_and_english_on_request():
    with translation.override("nl"):
        assert (country_name("MAR"), country_name("SYR"), country_name("XXA")) == ("Marokko", "Syrië", "Staatloos")
        assert ("SYR", "SYR – Syrië") in country_choices()
    with translation.override("en"):
        assert country_name("MAR") == "Morocco"


def test_an_unknown_code_is_shown_as_it_is():
    assert country_name("QQQ") == "QQQ"
