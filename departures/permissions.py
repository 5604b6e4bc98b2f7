"""Who may read the medical particulars and the KMar file: one place, for pages, API and PDF alike."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cases.permissions import can_read_case_work, scoped
from dtv.accounts.constants import ChainPartner

from .constants import OPEN_REMOVAL_STATES, RemovalState
from .models import Removal

MEDICAL_PERMISSION = "departures.view_medical_particulars"


def is_kmar_partner(user) -> bool:
    return bool(user.is_authenticated and user.chain_partner == ChainPartner.KMAR)


def is_medical_staff(user) -> bool:
    """The medical staff role: the medical permission without any case scope."""
    return bool(
        user.is_authenticated
        and not user.chain_partner
        and user.has_perm(MEDICAL_PERMISSION)
        and not user.has_perm("cases.view_case")
    )


def can_read_medical(user, case, *, removal=None) -> bool:
    """Need to know (AVG art. 9): the case's own officer, the medical staff, KMar for a removal it escorts.

    A team colleague, the team lead, an enforcement officer, the privacy officer and the other chain partners
    hold no need to know the health of this person, whatever else they may read of the case.
    """
    if not user.is_authenticated or not user.has_perm(MEDICAL_PERMISSION):
        return False
    if is_kmar_partner(user):
        return removal is not None and removal.kmar_escorted
    if user.has_perm("cases.view_case"):
        return case.case_officer_id == user.pk
    return True  # the medical staff role: a national role without case scope, holding only this permission


def removal_for_file_reader(user, pk) -> Removal:
    """The removal whose KMar departure file `user` may read (API, page and PDF alike), else 404/403.

    KMar: a removal KMar escorts that is not cancelled, whichever partner handed the case over (404 otherwise). The
    medical staff: a removal still to be carried out. Everyone else: a removal in their case scope, DT&V only.
    """
    removals = Removal.objects.select_related("case__foreign_national")
    if is_kmar_partner(user):
        if not user.has_perm("departures.view_departurefile"):
            raise PermissionDenied
        return get_object_or_404(removals.exclude(state=RemovalState.CANCELLED), pk=pk, kmar_escorts__gt=0)
    if is_medical_staff(user):
        return get_object_or_404(removals.filter(state__in=OPEN_REMOVAL_STATES), pk=pk)
    found = get_object_or_404(scoped(removals, user), pk=pk)
    if not can_read_case_work(user) or not user.has_perm("departures.view_departurefile"):
        raise PermissionDenied
    return found
