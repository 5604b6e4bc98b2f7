"""The case's phase (closing and reopening included), confidentiality, duplicate review, notes, break-the-glass."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError
from dtv.core.ids import parse_id

from .. import events, signals
from ..constants import (
    DEMONSTRABLE_DEPARTURES,
    DEPARTURE_CLOSURES,
    DUBLIN_STATES,
    NATIONALITY_UNKNOWN,
    STATELESS,
    ClosureEvidence,
    ClosureReason,
    DestinationType,
    DuplicateReview,
    Phase,
)
from ..countries import is_country
from ..deadlines.engine import (
    deadlines_cancel,
)
from ..models import (
    BreakGlassGrant,
    Case,
    CaseDocument,
    CaseNote,
)
from ..permissions import can_mark_confidential, can_reopen_case
from ..workflow import InvalidTransition, check_transition
from ._common import _begin_change, _local_today, _lock, _require_edit, _save_change

BREAK_GLASS_MINUTES = 30


def _send_phase_changed(case, previous, actor, now):
    signals.send_on_commit(
        signals.case_phase_changed, case_id=case.pk, from_phase=previous, to_phase=case.phase, actor_id=actor.pk, at=now
    )


@transaction.atomic
def case_transition(*, case, transition, actor, now, version=None) -> Case:
    """Move the case along its workflow (workflow.py); closing and reopening have services of their own."""
    case = _lock(case)
    now = _begin_change(case, now, version=version)
    _require_edit(actor, case)
    step = check_transition(case=case, name=transition)
    if step.own_service:
        raise InvalidTransition(_("This transition needs its own form (close or reopen the case)."), code="own_service")
    previous = case.phase
    case.phase = step.target
    _save_change(case, "phase")
    events.case_event_record(
        case=case,
        kind=events.CASE_PHASE_CHANGED,
        actor=actor,
        now=now,
        data={"from": previous, "to": case.phase, "closure_reason": ""},
    )
    _send_phase_changed(case, previous, actor, now)
    return case


def _closure_errors(*, closure_reason, departed_on, destination_type, destination_country, evidence, remark, now):
    """What is missing or wrong in a closure (DOMAIN.md 12): a demonstrable departure must be shown, with where to."""
    if closure_reason not in ClosureReason.values:
        return {"closure_reason": _("Choose why the case is closed.")}
    errors = {}
    departure = closure_reason in DEPARTURE_CLOSURES
    demonstrable = closure_reason in DEMONSTRABLE_DEPARTURES
    if departure and departed_on is None:
        errors["departed_on"] = _("Give the date of the departure (as far as known: the date it was established).")
    elif departed_on is not None and not departure:
        errors["departed_on"] = _("Only a departure has a departure date.")
    elif departed_on is not None and departed_on > _local_today(now):
        errors["departed_on"] = _("This cannot lie in the future.")
    if demonstrable:
        if destination_type not in DestinationType.values:
            errors["destination_type"] = _("Choose where the person went.")
        if (
            not destination_country
            or destination_country in (STATELESS, NATIONALITY_UNKNOWN, "NLD")
            or not is_country(destination_country)
        ):
            errors["destination_country"] = _("Choose the country the person went to.")
        elif destination_type == DestinationType.DUBLIN_STATE and destination_country not in DUBLIN_STATES:
            errors["destination_country"] = _(
                "A Dublin transfer goes to a state bound by the Dublin regulation (the EU, Iceland, Liechtenstein, "
                "Norway, Switzerland)."
            )
        if evidence not in ClosureEvidence.values:
            errors["evidence"] = _("Say what shows that the person left.")
        elif evidence == ClosureEvidence.OTHER and not remark:
            errors["remark"] = _("Describe the evidence.")
    else:
        unknown = _("The destination of a departure without supervision is unknown.")
        not_departed = _("Only a demonstrable departure has a destination and evidence.")
        message = unknown if closure_reason == ClosureReason.DEPARTED_UNSUPERVISED else not_departed
        for name, value in (
            ("destination_type", destination_type),
            ("destination_country", destination_country),
            ("evidence", evidence),
        ):
            if value:
                errors[name] = message
    return errors


@transaction.atomic
def case_close(
    *,
    case,
    closure_reason,
    actor,
    now,
    departed_on=None,
    destination_type="",
    destination_country="",
    evidence="",
    remark="",
    evidence_document=None,
    version=None,
) -> Case:
    """Close the case with why it leaves the caseload (and, for a departure, when, where to and the evidence).

    Live deadlines are cancelled. DOMAIN.md 12 (outflow): a demonstrable departure records its
    destination (country of origin, Dublin member state, other country) and what shows it.
    """
    case = _lock(case)
    now = _begin_change(case, now, version=version)
    _require_edit(actor, case)
    step = check_transition(case=case, name="close")
    destination_country = (destination_country or "").strip().upper()
    remark = (remark or "").strip()
    errors = _closure_errors(
        closure_reason=closure_reason,
        departed_on=departed_on,
        destination_type=destination_type,
        destination_country=destination_country,
        evidence=evidence,
        remark=remark,
        now=now,
    )
    document = None
    if evidence_document not in (None, ""):
        # Resolved within this case only: an id of another case's document is refused like an unknown one.
        document = CaseDocument.objects.filter(case_id=case.pk, pk=parse_id(str(evidence_document))).first()
        if document is None:
            errors["evidence_document"] = _("Choose one of this case's documents.")
        elif closure_reason not in DEMONSTRABLE_DEPARTURES:
            errors["evidence_document"] = _("Only a demonstrable departure has evidence.")
    if errors:
        raise ValidationError(errors)
    deadlines_cancel(case=case, actor=actor, now=now, reason=_("Case closed"))
    previous = case.phase
    case.phase = step.target
    case.closed_at = now
    case.closure_reason = closure_reason
    case.departed_on = departed_on
    case.destination_type = destination_type
    case.destination_country = destination_country
    case.closure_evidence = evidence
    case.closure_remark = remark
    case.closure_document = document
    _save_change(case, "phase", *_CLOSURE_FIELDS)
    events.case_event_record(
        case=case,
        kind=events.CASE_PHASE_CHANGED,
        actor=actor,
        now=now,
        data={
            "from": previous,
            "to": case.phase,
            "closure_reason": closure_reason,
            "departed_on": departed_on.isoformat() if departed_on else None,
            "destination_type": destination_type,
            "destination_country": destination_country,
            "evidence": evidence,
            "remark": remark,
            "evidence_document": document.pk if document else None,
        },
    )
    _send_phase_changed(case, previous, actor, now)
    signals.send_on_commit(
        signals.case_closed,
        case_id=case.pk,
        closure_reason=closure_reason,
        departed_on=departed_on,
        destination_type=destination_type,
        destination_country=destination_country,
        actor_id=actor.pk,
        at=now,
    )
    return case


_CLOSURE_FIELDS = [
    "closed_at",
    "closure_reason",
    "departed_on",
    "destination_type",
    "destination_country",
    "closure_evidence",
    "closure_remark",
    "closure_document",
]


@transaction.atomic
def case_reopen(*, case, reason, actor, now) -> Case:
    """Reopen a closed case (team lead, with the reason): the closure ends and the case is in progress again.

    A DT&V decision, no article: for example a person who was recorded as departed turns out to be
    in the Netherlands. The closure stays in the history and on the timeline.
    """
    case = _lock(case)
    now = _begin_change(case, now)
    if not can_reopen_case(actor, case):
        raise PermissionDenied(_("Only the team lead of the case's team may reopen it."))
    step = check_transition(case=case, name="reopen")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Describe why the case is reopened (at least 10 characters).")}, code="too_short"
        )
    other = (
        Case.objects.filter(foreign_national_id=case.foreign_national_id)
        .exclude(pk=case.pk)
        .exclude(phase=Phase.CLOSED)
        .exists()
    )
    if other:
        raise DomainError(
            _("This person has another open case: work that case instead of reopening this one."),
            code="person_has_open_case",
        )
    closure = {
        "closure_reason": case.closure_reason,
        "closed_at": case.closed_at.isoformat(),
        "departed_on": case.departed_on.isoformat() if case.departed_on else None,
        "destination_type": case.destination_type,
        "destination_country": case.destination_country,
    }
    previous = case.phase
    case.phase = step.target
    case.closed_at = None
    case.closure_reason = ""
    case.departed_on = None
    case.destination_type = ""
    case.destination_country = ""
    case.closure_evidence = ""
    case.closure_remark = ""
    case.closure_document = None
    _save_change(case, "phase", *_CLOSURE_FIELDS)
    events.case_event_record(
        case=case,
        kind=events.CASE_REOPENED,
        actor=actor,
        now=now,
        data={"from": previous, "to": case.phase, "reason": reason, "closure": closure},
    )
    _send_phase_changed(case, previous, actor, now)
    signals.send_on_commit(
        signals.case_reopened,
        case_id=case.pk,
        reason=reason,
        previous_closure_reason=closure["closure_reason"],
        actor_id=actor.pk,
        at=now,
    )
    return case


@transaction.atomic
def case_set_confidential(*, case, confidential, actor, now, reason) -> Case:
    """Mark or unmark a case confidential (team lead); only its officer and the team lead then see it."""
    case = _lock(case)
    now = _begin_change(case, now)
    if not can_mark_confidential(actor, case):
        raise PermissionDenied(_("You may not change the confidentiality of this case."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if case.confidential != confidential:
        case.confidential = confidential
        _save_change(case, "confidential")
        events.case_event_record(
            case=case,
            kind=events.CASE_CONFIDENTIAL_CHANGED,
            actor=actor,
            now=now,
            data={"confidential": confidential, "reason": reason},
        )
    return case


@transaction.atomic
def case_review_duplicate(*, case, verdict, actor, now) -> Case:
    """Record whether the flagged near-duplicate is the same person; records are never merged here."""
    case = _lock(case)
    now = _begin_change(case, now)
    _require_edit(actor, case)
    if not case.awaits_duplicate_review:
        raise DomainError(_("This case has no possible duplicate to review."), code="nothing_to_review")
    if verdict not in DuplicateReview.values:
        raise ValidationError({"verdict": _("Choose a verdict.")}, code="invalid")
    case.duplicate_review = verdict
    _save_change(case, "duplicate_review")
    events.case_event_record(
        case=case,
        kind=events.CASE_DUPLICATE_REVIEWED,
        actor=actor,
        now=now,
        data={"verdict": verdict, "other": case.possible_duplicate_of.v_number},
    )
    return case


@transaction.atomic
def note_add(*, case, text, actor, now) -> CaseNote:
    """Add a note to the case file."""
    _require_edit(actor, case)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")}, code="required")
    note = CaseNote.objects.create(case=case, text=text.strip(), author=actor, written_at=now)
    events.case_event_record(case=case, kind=events.NOTE_ADDED, actor=actor, now=now, data={"note": note.pk})
    return note


@transaction.atomic
def break_glass_open(*, case_id, reason, actor, now) -> BreakGlassGrant:
    """Open a case outside the user's scope for BREAK_GLASS_MINUTES, read-only, recording why."""
    if not actor.has_perm("cases.break_glass"):
        raise PermissionDenied(_("You may not open cases outside your scope."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Describe why you need this case (at least 10 characters).")}, code="too_short"
        )
    case = Case.objects.get(pk=case_id)
    grant = BreakGlassGrant.objects.create(
        user=actor,
        case=case,
        reason=reason,
        granted_at=now,
        expires_at=now + dt.timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    events.case_event_record(case=case, kind=events.CASE_BREAK_GLASS, actor=actor, now=now, data={"reason": reason})
    return grant
