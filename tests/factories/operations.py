"""Group and charter operations with people on board, made through the services as the product makes them."""

from departures import operations
from departures.constants import RemovalKind
from tests.factories.accounts import TeamLeadFactory
from tests.factories.departures import BOOKED, DEPARTS, ready_forced_case


def charter(*, lead=None, now=BOOKED, **kwargs):
    """A KMar-escorted charter to Morocco leaving at DEPARTS (Monday 26 October 2026 10:00), organised by `lead`."""
    values = {
        "kind": RemovalKind.CHARTER,
        "reference": "CHARTER-2026-43",
        "carrier": "Privilege Style",
        "flight_number": "PVG4301",
        "departure_airport": "Rotterdam The Hague Airport",
        "departs_at": DEPARTS,
        "destination_country": "MAR",
        "seats": 60,
        "kmar_escorts": 40,
        "dtv_escorts": 2,
        **kwargs,
    }
    return operations.operation_create(actor=lead or TeamLeadFactory(), now=now, **values)


def on_board(operation, case=None, *, seat="", now=BOOKED):
    """A ready forced case added to the operation (its removal booked on the operation's flight)."""
    case = case or ready_forced_case(now=now)
    return operations.operation_case_add(operation=operation, case=case, actor=case.case_officer, now=now, seat=seat)
