"""Who may read the medical particulars and the KMar file: one place, for pages, API and PDF alike."""

from dtv.accounts.constants import ChainPartner

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
