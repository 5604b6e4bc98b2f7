"""What a country's record predicts, against requests counted by hand (figures come from the dated transitions)."""

import datetime as dt

import pytest

from cases.constants import NationalityStatus
from laissezpasser import services
from laissezpasser.constants import Answer, Channel, WithdrawalReason
from laissezpasser.models import Country, TravelDocumentRequest
from laissezpasser.statistics import country_statistics, expectation, with_expectation
from tests.factories.api import NationalityFactory
from tests.factories.cases import CaseFactory
from tests.factories.laissezpasser import NOW

pytestmark = pytest.mark.django_db
D = dt.date


def _georgian_request(submitted=None):
    case = CaseFactory(in_progress=True)
    NationalityFactory(foreign_national=case.foreign_national, country="GEO", status=NationalityStatus.CLAIMED)
    request = services.request_create(
        case=case, country=Country.objects.get(code="GEO"), actor=case.case_officer, now=NOW
    )
    if submitted:
        services.request_submit(request=request, on=submitted, channel=Channel.EMAIL, actor=case.case_officer, now=NOW)
    return request


def _answer(request, answer, on, **lp):
    return services.request_record_answer(
        request=request, answer=answer, on=on, channel=Channel.EMAIL, actor=request.case.case_officer, now=NOW, **lp
    )


def _lp(request, on, until):
    return _answer(request, Answer.ISSUED, on, lp_number="GE1", lp_issued_on=on, lp_valid_until=until)


@pytest.fixture
def record():
    """Seven requests to Georgia, by hand:

    R1 submitted 10-1-2025, nationality confirmed 9-2-2025 (30 days), LP 1-3-2025 valid to 30-3-2025 (30 days)
    R2 submitted 1-3-2025, not a national 10-4-2025 (40 days)
    R3 submitted 1-6-2025, presentation 15-6-2025, LP 30-8-2025 (90 days) valid to 28-9-2025 (30 days)
    R4 submitted 5-1-2026, withdrawn 1-6-2026 without an answer
    R5 submitted 1-2-2026, cannot be established 21-2-2026 (20 days)
    R6 a draft
    R7 submitted 1-11-2026, awaiting the answer
    """
    r1 = _georgian_request(D(2025, 1, 10))
    _answer(r1, Answer.NATIONALITY_CONFIRMED, D(2025, 2, 9))
    _lp(r1, D(2025, 3, 1), D(2025, 3, 30))
    r2 = _georgian_request(D(2025, 3, 1))
    _answer(r2, Answer.NOT_NATIONAL, D(2025, 4, 10))
    r3 = _georgian_request(D(2025, 6, 1))
    officer = r3.case.case_officer
    services.request_schedule_presentation(request=r3, on=D(2025, 6, 15), actor=officer, now=NOW)
    services.request_record_presentation(request=r3, on=D(2025, 6, 15), actor=officer, now=NOW)
    _lp(r3, D(2025, 8, 30), D(2025, 9, 28))
    r4 = _georgian_request(D(2026, 1, 5))
    services.request_withdraw(
        request=r4, reason=WithdrawalReason.NO_ANSWER, on=D(2026, 6, 1), actor=r4.case.case_officer, now=NOW
    )
    r5 = _georgian_request(D(2026, 2, 1))
    _answer(r5, Answer.NOT_ESTABLISHED, D(2026, 2, 21))
    _georgian_request()
    return _georgian_request(D(2026, 11, 1))


def test_the_response_time_is_submission_to_first_answer_median_mean_and_quartiles(record):
    stats = country_statistics(Country.objects.get(code="GEO"))
    # First answers after 30, 40, 90 and 20 days: sorted 20 30 40 90.
    r = stats.response
    assert (r.count, r.median, r.mean, r.q1, r.q3, r.minimum, r.maximum) == (4, 35, 45, 27.5, 52.5, 20, 90)


def test_confirmation_rate_presentation_share_and_lps(record):
    stats = country_statistics(Country.objects.get(code="GEO"))
    # First answers: confirmed (R1), not a national (R2), LP (R3), cannot be established (R5) → 2 of 4.
    assert stats.confirmation_rate == 0.5
    # A presentation was demanded for 1 of the 6 submitted requests.
    assert stats.presentation_share == pytest.approx(1 / 6)
    assert (stats.lps_issued, stats.usual_validity_days) == (2, 30)


def test_per_year_and_open_by_state(record):
    stats = country_statistics(Country.objects.get(code="GEO"))
    # (year, submitted, answered, confirmed, refused, withdrawn, LPs issued)
    assert stats.per_year == [(2026, 3, 1, 0, 1, 1, 0), (2025, 3, 3, 2, 1, 0, 2)]
    assert stats.open_by_state == {"draft": 1, "submitted": 1, "issued": 2}


def test_a_past_year_does_not_change_when_todays_state_does(record):
    before = country_statistics(Country.objects.get(code="GEO")).per_year[-1]
    for lp in TravelDocumentRequest.objects.filter(country__code="GEO", state="issued"):
        services.request_record_expiry(request=lp, actor=lp.case.case_officer, now=NOW)
    assert country_statistics(Country.objects.get(code="GEO")).per_year[-1] == before


def test_an_open_request_expects_its_answer_at_the_countrys_median(record):
    request = with_expectation(TravelDocumentRequest.objects.filter(pk=record.pk)).get()
    e = expectation(request, today=D(2026, 11, 23))
    # 1-11-2026 + 35 days; half between +28 (27.5 rounded to even) and +52 (52.5 rounded to even).
    assert (e.around, e.based_on, e.early, e.late, e.overdue) == (
        D(2026, 12, 6),
        4,
        D(2026, 11, 29),
        D(2026, 12, 23),
        False,
    )
    assert expectation(request, today=D(2026, 12, 7)).overdue
