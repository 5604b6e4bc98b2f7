"""valid_travel_document on the edges, and the practical obstacle "geen geldig reisdocument" it gives."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import DocumentKind
from cases.models import CaseDocument
from cases.selectors import case_removability, cases_removability
from laissezpasser import services
from laissezpasser.selectors import LAISSEZ_PASSER, valid_travel_document
from tests.factories.laissezpasser import NOW, issued_request, moroccan_case

pytestmark = pytest.mark.django_db
D = dt.date
FLIGHT = D(2026, 12, 10)


def _document(case, kind=DocumentKind.PASSPORT):
    return CaseDocument.objects.create(
        case=case,
        kind=kind,
        filename="paspoort.pdf",
        storage_name=uuid.uuid4().hex,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_at=NOW,
        uploaded_by=case.case_officer,
    )


def _passport(case, valid_until, kind=DocumentKind.PASSPORT):
    return services.identity_document_record(
        document=_document(case, kind),
        number="P1234567",
        country="MAR",
        valid_until=valid_until,
        actor=case.case_officer,
        now=NOW,
    )


class TestAnLp:
    def test_valid_until_the_day_before_the_flight_is_no_travel_document(self):
        request = issued_request(valid_until=FLIGHT - dt.timedelta(days=1))
        document = valid_travel_document(request.case, on=FLIGHT)
        assert not document
        assert document.reason == "Geen geldig reisdocument: het laatste is verlopen op 09-12-2026."

    def test_valid_until_the_flight_day_itself_is_valid(self):
        request = issued_request(valid_until=FLIGHT)
        document = valid_travel_document(request.case, on=FLIGHT)
        assert (document.kind, document.number, document.valid_until, document.country) == (
            LAISSEZ_PASSER,
            "LP-2026-0001",
            FLIGHT,
            "MAR",
        )

    def test_valid_until_after_the_flight_is_valid(self):
        request = issued_request(valid_until=FLIGHT + dt.timedelta(days=1))
        assert valid_travel_document(request.case, on=FLIGHT).kind == LAISSEZ_PASSER

    def test_an_lp_is_not_valid_before_its_issue_date(self):
        request = issued_request(issued_on=D(2026, 11, 2))
        assert not valid_travel_document(request.case, on=D(2026, 11, 1))

    def test_an_expired_lp_is_none(self):
        request = issued_request(valid_until=D(2026, 11, 22))
        services.request_record_expiry(request=request, actor=request.case.case_officer, now=NOW)
        assert not valid_travel_document(request.case, on=D(2026, 11, 23))


class TestAPassportAmongTheDocuments:
    def test_a_passport_with_its_expiry_is_a_travel_document(self):
        case = moroccan_case()
        _passport(case, D(2030, 1, 1))
        document = valid_travel_document(case, on=FLIGHT)
        assert (document.kind, document.number, document.valid_until) == ("passport", "P1234567", D(2030, 1, 1))

    def test_an_identity_card_counts_too_and_an_expired_passport_does_not(self):
        case = moroccan_case()
        _passport(case, D(2026, 1, 1))
        assert not valid_travel_document(case, on=FLIGHT)
        _passport(case, D(2027, 1, 1), kind=DocumentKind.ID_CARD)
        assert valid_travel_document(case, on=FLIGHT).kind == "id_card"

    def test_only_a_passport_or_identity_card_gets_document_details(self):
        from django.core.exceptions import ValidationError

        case = moroccan_case()
        with pytest.raises(ValidationError):
            _passport(case, D(2030, 1, 1), kind=DocumentKind.BIRTH_CERTIFICATE)

    def test_nothing_recorded_says_so(self):
        assert valid_travel_document(moroccan_case(), on=FLIGHT).reason == (
            "Geen geldig reisdocument: geen paspoort, identiteitskaart of laissez-passer vastgelegd."
        )


class TestTheRemovabilityCheck:
    def test_no_travel_document_is_a_practical_obstacle_that_an_issued_lp_lifts(self):
        case = moroccan_case()
        obstacles = case_removability(case=case, on=FLIGHT).practical_obstacles
        assert [o.check for o in obstacles if o.check == "travel_document"] == ["travel_document"]
        issued_request(case, valid_until=D(2026, 12, 31))
        obstacles = case_removability(case=case, on=FLIGHT).practical_obstacles
        assert [o for o in obstacles if o.check == "travel_document"] == []

    def test_many_cases_cost_what_one_costs(self):
        one = [moroccan_case()]
        many = [moroccan_case() for _ in range(5)]
        for case in many[:3]:
            issued_request(case)
        with CaptureQueriesContext(connection) as single:
            cases_removability(cases=one, on=FLIGHT)
        with CaptureQueriesContext(connection) as several:
            result = cases_removability(cases=many, on=FLIGHT)
        assert len(several) == len(single)
        blocked = [c.pk for c in many if any(o.check == "travel_document" for o in result[c.pk].obstacles)]
        assert blocked == [c.pk for c in many[3:]]
