"""The country reference data: every country seeded, synthetic policy for the frequent nationalities, history kept."""

import pycountry
import pytest

from laissezpasser.constants import Readmission
from laissezpasser.models import Country, Mission
from laissezpasser.reference import SYNTHETIC_POLICIES, seed_countries

pytestmark = pytest.mark.django_db


def test_every_iso_country_and_stateless_and_unknown_is_seeded_after_migrate():
    codes = set(Country.objects.values_list("code", flat=True))
    assert {c.alpha_3 for c in pycountry.countries} | {"XXA", "XXX"} == codes


def test_the_25_frequent_nationalities_have_a_policy_and_missions():
    assert len(SYNTHETIC_POLICIES) == 25
    morocco = Country.objects.get(code="MAR")
    assert (morocco.presentation_required, morocco.response_days) == (True, 60)
    assert {m.city for m in Mission.objects.filter(country=morocco)} == {"Den Haag", "Amsterdam", "Rotterdam"}
    assert Country.objects.get(code="TUR").readmission == Readmission.EU
    assert Mission.objects.filter(country__code__in=SYNTHETIC_POLICIES).values("country").distinct().count() == 25


def test_seeding_again_never_overwrites_what_functional_administration_changed():
    Country.objects.filter(code="MAR").update(response_days=30)
    Country.objects.filter(code="ISL").delete()

    assert seed_countries() == 1

    assert Country.objects.get(code="MAR").response_days == 30
    assert Country.objects.filter(code="ISL").exists()


def test_a_change_of_policy_is_kept_in_the_history():
    country = Country.objects.get(code="GEO")
    country.response_days = 14
    country.save()

    assert [h.response_days for h in country.history.order_by("history_date")][-1] == 14
