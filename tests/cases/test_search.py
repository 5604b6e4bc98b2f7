"""Search: V-number exact, name partial without accents or capitals, date of birth; only within scope."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from cases.constants import NationalityStatus
from cases.models import AccessLogEntry, Case, ForeignNational
from cases.people import person_set_search_names
from cases.selectors import SearchCriteria, case_search
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.api import NationalityFactory
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
        assert reverse("cases:break_glass", kwargs={"pk": other.pk}) + "?zoek=" in response.text
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


def _person(surname, given_names="Omar", aliases=()):
    person = ForeignNationalFactory(surname=surname, given_names=given_names)
    for alias_surname, alias_given in aliases:
        person.aliases.create(surname=alias_surname, given_names=alias_given)
    person_set_search_names(person, person.aliases.all())
    person.save()
    return person


class TestSpellingVariants:
    """Transliterations are the norm for these names: search must not invite a second registration."""

    @pytest.mark.parametrize(
        ("stored", "typed"),
        [
            ("Hassan", "Hasan"),
            ("Hasan", "Hassan"),
            ("Mohammed", "Mohamed"),
            ("Muhammad", "Mohamed"),
            ("Mohamed", "Muhammad"),
            ("Đorđević", "Djordjevic"),
            ("Djordjevic", "Đorđević"),
            ("Nguyễn", "Nguyen"),
            ("Al-Hassan", "alhassan"),
            ("Al-Hassan", "al hasan"),
            ("Alhassan", "Al-Hassan"),
            ("Youssef", "Yusuf"),
        ],
    )
    def test_a_spelling_variant_finds_the_person(self, client, case_officer, stored, typed):
        case = CaseFactory(case_officer=case_officer, foreign_national=_person(stored))
        CaseFactory(case_officer=case_officer, foreign_national=_person("Jansen"))
        client.force_login(case_officer)
        assert [c.pk for c in _search(client, name=typed).context["results"]] == [case.pk]

    def test_an_alias_is_found_by_its_variant_too(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, foreign_national=_person("Haddad", aliases=[("Hassan", "Ali")]))
        client.force_login(case_officer)
        assert [c.pk for c in _search(client, name="ali hasan").context["results"]] == [case.pk]

    def test_another_name_is_not_a_variant(self, client, case_officer):
        CaseFactory(case_officer=case_officer, foreign_national=_person("Hussein"))
        client.force_login(case_officer)
        assert _search(client, name="Hasan").context["results"] == []

    def test_a_variant_outside_the_scope_is_not_found(self, client, case_officer):
        CaseFactory(foreign_national=_person("Hassan"))  # another team's case
        client.force_login(case_officer)
        assert _search(client, name="Hasan").context["results"] == []
        assert not AccessLogEntry.objects.exists()

    def test_results_come_exact_first_then_prefix_then_variants_then_the_rest(self, client, case_officer):
        names = ["Abdelhasan", "Hassan", "Hasanovic", "Hasan"]
        cases = {name: CaseFactory(case_officer=case_officer, foreign_national=_person(name)) for name in names}
        client.force_login(case_officer)
        results = _search(client, name="hasan").context["results"]
        assert [c.foreign_national.surname for c in results] == ["Hasan", "Hasanovic", "Hassan", "Abdelhasan"]
        assert {c.pk for c in results} == {case.pk for case in cases.values()}


class TestSearchResults:
    def test_say_which_cases_are_the_users_own(self, client, case_officer):
        CaseFactory(case_officer=case_officer, foreign_national=_person("Haddad", "Omar"))
        CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team), foreign_national=_person("Haddad", "Lina"))
        client.force_login(case_officer)
        response = _search(client, name="haddad")
        assert response.text.count("U (uw zaak)") == 1

    def test_a_row_shows_v_number_name_birth_nationalities_phase_and_officer_with_every_value_escaped(
        self, client, case_officer
    ):
        # The rows are written in the view (result_rows_html), not by the template: it escapes what it writes.
        person = ForeignNationalFactory(
            surname="Haddad <b>", given_names="Omar & Lina", date_of_birth=dt.date(1990, 5, 1),
            date_of_birth_precision="year_month",
        )  # fmt: skip
        NationalityFactory(foreign_national=person, country="SYR", status=NationalityStatus.CLAIMED)
        NationalityFactory(foreign_national=person, country="LBN", status=NationalityStatus.ESTABLISHED)
        case = CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team, first_name="Sanne", last_name="Bos"),
                           foreign_national=person)  # fmt: skip
        unknown = CaseFactory(case_officer=None, team=case_officer.team, foreign_national=_person("Haddadi"))
        client.force_login(case_officer)
        page = _search(client, name="haddad").text
        # Nationalities in the order every list shows them: by status (claimed before established), then code.
        cell = '<td class="utrecht-table__cell">'
        assert (
            f'<a class="utrecht-link" href="{reverse("cases:case_detail", kwargs={"pk": case.pk})}">{person.v_number}'
            f"</a></td>{cell}Haddad &lt;b&gt;, Omar &amp; Lina</td>{cell}05-1990</td>{cell}SYR, LBN</td>"
            f"{cell}{case.get_phase_display()}</td>{cell}Sanne Bos</td></tr>"
        ) in page
        phase = unknown.get_phase_display()
        assert f"{cell}onbekend</td>{cell}–</td>{cell}{phase}</td>{cell}niet toegewezen</td>" in page

    def test_a_person_with_two_cases_shown_is_logged_once(self, client, case_officer):
        person = _person("Haddad")
        CaseFactory(case_officer=case_officer, foreign_national=person, closed=True)
        CaseFactory(case_officer=case_officer, foreign_national=person)
        client.force_login(case_officer)
        assert len(_search(client, name="haddad").context["results"]) == 2
        assert list(AccessLogEntry.objects.values_list("foreign_national_id", flat=True)) == [person.pk]


class TestSearchQueryPlan:
    """At national scale name search must stay index-served: checked on a seeded table, sequential scans allowed."""

    def test_a_name_search_uses_the_trigram_indexes_and_no_sequential_scan(self, case_officer, team_lead):
        people = [
            ForeignNational(v_number=f"{7000000000 + n:010d}", surname=surname, given_names=given)
            for n, (given, surname) in enumerate(_seed_names(4000))
        ]
        for person in people:
            person_set_search_names(person)
        ForeignNational.objects.bulk_create(people)
        opened = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
        Case.objects.bulk_create(
            [
                Case(foreign_national=person, case_officer=case_officer, team=case_officer.team, opened_at=opened)
                for person in people
            ]
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_foreignnational; ANALYZE cases_case;")
        plan = case_search(user=team_lead, criteria=SearchCriteria(name="Hasan")).explain()
        assert "fn_search_name_trgm" in plan and "fn_search_key_trgm" in plan, plan
        assert "Seq Scan on cases_foreignnational" not in plan and "Seq Scan on cases_case" not in plan, plan
        found = list(case_search(user=team_lead, criteria=SearchCriteria(name="Hasan")))
        assert {c.foreign_national.surname for c in found} == {"Hasan", "Hassan"}


def _seed_names(count):
    """Distinct made-up names, and among them one Hasan and one Hassan to find."""
    syllables = ["ba", "ko", "ri", "te", "lu", "mo", "sa", "ne", "vi", "do", "gu", "pe", "zo", "fi", "wa", "ki"]
    names = [("Omar", "Hasan"), ("Ali", "Hassan")]
    for n in range(count - len(names)):
        a, b, c = n % 16, n // 16 % 16, n // 256 % 16
        names.append((f"{syllables[b].title()}{syllables[c]}", f"{syllables[a].title()}{syllables[b]}{syllables[c]}x"))
    return names
