"""Every change in departures: one service per transition, each one transaction with its timeline event.

Each service locks the case, then its row (`select_for_update`), checks who acts (`can_edit_case`) and the
rule, writes the change, a dated `RemovalTransition` where a removal moves, and one case event. A broken rule
raises `DomainError` with its code, a field problem `ValidationError`, an actor who may not act
`PermissionDenied`. Nothing is half-saved.
"""

import datetime as dt

from celery import current_app
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import events as case_events
from cases.constants import DUBLIN_STATES, ClosureEvidence, ClosureReason, DestinationType
from cases.deadlines.engine import deadline_meet, deadline_open, deadline_recompute, deadlines_for_source
from cases.deadlines.rules import AMMR_APPLIES_FROM
from cases.models import Case
from cases.permissions import can_edit_case
from cases.services import case_close
from dtv.core.exceptions import DomainError
from dtv.core.pdf import RenderState
from laissezpasser.models import Country, TravelDocumentRequest
from laissezpasser.selectors import LAISSEZ_PASSER, valid_travel_document
from laissezpasser.services import request_record_use

from . import events
from .constants import (
    OPEN_REMOVAL_STATES,
    TRANSITIONS,
    ApprovalState,
    CancellationReason,
    DepartureTrack,
    DublinAnswer,
    DublinCircumstance,
    NoticeRecipient,
    RemovalState,
)
from .deadlines import (
    DepartureDeadlineKind,
    dublin_answer_due,
    dublin_extension_grounds,
    extension_notice_before,
)
from .kmar_pdf import TASK as KMAR_PDF_TASK
from .kmar_pdf import file_parts, source_stamp
from .models import (
    DepartureFile,
    DeparturePlan,
    DublinClaim,
    KmarFilePdf,
    MedicalParticulars,
    Removal,
    RemovalNotice,
    RemovalTransition,
)
from .permissions import can_read_medical
from .selectors import notice_status, removal_checklist, removal_destination_type


def _lock_case(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def _require_edit(actor, case):
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))


def _open_case(actor, case) -> Case:
    case = _lock_case(case)
    _require_edit(actor, case)
    if case.phase == "closed":
        raise DomainError(_("This case is closed."), code="case_closed")
    return case


def _country(value, field):
    value = (value or "").strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise ValidationError({field: _("Give the country as its three-letter code.")})
    return value


# --- the departure plan --------------------------------------------------------------------------------------


@transaction.atomic
def plan_record(
    *,
    case,
    actor,
    now,
    destination_type,
    destination_country,
    track,
    reason,
    third_country_access="",
    programme="",
    obstacles="",
    agreed_actions="",
) -> DeparturePlan:
    """Record a new version of the case's departure plan (the forced track then awaits a team lead)."""
    case = _open_case(actor, case)
    country = _country(destination_country, "destination_country")
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Say why the plan changes.")
    if destination_type == DestinationType.DUBLIN_STATE and country not in DUBLIN_STATES:
        errors["destination_country"] = _("This country is not bound by the Dublin regulation.")
    if destination_type == DestinationType.OTHER_COUNTRY and not third_country_access.strip():
        errors["third_country_access"] = _("A third country needs the person's access to it and its basis.")
    if track == DepartureTrack.SUPPORTED:
        if not programme.strip():
            errors["programme"] = _("Name the IOM or NGO programme.")
        else:
            known = Country.objects.filter(code=country).values_list("programme_eligible", flat=True).first()
            if known is False:
                errors["programme"] = _("Return programmes do not support departure to this country.")
    if errors:
        raise ValidationError(errors)
    last = DeparturePlan.objects.filter(case=case).order_by("-version").values_list("version", flat=True).first()
    plan = DeparturePlan.objects.create(
        case=case,
        version=(last or 0) + 1,
        destination_type=destination_type,
        destination_country=country,
        third_country_access=third_country_access.strip(),
        track=track,
        programme=programme.strip() if track == DepartureTrack.SUPPORTED else "",
        obstacles=obstacles.strip(),
        agreed_actions=agreed_actions.strip(),
        reason=reason.strip(),
        author=actor,
        created_at=now,
        approval=ApprovalState.PENDING if track == DepartureTrack.FORCED else ApprovalState.NOT_NEEDED,
    )
    case_events.case_event_record(
        case=case,
        kind=events.PLAN_RECORDED,
        actor=actor,
        now=now,
        data={"plan": plan.pk, "version": plan.version, "track": track, "country": country, "reason": plan.reason},
    )
    return plan


@transaction.atomic
def plan_approve(*, plan, actor, now) -> DeparturePlan:
    """A team lead approves the forced track of the current plan version (four eyes: not its author)."""
    case = _lock_case(plan.case)
    if not actor.has_perm("departures.approve_forced_track") or not can_edit_case(actor, case):
        raise PermissionDenied(_("Only a team lead of the case's team approves the forced track."))
    plan = DeparturePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.author_id == actor.pk:
        raise DomainError(_("Four eyes: the author of a plan may not approve it."), code="self_approval")
    if plan.approval != ApprovalState.PENDING:
        raise DomainError(_("This plan version awaits no approval."), code="nothing_to_approve")
    if DeparturePlan.objects.filter(case=case, version__gt=plan.version).exists():
        raise DomainError(_("A newer version of the plan exists."), code="plan_not_current")
    plan.approval, plan.approved_by, plan.approved_at = ApprovalState.APPROVED, actor, now
    plan.save(update_fields=["approval", "approved_by", "approved_at"])
    case_events.case_event_record(
        case=case, kind=events.PLAN_APPROVED, actor=actor, now=now, data={"plan": plan.pk, "version": plan.version}
    )
    return plan


# --- removals ---------------------------------------------------------------------------------------------


def _lock_removal(removal, actor) -> Removal:
    case = _lock_case(removal.case)
    if case.phase == "closed":
        # An executed removal closed it (or the case closed otherwise, which cancelled the open removals).
        raise DomainError(_("This case is closed."), code="case_closed")
    _require_edit(actor, case)
    locked = Removal.objects.select_for_update().get(pk=removal.pk)
    locked.case = case
    return locked


def _require_state(removal, transition):
    allowed, _target = TRANSITIONS[transition]
    if removal.state not in allowed:
        raise DomainError(
            _("This step is not possible for a removal that is %(state)s.") % {"state": removal.get_state_display()},
            code="invalid_transition",
        )


def _flight_facts(removal):
    return {
        "removal": removal.pk,
        "flight": f"{removal.carrier} {removal.flight_number}",
        "country": removal.destination_country,
        "departs_at": removal.departs_at.isoformat(),
    }


def _move(removal, *, to_state, actor, now, kind, fields=(), data=None):
    from_state = removal.state
    removal.state = to_state
    removal.save(update_fields=["state", *fields])
    RemovalTransition.objects.create(
        removal=removal, from_state=from_state, to_state=to_state, at=now, actor=actor, data=data or {}
    )
    case_events.case_event_record(
        case=removal.case, kind=kind, actor=actor, now=now, data={**_flight_facts(removal), **(data or {})}
    )
    return removal


_BOOKING_FIELDS = (
    "kind",
    "carrier",
    "flight_number",
    "departure_airport",
    "departs_at",
    "destination_country",
    "transfer_points",
    "kmar_escorts",
    "dtv_escort",
    "medical_escort",
    "medical_escort_conditions",
    "ticket_reference",
)


def _booking(case, *, now, booking):
    errors = {}
    departs_at = booking.get("departs_at")
    if departs_at is None or timezone.is_naive(departs_at):
        errors["departs_at"] = _("Give the departure with its date and time.")
    elif departs_at <= now:
        errors["departs_at"] = _("The departure must lie in the future.")
    for name in ("carrier", "flight_number", "departure_airport"):
        if not str(booking.get(name) or "").strip():
            errors[name] = _("This field is required.")
    if booking.get("medical_escort") and not str(booking.get("medical_escort_conditions") or "").strip():
        errors["medical_escort_conditions"] = _("State the conditions of the medical escort.")
    if errors:
        raise ValidationError(errors)
    plan = DeparturePlan.objects.filter(case=case).order_by("-version").first()
    country = booking.get("destination_country") or (plan.destination_country if plan else "")
    booking["destination_country"] = _country(country, "destination_country")
    return plan


@transaction.atomic
def removal_book(*, case, actor, now, **booking) -> Removal:
    """Book a removal (planned): the flight, its escorts and ticket; one open removal per case."""
    case = _open_case(actor, case)
    booking = {name: booking[name] for name in _BOOKING_FIELDS if name in booking}
    plan = _booking(case, now=now, booking=booking)
    if Removal.objects.filter(case=case, state__in=OPEN_REMOVAL_STATES).exists():
        raise DomainError(_("This case already has an open removal: rebook or cancel it."), code="open_removal_exists")
    removal = Removal.objects.create(case=case, plan=plan, created_at=now, created_by=actor, **booking)
    removal.case = case
    RemovalTransition.objects.create(removal=removal, to_state=RemovalState.PLANNED, at=now, actor=actor)
    case_events.case_event_record(
        case=case, kind=events.REMOVAL_BOOKED, actor=actor, now=now, data=_flight_facts(removal)
    )
    return removal


@transaction.atomic
def removal_notice_record(*, removal, recipient, notified_at, method, actor, now) -> Removal:
    """Record that the person or the representative was told of the flight; both told: the removal is notified."""
    removal = _lock_removal(removal, actor)
    _require_state(removal, "notify")
    if notified_at is None or timezone.is_naive(notified_at):
        raise ValidationError({"notified_at": _("Give the moment of the notice with its date and time.")})
    if notified_at > now:
        raise ValidationError({"notified_at": _("This cannot lie in the future.")})
    if notified_at >= removal.departs_at:
        raise ValidationError({"notified_at": _("A notice after the departure is no notice.")})
    RemovalNotice.objects.create(
        removal=removal,
        recipient=recipient,
        notified_at=notified_at,
        method=method,
        for_departure=removal.departs_at,
        recorded_at=now,
        recorded_by=actor,
    )
    case_events.case_event_record(
        case=removal.case,
        kind=events.REMOVAL_NOTICE_GIVEN,
        actor=actor,
        now=now,
        data={
            **_flight_facts(removal),
            "recipient": recipient,
            "notified_at": notified_at.isoformat(),
            "method": method,
        },
    )
    status = notice_status(removal, list(removal.notices.all()))
    if status.given and removal.state == RemovalState.PLANNED:
        removal.notified_at = now
        _move(removal, to_state=RemovalState.NOTIFIED, actor=actor, now=now, kind=events.REMOVAL_NOTICE_GIVEN,
              fields=["notified_at"], data={"recipient": NoticeRecipient.LEGAL_REPRESENTATIVE, "both": True,
                                            "notified_at": notified_at.isoformat(), "method": method})  # fmt: skip
    return removal


@transaction.atomic
def removal_confirm(*, removal, actor, now) -> Removal:
    """Confirm the removal: the notice was in time for this departure and every pre-removal check is met."""
    removal = _lock_removal(removal, actor)
    _require_state(removal, "confirm")
    status = notice_status(removal, list(removal.notices.all()))
    if not status.in_time:
        raise DomainError(status.refusal(), code="flight_notice_too_late")
    checks, _completeness = removal_checklist(removal)
    failed = [check for check in checks if check.failed]
    if failed:
        raise DomainError(
            " ".join(f"{check.label}: {check.reason} ({check.basis})" for check in failed),
            code=f"check_{failed[0].key}",
        )
    removal.confirmed_at = now
    return _move(removal, to_state=RemovalState.CONFIRMED, actor=actor, now=now, kind=events.REMOVAL_CONFIRMED,
                 fields=["confirmed_at"])  # fmt: skip


@transaction.atomic
def removal_execute(*, removal, actor, now, executed_at, escorted_by="", handover="") -> Removal:
    """The person left: the actual moment of departure, who escorted, the handover at the destination."""
    removal = _lock_removal(removal, actor)
    _require_state(removal, "execute")
    if executed_at is None or timezone.is_naive(executed_at):
        raise ValidationError({"executed_at": _("Give the moment of departure with its date and time.")})
    if executed_at > now:
        raise ValidationError({"executed_at": _("This cannot lie in the future.")})
    if removal.kmar_escorted and not escorted_by.strip():
        raise ValidationError({"escorted_by": _("Name who escorted the person.")})
    removal.executed_at, removal.escorted_by, removal.handover = executed_at, escorted_by.strip(), handover.strip()
    removal = _move(
        removal,
        to_state=RemovalState.EXECUTED,
        actor=actor,
        now=now,
        kind=events.REMOVAL_EXECUTED,
        fields=["executed_at", "escorted_by", "handover"],
        data={"executed_at": executed_at.isoformat()},
    )
    _close_from_removal(removal, actor=actor, now=now)
    return removal


def _close_from_removal(removal, *, actor, now):
    """A forced departure closes from the executed removal (DOMAIN.md 12): in the same transaction, or not at all.

    Recording the departure is itself the one confirmation step (the form says the case will close): an open case
    whose person has left would keep its deadlines and its other apps' work running until someone remembered to
    close it. The travel document the person left on is used, not withdrawn; a Dublin transfer meets its period;
    then `case_close` cancels the running deadlines and sends `case_closed` on commit (the other apps react there).
    """
    case = removal.case
    departed_on = timezone.localdate(removal.executed_at)
    document = valid_travel_document(case, on=departed_on)
    if document.kind == LAISSEZ_PASSER and document.source_id is not None:
        request = TravelDocumentRequest.objects.select_related("case").get(pk=document.source_id)
        request_record_use(request=request, on=departed_on, actor=actor, now=now)
    for claim in DublinClaim.objects.filter(
        case=case, member_state=removal.destination_country, accepted_on__isnull=False
    ):
        dublin_transfer_met(claim=claim, actor=actor, now=now)
    case_close(
        case=case,
        closure_reason=ClosureReason.DEPARTED_FORCED,
        actor=actor,
        now=now,
        departed_on=departed_on,
        destination_type=removal_destination_type(removal),
        destination_country=removal.destination_country,
        evidence=ClosureEvidence.REMOVAL_EXECUTED,
        remark=f"{removal.carrier} {removal.flight_number}",
    )


def _cancel(removal, *, reason, note, actor, now, data=None):
    if reason not in CancellationReason.values:
        raise ValidationError({"reason": _("Choose the reason for the cancellation.")})
    if reason == CancellationReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Explain the cancellation.")})
    removal.cancelled_at, removal.cancellation_reason, removal.cancellation_note = now, reason, note.strip()
    return _move(
        removal,
        to_state=RemovalState.CANCELLED,
        actor=actor,
        now=now,
        kind=events.REMOVAL_CANCELLED,
        fields=["cancelled_at", "cancellation_reason", "cancellation_note"],
        data={"reason": reason, **(data or {})},
    )


@transaction.atomic
def removal_cancel(*, removal, reason, actor, now, note="") -> Removal:
    """Cancel an open removal with its reason code (and free text; required for "other")."""
    removal = _lock_removal(removal, actor)
    _require_state(removal, "cancel")
    return _cancel(removal, reason=reason, note=note, actor=actor, now=now)


@transaction.atomic
def removal_rebook(*, removal, reason, actor, now, note="", **booking) -> Removal:
    """Cancel the open removal and book a new one linked to it: its notices do not carry over."""
    removal = _lock_removal(removal, actor)
    _require_state(removal, "rebook")
    new = {name: getattr(removal, name) for name in _BOOKING_FIELDS}
    new.update({name: booking[name] for name in _BOOKING_FIELDS if name in booking})
    plan = _booking(removal.case, now=now, booking=new)
    _cancel(removal, reason=reason, note=note, actor=actor, now=now, data={"rebooked": True})
    rebooked = Removal.objects.create(
        case=removal.case, plan=plan, rebooked_from=removal, created_at=now, created_by=actor, **new
    )
    rebooked.case = removal.case
    RemovalTransition.objects.create(
        removal=rebooked, to_state=RemovalState.PLANNED, at=now, actor=actor, data={"rebooked_from": removal.pk}
    )
    case_events.case_event_record(
        case=removal.case,
        kind=events.REMOVAL_REBOOKED,
        actor=actor,
        now=now,
        data={**_flight_facts(rebooked), "rebooked_from": removal.pk},
    )
    return rebooked


@transaction.atomic
def removals_cancel_for_closure(*, case_id, closure_reason, actor, now) -> list[Removal]:
    """A closed case's open removals are cancelled (after the commit of the closure; idempotent)."""
    reason = CancellationReason.ABSCONDED if closure_reason == "departed_unsupervised" else CancellationReason.OTHER
    cancelled = []
    for removal in Removal.objects.select_for_update().filter(case_id=case_id, state__in=OPEN_REMOVAL_STATES):
        removal.case = Case.objects.get(pk=case_id)
        cancelled.append(_cancel(removal, reason=reason, note=_("The case was closed."), actor=actor, now=now))
    return cancelled


# --- the KMar departure file -------------------------------------------------------------------------------

_FILE_FIELDS = (
    "travel_documents",
    "behaviour_risk",
    "risk_facts",
    "physical_features",
    "bags",
    "baggage_kg",
    "money",
    "valuables",
    "belongings_location",
    "destination_contacts",
)
_MEDICAL_FIELDS = (
    "particulars",
    "medication",
    "fit_to_travel",
    "bma_transport",
    "bma_escort",
    "bma_medication",
    "bma_handover",
    "bma_conditions_met",
)


def _file_event(case, departure_file, actor, now):
    from laissezpasser.selectors import valid_travel_document

    from .selectors import departure_file_completeness

    medical = MedicalParticulars.objects.filter(departure_file=departure_file).first()
    completeness = departure_file_completeness(
        departure_file, medical, valid_travel_document(case, on=timezone.localdate(now))
    )
    case_events.case_event_record(
        case=case, kind=events.DEPARTURE_FILE_UPDATED, actor=actor, now=now, data={"score": completeness.score}
    )


@transaction.atomic
def departure_file_update(*, case, actor, now, **values) -> DepartureFile:
    """Write the KMar departure file (all but the medical part)."""
    case = _open_case(actor, case)
    values = {name: values[name] for name in _FILE_FIELDS if name in values}
    departure_file, _created = DepartureFile.objects.select_for_update().get_or_create(
        case=case, defaults={"updated_at": now, "updated_by": actor}
    )
    for name, value in values.items():
        setattr(departure_file, name, value.strip() if isinstance(value, str) else value)
    departure_file.updated_at, departure_file.updated_by = now, actor
    departure_file.save()
    _file_event(case, departure_file, actor, now)
    return departure_file


@transaction.atomic
def medical_particulars_update(*, case, actor, now, **values) -> MedicalParticulars:
    """Write the medical part of the departure file: only who has need to know (the case's officer, medical staff)."""
    case = _lock_case(case)
    if not can_read_medical(actor, case) or actor.chain_partner:
        raise PermissionDenied(_("Only who needs to know may record medical particulars."))
    if case.phase == "closed":
        raise DomainError(_("This case is closed."), code="case_closed")
    values = {name: values[name] for name in _MEDICAL_FIELDS if name in values}
    departure_file, _created = DepartureFile.objects.get_or_create(
        case=case, defaults={"updated_at": now, "updated_by": actor}
    )
    medical, _created = MedicalParticulars.objects.select_for_update().get_or_create(
        departure_file=departure_file, defaults={"updated_at": now, "updated_by": actor}
    )
    for name, value in values.items():
        setattr(medical, name, value.strip() if isinstance(value, str) else value)
    medical.updated_at, medical.updated_by = now, actor
    medical.save()
    # The event names no medical fact: the timeline is read more widely than the particulars.
    _file_event(case, departure_file, actor, now)
    return medical


@transaction.atomic
def kmar_pdf_request(*, removal, actor, now) -> KmarFilePdf:
    """Ask for the PDF of the removal's current KMar file; nothing new while one is under way or still current."""
    if not actor.has_perm("departures.change_departurefile"):
        raise PermissionDenied(_("You may not hand the departure file over."))
    removal = _lock_removal(removal, actor)
    if not removal.is_open:
        raise DomainError(_("Only a removal still to be carried out is handed over to KMar."), code="removal_not_open")
    pdf, _created = KmarFilePdf.objects.select_for_update().get_or_create(removal=removal)
    if pdf.rendering:
        return pdf
    if pdf.render_state == RenderState.DONE and pdf.source_stamp == source_stamp(*file_parts(removal.case_id)):
        return pdf
    pdf.render_state, pdf.requested_at, pdf.requested_by = RenderState.QUEUED, now, actor
    pdf.save(update_fields=["render_state", "requested_at", "requested_by"])
    case_events.case_event_record(
        case=removal.case,
        kind=events.KMAR_PDF_REQUESTED,
        actor=actor,
        now=now,
        data={"removal": removal.pk, "flight": f"{removal.carrier} {removal.flight_number}"},
    )
    # By name: the task module sits above the services (no import upwards); the worker renders after the commit.
    transaction.on_commit(lambda: current_app.send_task(KMAR_PDF_TASK, kwargs={"removal_id": removal.pk}))
    return pdf


# --- Dublin claims -------------------------------------------------------------------------------------------


def _lock_claim(claim, actor) -> DublinClaim:
    case = _lock_case(claim.case)
    _require_edit(actor, case)
    locked = DublinClaim.objects.select_for_update().get(pk=claim.pk)
    locked.case = case
    return locked


@transaction.atomic
def dublin_claim_record(
    *, case, kind, member_state, registered_on, requested_on, actor, now, urgent=False, eurodac_hit=False
) -> DublinClaim:
    """Record a take-charge or take-back request to a Member State; its answer period follows from the regulation."""
    case = _open_case(actor, case)
    member_state = _country(member_state, "member_state")
    if member_state not in DUBLIN_STATES or member_state == "NLD":
        raise ValidationError({"member_state": _("This country is not another state bound by the Dublin regulation.")})
    today = timezone.localdate(now)
    if requested_on > today:
        raise ValidationError({"requested_on": _("This cannot lie in the future.")})
    if registered_on > requested_on:
        raise ValidationError({"registered_on": _("The application is registered before the request is sent.")})
    answer_due, basis = dublin_answer_due(
        kind=kind, requested_on=requested_on, registered_on=registered_on, urgent=urgent, eurodac_hit=eurodac_hit
    )
    claim = DublinClaim.objects.create(
        case=case,
        kind=kind,
        member_state=member_state,
        registered_on=registered_on,
        requested_on=requested_on,
        urgent=urgent,
        eurodac_hit=eurodac_hit,
        answer_due=answer_due,
        answer_basis=basis,
        created_at=now,
        created_by=actor,
    )
    case_events.case_event_record(
        case=case,
        kind=events.DUBLIN_CLAIM_SENT,
        actor=actor,
        now=now,
        data={"claim": claim.pk, "kind": kind, "member_state": member_state, "on": requested_on.isoformat()},
    )
    return claim


def _open_transfer_period(claim, *, actor, now):
    deadline = deadline_open(
        case=claim.case,
        kind=DepartureDeadlineKind.DUBLIN_TRANSFER,
        start=claim.accepted_on,
        actor=actor,
        now=now,
        params={"circumstance": claim.circumstance, "registered_on": claim.registered_on},
        source=claim,
        trigger=_("Dublin claim to %(state)s accepted") % {"state": claim.member_state},
    )
    claim.transfer_until = deadline.due_date
    claim.save(update_fields=["answer", "accepted_on", "transfer_until"])


@transaction.atomic
def dublin_claim_answer(*, claim, answer, on, actor, now) -> DublinClaim:
    """The Member State's explicit answer: accepted (the transfer period starts) or refused."""
    claim = _lock_claim(claim, actor)
    if claim.answer != DublinAnswer.PENDING:
        raise DomainError(_("This request has been answered."), code="already_answered")
    if answer not in (DublinAnswer.ACCEPTED, DublinAnswer.REFUSED):
        raise ValidationError({"answer": _("Choose accepted or refused.")})
    if on < claim.requested_on or on > timezone.localdate(now):
        raise ValidationError({"on": _("The answer lies between the request and today.")})
    claim.answer = answer
    if answer == DublinAnswer.ACCEPTED:
        claim.accepted_on = on
        _open_transfer_period(claim, actor=actor, now=now)
    else:
        claim.save(update_fields=["answer"])
    case_events.case_event_record(
        case=claim.case,
        kind=events.DUBLIN_CLAIM_ANSWERED,
        actor=actor,
        now=now,
        data={"claim": claim.pk, "answer": answer, "member_state": claim.member_state, "on": on.isoformat()},
    )
    return claim


def tacit_acceptance_date(claim) -> dt.date:
    """The day silence becomes acceptance: the day after the answer period's last day (art. 22(7), 25(2); 40, 41)."""
    return claim.answer_due + dt.timedelta(days=1)


@transaction.atomic
def dublin_claim_record_tacit_acceptance(*, claim, actor, now) -> DublinClaim:
    """No answer in time: the request counts as accepted from the day after the answer period (the period starts)."""
    claim = _lock_claim(claim, actor)
    if claim.answer != DublinAnswer.PENDING:
        raise DomainError(_("This request has been answered."), code="already_answered")
    accepted_on = tacit_acceptance_date(claim)
    if timezone.localdate(now) < accepted_on:
        raise DomainError(
            _("The answer period runs until %(day)s (%(basis)s).")
            % {"day": claim.answer_due.strftime("%d-%m-%Y"), "basis": claim.answer_basis},
            code="answer_period_running",
        )
    claim.answer, claim.accepted_on = DublinAnswer.TACITLY_ACCEPTED, accepted_on
    _open_transfer_period(claim, actor=actor, now=now)
    case_events.case_event_record(
        case=claim.case,
        kind=events.DUBLIN_CLAIM_ANSWERED,
        actor=actor,
        now=now,
        data={
            "claim": claim.pk,
            "answer": claim.answer,
            "member_state": claim.member_state,
            "on": accepted_on.isoformat(),
        },
    )
    return claim


_THREE_YEAR_GROUNDS = (
    DublinCircumstance.ABSCONDED,
    DublinCircumstance.RESISTS,
    DublinCircumstance.UNFIT,
    DublinCircumstance.MEDICAL_NON_COMPLIANCE,
)


@transaction.atomic
def dublin_claim_extend(*, claim, circumstance, state_informed_on, actor, now) -> DublinClaim:
    """Extend the transfer period on its ground; the responsible state must be told before the 6 months end.

    Reg. 1560/2003 art. 9 lid 2 (Dublin III) and art. 46 lid 2 Reg. 2024/1351: without that notice in time no
    extension. Under the AMMR the 3 years run from the notice.
    """
    claim = _lock_claim(claim, actor)
    if circumstance not in dublin_extension_grounds(registered_on=claim.registered_on):
        raise ValidationError({"circumstance": _("This is no ground to extend the transfer period of this claim.")})
    if claim.accepted_on is None:
        raise DomainError(_("The transfer period starts with the acceptance."), code="not_accepted")
    if claim.transfer_until is not None and claim.transfer_until < timezone.localdate(now):
        raise DomainError(_("The transfer period has expired."), code="transfer_period_expired")
    if state_informed_on > timezone.localdate(now) or state_informed_on < claim.accepted_on:
        raise ValidationError({"state_informed_on": _("The notice lies between the acceptance and today.")})
    if state_informed_on >= extension_notice_before(claim.accepted_on):
        raise DomainError(
            _("The responsible state must be told of the extension before the 6 months run out."),
            code="extension_notice_too_late",
        )
    claim.circumstance, claim.state_informed_on = circumstance, state_informed_on
    claim.save(update_fields=["circumstance", "state_informed_on"])
    start = (
        state_informed_on
        if claim.registered_on >= AMMR_APPLIES_FROM and circumstance in _THREE_YEAR_GROUNDS
        else claim.accepted_on
    )
    for deadline in deadlines_for_source(claim):
        if deadline.kind == DepartureDeadlineKind.DUBLIN_TRANSFER:
            deadline = deadline_recompute(
                deadline=deadline,
                start=start,
                actor=actor,
                now=now,
                reason=_("Transfer period extended: %(ground)s") % {"ground": DublinCircumstance(circumstance).label},
                params={"circumstance": circumstance, "registered_on": claim.registered_on},
            )
            claim.transfer_until = deadline.due_date
            claim.save(update_fields=["transfer_until"])
    return claim


def dublin_transfer_met(*, claim, actor, now):
    """The transfer was carried out: its deadline is met."""
    for deadline in deadlines_for_source(claim):
        if deadline.kind == DepartureDeadlineKind.DUBLIN_TRANSFER and deadline.status in ("open", "overdue"):
            deadline_meet(deadline=deadline, actor=actor, now=now, reason=_("Transferred"))
