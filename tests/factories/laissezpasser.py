"""Travel-document requests per lifecycle state, made through the services as the product makes them."""

import datetime as dt

from cases.constants import NationalityStatus
from laissezpasser import services
from laissezpasser.constants import Answer, Channel
from laissezpasser.models import Country

from .api import NationalityFactory
from .cases import CaseFactory

# A Monday in Amsterdam, 10:00.
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)


def moroccan_case(**kwargs):
    """An open case of a person who claims Moroccan nationality."""
    case = CaseFactory(in_progress=True, **kwargs)
    NationalityFactory(foreign_national=case.foreign_national, country="MAR", status=NationalityStatus.CLAIMED)
    return case


def draft_request(case=None, *, country="MAR", actor=None, now=NOW, **kwargs):
    case = case or moroccan_case()
    return services.request_create(
        case=case, country=Country.objects.get(code=country), actor=actor or case.case_officer, now=now, **kwargs
    )


def submitted_request(case=None, *, on=dt.date(2026, 9, 1), now=NOW, **kwargs):
    request = draft_request(case, now=now, **kwargs)
    return services.request_submit(
        request=request, on=on, channel=Channel.EMAIL, actor=request.case.case_officer, now=now
    )


def issued_request(case=None, *, issued_on=dt.date(2026, 11, 2), valid_until=dt.date(2026, 12, 31), now=NOW, **kwargs):
    request = submitted_request(case, now=now, **kwargs)
    return services.request_record_answer(
        request=request,
        answer=Answer.ISSUED,
        on=issued_on,
        channel=Channel.POST,
        actor=request.case.case_officer,
        now=now,
        lp_number="LP-2026-0001",
        lp_issued_on=issued_on,
        lp_valid_until=valid_until,
    )
