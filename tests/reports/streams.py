"""Event streams for the reports' tests, written through the services as the product writes them."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from cases.constants import ClosureEvidence, DatePrecision, DestinationType
from cases.intake import HandoverData, handover_receive
from cases.services import case_assign, case_close, case_reopen
from cases.services.assignment import _assign
from reports.summaries import summaries_refresh

AMS = ZoneInfo("Europe/Amsterdam")
_numbers = itertools.count(1)


def at(year, month, day, hour=12):
    """A moment in Amsterdam time (the day a figure counts on)."""
    return dt.datetime(year, month, day, hour, tzinfo=AMS)


def opened(*, source="ind", nationality="MAR", when, by, track="asylum_rejected", dob_precision=DatePrecision.YEAR):
    """A case opened by a handover of `source` at `when` (the "case opened" event)."""
    n = next(_numbers)
    handover, _new = handover_receive(
        data=HandoverData(
            source=source,
            reference=f"REF-{n}",
            handover_date=when.date(),
            v_number=f"{4100000000 + n:010d}",
            surname=f"Persoon{n}",
            date_of_birth=None if dob_precision == DatePrecision.UNKNOWN else dt.date(1990, 1, 1),
            date_of_birth_precision=dob_precision,
            nationalities=[(nationality, "claimed")] if nationality else [],
            track=track,
        ),
        received_by=by,
        now=when,
    )
    return handover.case


def assigned(case, officer, *, by, when):
    case_assign(case=case, officer=officer, actor=by, now=when)
    case.refresh_from_db()
    return case


def moved_to_team(case, officer, *, by, when):
    """The case goes to `officer`'s team (no public service moves a case between teams yet: the same step)."""
    case.refresh_from_db()
    _assign(case, officer, by, when, "moved to another team")
    return case


def closed(case, reason, *, by, when, departed_on=None, destination=DestinationType.COUNTRY_OF_ORIGIN):
    extra = {}
    if reason in ("departed_independently", "departed_forced", "departed_unsupervised"):
        extra["departed_on"] = departed_on or when.date()
    if reason in ("departed_independently", "departed_forced"):
        extra.update(
            destination_type=destination,
            destination_country="MAR" if destination != "dublin_state" else "DEU",
            evidence=ClosureEvidence.IOM_CONFIRMATION,
        )
    case_close(case=case, closure_reason=reason, actor=by, now=when, **extra)
    case.refresh_from_db()
    return case


def reopened(case, *, by, when):
    case_reopen(case=case, reason="The person turned out to be in the Netherlands.", actor=by, now=when)
    case.refresh_from_db()
    return case


def counted(when=None):
    """Count everything written so far into the summaries (no transaction is still writing in a test)."""
    return summaries_refresh(now=when or at(2027, 1, 5), settle=False)
