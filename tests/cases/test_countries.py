"""Country names follow the user's language: a Dutch officer reads "Marokko", not "Morocco"."""

from django.utils import translation

from cases.countries import country_choices, country_name


def test_country_names_are_dutch_by_default_and_english_on_request():
    with translation.override("nl"):
        assert (country_name("MAR"), country_name("SYR"), country_name("XXA")) == ("Marokko", "Syrië", "Staatloos")
        assert ("SYR", "Syrië (SYR)") in country_choices()
    with translation.override("en"):
        assert country_name("MAR") == "Morocco"


def test_an_unknown_code_is_shown_as_it_is():
    assert country_name("QQQ") == "QQQ"


def test_the_list_is_sorted_by_name_in_the_users_language_after_stateless_and_unknown():
    # Regression: sorted by code, the list began "ATA – Antarctica", "BVT – Bouveteiland".
    with translation.override("nl"):
        choices = country_choices()
        codes = [code for code, _label in choices]
        assert codes[:2] == ["XXA", "XXX"]
        assert codes[2:5] == ["AFG", "ALA", "ALB"]  # Afghanistan, Ålandseilanden (the ring does not count), Albanië
        assert codes.index("MAR") < codes.index("NLD") < codes.index("SYR")
        assert codes.index("DEU") < codes.index("NLD")  # Duitsland before Nederland, not DEU by code
    with translation.override("en"):
        codes = [code for code, _label in country_choices()]
        assert codes.index("DEU") > codes.index("FRA")  # Germany after France


def test_antarctica_stays_because_pycountry_does_not_mark_it_as_no_nationality():
    assert "ATA" in dict(country_choices())
