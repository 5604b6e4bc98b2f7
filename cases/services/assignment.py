"""Giving cases to case officers, one by one or in bulk (all or nothing; AMV cases only to specialists)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.accounts.constants import Role
from dtv.core.exceptions import DomainError

from .. import events, signals
from ..constants import (
    Phase,
    Source,
)
from ..intake import handover_receive
from ..models import (
    Assignment,
    Case,
)
from ..people import is_unaccompanied_minor
from ..permissions import can_assign_case
from ._common import _begin_change, _lock, _save_change


def _assignment_refusal(*, case, officer, actor):
    """Why `actor` may not give `case` to `officer`, or None."""
    if not can_assign_case(actor, case):
        return DomainError(_("You may not assign this case."), code="not_allowed")
    if not case.is_open:
        return DomainError(_("A closed case cannot be assigned."), code="case_closed")
    if not officer.is_active or not officer.has_role(Role.CASE_OFFICER):
        return DomainError(_("Cases can only be assigned to an active case officer."), code="not_a_case_officer")
    if officer.team_id != actor.team_id:
        return DomainError(_("Cases can only be assigned to a case officer of your own team."), code="other_team")
    return _officer_refusal(case=case, officer=officer)


def _officer_refusal(*, case, officer):
    """Why `officer` may not hold `case`, or None. The AMV rule lives here and only here."""
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


def _assign(case, officer, actor, now, reason, *, team=None):
    """Give the case to `officer` (or, with `team` and no officer, to a team that has yet to pick one)."""
    team = officer.team if officer is not None else team
    previous = case.case_officer
    Assignment.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    Assignment.objects.create(
        case=case, team=team, case_officer=officer, assigned_at=now, assigned_by=actor, reason=reason
    )
    case.team = team
    case.case_officer = officer
    _save_change(case, "team", "case_officer")
    events.case_event_record(
        case=case,
        kind=events.CASE_ASSIGNED,
        actor=actor,
        now=now,
        data={
            "from": str(previous) if previous else "",
            "to": str(officer) if officer else team.name,
            "to_id": officer.pk if officer else None,
            "team": team.name,
            "reason": reason,
        },
    )
    signals.send_on_commit(
        signals.case_assigned,
        case_id=case.pk,
        team_id=team.pk,
        case_officer_id=officer.pk if officer else None,
        previous_case_officer_id=previous.pk if previous else None,
        actor_id=actor.pk,
        at=now,
    )


@transaction.atomic
def case_assign(*, case, officer, actor, now, reason="", version=None) -> Case:
    """Give `case` to `officer` (team lead only; AMV cases only to AMV specialists)."""
    if not actor.has_perm("cases.assign_case"):
        raise PermissionDenied(_("You may not assign cases."))
    case = _lock(case)
    refusal = _assignment_refusal(case=case, officer=officer, actor=actor)
    if refusal:
        raise refusal
    _assign(case, officer, actor, _begin_change(case, now, version=version), reason)
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
        _assign(case, officer, actor, _begin_change(case, now), reason)
    return changed


class RegistrantAssignment:
    """What became of a self-registration's case: taken by its registrant, given to their team, or left in intake."""

    OFFICER = "officer"  # the registering case officer holds the case
    TEAM = "team"  # the registrant's team holds it; the team lead picks an (AMV specialist) officer
    INTAKE = "intake"  # the registrant is no case officer of a team: the case waits in the national intake


@transaction.atomic
def case_assign_registrant(*, case, actor, now) -> str:
    """Give a case that `actor` has just registered to `actor` (RegistrantAssignment says what happened).

    A self-registration is received at a DT&V location by the case officer who talks to the person
    and starts the intake there, so that officer holds the case; the team lead can reassign it. The AMV
    rule still holds: an unaccompanied minor's case registered by an officer who is no AMV specialist
    goes to the officer's team, for the team lead to assign to a specialist. A registrant who is no
    active case officer of a team (a team lead, for example) leaves the case in the national intake.
    """
    case = _lock(case)
    fresh = case.phase == Phase.INTAKE and case.team_id is None and case.case_officer_id is None
    registered_by_actor = case.handovers.filter(received_by=actor, source=Source.SELF_REGISTRATION).exists()
    if not (fresh and registered_by_actor):
        return RegistrantAssignment.INTAKE if case.team_id is None else RegistrantAssignment.TEAM
    if not actor.is_active or not actor.has_role(Role.CASE_OFFICER) or actor.team_id is None:
        return RegistrantAssignment.INTAKE
    reason = _("Registered by the case officer at the desk (self-registration).")
    if _officer_refusal(case=case, officer=actor) is not None:
        _assign(case, None, actor, _begin_change(case, now), reason, team=actor.team)
        return RegistrantAssignment.TEAM
    _assign(case, actor, actor, _begin_change(case, now), reason)
    return RegistrantAssignment.OFFICER


def self_registration_record(*, data, actor, now):
    """Receive a self-registration at the desk and give the new case to its registrant: (handover, created, outcome).

    Two transactions, on purpose: the handover is received as any handover is (exactly once, with
    its own race handling), then assigned. Should the second step fail, the case is in the national
    intake, as an unassigned handover always is.
    """
    handover, created = handover_receive(data=data, received_by=actor, now=now)
    if not created or handover.case_id is None:
        # Repeated, or awaiting a match (a person outside the registrant's scope): nothing to assign.
        return handover, created, None
    return handover, True, case_assign_registrant(case=handover.case, actor=actor, now=now)
