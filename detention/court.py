"""The court's review of a detention: appeal, the art. 94 notice, hearing, ruling, further appeal, progress
reports, and the periodic review (art. 15 lid 3 Richtlijn 2008/115/EG) as a dated step with its checklist.

The art. 94 notice is due only when no appeal was lodged: an appeal meets it. An unlawful ruling ends the
detention (the person is released). Each step is one `CourtStep` row and one timeline event; the lawful rate
(selectors.lawful_rate) is counted from the dated rulings.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.deadlines.engine import deadline_meet, deadline_open, deadlines_for_source
from cases.events import case_event_record
from dtv.core.exceptions import DomainError

from . import events, permissions
from .constants import CourtStepKind, EndReason, MeasureKind, Ruling
from .deadlines import DetentionDeadlineKind
from .models import CourtStep
from .services import lock_measure, require

# The periodic review's checklist: each question answered, the acts towards removal named.
REVIEW_CHECKLIST = ("prospect_of_removal", "lighter_measure_suffices", "removal_acts")


def _meet(measure, kind, *, actor, now, reason):
    for deadline in deadlines_for_source(measure):
        if deadline.kind == kind:
            deadline_meet(deadline=deadline, actor=actor, now=now, reason=reason)


def _amount(value):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValidationError({"compensation": _("Give an amount in euros.")}) from None
    if amount < 0:
        raise ValidationError({"compensation": _("Give an amount in euros.")})
    return amount


@transaction.atomic
def court_step_record(
    *, measure, kind, on, actor, now, ruling="", grounds="", compensation=None, text="", checklist=None
) -> CourtStep:
    """Record one step of the court's review of a detention (or the periodic review with its checklist)."""
    measure = lock_measure(measure)
    if kind == CourtStepKind.PROGRESS_REPORT:
        require(permissions.can_record_progress(actor, measure.case))
    else:
        require(permissions.can_impose(actor, measure.case))
    if measure.kind != MeasureKind.DETENTION:
        raise DomainError(_("The court reviews detention only."), code="wrong_measure")
    if kind not in CourtStepKind.values:
        raise ValidationError({"kind": _("Choose the step.")})
    if on is None:
        raise ValidationError({"on": _("Give the date.")})
    if kind != CourtStepKind.HEARING and on > timezone.localdate(now):
        raise ValidationError({"on": _("This cannot lie in the future.")})
    if on < timezone.localdate(measure.starts_at):
        raise ValidationError({"on": _("This cannot predate the detention.")})
    errors = {}
    data = {}
    if kind == CourtStepKind.RULING:
        if ruling not in Ruling.values:
            errors["ruling"] = _("Choose lawful or unlawful.")
        if not (grounds or "").strip():
            errors["grounds"] = _("Give the court's grounds.")
        if compensation not in (None, "") and ruling != Ruling.UNLAWFUL:
            errors["compensation"] = _("Compensation follows an unlawful detention only.")
    if kind == CourtStepKind.PROGRESS_REPORT and not (text or "").strip():
        errors["text"] = _("Write the progress report.")
    if kind == CourtStepKind.REVIEW:
        checklist = checklist or {}
        for item in REVIEW_CHECKLIST:
            if checklist.get(item) in (None, ""):
                errors[item] = _("Answer this question of the review.")
        data = {item: checklist.get(item) for item in REVIEW_CHECKLIST}
    if errors:
        raise ValidationError(errors)
    if kind != CourtStepKind.REVIEW:
        _require_running_or_ruling(measure, kind)
    step = CourtStep.objects.create(
        measure=measure,
        kind=kind,
        on=on,
        ruling=ruling if kind == CourtStepKind.RULING else "",
        grounds=(grounds or "").strip(),
        compensation=_amount(compensation),
        text=(text or "").strip(),
        data=data,
        recorded_by=actor,
        recorded_at=now,
    )
    case_event_record(
        case=measure.case,
        kind=events.COURT_STEP,
        actor=actor,
        now=now,
        data={"measure": measure.pk, "step": kind, "on": on.isoformat(), "ruling": step.ruling},
    )
    if kind in (CourtStepKind.APPEAL_LODGED, CourtStepKind.COURT_NOTIFIED):
        # Art. 94 lid 1 Vw 2000: notice is due when no appeal was lodged; either step discharges it.
        _meet(measure, DetentionDeadlineKind.DETENTION_COURT_NOTICE, actor=actor, now=now, reason=str(step))
    if kind == CourtStepKind.REVIEW:
        _meet(measure, DetentionDeadlineKind.DETENTION_REVIEW, actor=actor, now=now, reason=_("Reviewed"))
        if measure.ends_at is None:
            deadline_open(
                case=measure.case,
                kind=DetentionDeadlineKind.DETENTION_REVIEW,
                start=on,
                actor=actor,
                now=now,
                source=measure,
                trigger=str(measure),
            )
    if kind == CourtStepKind.RULING and ruling == Ruling.UNLAWFUL and measure.ends_at is None:
        from .services import measure_end

        measure_end(measure=measure, reason=EndReason.COURT_ORDER, note=step.grounds, actor=actor, now=now)
    return step


def _require_running_or_ruling(measure, kind):
    # A ruling or further appeal may follow the release; the other steps concern a running detention.
    if measure.ends_at is not None and kind not in (CourtStepKind.RULING, CourtStepKind.FURTHER_APPEAL):
        raise DomainError(_("This detention has ended."), code="measure_ended")


def review_every_days() -> int:
    return settings.DETENTION_REVIEW_DAYS
