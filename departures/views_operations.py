"""Pages of group and charter operations: the list, a new operation, the manifest page and its PDF for KMar."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.accesslog import log_list_read
from cases.permissions import can_edit_case, cases_visible_to
from dtv.core.forms import run_service
from dtv.core.pdf import PDF_HEADERS, RenderState

from . import forms, operations
from .documents import manifest_pdf_bytes
from .manifest import manifest, may_view_operations, sees_whole_manifest, upcoming_operations
from .models import Operation, OperationPassenger
from .processing import DEPARTURES


def _operation(request, pk) -> Operation:
    if not may_view_operations(request.user):
        raise PermissionDenied
    return get_object_or_404(Operation, pk=pk)


def _may_organise(user, operation=None):
    return user.has_perm(operations.ORGANISE) and (operation is None or user.team_id == operation.team_id)


def operation_list(request):
    if not may_view_operations(request.user):
        raise PermissionDenied
    return render(
        request,
        "departures/operations.html",
        {
            "operations": list(upcoming_operations(now=timezone.now()).select_related("team")),
            "may_organise": _may_organise(request.user) and request.user.team_id is not None,
        },
    )


def operation_add(request):
    if not may_view_operations(request.user) or not _may_organise(request.user):
        raise PermissionDenied
    form = forms.OperationForm(request.POST or None)
    created = []
    now = timezone.now()
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, lambda: created.append(operations.operation_create(actor=request.user, now=now, **form.cleaned_data))
        )
    ):
        messages.success(request, _("Operation recorded."))
        return redirect("departures:operation_detail", pk=created[0].pk)
    return render(request, "departures/operation_add.html", {"form": form})


def _rendering(operation):
    return operation.render_state in (RenderState.QUEUED, RenderState.RENDERING)


def _page(request, operation, *, passenger_form=None):
    user = request.user
    rows = manifest(operation, user=user)
    whole = sees_whole_manifest(user, operation)
    total = OperationPassenger.objects.filter(operation_id=operation.pk).count()
    for row in rows:
        row.may_change = can_edit_case(user, row.removal.case)
    log_list_read(request, [row.person.pk for row in rows], activity=DEPARTURES)
    return render(
        request,
        "departures/operation_detail.html",
        {
            "operation": operation,
            "rows": rows,
            "ready": sum(row.ready for row in rows),
            "outside": 0 if whole else total - len(rows),
            "whole": whole,
            "may_render": whole and _may_organise(user, operation),
            "rendering": _rendering(operation),
            "passenger_form": passenger_form
            or (forms.PassengerForm(prefix="add") if user.has_perm("departures.change_removal") else None),
            "leave_form": forms.LeaveForm(prefix="leave"),
        },
    )


def operation_detail(request, pk):
    operation = _operation(request, pk)
    if request.method != "POST":
        return _page(request, operation)
    if not request.user.has_perm("departures.change_removal"):
        raise PermissionDenied
    form = forms.PassengerForm(request.POST, prefix="add")
    now = timezone.now()
    if form.is_valid():
        # Only a case the user may change, found in their own caseload: a V-number elsewhere reads as unknown.
        case = (
            cases_visible_to(request.user)
            .filter(foreign_national__v_number=form.cleaned_data["v_number"].strip())
            .exclude(phase="closed")
            .select_related("foreign_national")
            .first()
        )
        if case is None or not can_edit_case(request.user, case):
            form.add_error("v_number", _("No open case with this V-number in the cases you may change."))
        elif run_service(
            form,
            lambda: operations.operation_case_add(
                operation=operation,
                case=case,
                actor=request.user,
                now=now,
                seat=form.cleaned_data["seat"],
                ticket_reference=form.cleaned_data["ticket_reference"],
            ),
        ):
            messages.success(request, _("Added to the operation."))
            return redirect("departures:operation_detail", pk=operation.pk)
    return _page(request, operation, passenger_form=form)


@require_POST
def operation_leave(request, pk):
    if not may_view_operations(request.user) or not request.user.has_perm("departures.change_removal"):
        raise PermissionDenied
    passenger = get_object_or_404(
        OperationPassenger.objects.filter(removal__case__in=cases_visible_to(request.user).values("pk")).select_related(
            "removal__case"
        ),
        pk=pk,
    )
    if not can_edit_case(request.user, passenger.removal.case):
        raise PermissionDenied
    form = forms.LeaveForm(request.POST, prefix="leave")
    if form.is_valid() and run_service(
        form,
        lambda: operations.operation_removal_leave(
            passenger=passenger, reason=form.cleaned_data["reason"], actor=request.user, now=timezone.now()
        ),
    ):
        messages.success(request, _("Taken off the operation; the removal stays booked."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("departures:operation_detail", pk=passenger.operation_id)


@require_POST
def operation_pdf_request(request, pk):
    operation = _operation(request, pk)
    if not sees_whole_manifest(request.user, operation) or not _may_organise(request.user, operation):
        raise PermissionDenied
    operations.operation_manifest_request(operation=operation, actor=request.user, now=timezone.now())
    messages.success(request, _("The manifest PDF is being prepared."))
    return redirect("departures:operation_detail", pk=operation.pk)


def operation_pdf_status(request, pk):
    """The PDF's progress (htmx polls it while the task runs; the whole page works without)."""
    operation = _operation(request, pk)
    if not sees_whole_manifest(request.user, operation):
        raise PermissionDenied
    return render(
        request,
        "departures/_manifest_status.html",
        {
            "operation": operation,
            "rendering": _rendering(operation),
            "may_render": _may_organise(request.user, operation),
        },
    )


def operation_pdf(request, pk):
    operation = _operation(request, pk)
    if not sees_whole_manifest(request.user, operation):
        raise PermissionDenied
    if operation.render_state != RenderState.DONE or not operation.pdf_path:
        raise Http404
    content = manifest_pdf_bytes(operation)
    people = OperationPassenger.objects.filter(operation_id=operation.pk).values_list(
        "removal__case__foreign_national_id", flat=True
    )
    log_list_read(request, list(people), activity=DEPARTURES)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="manifest-{slugify(operation.reference)}-v{operation.pdf_version}.pdf"'
    )
    for header, value in PDF_HEADERS.items():
        response[header] = value
    return response
