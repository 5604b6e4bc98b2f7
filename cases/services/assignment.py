"""Giving cases to case officers, one by one or in bulk (all or nothing; AMV cases only to specialists)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.accounts.constants import Role
from dtv.core.exceptions import DomainError

from .. import events
from ..models import (
    Assignment,
    Case,
)
from ..people import is_unaccompanied_minor
from ..permissions import can_assign_case
from ._common import _lock


def _assignment_refusal(*, case, officer, actor):
    """Why `actor` may not give `case` to `officer`, or None. The AMV rule lives here and only here."""
    if not can_assign_case(actor, case):
        return DomainError(_("You may not assign this case."), code="not_allowed")
    if not case.is_open:
        return DomainError(_("A closed case cannot be assigned."), code="case_closed")
    if not officer.is_active or not officer.has_role(Role.CASE_OFFICER):
        return DomainError(_("Cases can only be assigned to an active case officer."), code="not_a_case_officer")
    if officer.team_id != actor.team_id:
        return DomainError(_("Cases can only be assigned to a case officer of your own team."), code="other_team")
    if is_unaccompanied_minor(case.foreign_national) and not officer.is_unaccompanied_minor_specialist:
        return DomainError(
            _(
                "The case of an unaccompanied minor (AMV) can only be assigned to a designated AMV specialist; "
                "%(officer)s is not one."
            )
            % {"officer": officer},
            code="unaccompanied_minor_specialist_required",
        )
    if case.case_officer_id == officer.pk:
        return DomainError(_("This case is already assigned to %(officer)s.") % {"officer": officer}, code="unchanged")
    return None


def _assign(case, officer, actor, now, reason):
    previous = case.case_officer
    Assignment.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    Assignment.objects.create(
        case=case, team=officer.team, case_officer=officer, assigned_at=now, assigned_by=actor, reason=reason
    )
    case.team = officer.team
    case.case_officer = officer
    case.save(update_fields=["team", "case_officer"])
    events.case_event_record(
        case=case,
        kind=events.CASE_ASSIGNED,
        actor=actor,
        now=now,
        data={
            "from": str(previous) if previous else "",
            "to": str(officer),
            "to_id": officer.pk,
            "team": officer.team.name,
            "reason": reason,
        },
    )


@transaction.atomic
def case_assign(*, case, officer, actor, now, reason="") -> Case:
    """Give `case` to `officer` (team lead only; AMV cases only to AMV specialists)."""
    if not actor.has_perm("cases.assign_case"):
        raise PermissionDenied(_("You may not assign cases."))
    case = _lock(case)
    refusal = _assignment_refusal(case=case, officer=officer, actor=actor)
    if refusal:
        raise refusal
    _assign(case, officer, actor, now, reason)
    return case


class BulkAssignmentRefused(DomainError):
    """Some cases of a bulk assignment may not go to the officer; none was assigned."""

    code = "bulk_assignment_refused"

    def __init__(self, refusals):
        self.refusals = refusals  # {case: DomainError}
        super().__init__(
            _("None of the cases was assigned, because %(count)d of them may not go to this case officer.")
            % {"count": len(refusals)}
        )


@transaction.atomic
def cases_assign_bulk(*, cases, officer, actor, now, reason="") -> list[Case]:
    """Assign several cases at once, all or none: one refused case leaves every case as it was."""
    if not actor.has_perm("cases.assign_case"):
        raise PermissionDenied(_("You may not assign cases."))
    locked = list(
        Case.objects.select_for_update(of=("self",))
        .select_related("foreign_national")
        .filter(pk__in=[c.pk for c in cases])
        .order_by("pk")
    )
    refusals = {}
    for case in locked:
        refusal = _assignment_refusal(case=case, officer=officer, actor=actor)
        if refusal and refusal.code != "unchanged":
            refusals[case] = refusal
    if refusals:
        raise BulkAssignmentRefused(refusals)
    changed = [case for case in locked if case.case_officer_id != officer.pk]
    for case in changed:
        _assign(case, officer, actor, now, reason)
    return changed
