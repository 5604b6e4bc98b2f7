"""Issue 8 §5: every query of every list page is served by indexes, no sequential scan of a large table.

Checked on a seeded database with planner statistics (ANALYZE, as autovacuum keeps them in
production) and `enable_seqscan` left on: the planner chooses freely. A few thousand demo cases
give the pages their rows; closed cases of another team make the tables large, as they are in
production (on a table of 3,000 rows a sequential scan is the planner's right choice, and proves
nothing about 100,000).
"""

import pytest
from django.db import connection
from django.test import Client

from cases.constants import ClosureReason, Phase
from cases.deadlines.sweep import deadlines_sweep
from cases.models import Case, ForeignNational
from dtv.accounts.models import Team, User
from dtv.core.text import fold
from dtv.demo import bench
from tests.demo.seeding import NOW, seed

SEEDED_CASES = 3000
FILLER_CASES = 40_000
LARGE_TABLES = {
    "cases_case",
    "cases_foreignnational",
    "cases_legalprocedure",
    "cases_deadline",
    "cases_notification",
    "cases_workitem",
}


def _seed():
    """A few thousand demo cases, swept (overdue deadlines, notifications), filler, and planner statistics."""
    seed(count=SEEDED_CASES)
    deadlines_sweep(now=NOW)
    elsewhere = Team.objects.create(code="elders", name="Elders", location="Elders")
    people = ForeignNational.objects.bulk_create(
        ForeignNational(
            v_number=f"{8000000000 + n:010d}", surname=f"Vulling{n}", given_names="Rest", search_name=f"rest vulling{n}"
        )
        for n in range(FILLER_CASES)
    )
    Case.objects.bulk_create(
        Case(
            foreign_national=person,
            team=elsewhere,
            phase=Phase.CLOSED,
            opened_at=NOW,
            closed_at=NOW,
            closure_reason=ClosureReason.RESIDENCE_PERMIT,
        )
        for person in people
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("ANALYZE")


def _client(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _pages():
    officer, lead = _client("regievoerder"), _client("teamleider")
    queue = bench.url_for("cases:workqueue")
    team_case = Case.objects.open().filter(team_id=User.objects.get(username="teamleider").team_id).first()
    partial = fold(team_case.foreign_national.surname).replace(" ", "").replace("-", "")[:4]
    pages = {
        "own queue": (officer, queue),
        "team queue": (lead, f"{queue}?weergave=team"),
        "intake queue": (lead, f"{queue}?weergave=intake"),
        "search": (lead, f"{bench.url_for('cases:search')}?name={partial}"),
        "overdue list": (lead, bench.url_for("cases:overdue")),
        "notifications": (officer, bench.url_for("cases:notifications")),
    }
    for name in ("team queue", "intake queue"):
        client, url = pages[name]
        deep, followed = bench.follow_next(client, url, 3)
        assert followed >= 1, f"{name}: fewer than two pages to page through"
        pages[f"{name}, page {followed + 1}"] = (client, deep)
    return pages


def _rows(response):
    context = response.context
    for name in ("cases", "results"):
        if name in context:
            return len(context[name])
    return len(context["page"].rows)


@pytest.mark.django_db
def test_no_list_query_scans_a_large_table():
    _seed()
    scanned, shown = {}, {}
    for name, (client, url) in _pages().items():
        shown[name] = _rows(client.get(url))
        for query in bench.query_report(lambda client=client, url=url: client.get(url)):
            for scan in query.get("plan", {}).get("seq_scans", []):
                if scan["relation"] in LARGE_TABLES:
                    scanned.setdefault(name, []).append((scan["relation"], query["source"], query["plan_text"]))
    assert not scanned, scanned
    # No list was empty: an empty list proves nothing about its plans.
    assert all(shown.values()), shown
