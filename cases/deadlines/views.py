"""The browser pages of deadlines: marking one met, work items, notifications, overdue in my team."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dtv.core.exceptions import DomainError
from dtv.core.http import redirect_back
from dtv.core.pagination import keyset_page

from ..accesslog import log_list_read
from ..models import Deadline, WorkItem
from ..views._common import case_url, editable, readable
from ..views._common import now as _now
from .notifications import deadline_mark_met, notifications_mark_read, work_item_complete
from .selectors import deadlines_overdue_in_team, notifications_of


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def deadline_met(request, pk):
    now = _now()
    deadline = get_object_or_404(Deadline, pk=pk)
    case = editable(request, deadline.case_id, now=now)
    try:
        deadline_mark_met(deadline=deadline, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deadline marked as met."))
    return redirect(case_url(case.pk, "termijnen"))


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def work_item_done(request, pk):
    now = _now()
    item = get_object_or_404(WorkItem, pk=pk)
    readable(request, item.case_id, now=now)
    try:
        work_item_complete(work_item=item, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Work item done."))
    return redirect_back(request, case_url(item.case_id, "taken"))


def notifications(request):
    now = _now()
    page = keyset_page(notifications_of(user=request.user), cursor=request.GET.get("pagina"), size=50)
    if page.rows:
        log_list_read(request, [n.case.foreign_national for n in page.rows])
    return render(request, "cases/notifications.html", {"page": page, "notifications": page.rows, "now": now})


@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()] or None
    notifications_mark_read(user=request.user, now=_now(), ids=ids)
    return redirect_back(request, reverse("cases:notifications"))


@permission_required("cases.view_team_caseload", raise_exception=True)
def overdue(request):
    """Overdue deadlines in the team lead's team (partial index on overdue deadlines)."""
    now = _now()
    page = keyset_page(deadlines_overdue_in_team(team=request.user.team), cursor=request.GET.get("pagina"), size=50)
    if page.rows:
        log_list_read(request, [d.case.foreign_national for d in page.rows])
    return render(request, "cases/overdue.html", {"page": page, "deadlines": page.rows, "now": now})


# --- Search and the access log ----------------------------------------------------------------------------
