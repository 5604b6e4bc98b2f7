"""The API of statistics and KPIs for reporting tools."""

from django.urls import reverse

from tests.factories.accounts import api_token_key

from .streams import at, closed, counted, opened


def test_the_statistics_of_a_year_with_their_definitions(client, team_lead):
    closed(
        opened(source="kmar", when=at(2026, 1, 2), by=team_lead), "departed_forced", by=team_lead, when=at(2026, 2, 1)
    )
    counted()
    client.force_login(team_lead)
    body = client.get(reverse("reports-api:statistics"), {"year": 2026}).json()
    assert body["period"] == {"first_day": "2026-01-01", "last_day": "2026-12-31"}
    tables = {table["key"]: table for table in body["tables"]}
    assert tables["inflow"]["rows"][2] == {"source": "KMar", "cases": 1}
    assert tables["outflow"]["total"] == ["Totaal", 1, 100.0] or tables["outflow"]["total"][1:] == [1, 100.0]
    assert tables["outflow"]["definition"]
    assert [c["key"] for c in tables["laissez_passer"]["columns"]] == [
        "country", "submitted", "withdrawn", "nationality_confirmed", "not_confirmed", "mean_response_days"
    ]  # fmt: skip


def test_a_period_of_days_and_an_invalid_one(client, team_lead):
    client.force_login(team_lead)
    url = reverse("reports-api:statistics")
    ok = client.get(url, {"first_day": "2026-03-01", "last_day": "2026-03-31"})
    assert ok.json()["period"] == {"first_day": "2026-03-01", "last_day": "2026-03-31"}
    refused = client.get(url, {"first_day": "2026-03-31", "last_day": "2026-03-01"})
    assert refused.status_code == 400
    assert set(refused.json()) == {"code", "detail", "errors"}
    assert list(refused.json()["errors"]) == ["last_day"]
    assert client.get(url, {"first_day": "2026-03-01"}).status_code == 400
    assert client.get(url, {"year": "9999"}).status_code == 400


def test_the_kpis_with_target_and_light(client, team_lead):
    client.force_login(team_lead)
    body = client.get(reverse("reports-api:kpis"), {"year": 2026}).json()
    first = body["kpis"][0]
    assert first["kpi"] == "demonstrable_departure"
    assert first["target"] == {
        "year": 2024,
        "comparison": "at_least",
        "percentage": "50.00",
        "source": "DT&V Jaarplan 2024",
    }
    assert first["light"] == "none"


def test_chain_partners_and_case_officers_get_nothing(client, chain_partner, case_officer):
    response = client.get(reverse("reports-api:kpis"), HTTP_AUTHORIZATION=f"Token {api_token_key(chain_partner)}")
    assert response.status_code == 403
    assert set(response.json()) == {"code", "detail", "errors"}
    client.force_login(case_officer)
    assert client.get(reverse("reports-api:statistics")).status_code == 403
