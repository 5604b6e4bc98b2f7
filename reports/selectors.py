"""Read-only figures for dashboards; reports owns no case data."""

from django.db.models import Count, Q

from cases.constants import Phase
from cases.models import Case


def team_caseload_by_phase(*, team):
    """Open and closed case counts of `team` per phase, in one aggregate query."""
    if team is None:
        return []
    counts = Case.objects.filter(team=team).aggregate(
        **{phase.value: Count("id", filter=Q(phase=phase.value)) for phase in Phase}
    )
    return [{"phase": phase.label, "count": counts[phase.value]} for phase in Phase]
