"""The case's phase, confidentiality, duplicate review, notes and break-the-glass access."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError

from .. import events
from ..constants import (
    ClosureReason,
    DuplicateReview,
    Phase,
)
from ..deadlines.engine import (
    deadlines_cancel,
)
from ..models import (
    BreakGlassGrant,
    Case,
    CaseNote,
)
from ..permissions import can_mark_confidential
from ..workflow import check_transition
from ._common import _lock, _require_edit

BREAK_GLASS_MINUTES = 30


@transaction.atomic
def case_transition(*, case, transition, actor, now, closure_reason="") -> Case:
    """Move the case along its workflow (workflow.py); closing needs a reason and cancels live deadlines."""
    case = _lock(case)
    _require_edit(actor, case)
    step = check_transition(case=case, name=transition)
    if step.target == Phase.CLOSED:
        if closure_reason not in ClosureReason.values:
            raise ValidationError({"closure_reason": _("Choose why the case is closed.")}, code="required")
        case.closure_reason = closure_reason
        case.closed_at = now
        deadlines_cancel(case=case, actor=actor, now=now, reason=_("Case closed"))
    previous = case.phase
    case.phase = step.target
    case.save(update_fields=["phase", "closure_reason", "closed_at"])
    events.case_event_record(
        case=case,
        kind=events.CASE_PHASE_CHANGED,
        actor=actor,
        now=now,
        data={"from": previous, "to": case.phase, "closure_reason": closure_reason},
    )
    return case


@transaction.atomic
def case_set_confidential(*, case, confidential, actor, now, reason) -> Case:
    """Mark or unmark a case confidential (team lead); only its officer and the team lead then see it."""
    case = _lock(case)
    if not can_mark_confidential(actor, case):
        raise PermissionDenied(_("You may not change the confidentiality of this case."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    if case.confidential != confidential:
        case.confidential = confidential
        case.save(update_fields=["confidential"])
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
    _require_edit(actor, case)
    if not case.awaits_duplicate_review:
        raise DomainError(_("This case has no possible duplicate to review."), code="nothing_to_review")
    if verdict not in DuplicateReview.values:
        raise ValidationError({"verdict": _("Choose a verdict.")}, code="invalid")
    case.duplicate_review = verdict
    case.save(update_fields=["duplicate_review"])
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
