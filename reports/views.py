from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from .selectors import team_caseload_by_phase


@permission_required("cases.view_team_caseload", raise_exception=True)
def dashboard(request):
    rows = team_caseload_by_phase(team=request.user.team)
    return render(request, "reports/dashboard.html", {"rows": rows, "team": request.user.team})
