from django.urls import reverse

from tests.factories.cases import CaseFactory


def test_team_lead_sees_the_caseload_of_the_team_by_phase(client, team_lead, case_officer):
    CaseFactory.create_batch(2, case_officer=case_officer)
    CaseFactory(case_officer=case_officer, closed=True)
    CaseFactory()  # another team
    client.force_login(team_lead)
    rows = client.get(reverse("reports:dashboard")).context["rows"]
    assert {row["phase"]: row["count"] for row in rows} == {
        "Intake": 2,
        "In behandeling": 0,
        "Vertrek in voorbereiding": 0,
        "Afgesloten": 1,
    }


def test_case_officer_has_no_dashboard(client, case_officer):
    client.force_login(case_officer)
    assert client.get(reverse("reports:dashboard")).status_code == 403
