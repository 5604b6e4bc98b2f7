"""GET /api/v1/cases/ and /api/v1/cases/{id}/: the caller's cases, in scope only, every read access-logged."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.constants import AccessChannel, DatePrecision, Phase, ProcedureKind, Sex, Track
from cases.models import AccessLogEntry
from cases.selectors import case_removability
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, TeamLeadFactory
from tests.factories.api import HandoverFactory, NationalityFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

from .support import NOW, TODAY, api_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

LIST = "/api/v1/cases/"


def detail(case):
    return f"/api/v1/cases/{case.pk}/"


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def a_worked_case(officer, *, surname="Haddad", opened_days_ago=1):
    """A case in progress with a nationality, a departure term and a pending appeal that stops removal."""
    person = ForeignNationalFactory(
        surname=surname,
        given_names="Omar",
        date_of_birth=dt.date(1991, 7, 1),
        date_of_birth_precision=DatePrecision.YEAR_MONTH,
        sex=Sex.MALE,
    )
    NationalityFactory(foreign_national=person, country="SYR")
    case = CaseFactory(
        foreign_national=person,
        case_officer=officer,
        in_progress=True,
        track=Track.ASYLUM_REJECTED,
        opened_at=NOW - dt.timedelta(days=opened_days_ago),
    )
    services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=officer, now=NOW)
    services.procedure_record(
        case=case,
        kind=ProcedureKind.APPEAL,
        lodged_on=dt.date(2026, 3, 5),
        may_await_in_nl=True,
        actor=officer,
        now=NOW,
    )
    return case


class TestCaseList:
    def test_lists_the_team_cases_by_next_deadline_with_person_removability_and_next_deadline(
        self, case_officer, colleague
    ):
        worked = a_worked_case(colleague, opened_days_ago=2)
        newest = CaseFactory(case_officer=case_officer, opened_at=NOW - dt.timedelta(hours=1))
        CaseFactory(opened_at=NOW)  # another team's

        response = api_client(case_officer).get(LIST)

        assert response.status_code == 200
        # The work queue's default order: the case with a deadline first, the one without last.
        assert ids(response) == [worked.pk, newest.pk]
        appeal = worked.procedures.get()
        assert response.json()["results"][0] == {
            "id": worked.pk,
            "v_number": worked.foreign_national.v_number,
            "surname": "Haddad",
            "given_names": "Omar",
            "date_of_birth": "1991-07-01",
            "date_of_birth_precision": "year_month",
            "sex": "male",
            "nationalities": [{"country": "SYR", "status": "claimed"}],
            "phase": "in_progress",
            "source": "other",
            "track": "asylum_rejected",
            "opened_at": "2026-03-08T09:30:00+01:00",
            "closed_at": None,
            "closure_reason": "",
            "team": colleague.team.name,
            "case_officer": {"id": colleague.pk, "name": "Jeroen Bakker"},
            "confidential": False,
            "removable": False,
            "legal_obstacle": True,
            "obstacles": [
                {
                    "check": "procedures",
                    "kind": "legal",
                    "procedure": appeal.pk,
                    "reason": case_removability(case=worked, on=TODAY).obstacles[0].reason,
                    "legal_basis": "art. 82 Vw 2000 / art. 8:1 Awb",
                    "until": None,
                },
                {
                    "check": "nationality",
                    "kind": "practical",
                    "procedure": None,
                    "reason": "Nationaliteit niet vastgesteld: alleen opgegeven (Syrië).",
                    "legal_basis": "",
                    "until": None,
                },
            ],
            "next_deadline": {"kind": "departure_term", "due_at": "2026-03-31T00:00:00+02:00", "status": "open"},
        }

    def test_a_case_without_officer_or_deadline_shows_nulls_and_no_obstacle_once_nationality_is_established(
        self, team_lead
    ):
        intake = CaseFactory(unassigned=True)
        NationalityFactory(foreign_national=intake.foreign_national, status="established")
        row = api_client(team_lead).get(LIST).json()["results"][0]
        assert (row["id"], row["team"], row["case_officer"], row["next_deadline"]) == (intake.pk, None, None, None)
        assert (row["removable"], row["legal_obstacle"], row["obstacles"]) == (True, False, [])

    def test_a_closed_case_is_not_weighed(self, team_lead):
        CaseFactory(case_officer=CaseOfficerFactory(team=team_lead.team), closed=True)
        row = api_client(team_lead).get(LIST).json()["results"][0]
        assert (row["removable"], row["legal_obstacle"], row["obstacles"]) == (False, False, [])

    def test_a_colleagues_confidential_case_is_not_listed_but_ones_own_is(self, case_officer, colleague):
        CaseFactory(case_officer=colleague, confidential=True)
        own = CaseFactory(case_officer=case_officer, confidential=True)
        assert ids(api_client(case_officer).get(LIST)) == [own.pk]

    def test_filters_on_phase_and_track(self, case_officer):
        CaseFactory(case_officer=case_officer, track=Track.DUBLIN)
        wanted = CaseFactory(case_officer=case_officer, in_progress=True, track=Track.DUBLIN)
        CaseFactory(case_officer=case_officer, in_progress=True, track=Track.BORDER_REFUSAL)
        response = api_client(case_officer).get(LIST, {"phase": Phase.IN_PROGRESS, "track": Track.DUBLIN})
        assert ids(response) == [wanted.pk]

    def test_an_unknown_filter_value_is_a_400_naming_the_parameter(self, case_officer):
        response = api_client(case_officer).get(LIST, {"phase": "somewhere"})
        assert response.status_code == 400
        body = response.json()
        assert (body["code"], list(body["errors"])) == ("invalid", ["phase"])

    def test_sorts_in_the_work_queues_orders(self, case_officer):
        haddad = CaseFactory(case_officer=case_officer, foreign_national__surname="Haddad", opened_at=NOW)
        abebe = CaseFactory(
            case_officer=case_officer, foreign_national__surname="Abebe", opened_at=NOW - dt.timedelta(days=3)
        )
        client = api_client(case_officer)
        assert ids(client.get(LIST, {"sort": "naam"})) == [abebe.pk, haddad.pk]
        assert ids(client.get(LIST, {"sort": "geopend"})) == [abebe.pk, haddad.pk]
        assert ids(client.get(LIST, {"sort": "naam", "phase": Phase.IN_PROGRESS})) == []

    def test_an_unknown_order_is_a_400_naming_the_parameter(self, case_officer):
        CaseFactory(case_officer=case_officer)
        response = api_client(case_officer).get(LIST, {"sort": "-opened_at"})
        assert (response.status_code, response.json()["code"], list(response.json()["errors"])) == (
            400,
            "invalid",
            ["sort"],
        )
        assert AccessLogEntry.objects.count() == 0

    def test_pages_by_cursor(self, case_officer):
        cases = [CaseFactory(case_officer=case_officer, opened_at=NOW - dt.timedelta(days=n)) for n in range(3)]
        client = api_client(case_officer)
        first = client.get(LIST, {"page_size": 2, "sort": "geopend"})
        second = client.get(first.json()["next"])
        assert (ids(first), ids(second)) == ([cases[2].pk, cases[1].pk], [cases[0].pk])
        assert second.json()["next"] is None
        assert ids(client.get(second.json()["previous"])) == [cases[2].pk, cases[1].pk]

    def test_pages_through_cases_that_sort_alike_without_gaps_or_repeats(self, case_officer):
        # None has a deadline: under the default order all sort last, alike; the cursor still moves on by id.
        cases = CaseFactory.create_batch(7, case_officer=case_officer)
        client = api_client(case_officer)
        seen, url = [], LIST + "?page_size=3"
        while url:
            body = client.get(url).json()
            seen += [row["id"] for row in body["results"]]
            url = body["next"]
        assert seen == sorted(case.pk for case in cases)

    def test_a_chain_partner_lists_only_the_cases_it_handed_over(self):
        ind = ChainPartnerFactory(chain_partner="ind")
        own = HandoverFactory(source="ind").case
        HandoverFactory(source="kmar")
        CaseFactory()
        assert ids(api_client(ind).get(LIST)) == [own.pk]

    def test_without_credentials_is_401(self):
        CaseFactory()
        response = api_client().get(LIST)
        assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
        assert AccessLogEntry.objects.count() == 0


class TestCaseListAccounting:
    def test_every_person_listed_is_access_logged_once(self, team_lead, case_officer):
        person = ForeignNationalFactory()
        CaseFactory(foreign_national=person, case_officer=case_officer, closed=True, opened_at=NOW - dt.timedelta(1))
        CaseFactory(foreign_national=person, case_officer=case_officer)
        other = CaseFactory(case_officer=case_officer).foreign_national

        assert api_client(team_lead).get(LIST).status_code == 200

        entries = AccessLogEntry.objects.all()
        assert sorted((e.foreign_national_id, e.user_id, e.channel, e.view_name) for e in entries) == sorted(
            [
                (person.pk, team_lead.pk, AccessChannel.API, "cases-api:case-list"),
                (other.pk, team_lead.pk, AccessChannel.API, "cases-api:case-list"),
            ]
        )

    def test_only_the_people_on_the_page_are_logged(self, case_officer):
        cases = [CaseFactory(case_officer=case_officer, opened_at=NOW - dt.timedelta(days=n)) for n in range(3)]
        api_client(case_officer).get(LIST, {"page_size": 2})
        assert sorted(AccessLogEntry.objects.values_list("foreign_national_id", flat=True)) == sorted(
            [cases[0].foreign_national_id, cases[1].foreign_national_id]
        )

    def test_the_number_of_queries_is_the_same_for_2_and_20_cases(self, team_lead, case_officer):
        client = api_client(team_lead)

        def queries_for_page():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST)
            assert response.status_code == 200
            return len(response.json()["results"]), len(queries)

        for n in range(2):
            a_worked_case(case_officer, surname=f"Few{n}")
        few = queries_for_page()
        for n in range(18):
            a_worked_case(case_officer, surname=f"Many{n}")
        many = queries_for_page()

        assert (few[0], many[0]) == (2, 20)
        assert few[1] == many[1]


class TestCaseDetail:
    def test_shows_the_full_case_with_counts_and_what_the_caller_may_do(self, case_officer):
        case = a_worked_case(case_officer)
        person = case.foreign_national
        person.languages, person.vulnerabilities = ["ar"], ["medical"]
        person.legal_representative_name = "mr. A. de Wit"
        person.save()

        response = api_client(case_officer).get(detail(case))

        assert response.status_code == 200
        body = response.json()
        assert {key: body[key] for key in body if key not in LIST_FIELDS} == {
            "aliases": [],
            "languages": ["ar"],
            "vulnerabilities": ["medical"],
            "legal_representative_name": "mr. A. de Wit",
            "legal_representative_office": "",
            "legal_representative_contact": "",
            "previous_case": None,
            "possible_duplicate_of": None,
            "duplicate_review": "",
            "interviews_count": 0,
            "procedures_count": 1,
            "live_deadlines_count": 1,
            "departed_on": None,
            "destination_type": "",
            "destination_country": "",
            "closure_evidence": "",
            "closure_remark": "",
            "closure_document": None,
            "transitions": ["prepare_departure", "close"],
            "editable": True,
            "version": 0,
        }
        list_row = api_client(case_officer).get(LIST).json()["results"][0]
        assert {key: body[key] for key in LIST_FIELDS} == list_row

    def test_the_number_of_queries_does_not_grow_with_the_case_work(self, case_officer):
        client = api_client(case_officer)

        def queries_for(case):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(detail(case)).status_code == 200
            return len(queries)

        light = CaseFactory(case_officer=case_officer, in_progress=True)
        heavy = a_worked_case(case_officer)
        services.procedure_record(
            case=heavy, kind=ProcedureKind.OBJECTION, lodged_on=TODAY, may_await_in_nl=True, actor=case_officer, now=NOW
        )
        queries_for(light)
        assert queries_for(light) == queries_for(heavy)

    def test_a_colleague_reads_the_case_but_may_not_edit_it(self, case_officer, colleague):
        case = CaseFactory(case_officer=case_officer)
        body = api_client(colleague).get(detail(case)).json()
        assert (body["id"], body["editable"]) == (case.pk, False)

    def test_a_read_writes_exactly_one_access_log_row(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        api_client(case_officer).get(detail(case))
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.foreign_national, entry.user, entry.channel, entry.view_name, entry.reason) == (
            case,
            case.foreign_national,
            case_officer,
            AccessChannel.API,
            "cases-api:case-detail",
            "",
        )

    @pytest.mark.parametrize("confidential", [False, True])
    def test_another_teams_case_is_404_and_nothing_is_logged(self, case_officer, confidential):
        other = CaseFactory(confidential=confidential)
        response = api_client(case_officer).get(detail(other))
        assert (response.status_code, response.json()) == (
            404,
            {"code": "not_found", "detail": "Niet gevonden.", "errors": {}},
        )
        assert AccessLogEntry.objects.count() == 0

    def test_a_team_lead_gets_404_for_a_confidential_case_of_another_team(self, team_lead):
        other = CaseFactory(confidential=True, case_officer=CaseOfficerFactory())
        TeamLeadFactory(team=other.team)
        assert api_client(team_lead).get(detail(other)).status_code == 404

    def test_a_case_that_does_not_exist_is_the_same_404(self, case_officer):
        for pk in (999_999, 2**63):
            response = api_client(case_officer).get(f"/api/v1/cases/{pk}/")
            assert (response.status_code, response.json()["code"]) == (404, "not_found")

    def test_a_partner_never_reads_another_partners_case(self):
        kmar_case = HandoverFactory(source="kmar").case
        ind = ChainPartnerFactory(chain_partner="ind")
        kmar = ChainPartnerFactory(chain_partner="kmar")
        assert api_client(ind).get(detail(kmar_case)).status_code == 404
        assert api_client(kmar).get(detail(kmar_case)).status_code == 200
        assert list(AccessLogEntry.objects.values_list("user", flat=True)) == [kmar.pk]

    def test_there_is_no_break_the_glass_through_the_api(self, case_officer):
        other = CaseFactory()
        services.break_glass_open(case_id=other.pk, reason="Telefoon van de advocaat", actor=case_officer, now=NOW)
        assert api_client(case_officer).get(detail(other)).status_code == 404

    def test_without_credentials_is_401(self):
        assert api_client().get(detail(CaseFactory())).status_code == 401


LIST_FIELDS = [
    "id",
    "v_number",
    "surname",
    "given_names",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "nationalities",
    "phase",
    "source",
    "track",
    "opened_at",
    "closed_at",
    "closure_reason",
    "team",
    "case_officer",
    "confidential",
    "removable",
    "legal_obstacle",
    "obstacles",
    "next_deadline",
]
