"""Who may see which cases: one place, for the browser and the API alike."""

from django.db.models import Q

from .models import Case


def cases_visible_to(user):
    """Cases within the user's scope (DOMAIN: team scope; confidential only to the officer and the team lead)."""
    if not user.is_authenticated:
        return Case.objects.none()
    if user.chain_partner:
        return Case.objects.filter(handovers__source=user.chain_partner).distinct()
    if not user.has_perm("cases.view_case") or not user.team_id:
        return Case.objects.none()
    team_cases = Q(team_id=user.team_id)
    if user.has_perm("cases.view_team_caseload"):
        return Case.objects.filter(team_cases)
    return Case.objects.filter(team_cases & (Q(confidential=False) | Q(case_officer=user)))
