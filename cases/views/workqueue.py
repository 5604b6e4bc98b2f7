"""The work queue: own cases, the team's caseload and the national intake; bulk assignment."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dtv.core.http import htmx_target, redirect_back
from dtv.core.ids import parse_ids

from .. import services
from ..accesslog import log_list_read
from ..filters import WorkqueueFilter
from ..forms import (
    BulkAssignForm,
)
from ..models import Case
from ..permissions import cases_visible_to
from ..processing import CASELOAD
from ..selectors import (
    DEFAULT_SORT,
    SORTS,
    queue_page,
    queue_total_and_page,
    team_case_officers,
    workqueue_intake,
    workqueue_mine,
    workqueue_team,
)
from ._common import now as _now
from ._queue_rows import queue_rows, rows_html


@permission_required("cases.view_case", raise_exception=True)
def workqueue(request):
    now = _now()
    on = timezone.localdate(now)
    user = request.user
    view = request.GET.get("weergave", "mijn")
    is_lead = user.has_perm("cases.view_team_caseload")
    # Loaded once for both the officer filter and the bulk-assignment form.
    officers = list(team_case_officers(team_id=user.team_id)) if is_lead and user.team_id else None
    if view == "team" and is_lead:
        base = workqueue_team(user=user, on=on)
    elif view == "intake" and is_lead:
        base = workqueue_intake(user=user, on=on)
    else:
        view, base = "mijn", workqueue_mine(user=user, on=on)
    filterset = WorkqueueFilter(
        request.GET or None, queryset=base, officers=officers if view == "team" else None, now=now
    )
    filtered = filterset.is_bound and filterset.is_valid() and any(
        value not in (None, "") for value in filterset.form.cleaned_data.values()
    )
    sort = request.GET.get("sorteer") if request.GET.get("sorteer") in SORTS else DEFAULT_SORT
    if filtered:
        rows = filterset.qs
        total = rows.count()
        queue = queue_page(rows, sort=sort, cursor=request.GET.get("pagina"))
    else:
        # The queue as it opens (and pages): its count and page in one prepared statement.
        total, queue = queue_total_and_page(view=view, user=user, on=on, sort=sort, cursor=request.GET.get("pagina"))
    page = queue.page
    people = [case["foreign_national_id"] for case in page.rows]
    if people:
        log_list_read(request, people, activity=CASELOAD)
    table = queue_rows(page.rows, nationalities=queue.nationalities, now=now)
    bulk_form = None
    if view in ("team", "intake") and officers is not None:
        bulk_form = BulkAssignForm(officers=officers, case_ids=[row.pk for row in table], auto_id="bulk_%s")
    # The filters and the pager ask htmx for the results only; the same URL without htmx is the whole page.
    partial = htmx_target(request) == "queue-results"
    response = render(
        request,
        "cases/_workqueue_results.html" if partial else "cases/workqueue.html",
        {
            "partial": partial,
            "view": view,
            "is_lead": is_lead,
            "filterset": filterset,
            "page": page,
            "cases": table,
            "rows": table,
            "rows_html": rows_html(table, selectable=bulk_form is not None, with_officer=view != "mijn"),
            "total": total,
            "sort": sort,
            "sorts": [(key, label) for key, (_expr, label) in SORTS.items()],
            "bulk_form": bulk_form,
            "now": now,
        },
    )
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_POST
@permission_required("cases.assign_case", raise_exception=True)
def workqueue_assign(request):
    now = _now()
    officers = team_case_officers(team_id=request.user.team_id)
    fallback = reverse("cases:workqueue") + "?weergave=team"
    ids = parse_ids(request.POST.getlist("cases"))
    if ids is None:
        messages.error(request, _("The selection of cases could not be read. Nothing was assigned."))
        return redirect_back(request, fallback)
    # The choices are the posted cases within the actor's scope: any other id (another team's case, a
    # confidential one, one that does not exist) fails the form alike, and its message names none of them.
    in_scope = list(cases_visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    form = BulkAssignForm(request.POST, officers=officers, case_ids=in_scope)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect_back(request, fallback)
    cases = list(Case.objects.filter(pk__in=form.cleaned_data["cases"]))
    try:
        changed = services.cases_assign_bulk(
            cases=cases,
            officer=form.cleaned_data["case_officer"],
            actor=request.user,
            now=now,
            reason=form.cleaned_data["reason"],
        )
    except services.BulkAssignmentRefused as refused:
        messages.error(request, refused.message)
        # The messages name each refused case by its V-number: a read of those persons.
        log_list_read(request, [case.foreign_national for case in refused.refusals], activity=CASELOAD)
        for case, error in refused.refusals.items():
            messages.error(request, f"{case.foreign_national.v_number}: {error.message}")
        return redirect_back(request, fallback)
    messages.success(
        request,
        _("%(count)d cases assigned to %(officer)s.")
        % {"count": len(changed), "officer": form.cleaned_data["case_officer"]},
    )
    return redirect_back(request, fallback)


# --- Intake ---------------------------------------------------------------------------------------------
