"""Group and charter operations: one flight, many removals, each keeping its own notice, checks and state.

An operation is the flight (a charter, a Frontex JRO/NRO/CRO, or a group on a scheduled flight) with its escorts;
a removal joins it only when it is the same departure: same flight number, same moment, same destination and kind,
open, of an open case the actor may change. Joining and leaving raise the manifest's version, so a manifest PDF
rendered before is shown as out of date. The flight facts of an operation are fixed once recorded: another flight
is another operation, and each removal then needs a rebooking and a new notice (services.removal_rebook).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import events as case_events
from dtv.core.exceptions import DomainError
from dtv.core.pdf import RenderState

from . import events, services
from .constants import OPEN_REMOVAL_STATES, RemovalKind, RemovalState
from .models import Operation, OperationPassenger, Removal

ORGANISE = "departures.organise_operation"


def _flight(operation):
    return f"{operation.carrier} {operation.flight_number}"


@transaction.atomic
def operation_create(
    *,
    actor,
    now,
    kind,
    reference,
    carrier,
    flight_number,
    departure_airport,
    departs_at,
    destination_country,
    seats=None,
    kmar_escorts=0,
    dtv_escorts=0,
    medical_escort=False,
) -> Operation:
    """Record a group or charter operation, organised by the actor's team (a team lead)."""
    if not actor.has_perm(ORGANISE) or actor.team_id is None:
        raise PermissionDenied(_("Only a team lead organises a group or charter operation."))
    errors = {}
    if kind not in RemovalKind.values:
        errors["kind"] = _("Choose the kind of flight.")
    if departs_at is None or timezone.is_naive(departs_at):
        errors["departs_at"] = _("Give the departure with its date and time.")
    elif departs_at <= now:
        errors["departs_at"] = _("The departure must lie in the future.")
    values = {"reference": reference, "carrier": carrier, "flight_number": flight_number,
              "departure_airport": departure_airport}  # fmt: skip
    for name, value in values.items():
        if not str(value or "").strip():
            errors[name] = _("This field is required.")
    if seats is not None and seats < 1:
        errors["seats"] = _("An operation has at least one seat.")
    if str(reference or "").strip() and Operation.objects.filter(reference=reference.strip()).exists():
        errors["reference"] = _("Another operation has this reference.")
    if errors:
        raise ValidationError(errors)
    country = services._country(destination_country, "destination_country")
    return Operation.objects.create(
        kind=kind,
        reference=reference.strip(),
        carrier=carrier.strip(),
        flight_number=flight_number.strip().upper(),
        departure_airport=departure_airport.strip(),
        departs_at=departs_at,
        destination_country=country,
        seats=seats,
        kmar_escorts=kmar_escorts or 0,
        dtv_escorts=dtv_escorts or 0,
        medical_escort=bool(medical_escort),
        team_id=actor.team_id,
        created_at=now,
        created_by=actor,
    )


def join_refusal(operation, removal, *, now, taken_seats: int):
    """Why `removal` may not join `operation`, as (message, code), or None: the one definition of "same departure"."""
    if removal.case.phase == "closed":
        return _("This case is closed."), "case_closed"
    if removal.state not in OPEN_REMOVAL_STATES:
        return _("Only an open removal joins an operation."), "removal_not_open"
    if operation.departs_at <= now:
        return _("This operation has left."), "operation_departed"
    if removal.kind != operation.kind:
        return _("The removal is booked on another kind of flight than the operation."), "operation_other_kind"
    if removal.destination_country != operation.destination_country:
        return _("The removal goes to another country than the operation."), "operation_other_destination"
    if removal.departs_at != operation.departs_at or removal.flight_number.upper() != operation.flight_number:
        # Another moment is another departure: the notice named the removal's own (rebook and notify again).
        return (
            _("The removal is booked on another flight or departure moment: rebook it on the operation's flight."),
            "operation_other_departure",
        )
    if operation.seats is not None and taken_seats >= operation.seats:
        return _("Every seat of this operation is taken."), "operation_full"
    return None


def _taken_seats(operation):
    return OperationPassenger.objects.filter(operation=operation, removal__state__in=OPEN_REMOVAL_STATES).count()


def _seat(operation, seat):
    seat = (seat or "").strip().upper()
    if seat and OperationPassenger.objects.filter(operation=operation, seat=seat).exists():
        raise ValidationError({"seat": _("This seat is taken.")})
    return seat


@transaction.atomic
def operation_removal_join(*, operation, removal, actor, now, seat="") -> OperationPassenger:
    """Put an open removal on the operation (same flight, moment, destination and kind); its seat if known."""
    operation = Operation.objects.select_for_update().get(pk=operation.pk)
    removal = services._lock_removal(removal, actor)
    if OperationPassenger.objects.filter(removal=removal).exists():
        raise DomainError(_("This removal is already on an operation."), code="already_on_operation")
    refusal = join_refusal(operation, removal, now=now, taken_seats=_taken_seats(operation))
    if refusal:
        raise DomainError(refusal[0], code=refusal[1])
    passenger = OperationPassenger.objects.create(
        operation=operation, removal=removal, seat=_seat(operation, seat), joined_at=now, joined_by=actor
    )
    Operation.objects.filter(pk=operation.pk).update(manifest_version=F("manifest_version") + 1)
    case_events.case_event_record(
        case=removal.case,
        kind=events.OPERATION_JOINED,
        actor=actor,
        now=now,
        data={"operation": operation.pk, "reference": operation.reference, "flight": _flight(operation),
              "removal": removal.pk, "seat": passenger.seat},
    )  # fmt: skip
    return passenger


@transaction.atomic
def operation_case_add(*, operation, case, actor, now, seat="", ticket_reference="") -> OperationPassenger:
    """Add a case to the operation: its open removal joins, or one is booked on the operation's flight first."""
    removal = Removal.objects.filter(case=case, state__in=OPEN_REMOVAL_STATES).first()
    if removal is None:
        removal = services.removal_book(
            case=case,
            actor=actor,
            now=now,
            kind=operation.kind,
            carrier=operation.carrier,
            flight_number=operation.flight_number,
            departure_airport=operation.departure_airport,
            departs_at=operation.departs_at,
            destination_country=operation.destination_country,
            kmar_escorts=operation.kmar_escorts,
            dtv_escort=operation.dtv_escorts > 0,
            ticket_reference=ticket_reference,
        )
    return operation_removal_join(operation=operation, removal=removal, actor=actor, now=now, seat=seat)


@transaction.atomic
def operation_removal_leave(*, passenger, reason, actor, now) -> Removal:
    """Take a removal off the operation (it stays booked: rebook or cancel it on its own page)."""
    passenger = OperationPassenger.objects.select_related("operation").get(pk=passenger.pk)
    operation = Operation.objects.select_for_update().get(pk=passenger.operation_id)
    removal = services._lock_removal(passenger.removal, actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the person leaves the operation.")})
    if removal.state == RemovalState.EXECUTED:
        raise DomainError(_("The person has left on this operation."), code="removal_executed")
    OperationPassenger.objects.filter(pk=passenger.pk).delete()
    Operation.objects.filter(pk=operation.pk).update(manifest_version=F("manifest_version") + 1)
    case_events.case_event_record(
        case=removal.case,
        kind=events.OPERATION_LEFT,
        actor=actor,
        now=now,
        data={"operation": operation.pk, "reference": operation.reference, "removal": removal.pk,
              "reason": reason.strip()},
    )  # fmt: skip
    return removal


@transaction.atomic
def operation_manifest_request(*, operation, actor, now) -> Operation:
    """Queue the manifest PDF of the operation's current version (rendered once per version, after the commit)."""
    if not actor.has_perm(ORGANISE) or actor.team_id != operation.team_id or actor.chain_partner:
        raise PermissionDenied(_("The organising team's leads hand the manifest to KMar."))
    operation = Operation.objects.select_for_update().get(pk=operation.pk)
    if operation.pdf_current or operation.render_state in (RenderState.QUEUED, RenderState.RENDERING):
        return operation
    operation.render_state = RenderState.QUEUED
    operation.save(update_fields=["render_state"])
    from .tasks import render_manifest_pdf

    operation_id = operation.pk
    transaction.on_commit(lambda: render_manifest_pdf.delay(operation_id=operation_id))
    return operation
