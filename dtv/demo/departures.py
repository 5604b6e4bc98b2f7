"""Demo departures: plans, removals in every state, cancellation reasons as in 2017, KMar files of every completeness,
a few charter and Frontex operations.

Written directly, as the services would have left them (a plan version, dated removal transitions, notices,
timeline events), for the open cases that are preparing departure and have none yet: a second run adds
nothing. The cancellation reasons follow the Inspectie's figures for January-November 2017 (seed 002): of
about 3,000 cancellations some 2,000 because the person absconded after the announcement, legal procedures
(new application, interim relief, Rule 39, medical) next, 286 for insufficient preparation.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from cases.constants import DestinationType, Phase
from cases.models import Case, CaseEvent
from departures import events
from departures.constants import (
    ApprovalState,
    CancellationReason,
    DepartureTrack,
    NoticeMethod,
    NoticeRecipient,
    RemovalKind,
    RemovalState,
)
from departures.models import (
    DepartureFile,
    DeparturePlan,
    MedicalParticulars,
    Operation,
    OperationPassenger,
    Removal,
    RemovalNotice,
    RemovalTransition,
)
from dtv.accounts.constants import Role
from dtv.accounts.models import User

# Weights per 3,000 cancellations, January-November 2017 (Inspectie JenV, seed 002; DOMAIN.md 10).
CANCELLATION_WEIGHTS = {
    CancellationReason.ABSCONDED: 2000,
    CancellationReason.INTERIM_RELIEF: 200,
    CancellationReason.MEDICAL: 100,
    CancellationReason.NEW_ASYLUM_APPLICATION: 90,
    CancellationReason.OTHER_APPLICATION: 60,
    CancellationReason.RULE_39: 40,
    CancellationReason.INSUFFICIENT_PREPARATION: 286,
    CancellationReason.RESISTANCE: 80,
    CancellationReason.CARRIER_REFUSED: 50,
    CancellationReason.TRAVEL_DOCUMENT: 44,
    CancellationReason.ENTRY_REFUSED: 30,
    CancellationReason.OTHER: 20,
}
_CARRIERS = [("Royal Air Maroc", "AT85"), ("Turkish Airlines", "TK19"), ("KLM", "KL15"), ("Ethiopian", "ET72")]
_FILE_ITEMS = [
    {"travel_documents": "Laissez-passer, origineel bij DT&V"},
    {"behaviour_risk": "Werkt niet mee aan vertrek", "risk_facts": "Verzet bij eerdere poging"},
    {"physical_features": "1,75 m, tatoeage rechterarm"},
    {"bags": 1, "baggage_kg": 20, "money": "EUR 50", "belongings_location": "Depot detentiecentrum"},
    {"destination_contacts": "Familie in de hoofdstad"},
]


def _event(case, kind, actor, at, data):
    return CaseEvent(case=case, kind=kind.code, actor=actor, occurred_at=at, data=data)


def _removal(case, officer, rng, *, departs_at, state, kmar, reason="", rebooked_from=None):
    carrier, prefix = rng.choice(_CARRIERS)
    booked_at = departs_at - dt.timedelta(days=rng.randint(7, 21))
    removal = Removal.objects.create(
        case=case,
        kind=rng.choice([RemovalKind.SCHEDULED] * 4 + [RemovalKind.CHARTER, RemovalKind.FRONTEX_JRO]),
        state=RemovalState.PLANNED,  # the state it reached is set below, with the facts its constraints ask for
        destination_country="MAR",
        carrier=carrier,
        flight_number=f"{prefix}{rng.randint(0, 9)}",
        departure_airport="Schiphol",
        departs_at=departs_at,
        kmar_escorts=kmar,
        ticket_reference=f"DEMO-{case.pk}-{rng.randint(100, 999)}",
        rebooked_from=rebooked_from,
        created_at=booked_at,
        created_by=officer,
    )
    facts = {"removal": removal.pk, "flight": f"{carrier} {removal.flight_number}", "country": "MAR",
             "departs_at": departs_at.isoformat()}  # fmt: skip
    moments = [(RemovalState.PLANNED, booked_at)]
    rows = [_event(case, events.REMOVAL_BOOKED, officer, booked_at, facts)]
    if state != RemovalState.PLANNED and not (state == RemovalState.CANCELLED and rng.random() < 0.3):
        notified_at = departs_at - dt.timedelta(hours=rng.randint(50, 120))
        for recipient in NoticeRecipient.values:
            RemovalNotice.objects.create(
                removal=removal, recipient=recipient, notified_at=notified_at, method=NoticeMethod.IN_PERSON,
                for_departure=departs_at, recorded_at=notified_at, recorded_by=officer,
            )  # fmt: skip
            rows.append(_event(case, events.REMOVAL_NOTICE_GIVEN, officer, notified_at,
                               {**facts, "recipient": recipient, "notified_at": notified_at.isoformat(),
                                "method": NoticeMethod.IN_PERSON}))  # fmt: skip
        removal.notified_at = notified_at
        moments.append((RemovalState.NOTIFIED, notified_at))
        if state in (RemovalState.CONFIRMED, RemovalState.EXECUTED):
            removal.confirmed_at = departs_at - dt.timedelta(hours=20)
            moments.append((RemovalState.CONFIRMED, removal.confirmed_at))
            rows.append(_event(case, events.REMOVAL_CONFIRMED, officer, removal.confirmed_at, facts))
    if state == RemovalState.EXECUTED:
        removal.executed_at = departs_at + dt.timedelta(minutes=rng.randint(0, 40))
        removal.escorted_by = "KMar" if kmar else "Zelfstandig aan boord"
        removal.handover = "Grenspolitie op de luchthaven van aankomst"
        moments.append((RemovalState.EXECUTED, removal.executed_at))
        rows.append(_event(case, events.REMOVAL_EXECUTED, officer, removal.executed_at,
                           {**facts, "executed_at": removal.executed_at.isoformat()}))  # fmt: skip
    if state == RemovalState.CANCELLED:
        removal.cancelled_at = departs_at - dt.timedelta(hours=rng.randint(2, 40))
        removal.cancellation_reason = reason
        removal.cancellation_note = "Demo" if reason == CancellationReason.OTHER else ""
        moments.append((RemovalState.CANCELLED, removal.cancelled_at))
        rows.append(_event(case, events.REMOVAL_CANCELLED, officer, removal.cancelled_at, {**facts, "reason": reason}))
    removal.state = state
    removal.save()
    previous = ""
    for to_state, at in moments:
        RemovalTransition.objects.create(removal=removal, from_state=previous, to_state=to_state, at=at, actor=officer)
        previous = to_state
    CaseEvent.objects.bulk_create(rows)
    return removal


def _file(case, officer, rng, now):
    items = rng.randint(0, len(_FILE_ITEMS))
    values = {}
    for part in _FILE_ITEMS[:items]:
        values.update(part)
    departure_file = DepartureFile.objects.create(case=case, updated_at=now, updated_by=officer, **values)
    if rng.random() < 0.6:
        MedicalParticulars.objects.create(
            departure_file=departure_file, particulars="Geen bijzonderheden", updated_at=now, updated_by=officer
        )


def seed_departures(*, now, limit=80, seed=11) -> int:
    """Departure plans, removals and KMar files for up to `limit` open cases without a plan; returns how many."""
    cases = list(
        Case.objects.filter(phase=Phase.DEPARTURE_PREPARATION, case_officer__isnull=False)
        .exclude(departure_plans__isnull=False)
        .select_related("case_officer")
        .order_by("id")[:limit]
    )
    leads = {u.team_id: u for u in User.objects.filter(groups__name=Role.TEAM_LEAD.value).order_by("id")}
    reasons, weights = zip(*CANCELLATION_WEIGHTS.items(), strict=True)
    done = 0
    for case in cases:
        rng = random.Random(seed * 100_003 + case.pk)
        officer = case.case_officer
        lead = leads.get(case.team_id)
        forced = lead is not None and rng.random() < 0.45
        track = DepartureTrack.FORCED if forced else rng.choice([DepartureTrack.INDEPENDENT, DepartureTrack.SUPPORTED])
        with transaction.atomic():
            at = now - dt.timedelta(days=rng.randint(20, 60))
            plan = DeparturePlan.objects.create(
                case=case, version=1, destination_type=DestinationType.COUNTRY_OF_ORIGIN, destination_country="MAR",
                track=track, programme="IOM AVRR" if track == DepartureTrack.SUPPORTED else "",
                obstacles="Geen geldig reisdocument" if rng.random() < 0.5 else "",
                agreed_actions="LP aanvragen; vertrekgesprek plannen", reason="Eerste vertrekplan", author=officer,
                created_at=at,
                approval=ApprovalState.APPROVED if forced else ApprovalState.NOT_NEEDED,
                approved_by=lead if forced else None, approved_at=at + dt.timedelta(days=1) if forced else None,
            )  # fmt: skip
            CaseEvent.objects.create(
                case=case, kind=events.PLAN_RECORDED.code, actor=officer, occurred_at=at,
                data={"plan": plan.pk, "version": 1, "track": plan.track, "country": "MAR", "reason": plan.reason},
            )  # fmt: skip
            kmar = rng.choice([1, 2, 3]) if forced else 0
            earlier = None
            # Almost half of the planned removals were cancelled (47% in 2017): one or two earlier attempts.
            for _attempt in range(rng.choice([0, 0, 1, 1, 2])):
                departs = now - dt.timedelta(days=rng.randint(3, 19), hours=rng.randint(0, 12))
                reason = rng.choices(reasons, weights)[0]
                earlier = _removal(case, officer, rng, departs_at=departs, state=RemovalState.CANCELLED, kmar=kmar,
                                   reason=reason, rebooked_from=earlier)  # fmt: skip
            state = rng.choice(
                [RemovalState.PLANNED, RemovalState.NOTIFIED, RemovalState.CONFIRMED, RemovalState.EXECUTED]
            )
            if state == RemovalState.EXECUTED:
                departs = now - dt.timedelta(days=rng.randint(1, 3))
            else:
                departs = now + dt.timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 10))
            _removal(case, officer, rng, departs_at=departs, state=state, kmar=kmar, rebooked_from=earlier)
            if forced:
                _file(case, officer, rng, now)
        done += 1
    return done


# Group operations: (reference, kind, carrier, flight, airport, days from now, hour, seats, KMar, DT&V, medical).
_OPERATIONS = [
    ("DEMO-CHARTER-MAR-1", RemovalKind.CHARTER, "Privilege Style", "PVG4301", "Rotterdam The Hague Airport", 4, 7,
     60, 40, 2, True),
    ("DEMO-JRO-MAR-2", RemovalKind.FRONTEX_JRO, "Air Arabia Maroc", "3O1502", "Schiphol", 11, 9, 30, 20, 1, False),
    ("DEMO-NRO-MAR-3", RemovalKind.FRONTEX_NRO, "Royal Air Maroc", "AT8101", "Eindhoven Airport", 18, 6, 15, 10, 0,
     False),
]  # fmt: skip


def seed_operations(*, now, people=12) -> int:
    """A few charter and Frontex operations with open forced removals on board (moved to their flight); a second run
    adds nothing. Returns how many operations were made."""
    if Operation.objects.filter(reference__startswith="DEMO-").exists():
        return 0
    lead = User.objects.filter(groups__name=Role.TEAM_LEAD.value, team__isnull=False).order_by("id").first()
    if lead is None:
        return 0
    free = Removal.objects.filter(
        state__in=[RemovalState.PLANNED, RemovalState.NOTIFIED], kmar_escorts__gt=0, operation_place__isnull=True
    ).select_related("case")
    made = 0
    for reference, kind, carrier, flight, airport, days, hour, seats, kmar, dtv, medical in _OPERATIONS:
        local = timezone.localtime(now) + dt.timedelta(days=days)
        departs = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        with transaction.atomic():
            on_board = list(free.order_by("id")[:people])
            operation = Operation.objects.create(
                kind=kind, reference=reference, carrier=carrier, flight_number=flight, departure_airport=airport,
                departs_at=departs, destination_country="MAR", seats=seats, kmar_escorts=kmar, dtv_escorts=dtv,
                medical_escort=medical, team_id=lead.team_id, created_at=now, created_by=lead,
                manifest_version=len(on_board),
            )  # fmt: skip
            rows = []
            for number, removal in enumerate(on_board):
                removal.kind, removal.carrier, removal.flight_number = kind, carrier, flight
                removal.departure_airport, removal.departs_at = airport, departs
                removal.save(update_fields=["kind", "carrier", "flight_number", "departure_airport", "departs_at"])
                # As if the notice named the operation's flight, some of it too late (the manifest shows which).
                RemovalNotice.objects.filter(removal=removal).update(
                    for_departure=departs, notified_at=departs - dt.timedelta(hours=72 if number % 5 else 30)
                )
                seat = f"{number // 4 + 1}{'ABCD'[number % 4]}"
                OperationPassenger.objects.create(
                    operation=operation, removal=removal, seat=seat, joined_at=now, joined_by=lead
                )
                rows.append(_event(removal.case, events.OPERATION_JOINED, lead, now,
                                   {"operation": operation.pk, "reference": reference, "flight": f"{carrier} {flight}",
                                    "removal": removal.pk, "seat": seat}))  # fmt: skip
            CaseEvent.objects.bulk_create(rows)
        made += 1
    return made
