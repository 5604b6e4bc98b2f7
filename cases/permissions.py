"""Who may see or change which cases: one place, for the browser, the API, tasks and the shell alike.

- A case officer sees the team's cases and changes the cases assigned to them.
- A team lead sees and changes the team's cases and the unassigned national intake.
- A confidential case is seen only by its own case officer and the team lead.
- Anybody else with the break-the-glass permission may open a case for a limited time after
  recording a reason; that access is read-only and every read is logged with the reason.
- A chain partner reads only the cases it handed over.
"""

from dataclasses import dataclass

from django.db.models import Q

from .constants import Phase
from .models import BreakGlassGrant, Case


def cases_visible_to(user):
    """Cases within the user's normal scope (no break-the-glass)."""
    if not user.is_authenticated:
        return Case.objects.none()
    if user.chain_partner:
        return Case.objects.filter(handovers__source=user.chain_partner).distinct()
    if not user.has_perm("cases.view_case"):
        return Case.objects.none()
    if user.has_perm("cases.view_team_caseload"):
        intake = Q(team__isnull=True, case_officer__isnull=True)
        return Case.objects.filter(Q(team_id=user.team_id) | intake) if user.team_id else Case.objects.filter(intake)
    if not user.team_id:
        return Case.objects.none()
    return Case.objects.filter(Q(team_id=user.team_id) & (Q(confidential=False) | Q(case_officer=user)))


def can_edit_case(user, case) -> bool:
    """Whether `user` may change `case` (record interviews, procedures, documents, notes, transitions)."""
    if not user.is_authenticated or not user.has_perm("cases.change_case") or case.phase == Phase.CLOSED:
        return False
    if user.has_perm("cases.view_team_caseload"):
        return (
            case.team_id is None
            and case.case_officer_id is None
            or (user.team_id is not None and case.team_id == user.team_id)
        )
    return case.case_officer_id == user.pk


def can_assign_case(user, case) -> bool:
    """Whether `user` may (re)assign `case`: a team lead, for the team's cases and the national intake."""
    if not user.is_authenticated or not user.has_perm("cases.assign_case") or not user.team_id:
        return False
    return case.team_id in (None, user.team_id)


def can_mark_confidential(user, case) -> bool:
    return user.has_perm("cases.mark_confidential") and can_edit_case(user, case)


@dataclass(frozen=True)
class CaseAccess:
    """How a user reaches a case: in scope, or through break-the-glass with the recorded reason."""

    case: Case
    break_glass_reason: str = ""

    @property
    def through_break_glass(self) -> bool:
        return bool(self.break_glass_reason)


class OutsideScope(Exception):
    """The case exists but lies outside the user's scope; the user may break the glass."""

    def __init__(self, case_id):
        super().__init__(case_id)
        self.case_id = case_id


def case_access(*, user, case_id, now, queryset=None) -> CaseAccess | None:
    """The user's access to case `case_id`: None if it does not exist, OutsideScope if only the glass helps."""
    base = queryset if queryset is not None else Case.objects.all()
    case = base.filter(pk__in=cases_visible_to(user).values("pk")).filter(pk=case_id).first()
    if case is not None:
        return CaseAccess(case=case)
    grant = (
        BreakGlassGrant.objects.filter(user=user, case_id=case_id, expires_at__gt=now).order_by("-expires_at").first()
        if user.has_perm("cases.break_glass")
        else None
    )
    if grant is not None:
        return CaseAccess(case=base.get(pk=case_id), break_glass_reason=grant.reason)
    if user.has_perm("cases.break_glass") and Case.objects.filter(pk=case_id).exists():
        raise OutsideScope(case_id)
    return None
