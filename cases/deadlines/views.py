"""The browser pages of deadlines: marking one met (after confirmation), work items, notifications, overdue."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dtv.core.exceptions import DomainError
from dtv.core.forms import run_service
from dtv.core.http import htmx_target, redirect_back
from dtv.core.ids import parse_ids
from dtv.core.pagination import keyset_page

from ..accesslog import log_list_read, log_read
from ..constants import LIVE_DEADLINE_STATUSES
from ..models import Deadline, WorkItem
from ..panels import panel_context, panels_for
from ..processing import CASE_WORK, CASELOAD
from ..views._common import case_url, editable
from ..views._common import now as _now
from .forms import DeadlineMetForm
from .notifications import deadline_is_statutory, deadline_mark_met, notifications_mark_read, work_item_complete
from .selectors import deadlines_overdue_in_team, notifications_of


@require_http_methods(["GET", "POST"])
@permission_required("cases.change_case", raise_exception=True)
def deadline_met(request, pk):
    """GET: what marking the deadline met will do (and, for a statutory term, what was done); POST: do it."""
    now = _now()
    deadline = get_object_or_404(Deadline, pk=pk)
    # Scope first: a deadline of a case outside the user's scope is a 404, like the case itself.
    case = editable(request, deadline.case_id, now=now)
    deadline.case = case
    if deadline.status not in LIVE_DEADLINE_STATUSES:
        messages.error(request, _("Only an open or overdue deadline can be met."))
        return redirect(case_url(case.pk, "termijnen"))
    statutory = deadline_is_statutory(deadline)
    form = DeadlineMetForm(request.POST or None, statutory=statutory)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: deadline_mark_met(
                deadline=deadline, actor=request.user, now=now, reason=form.cleaned_data["reason"]
            ),
        )
    ):
        messages.success(request, _("Deadline marked as met."))
        return redirect(case_url(case.pk, "termijnen"))
    log_read(request, activity=CASE_WORK, case=case)
    return render(
        request,
        "cases/deadline_met.html",
        {
            "case": case,
            "person": case.foreign_national,
            "deadline": deadline,
            "statutory": statutory,
            "late": now > deadline.due_at,
            "form": form,
            "now": now,
        },
    )


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def work_item_done(request, pk):
    """Finish a work item; htmx (from the case file's work-item panel) gets the panel back instead of a redirect."""
    now = _now()
    item = get_object_or_404(WorkItem, pk=pk)
    # Only who may change the case finishes its work (the service checks again; this answers 403 first).
    case = editable(request, item.case_id, now=now)
    partial = htmx_target(request) == WORK_ITEMS_PANEL
    if item.deadline_id and item.deadline.status in LIVE_DEADLINE_STATUSES:
        # Finishing the task meets its deadline: the same confirmation (and reason) as "Mark as met".
        confirm = reverse("cases:deadline_met", kwargs={"pk": item.deadline_id})
        if partial:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = confirm  # htmx then opens the confirmation page as a whole page
            return response
        return redirect(confirm)
    try:
        work_item_complete(work_item=item, actor=request.user, now=now)
    except DomainError as error:
        if partial:
            return _work_items_panel(request, case, now=now, message=error.message, error=True)
        messages.error(request, error.message)
    else:
        if partial:
            return _work_items_panel(request, case, now=now, message=_("Work item done."))
        messages.success(request, _("Work item done."))
    return redirect_back(request, case_url(item.case_id, WORK_ITEMS_PANEL))


WORK_ITEMS_PANEL = "taken"


def _work_items_panel(request, case, *, now, message, error=False):
    """The case file's work-item panel as it reads now, with what happened, and the menu's counts out of band."""
    panel = next(panel for panel in panels_for(request.user) if panel.key == WORK_ITEMS_PANEL)
    context = panel_context(panel, case, on=timezone.localdate(now), user=request.user, params={})
    log_read(request, activity=CASE_WORK, case=case)
    return render(
        request,
        panel.template,
        {
            "panel": context,
            "case": case,
            "can_edit": True,
            "live_statuses": LIVE_DEADLINE_STATUSES,
            "panel_message": message,
            "panel_error": error,
            "badges_out_of_band": True,
        },
    )


def notifications(request):
    now = _now()
    page = keyset_page(notifications_of(user=request.user), cursor=request.GET.get("pagina"), size=50)
    if page.rows:
        log_list_read(request, [n.case.foreign_national for n in page.rows], activity=CASELOAD)
    return render(request, "cases/notifications.html", {"page": page, "notifications": page.rows, "now": now})


@require_POST
def notifications_read(request):
    ids = parse_ids(request.POST.getlist("ids"))
    if ids is None:
        messages.error(request, _("The selection of notifications could not be read. Nothing was marked as read."))
        return redirect_back(request, reverse("cases:notifications"))
    # No ids: every notification of the user ("mark all as read").
    notifications_mark_read(user=request.user, now=_now(), ids=ids or None)
    return redirect_back(request, reverse("cases:notifications"))


@permission_required("cases.view_team_caseload", raise_exception=True)
def overdue(request):
    """Passed deadlines in the team lead's team (partial index on overdue deadlines)."""
    now = _now()
    page = keyset_page(deadlines_overdue_in_team(team=request.user.team), cursor=request.GET.get("pagina"), size=50)
    if page.rows:
        log_list_read(request, [d.case.foreign_national for d in page.rows], activity=CASELOAD)
    return render(request, "cases/overdue.html", {"page": page, "deadlines": page.rows, "now": now})
