"""The country tallies: every transition adds to its country's summaries, so the figures are read, not counted.

The figures themselves are tested against hand counts in test_statistics.py (read from the tallies); here the
tallies are checked against counting the transitions, against counting them again, and per country.
"""

import datetime as dt

import pytest
from django.urls import reverse

from cases.constants import ClosureReason, NationalityStatus
from cases.services import case_close
from laissezpasser import services
from laissezpasser.constants import Answer, Channel, State, WithdrawalReason
from laissezpasser.models import Country, CountryRequestCount, CountryTally
from laissezpasser.statistics import counted_from_transitions, tallied_statistics
from laissezpasser.tallies import tallies_rebuild
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.api import NationalityFactory
from tests.factories.laissezpasser import NOW, draft_request, issued_request, moroccan_case, submitted_request

pytestmark = pytest.mark.django_db
D = dt.date


def _rows():
    # A state a country's requests have all left keeps its row at 0; counted again it has none.
    return (
        sorted(CountryRequestCount.objects.exclude(requests=0).values_list("country__code", "state", "requests")),
        sorted(CountryTally.objects.values_list("country__code", "figure", "year", "days", "transitions")),
    )


def _answer(request, answer, on, **lp):
    return services.request_record_answer(
        request=request, answer=answer, on=on, channel=Channel.EMAIL, actor=request.case.case_officer, now=NOW, **lp
    )


@pytest.fixture
def moroccan_record():
    """Moroccan requests over two years in most states, by hand:

    A submitted 1-3-2025, presentation 20-3-2025, nationality confirmed 1-5-2025 (61 days), presentation again
    B submitted 3-11-2025, not a national 12-1-2026 (70 days)
    C submitted 1-9-2026, LP 2-11-2026 (62 days) valid to 31-12-2026 (60 days)
    D submitted 2-2-2026, withdrawn 3-8-2026 without an answer
    E a draft
    F submitted 1-9-2026, withdrawn when its case closes (outflow, 23-11-2026)
    """
    officer_of = lambda r: r.case.case_officer  # noqa: E731
    twice = submitted_request(on=D(2025, 3, 1))
    services.request_schedule_presentation(request=twice, on=D(2025, 3, 20), actor=officer_of(twice), now=NOW)
    services.request_record_presentation(request=twice, on=D(2025, 3, 20), actor=officer_of(twice), now=NOW)
    _answer(twice, Answer.NATIONALITY_CONFIRMED, D(2025, 5, 1))
    services.request_schedule_presentation(request=twice, on=D(2025, 6, 2), actor=officer_of(twice), now=NOW)
    refused = submitted_request(on=D(2025, 11, 3))
    _answer(refused, Answer.NOT_NATIONAL, D(2026, 1, 12))
    issued_request(issued_on=D(2026, 11, 2), valid_until=D(2026, 12, 31))
    withdrawn = submitted_request(on=D(2026, 2, 2))
    services.request_withdraw(
        request=withdrawn, reason=WithdrawalReason.NO_ANSWER, on=D(2026, 8, 3), actor=officer_of(withdrawn), now=NOW
    )
    draft_request()
    leaving = submitted_request(on=D(2026, 9, 1))
    case_close(case=leaving.case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=officer_of(leaving), now=NOW)
    return Country.objects.get(code="MAR")


@pytest.mark.django_db(transaction=True)
def test_every_transition_keeps_the_tallies_that_counting_its_transitions_gives(moroccan_record):
    # transaction=True: the outflow withdrawal runs when case_close commits, as in production.
    assert tallied_statistics(moroccan_record) == counted_from_transitions(moroccan_record)
    kept = _rows()
    tallies_rebuild()
    assert _rows() == kept


@pytest.mark.django_db(transaction=True)
def test_a_second_presentation_for_the_same_request_is_no_second_presentation_demanded(moroccan_record):
    figures = tallied_statistics(moroccan_record)
    # Five submitted requests (not the draft E), one of which (A) the mission asked to see twice.
    assert figures.presentation_share == pytest.approx(1 / 5)
    assert figures.open_by_state == {State.DRAFT: 1, State.PRESENTATION_SCHEDULED: 1, State.ISSUED: 1}
    # (year, submitted, answered, confirmed, not confirmed, withdrawn, LPs issued)
    assert figures.per_year == [(2026, 3, 2, 1, 1, 2, 1), (2025, 2, 1, 1, 0, 0, 0)]
    # First answers after 61, 62 and 70 days; C's LP valid 60 days.
    assert (figures.response.count, figures.response.median, figures.usual_validity_days) == (3, 62, 60)


def test_a_transition_of_one_country_leaves_the_tallies_of_another_alone():
    submitted_request(on=D(2026, 9, 1))
    moroccan = _rows()
    case = moroccan_case()
    NationalityFactory(foreign_national=case.foreign_national, country="GEO", status=NationalityStatus.CLAIMED)
    submitted_request(case, country="GEO", on=D(2026, 10, 1))
    counts, tallies = _rows()
    assert [row for row in counts if row[0] == "MAR"] == moroccan[0]
    assert [row for row in tallies if row[0] == "MAR"] == moroccan[1]
    assert [row for row in counts if row[0] == "GEO"] == [("GEO", State.SUBMITTED, 1)]


def test_the_country_list_shows_the_open_requests_the_tallies_keep(client):
    requests = [submitted_request(on=D(2026, 9, 1)) for _n in range(3)]
    services.request_withdraw(
        request=requests[0], reason=WithdrawalReason.NO_ANSWER, on=D(2026, 11, 2), actor=requests[0].case.case_officer,
        now=NOW,
    )  # fmt: skip
    client.force_login(CaseOfficerFactory())
    page = client.get(reverse("laissezpasser:country_list"))
    row = next(c for c in page.context["countries"] if c.code == "MAR")
    assert (row.name, row.open_requests) == ("Marokko (MAR)", 2)
    link = reverse("laissezpasser:country_detail", kwargs={"code": "MAR"})
    assert (
        f'<a class="utrecht-link" href="{link}">Marokko (MAR)</a></td><td class="utrecht-table__cell">'
        f"{row.readmission}</td>" in page.text
    )
    assert "<td class=\"utrecht-table__cell\">2</td></tr>" in page.text


def test_the_country_page_names_the_open_requests_by_state_in_the_order_of_their_life(client):
    issued_request()
    submitted_request(on=D(2026, 9, 1))
    submitted_request(on=D(2026, 9, 2))
    draft_request()
    client.force_login(CaseOfficerFactory())
    page = client.get(reverse("laissezpasser:country_detail", kwargs={"code": "MAR"})).text
    assert (
        '<ul class="utrecht-unordered-list"><li>Concept: 1</li><li>Ingediend: 2</li>'
        "<li>Laissez-passer afgegeven: 1</li></ul>"
    ) in page
