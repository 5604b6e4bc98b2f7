"""The stored legal-obstacle date of a case, kept in step with the legal checks by the services that change them."""

from django.db import transaction
from django.utils import timezone

from .. import signals
from ..models import Case
from ..selectors.removability import legal_obstacle_until


def _has_obstacle(until, today) -> bool:
    # The one reading of the stored date, the same as removability.legal_obstacle_q in SQL.
    return until is not None and until >= today


@transaction.atomic
def case_legal_obstacle_refresh(*, case, actor, now) -> bool:
    """Store `Case.legal_obstacle_until` from every legal check; signal on commit when today's answer changed.

    Call it in the transaction of the service that changed what a legal check reads (a procedure
    here; an app's own legal facts there), with the case row locked. Returns whether a legal obstacle
    stands today.
    """
    today = timezone.localdate(now)
    before = Case.objects.filter(pk=case.pk).values_list("legal_obstacle_until", flat=True).get()
    until = legal_obstacle_until([case.pk]).get(case.pk)
    if until != before:
        # A derived column, not a change of the case: no history row (like next_deadline).
        Case.objects.filter(pk=case.pk).update(legal_obstacle_until=until)
    case.legal_obstacle_until = until
    had, has = _has_obstacle(before, today), _has_obstacle(until, today)
    if had != has:
        signals.send_on_commit(
            signals.case_removability_changed,
            case_id=case.pk,
            has_legal_obstacle=has,
            legal_obstacle_until=until,
            actor_id=getattr(actor, "pk", None),
            at=now,
        )
    return has


def cases_legal_obstacle_rebuild(*, case_ids=None) -> int:
    """Recompute the stored date for many cases (demo data, repairs) without signals; returns how many changed."""
    ids = list(Case.objects.values_list("pk", flat=True)) if case_ids is None else list(case_ids)
    changed = 0
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        until = legal_obstacle_until(chunk)
        stored = dict(Case.objects.filter(pk__in=chunk).values_list("pk", "legal_obstacle_until"))
        # One UPDATE per distinct date, not per case: a chunk holds few distinct end dates.
        by_value = {}
        for case_id in chunk:
            if case_id in stored and stored[case_id] != until.get(case_id):
                by_value.setdefault(until.get(case_id), []).append(case_id)
        for value, pks in by_value.items():
            changed += Case.objects.filter(pk__in=pks).update(legal_obstacle_until=value)
    return changed
