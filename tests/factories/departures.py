"""Departure plans, removals per lifecycle state and KMar files, made through the services as the product makes them."""

import datetime as dt
from zoneinfo import ZoneInfo

from cases.constants import DestinationType
from departures import services
from departures.constants import DepartureTrack, NoticeMethod, NoticeRecipient, RemovalKind
from tests.factories.accounts import TeamLeadFactory
from tests.factories.laissezpasser import issued_request, moroccan_case

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


# Tuesday 20 October 2026, 09:00: the week before the clocks go back (Sunday 25 October, 03:00 → 02:00).
BOOKED = local(2026, 10, 20, 9)
# Monday 26 October 2026, 10:00 CET: 48 hours before is Saturday 24 October, 11:00 CEST.
DEPARTS = local(2026, 10, 26, 10)


def plan(case, *, track=DepartureTrack.INDEPENDENT, actor=None, now=BOOKED, **kwargs):
    values = {
        "destination_type": DestinationType.COUNTRY_OF_ORIGIN,
        "destination_country": "MAR",
        "reason": "Eerste vertrekplan",
        **kwargs,
    }
    return services.plan_record(case=case, actor=actor or case.case_officer, now=now, track=track, **values)


def approved_forced_plan(case, *, now=BOOKED):
    forced = plan(case, track=DepartureTrack.FORCED, now=now)
    lead = TeamLeadFactory(team=case.team)
    return services.plan_approve(plan=forced, actor=lead, now=now)


def booking(**kwargs):
    return {
        "kind": RemovalKind.SCHEDULED,
        "carrier": "Royal Air Maroc",
        "flight_number": "AT851",
        "departure_airport": "Schiphol",
        "departs_at": DEPARTS,
        "ticket_reference": "TKT-1",
        "destination_country": "MAR",
        **kwargs,
    }


def planned_removal(case=None, *, now=BOOKED, **kwargs):
    case = case or moroccan_case()
    return services.removal_book(case=case, actor=case.case_officer, now=now, **booking(**kwargs))


def notify(removal, at, *, now=None, recipients=(NoticeRecipient.PERSON, NoticeRecipient.LEGAL_REPRESENTATIVE)):
    for recipient in recipients:
        removal = services.removal_notice_record(
            removal=removal,
            recipient=recipient,
            notified_at=at,
            method=NoticeMethod.IN_PERSON,
            actor=removal.case.case_officer,
            now=now or at,
        )
    return removal


def complete_file(case, *, now=BOOKED):
    services.departure_file_update(
        case=case,
        actor=case.case_officer,
        now=now,
        travel_documents="Laissez-passer Marokko (origineel bij DT&V)",
        behaviour_risk="Rustig, werkt mee",
        risk_facts="Geen incidenten in de bewaring",
        physical_features="1,80 m, litteken linkerwang",
        bags=1,
        baggage_kg=18,
        money="EUR 40",
        belongings_location="Depot DC Rotterdam",
        destination_contacts="Broer in Casablanca",
    )
    services.medical_particulars_update(
        case=case, actor=case.case_officer, now=now, particulars="Geen bijzonderheden", fit_to_travel=True
    )


def ready_forced_case(*, now=BOOKED):
    """A Moroccan case with an LP valid on the flight date, the forced track approved and a complete KMar file."""
    case = moroccan_case()
    issued_request(case, issued_on=dt.date(2026, 10, 1), valid_until=dt.date(2026, 12, 31), now=now)
    approved_forced_plan(case, now=now)
    complete_file(case, now=now)
    return case
