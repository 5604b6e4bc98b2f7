"""Search: V-number exact, name partial without accents or capitals, date of birth; only within scope."""

import datetime as dt

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

pytestmark = pytest.mark.django_db


def _search(client, **params):
    return client.get(reverse("cases:search"), params)


class TestSearch:
    def test_a_name_is_found_without_accents_or_capitals(self, client, case_officer):
        case = CaseFactory(
            case_officer=case_officer, foreign_national=ForeignNationalFactory(surname="Öztürk", given_names="Ayşe")
        )
        client.force_login(case_officer)
        response = _search(client, name="OZTU")
        assert [c.pk for c in response.context["results"]] == [case.pk]
        assert AccessLogEntry.objects.get().foreign_national_id == case.foreign_national_id

    def test_every_word_must_match(self, client, case_officer):
        CaseFactory(
            case_officer=case_officer, foreign_national=ForeignNationalFactory(surname="Haddad", given_names="Omar")
        )
        CaseFactory(
            case_officer=case_officer, foreign_national=ForeignNationalFactory(surname="Haddad", given_names="Lina")
        )
        client.force_login(case_officer)
        results = _search(client, name="lina hadd").context["results"]
        assert [c.foreign_national.given_names for c in results] == ["Lina"]

    def test_a_date_of_birth_in_dutch_notation_matches_full_and_partial_dates(self, client, case_officer):
        exact = CaseFactory(
            case_officer=case_officer,
            foreign_national=ForeignNationalFactory(date_of_birth=dt.date(1990, 5, 17), date_of_birth_precision="full"),
        )
        year_only = CaseFactory(
            case_officer=case_officer,
            foreign_national=ForeignNationalFactory(date_of_birth=dt.date(1990, 1, 1), date_of_birth_precision="year"),
        )
        CaseFactory(
            case_officer=case_officer,
            foreign_national=ForeignNationalFactory(date_of_birth=dt.date(1990, 5, 18), date_of_birth_precision="full"),
        )
        client.force_login(case_officer)
        results = _search(client, date_of_birth="17-05-1990").context["results"]
        assert {c.pk for c in results} == {exact.pk, year_only.pk}

    def test_an_impossible_date_gets_a_dutch_message_and_logs_nothing(self, client, case_officer):
        client.force_login(case_officer)
        response = _search(client, date_of_birth="31-02-1990")
        assert response.context["form"].errors == {"date_of_birth": ["31-02-1990 is geen bestaande datum."]}
        assert not AccessLogEntry.objects.exists()

    def test_an_unreadable_date_is_told_the_formats_search_reads(self, client, case_officer):
        client.force_login(case_officer)
        response = _search(client, date_of_birth="maart 1990")
        assert response.context["form"].errors == {"date_of_birth": ["Gebruik DD-MM-JJJJ, MM-JJJJ of JJJJ."]}

    def test_search_fields_are_not_labelled_optional(self, client, case_officer):
        # Regression: every search field said "(niet verplicht)"; a search is not a form to fill in.
        client.force_login(case_officer)
        assert "niet verplicht" not in _search(client).text

    def test_an_exact_v_number_outside_the_scope_offers_break_the_glass_without_the_name(self, client, case_officer):
        other = CaseFactory(foreign_national__surname="Buitenbereik")
        client.force_login(case_officer)
        response = _search(client, v_number=other.foreign_national.v_number)
        assert response.context["results"] == [] and response.context["outside"] == [other.pk]
        assert "Buitenbereik" not in response.text
        assert reverse("cases:break_glass", kwargs={"pk": other.pk}) in response.text
        assert not AccessLogEntry.objects.exists()

    def test_the_number_of_queries_does_not_grow_with_the_results(
        self, client, case_officer, django_assert_max_num_queries
    ):
        client.force_login(case_officer)
        CaseFactory.create_batch(2, case_officer=case_officer, foreign_national__surname="Jansen")
        _search(client, name="jansen")
        with django_assert_max_num_queries(40) as few:
            _search(client, name="jansen")
        CaseFactory.create_batch(20, case_officer=case_officer, foreign_national__surname="Jansen")
        with django_assert_max_num_queries(40) as many:
            assert len(_search(client, name="jansen").context["results"]) == 22
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_a_colleagues_confidential_case_is_not_found(self, client, case_officer):
        hidden = CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team), confidential=True)
        client.force_login(case_officer)
        response = _search(client, v_number=hidden.foreign_national.v_number)
        assert response.context["results"] == []


class TestHandedOverPeopleAreFindable:
    def test_a_person_handed_over_is_found_by_name_and_their_nationality_is_in_the_history(self, client, team_lead):
        # Regression: intake created people without a search name, and bulk-inserted nationalities without history.
        import datetime as dt

        from cases.intake import HandoverData, handover_receive
        from cases.models import Nationality
        from tests.factories.accounts import ChainPartnerFactory

        handover, _ = handover_receive(
            data=HandoverData(
                source="ind",
                reference="IND-1",
                handover_date=dt.date(2026, 11, 1),
                v_number="4444444444",
                surname="Çelik",
                given_names="Emre",
                nationalities=[("TUR", "claimed")],
                aliases=[("Celik", "Emrah")],
                track="asylum_rejected",
            ),
            received_by=ChainPartnerFactory(),
            now=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC),
        )
        client.force_login(team_lead)
        assert [c.pk for c in _search(client, name="emrah").context["results"]] == [handover.case_id]
        assert Nationality.history.filter(foreign_national_id=handover.case.foreign_national_id).count() == 1
