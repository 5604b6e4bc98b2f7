"""The departure term of a return decision (art. 62 Vw 2000) and its correction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import events
from ..constants import DEPARTURE_TERM_DAYS
from ..deadlines.engine import (
    deadline_open,
    deadline_recompute,
    deadlines_cancel,
    deadlines_for_source,
)
from ..models import (
    DepartureTerm,
)
from ._common import StaleEdit, _local_today, _lock, _require_edit


def _validate_term(*, effective_on, days, reason, now):
    errors = {}
    if days is None or days < 0:
        errors["days"] = _("Give the term in days (0 or more).")
    elif days != DEPARTURE_TERM_DAYS and not reason.strip():
        errors["reason"] = _("A departure term other than 28 days needs a recorded reason (art. 62 Vw 2000).")
    if effective_on > _local_today(now) + dt.timedelta(days=365):
        errors["effective_on"] = _("This date lies implausibly far in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def departure_term_record(
    *, case, effective_on, actor, now, days=DEPARTURE_TERM_DAYS, reason="", decision_reference=""
) -> DepartureTerm:
    """Record the departure term of a return decision; it opens the art. 62 Vw 2000 deadline."""
    case = _lock(case)
    _require_edit(actor, case)
    _validate_term(effective_on=effective_on, days=days, reason=reason, now=now)
    for earlier in DepartureTerm.objects.filter(case=case):
        for deadline in deadlines_for_source(earlier):
            deadlines_cancel(
                case=case, actor=actor, now=now, reason=_("Replaced by a new departure term"), only=[deadline]
            )
    term = DepartureTerm.objects.create(
        case=case,
        effective_on=effective_on,
        days=days,
        reason=reason.strip(),
        decision_reference=decision_reference,
        recorded_at=now,
        recorded_by=actor,
    )
    deadline_open(
        case=case,
        kind="departure_term",
        start=effective_on,
        params={"days": days},
        actor=actor,
        now=now,
        source=term,
        trigger=_("Return decision takes effect"),
    )
    events.case_event_record(
        case=case,
        kind=events.DEPARTURE_TERM_RECORDED,
        actor=actor,
        now=now,
        data={"effective_on": effective_on.isoformat(), "days": days, "reason": term.reason},
    )
    return term


def departure_term_version(term) -> int:
    """The version of a departure term as an editor reads it: its latest history row (one per save)."""
    return term.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


@transaction.atomic
def departure_term_correct(
    *, term, effective_on, days, reason, correction, actor, now, version=None
) -> DepartureTerm:
    """Correct a recorded departure term (e.g. a wrong decision date); the deadline is recomputed, history kept.

    `version` is what the editor read (`departure_term_version`): a correction saved meanwhile by
    someone else makes this one stale, refused rather than silently overwritten.
    """
    case = _lock(term.case)
    _require_edit(actor, case)
    if not correction.strip():
        raise ValidationError({"correction": _("Say what was wrong.")}, code="required")
    _validate_term(effective_on=effective_on, days=days, reason=reason, now=now)
    term = DepartureTerm.objects.select_for_update().get(pk=term.pk)
    if version is not None and version != departure_term_version(term):
        raise StaleEdit()
    old = {"effective_on": term.effective_on.isoformat(), "days": term.days}
    term.effective_on, term.days, term.reason = effective_on, days, reason.strip()
    term._change_reason = correction[:100]
    term.save()
    for deadline in deadlines_for_source(term):
        deadline_recompute(
            deadline=deadline, start=effective_on, params={"days": days}, actor=actor, now=now, reason=correction
        )
    events.case_event_record(
        case=case,
        kind=events.DEPARTURE_TERM_CORRECTED,
        actor=actor,
        now=now,
        data={"old": old, "new": {"effective_on": effective_on.isoformat(), "days": days}, "correction": correction},
    )
    return term
