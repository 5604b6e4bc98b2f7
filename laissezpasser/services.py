"""Every change to a travel-document request: one service per transition, each one transaction.

Each service locks the case and then the request (`select_for_update`), checks who acts
(`cases.permissions.can_edit_case`) and the rule, writes the new state, one dated `RequestTransition`
(the statistics count those, never today's state) with its country's tallies (tallies.py) and one
timeline event, and opens, meets or cancels the request's deadlines through the deadline engine. A
broken rule raises `DomainError` with its code; a field problem `ValidationError`; an actor who may not
act `PermissionDenied`. Nothing is half-saved.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import events as case_events
from cases.constants import NATIONALITY_UNKNOWN
from cases.deadlines.engine import deadline_meet, deadline_open, deadlines_cancel, deadlines_for_source
from cases.models import Case, CaseDocument, Nationality
from cases.permissions import can_edit_case
from dtv.core.exceptions import DomainError
from dtv.core.fields import date_in_range, date_out_of_range_message

from . import events
from .constants import (
    ANSWER_STATES,
    OPEN_STATES,
    RVS_2025_BASIS,
    TRANSITIONS,
    Answer,
    Channel,
    ContactKind,
    State,
    WithdrawalReason,
)
from .deadlines import LpDeadlineKind, lp_expiry_start, reminder_weeks
from .models import Country, IdentityDocumentDetails, Mission, RequestContact, RequestTransition, TravelDocumentRequest
from .selectors import asylum_appeal_pending
from .tallies import first_presentation, transition_tallied


def _today(now) -> dt.date:
    return timezone.localdate(now)


def _lock_case(case) -> Case:
    return Case.objects.select_for_update().select_related("foreign_national").get(pk=case.pk)


def _require_edit(actor, case):
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))


def _lock(request, actor):
    """Lock the case, then the request (the order every service keeps), and check the actor may change the case."""
    case = _lock_case(request.case)
    _require_edit(actor, case)
    locked = (
        TravelDocumentRequest.objects.select_for_update(of=("self",))
        .select_related("country", "mission")
        .get(pk=request.pk)
    )
    locked.case = case
    return locked


def _day(field, value, now, *, required=True):
    if value is None:
        if required:
            raise ValidationError({field: _("Give the date.")}, code="required")
        return None
    if not date_in_range(value):
        raise ValidationError({field: date_out_of_range_message()})
    if value > _today(now):
        raise ValidationError({field: _("This cannot lie in the future.")}, code="future")
    return value


def _require_state(request, transition):
    allowed, _target = TRANSITIONS[transition]
    if request.state not in allowed:
        raise DomainError(
            _("This step is not possible for a request that is %(state)s.") % {"state": request.get_state_display()},
            code="invalid_transition",
        )


def _no_presentation_during_appeal(case):
    # RvS 19 November 2025: no presentation in person, nor contact that reveals the asylum application,
    # while the person may await the asylum appeal in the Netherlands.
    if asylum_appeal_pending(case=case):
        raise DomainError(
            _("No presentation in person while the person may await an asylum appeal in the Netherlands (%(basis)s).")
            % {"basis": RVS_2025_BASIS},
            code="rvs_no_presentation_during_appeal",
        )


def _move(request, *, to_state, on, actor, now, kind, data=None, fields=(), response_days=None):
    """Save the new state with `fields`, write the dated transition, its country's tallies and the timeline event."""
    from_state = request.state
    first = to_state == State.PRESENTATION_SCHEDULED and first_presentation(request)
    request.state = to_state
    request.save(update_fields=["state", *fields])
    facts = {"request": request.pk, "country": request.country.code, "on": on.isoformat(), **(data or {})}
    RequestTransition.objects.create(
        request=request,
        country_id=request.country_id,
        from_state=from_state,
        to_state=to_state,
        on=on,
        recorded_at=now,
        actor=actor,
        data=data or {},
        response_days=response_days,
    )
    transition_tallied(
        country_id=request.country_id,
        from_state=from_state,
        to_state=to_state,
        on=on,
        response_days=response_days,
        data=data,
        first=first,
    )
    case_events.case_event_record(case=request.case, kind=kind, actor=actor, now=now, data=facts)
    return request


def _deadlines(request, kind):
    return [d for d in deadlines_for_source(request) if d.kind == kind]


def _meet(request, kind, *, actor, now, reason):
    for deadline in _deadlines(request, kind):
        deadline_meet(deadline=deadline, actor=actor, now=now, reason=reason)


def _open_reminder(request, *, start, actor, now):
    deadline_open(
        case=request.case,
        kind=LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER,
        start=start,
        actor=actor,
        now=now,
        params={"weeks": reminder_weeks(request.country.response_days)},
        source=request,
        trigger=_("Travel-document request to %(country)s") % {"country": str(request.country)},
    )


def _cancel_all(request, *, actor, now, reason):
    running = list(deadlines_for_source(request))
    if running:
        deadlines_cancel(case=request.case, actor=actor, now=now, reason=reason, only=running)


# --- Draft, safeguards, approval ----------------------------------------------------------------------------


@transaction.atomic
def request_create(
    *,
    case,
    country,
    actor,
    now,
    mission=None,
    third_country_access="",
    safeguards_shared="",
    no_asylum_data_shared=False,
) -> TravelDocumentRequest:
    """Draft a request to `country` for the person of `case` (one open request per case and country)."""
    case = _lock_case(case)
    _require_edit(actor, case)
    if not isinstance(country, Country):
        country = Country.objects.get(code=country)
    if mission is not None and mission.country_id != country.pk:
        raise ValidationError({"mission": _("This mission does not belong to the country of the request.")})
    if country.code == NATIONALITY_UNKNOWN:
        raise DomainError(_("A request needs a country: the nationality is unknown."), code="country_unknown")
    is_nationality = Nationality.objects.filter(foreign_national_id=case.foreign_national_id, country=country.code)
    if not is_nationality.exists() and not third_country_access.strip():
        raise DomainError(
            _(
                "%(country)s is no claimed or established nationality of the person; a request to a third "
                "country needs the person's access to it recorded (DOMAIN.md 5)."
            )
            % {"country": str(country)},
            code="country_not_a_nationality",
        )
    if TravelDocumentRequest.objects.filter(case=case, country=country, state__in=OPEN_STATES).exists():
        raise DomainError(
            _("This case already has an open request to %(country)s.") % {"country": str(country)},
            code="open_request_exists",
        )
    request = TravelDocumentRequest.objects.create(
        case=case,
        country=country,
        mission=mission,
        third_country_access=third_country_access.strip(),
        safeguards_shared=safeguards_shared.strip(),
        no_asylum_data_shared=no_asylum_data_shared,
        created_at=now,
        created_by=actor,
    )
    request.case = case
    RequestTransition.objects.create(
        request=request,
        country=country,
        from_state="",
        to_state=State.DRAFT,
        on=_today(now),
        recorded_at=now,
        actor=actor,
    )
    transition_tallied(country_id=country.pk, from_state="", to_state=State.DRAFT, on=_today(now))
    case_events.case_event_record(
        case=case,
        kind=events.LP_REQUEST_CREATED,
        actor=actor,
        now=now,
        data={"request": request.pk, "country": country.code},
    )
    return request


@transaction.atomic
def request_safeguards_record(*, request, safeguards_shared, no_asylum_data_shared, actor, now):
    """Record what a written request during an asylum appeal shares (a change takes back an approval given)."""
    request = _lock(request, actor)
    _require_state(request, "submit")
    request.safeguards_shared = safeguards_shared.strip()
    request.no_asylum_data_shared = no_asylum_data_shared
    request.approved_by = None
    request.approved_at = None
    request.save(update_fields=["safeguards_shared", "no_asylum_data_shared", "approved_by", "approved_at"])
    return request


@transaction.atomic
def request_approve(*, request, actor, now) -> TravelDocumentRequest:
    """A team lead approves a written request during an asylum appeal (four eyes: never the drafter's own)."""
    request = _lock(request, actor)
    _require_state(request, "submit")
    if not actor.has_perm("laissezpasser.approve_appeal_phase_request"):
        raise PermissionDenied(_("Only a team lead approves a request during an asylum appeal."))
    if actor.pk == request.created_by_id:
        raise DomainError(
            _("Four eyes: whoever drafted the request cannot approve it (%(basis)s).") % {"basis": RVS_2025_BASIS},
            code="self_approval",
        )
    _require_safeguards(request)
    request.approved_by = actor
    request.approved_at = now
    request.save(update_fields=["approved_by", "approved_at"])
    return request


def _require_safeguards(request):
    if not request.safeguards_shared or not request.no_asylum_data_shared:
        raise DomainError(
            _(
                "A written request while the person may await an asylum appeal needs its safeguards recorded: "
                "what was shared, and that no asylum data was (%(basis)s)."
            )
            % {"basis": RVS_2025_BASIS},
            code="rvs_safeguards_missing",
        )


# --- Transitions ----------------------------------------------------------------------------------------


@transaction.atomic
def request_submit(*, request, on, channel, actor, now, mission=None, supporting_documents=()):
    """Submit the draft to the mission (how, with which documents); starts the reminder and the escalation."""
    request = _lock(request, actor)
    _require_state(request, "submit")
    _day("on", on, now)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the request was sent.")})
    mission = mission or request.mission
    if mission is not None and mission.country_id != request.country_id:
        raise ValidationError({"mission": _("This mission does not belong to the country of the request.")})
    documents = list(supporting_documents)
    if any(doc.case_id != request.case_id for doc in documents):
        raise ValidationError({"supporting_documents": _("Only documents of this case can go with the request.")})
    appeal = asylum_appeal_pending(case=request.case)
    if appeal:
        if channel == Channel.IN_PERSON:
            _no_presentation_during_appeal(request.case)
        _require_safeguards(request)
        if request.approved_by_id is None:
            raise DomainError(
                _(
                    "A written request while the person may await an asylum appeal needs a team lead's "
                    "approval (%(basis)s)."
                )
                % {"basis": RVS_2025_BASIS},
                code="rvs_approval_required",
            )
        if request.approved_by_id == actor.pk:
            raise DomainError(
                _("Four eyes: whoever approved the request cannot also submit it (%(basis)s).")
                % {"basis": RVS_2025_BASIS},
                code="self_approval",
            )
    request.mission = mission
    request.channel = channel
    request.submitted_on = on
    request.appeal_phase = appeal
    if documents:
        request.supporting_documents.set(documents)
    _move(
        request,
        to_state=State.SUBMITTED,
        on=on,
        actor=actor,
        now=now,
        kind=events.LP_REQUEST_SUBMITTED,
        data={"channel": channel, "appeal_phase": appeal, "documents": [d.pk for d in documents]},
        fields=("mission", "channel", "submitted_on", "appeal_phase"),
    )
    _open_reminder(request, start=on, actor=actor, now=now)
    deadline_open(
        case=request.case,
        kind=LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION,
        start=on,
        actor=actor,
        now=now,
        source=request,
        trigger=_("Travel-document request to %(country)s") % {"country": str(request.country)},
    )
    return request


@transaction.atomic
def request_schedule_presentation(*, request, on, actor, now, place=""):
    """The mission asks to see the person: the presentation's date and place (refused during an asylum appeal)."""
    request = _lock(request, actor)
    _require_state(request, "schedule_presentation")
    if on is None or not date_in_range(on):
        raise ValidationError({"on": _("Give the date of the presentation.")})
    _no_presentation_during_appeal(request.case)
    request.presentation_on = on
    request.presentation_place = place.strip()
    return _move(
        request,
        to_state=State.PRESENTATION_SCHEDULED,
        on=min(on, _today(now)),
        actor=actor,
        now=now,
        kind=events.LP_PRESENTATION_SCHEDULED,
        data={"presentation_on": on.isoformat()},
        fields=("presentation_on", "presentation_place"),
    )


@transaction.atomic
def request_record_presentation(*, request, on, actor, now, accompanied_by="", interpreter_language=""):
    """The person was presented at the mission: when, who accompanied them, in which language was interpreted."""
    request = _lock(request, actor)
    _require_state(request, "record_presentation")
    _day("on", on, now)
    _no_presentation_during_appeal(request.case)
    if request.submitted_on and on < request.submitted_on:
        raise DomainError(_("The presentation cannot predate the submission."), code="before_submission")
    request.presentation_on = on
    request.accompanied_by = accompanied_by.strip()
    request.interpreter_language = interpreter_language
    return _move(
        request,
        to_state=State.PRESENTED,
        on=on,
        actor=actor,
        now=now,
        kind=events.LP_PRESENTED,
        data={"interpreter_language": interpreter_language},
        fields=("presentation_on", "accompanied_by", "interpreter_language"),
    )


@transaction.atomic
def request_record_answer(
    *,
    request,
    answer,
    on,
    channel,
    actor,
    now,
    lp_number="",
    lp_issued_on=None,
    lp_valid_until=None,
    lp_journey="",
    note="",
):
    """The mission's answer: nationality or identity confirmed, not a national, cannot be established, or an LP."""
    request = _lock(request, actor)
    _require_state(request, "record_answer")
    if answer not in ANSWER_STATES:
        raise ValidationError({"answer": _("Choose the answer.")})
    if answer == request.state:
        raise DomainError(_("This answer is recorded already."), code="invalid_transition")
    _day("on", on, now)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the answer came.")})
    if request.submitted_on and on < request.submitted_on:
        raise DomainError(
            _("An answer cannot predate the submission of %(date)s.")
            % {"date": request.submitted_on.strftime("%d-%m-%Y")},
            code="answer_before_submission",
        )
    fields = ["answered_on"]
    data = {"answer": answer, "channel": channel}
    if answer == Answer.ISSUED:
        errors = {}
        if not lp_number.strip():
            errors["lp_number"] = _("Give the number of the laissez-passer.")
        for name, value in (("lp_issued_on", lp_issued_on), ("lp_valid_until", lp_valid_until)):
            if value is None:
                errors[name] = _("Give the date.")
            elif not date_in_range(value):
                errors[name] = date_out_of_range_message()
        if errors:
            raise ValidationError(errors)
        if lp_valid_until < lp_issued_on:
            raise DomainError(
                _("A laissez-passer's validity cannot end before it starts."), code="lp_validity_before_start"
            )
        if request.submitted_on and lp_issued_on < request.submitted_on:
            raise DomainError(
                _("A laissez-passer cannot be issued before the request was submitted."),
                code="answer_before_submission",
            )
        request.lp_number = lp_number.strip()
        request.lp_issued_on = lp_issued_on
        request.lp_valid_until = lp_valid_until
        request.lp_journey = lp_journey.strip()
        fields += ["lp_number", "lp_issued_on", "lp_valid_until", "lp_journey"]
        data.update(valid_until=lp_valid_until.isoformat(), issued_on=lp_issued_on.isoformat())
    first_answer = request.answered_on is None
    request.answered_on = request.answered_on or on
    RequestContact.objects.create(
        request=request,
        kind=ContactKind.ANSWER_RECEIVED,
        on=on,
        channel=channel,
        note=note[:500],
        recorded_at=now,
        recorded_by=actor,
    )
    data["first_answer"] = first_answer
    _move(
        request,
        to_state=answer,
        on=on,
        actor=actor,
        now=now,
        kind=events.LP_ANSWER_RECORDED,
        data=data,
        fields=fields,
        response_days=(on - request.submitted_on).days if first_answer and request.submitted_on else None,
    )
    reason = _("The mission answered.")
    _meet(request, LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, actor=actor, now=now, reason=reason)
    _meet(request, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION, actor=actor, now=now, reason=reason)
    if answer in (Answer.NATIONALITY_CONFIRMED, Answer.IDENTITY_CONFIRMED):
        # Confirmed, but no LP yet: the reminders go on from the answer.
        _open_reminder(request, start=on, actor=actor, now=now)
    elif answer == Answer.ISSUED:
        days = settings.LP_EXPIRY_WARNING_DAYS
        deadline_open(
            case=request.case,
            kind=LpDeadlineKind.LP_EXPIRY,
            start=lp_expiry_start(lp_valid_until, days),
            actor=actor,
            now=now,
            params={"days": days},
            source=request,
            trigger=_("Laissez-passer %(number)s") % {"number": request.lp_number},
        )
    return request


@transaction.atomic
def request_escalate(*, request, on, actor, now, channel=Channel.LIAISON, note=""):
    """Escalate to the liaison officer or the diplomatic channel."""
    request = _lock(request, actor)
    _require_state(request, "escalate")
    _day("on", on, now)
    if request.submitted_on and on < request.submitted_on:
        raise DomainError(_("An escalation cannot predate the submission."), code="before_submission")
    request.closing_note = note[:500]
    _move(
        request,
        to_state=State.ESCALATED,
        on=on,
        actor=actor,
        now=now,
        kind=events.LP_ESCALATED,
        data={"channel": channel},
        fields=("closing_note",),
    )
    _meet(request, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION, actor=actor, now=now, reason=_("Escalated."))
    return request


@transaction.atomic
def request_record_use(*, request, on, actor, now):
    """The person travelled on the LP (on a day within its validity)."""
    request = _lock(request, actor)
    _require_state(request, "record_use")
    _day("on", on, now)
    if not (request.lp_issued_on <= on <= request.lp_valid_until):
        raise DomainError(_("The laissez-passer was not valid on that day."), code="lp_not_valid_on_date")
    _move(request, to_state=State.USED, on=on, actor=actor, now=now, kind=events.LP_USED)
    _meet(request, LpDeadlineKind.LP_EXPIRY, actor=actor, now=now, reason=_("The laissez-passer was used."))
    return request


@transaction.atomic
def request_record_expiry(*, request, actor, now):
    """The LP's validity ran out unused (from the day after its last valid day)."""
    request = _lock(request, actor)
    _require_state(request, "record_expiry")
    if _today(now) <= request.lp_valid_until:
        raise DomainError(_("The laissez-passer is still valid."), code="lp_still_valid")
    on = request.lp_valid_until + dt.timedelta(days=1)
    _move(request, to_state=State.EXPIRED, on=on, actor=actor, now=now, kind=events.LP_EXPIRED)
    _cancel_all(request, actor=actor, now=now, reason=_("The laissez-passer expired."))
    return request


def _withdraw(request, *, reason, on, actor, now, note=""):
    if reason not in WithdrawalReason.values:
        raise ValidationError({"reason": _("Choose the reason.")})
    if reason == WithdrawalReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Say why the request is withdrawn.")})
    request.withdrawal_reason = reason
    request.closing_note = note.strip()[:500]
    _move(
        request,
        to_state=State.WITHDRAWN,
        on=on,
        actor=actor,
        now=now,
        kind=events.LP_WITHDRAWN,
        data={"reason": reason},
        fields=("withdrawal_reason", "closing_note"),
    )
    _cancel_all(request, actor=actor, now=now, reason=_("The request was withdrawn."))
    return request


@transaction.atomic
def request_withdraw(*, request, reason, actor, now, on=None, note=""):
    """Withdraw an open request: the person left the caseload, no answer after the escalation period, or other."""
    request = _lock(request, actor)
    _require_state(request, "withdraw")
    on = _day("on", on or _today(now), now)
    return _withdraw(request, reason=reason, on=on, actor=actor, now=now, note=note)


def requests_withdraw_for_outflow(*, case_id, now, actor=None) -> list:
    """Withdraw every open request of a closed case, reason outflow (the case_closed receiver; idempotent)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        open_requests = list(
            TravelDocumentRequest.objects.select_for_update()
            .select_related("country")
            .filter(case_id=case_id, state__in=OPEN_STATES)
            .order_by("id")
        )
        for request in open_requests:
            request.case = case
            _withdraw(request, reason=WithdrawalReason.OUTFLOW, on=_today(now), actor=actor, now=now)
        return open_requests


@transaction.atomic
def request_contact_record(*, request, kind, on, channel, actor, now, note=""):
    """A reminder sent to the mission (the next reminder runs from it) or a message from it (no answer yet)."""
    request = _lock(request, actor)
    if request.state not in {
        State.SUBMITTED,
        State.PRESENTATION_SCHEDULED,
        State.PRESENTED,
        State.ESCALATED,
        State.NATIONALITY_CONFIRMED,
        State.IDENTITY_CONFIRMED,
    }:
        raise DomainError(
            _("Contact is recorded only while the request awaits the mission."), code="invalid_transition"
        )
    if kind not in ContactKind.values:
        raise ValidationError({"kind": _("Choose the kind of contact.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose the channel.")})
    _day("on", on, now)
    if on < request.submitted_on:
        raise DomainError(_("Contact cannot predate the submission."), code="before_submission")
    contact = RequestContact.objects.create(
        request=request, kind=kind, on=on, channel=channel, note=note.strip()[:500], recorded_at=now, recorded_by=actor
    )
    case_events.case_event_record(
        case=request.case,
        kind=events.LP_CONTACT_RECORDED,
        actor=actor,
        now=now,
        data={
            "request": request.pk,
            "country": request.country.code,
            "on": on.isoformat(),
            "contact": kind,
            "channel": channel,
        },
    )
    if kind == ContactKind.REMINDER_SENT:
        # Repeated: the reminder that fell due is met by this one, and the next runs from today's.
        _meet(request, LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, actor=actor, now=now, reason=_("Reminder sent."))
        _open_reminder(request, start=on, actor=actor, now=now)
    return contact


@transaction.atomic
def identity_document_record(*, document, number, country, valid_until, actor, now) -> IdentityDocumentDetails:
    """Record number, issuing country and expiry of a passport or identity card among the case's documents."""
    if not isinstance(document, CaseDocument):
        raise TypeError("document must be a CaseDocument")
    case = _lock_case(document.case)
    _require_edit(actor, case)
    if document.kind not in ("passport", "id_card"):
        raise ValidationError({"document": _("Only a passport or an identity card is a travel document.")})
    errors = {}
    if not number.strip():
        errors["number"] = _("Give the document number.")
    if valid_until is None or not date_in_range(valid_until):
        errors["valid_until"] = _("Give the date.") if valid_until is None else date_out_of_range_message()
    if errors:
        raise ValidationError(errors)
    details, _created = IdentityDocumentDetails.objects.update_or_create(
        document=document,
        defaults={
            "case": case,
            "number": number.strip(),
            "country": country,
            "valid_until": valid_until,
            "recorded_at": now,
            "recorded_by": actor,
        },
    )
    case_events.case_event_record(
        case=case,
        kind=events.LP_IDENTITY_DOCUMENT_RECORDED,
        actor=actor,
        now=now,
        data={"document": document.pk, "valid_until": valid_until.isoformat()},
    )
    return details


def missions_of(country):
    return Mission.objects.filter(country=country, active=True)
