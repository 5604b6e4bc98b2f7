"""The departures figures of the bench: a charter of the lead's team this week, once; the week list; the PDF."""

import pytest
from django.test import Client

from departures.models import Operation
from dtv.accounts.models import User
from dtv.demo import bench_departures
from tests.demo.seeding import seed

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_measures_the_week_list_for_officer_and_lead_and_the_manifest_pdf_of_the_people_on_board():
    seed(count=60)
    users = User.objects.in_bulk(["regievoerder", "teamleider"], field_name="username")
    figures = bench_departures.departure_figures(
        users=users,
        officer=_client(users["regievoerder"]),
        lead=_client(users["teamleider"]),
        samples=1,
        warmup=0,
    )
    week, lead_week, pdf = figures
    operation = Operation.objects.get(reference=bench_departures.REFERENCE)
    people = operation.passengers.count()
    assert people > 0 and {p.removal.case.team_id for p in operation.passengers.all()} == {users["teamleider"].team_id}
    assert (lead_week.statuses, lead_week.rows, lead_week.target_p95_ms) == ({"200": 1}, people, 20)
    assert week.statuses == {"200": 1} and week.rows >= 1
    assert pdf.name == f"manifest PDF: {people} people (read + render, no storage)" and "target p50" in pdf.note
    bench_departures.bench_operation(lead=users["teamleider"], officer=users["regievoerder"])
    assert Operation.objects.filter(reference=bench_departures.REFERENCE).count() == 1
