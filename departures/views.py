"""Pages of departures: plan versions, booking, the removal and its steps (htmx), the KMar file, this week."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from cases.accesslog import log_list_read, log_read
from cases.constants import DestinationType
from cases.permissions import OutsideScope, case_for_change, case_for_reading, cases_visible_to, scoped
from cases.selectors import case_with_person
from dtv.core.forms import run_service
from dtv.core.http import htmx_target

from . import forms, services
from ._week_rows import rows_html, week_rows
from .constants import TRANSITIONS, ApprovalState
from .models import DepartureFile, DeparturePlan, MedicalParticulars, Removal, RemovalNotice
from .permissions import can_read_medical
from .processing import DEPARTURES, MEDICAL
from .selectors import (
    departure_file_completeness,
    departures_this_week,
    notice_status,
    plan_versions,
    removal_checklist,
    removal_destination_type,
    week_bounds,
)
from .views_kmar import kmar_pdf_context

# The columns "Vertrekken deze week" shows or needs (the notice status reads the departure moment and the notices).
WEEK_VALUES = (
    "id", "departs_at", "state", "carrier", "flight_number", "destination_country", "case__foreign_national_id",
    "case__foreign_national__surname", "case__foreign_national__v_number", "case__case_officer_id",
    "case__case_officer__first_name", "case__case_officer__last_name",
)  # fmt: skip
WEEK_NOTICE_VALUES = ("removal_id", "recipient", "notified_at", "for_departure")

_VIEW = "departures.view_removal"


def _case(request, pk):
    try:
        return case_for_reading(
            user=request.user, case_id=pk, now=timezone.now(), queryset=case_with_person(), break_glass=False
        )
    except OutsideScope:
        raise Http404 from None


# --- the plan ----------------------------------------------------------------------------------------------


@permission_required("departures.view_departureplan", raise_exception=True)
def plan(request, pk):
    access = _case(request, pk)
    case = access.case
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST":
        if not access.can_edit:
            raise PermissionDenied
        now = timezone.now()
        if form.is_valid() and run_service(
            form, lambda: services.plan_record(case=case, actor=request.user, now=now, **form.cleaned_data)
        ):
            messages.success(request, _("New version of the departure plan recorded."))
            return redirect("departures:plan", pk=case.pk)
    versions = list(plan_versions(case=case))
    current = versions[0] if versions else None
    can_approve = (
        current is not None
        and current.approval == ApprovalState.PENDING
        and request.user.has_perm("departures.approve_forced_track")
        and access.can_edit
        and current.author_id != request.user.pk
    )
    log_read(request, activity=DEPARTURES, case=case)
    return render(
        request,
        "departures/plan.html",
        {
            "case": case,
            "person": case.foreign_national,
            "versions": versions,
            "current": current,
            "form": form if access.can_edit else None,
            "can_approve": can_approve,
        },
    )


@require_POST
@permission_required("departures.approve_forced_track", raise_exception=True)
def plan_approve(request, pk):
    found = get_object_or_404(scoped(DeparturePlan.objects.all(), request.user), pk=pk)
    case = case_for_change(user=request.user, case_id=found.case_id, now=timezone.now())
    form = forms.ConfirmForm(request.POST)
    found.case = case
    if run_service(form, lambda: services.plan_approve(plan=found, actor=request.user, now=timezone.now())):
        messages.success(request, _("Forced track approved."))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("departures:plan", pk=case.pk)


# --- removals ------------------------------------------------------------------------------------------------


@permission_required("departures.add_removal", raise_exception=True)
def removal_add(request, pk):
    now = timezone.now()
    case = case_for_change(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    form = forms.BookingForm(request.POST or None)
    created = []
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: created.append(services.removal_book(case=case, actor=request.user, now=now, **_booking(form))),
        )
    ):
        messages.success(request, _("Removal booked."))
        return redirect("departures:removal_detail", pk=created[0].pk)
    log_read(request, activity=DEPARTURES, case=case)
    return render(request, "departures/removal_add.html", {"case": case, "person": case.foreign_national, "form": form})


def _booking(form):
    data = dict(form.cleaned_data)
    if not data.get("destination_country"):
        data.pop("destination_country", None)
    return data


def _rebook(removal, user, now, data):
    booking = {name: data[name] for name in ("departs_at", "flight_number", "carrier") if data.get(name)}
    return services.removal_rebook(
        removal=removal, reason=data["reason"], note=data["note"], actor=user, now=now, **booking
    )


# step → (button label, form, service call with the form's data, the transition that offers it)
STEPS = {
    "notice": (gettext_lazy("Record notice"), forms.NoticeForm, lambda r, u, n, d: services.removal_notice_record(
        removal=r, actor=u, now=n, **d), "notify"),
    "confirm": (gettext_lazy("Confirm"), forms.ConfirmForm, lambda r, u, n, d: services.removal_confirm(
        removal=r, actor=u, now=n), "confirm"),
    "execute": (gettext_lazy("Record departure"), forms.ExecuteForm, lambda r, u, n, d: services.removal_execute(
        removal=r, actor=u, now=n, **d), "execute"),
    "rebook": (gettext_lazy("Rebook"), forms.RebookForm, _rebook, "rebook"),
    "cancel": (gettext_lazy("Cancel"), forms.CancelForm, lambda r, u, n, d: services.removal_cancel(
        removal=r, actor=u, now=n, **d), "cancel"),
}  # fmt: skip


def _readable_removal(request, pk):
    if not request.user.has_perm(_VIEW):
        raise PermissionDenied
    removal = get_object_or_404(scoped(Removal.objects.all(), request.user), pk=pk)
    access = _case(request, removal.case_id)
    removal.case = access.case
    return removal, access


def _removal_context(removal, access, *, failed=None):
    checks, completeness = removal_checklist(removal)
    steps = []
    if access.can_edit:
        for key, (label, form_class, _call, transition) in STEPS.items():
            if removal.state in TRANSITIONS[transition][0]:
                form = failed[1] if failed and failed[0] == key else form_class(prefix=key, auto_id=f"{key}_%s")
                steps.append({"key": key, "label": label, "form": form})
    closes_as = None
    if any(step["key"] == "execute" for step in steps):
        # Recording the departure closes the case (services._close_from_removal): the form says so beforehand.
        closes_as = {
            "destination_type": DestinationType(removal_destination_type(removal)).label,
            "country": removal.destination_country,
        }
    return {
        "closes_as": closes_as,
        "removal": removal,
        "case": removal.case,
        "person": removal.case.foreign_national,
        "notices": list(removal.notices.select_related("recorded_by").order_by("notified_at", "id")),
        "notice": notice_status(removal, list(removal.notices.all())),
        "checks": checks,
        "completeness": completeness,
        "transitions": removal.transitions.select_related("actor").order_by("id"),
        "steps": steps,
        "rebooked_as": Removal.objects.filter(rebooked_from=removal).first(),
    }


@vary_on_headers("HX-Request", "HX-Target")
def removal_detail(request, pk):
    removal, access = _readable_removal(request, pk)
    log_read(request, activity=DEPARTURES, case=removal.case)
    return render(request, "departures/removal_detail.html", _removal_context(removal, access))


@require_POST
@vary_on_headers("HX-Request", "HX-Target")
def removal_step(request, pk, step):
    if step not in STEPS:
        raise Http404
    removal, access = _readable_removal(request, pk)
    if not access.can_edit:
        raise PermissionDenied
    _label, form_class, call, _transition = STEPS[step]
    form = form_class(request.POST, prefix=step, auto_id=f"{step}_%s")
    now = timezone.now()
    done = []
    if form.is_valid() and run_service(form, lambda: done.append(call(removal, request.user, now, form.cleaned_data))):
        messages.success(request, _("Recorded."))
        target = done[0] if isinstance(done[0], Removal) else removal
        if htmx_target(request) is None:
            return redirect("departures:removal_detail", pk=target.pk)
        if target.pk != removal.pk:
            # A rebooking is another removal: htmx loads its page instead of swapping it into this one.
            return HttpResponse(
                status=204, headers={"HX-Redirect": reverse("departures:removal_detail", args=[target.pk])}
            )
        removal = Removal.objects.get(pk=removal.pk)
        access.case.refresh_from_db()  # executing closed it
        removal.case = access.case
        failed = None
    else:
        failed = (step, form)
    log_read(request, activity=DEPARTURES, case=removal.case)
    context = _removal_context(removal, access, failed=failed)
    template = "departures/_removal.html" if htmx_target(request) == "removal" else "departures/removal_detail.html"
    return render(request, template, context)


# --- the KMar departure file ---------------------------------------------------------------------------------


@permission_required("departures.view_departurefile", raise_exception=True)
def departure_file(request, pk):
    access = _case(request, pk)
    case = access.case
    found = DepartureFile.objects.filter(case=case).first()
    medical = MedicalParticulars.objects.filter(departure_file__case=case).first() if found else None
    removal = Removal.objects.filter(case=case).order_by("-departs_at").first()
    may_read_medical = can_read_medical(request.user, case, removal=removal)
    now = timezone.now()
    part = request.POST.get("part")
    file_form = forms.DepartureFileForm(
        request.POST if part == "file" else None,
        initial={name: getattr(found, name) for name in forms.DepartureFileForm.base_fields} if found else None,
        prefix="file",
    )
    medical_form = None
    if may_read_medical:
        medical_form = forms.MedicalForm(
            request.POST if part == "medical" else None,
            initial={name: getattr(medical, name) for name in forms.MedicalForm.base_fields} if medical else None,
            prefix="medical",
        )
    if request.method == "POST":
        if not access.can_edit and not (part == "medical" and may_read_medical):
            raise PermissionDenied
        if (
            part == "file"
            and file_form.is_valid()
            and run_service(
                file_form,
                lambda: services.departure_file_update(
                    case=case, actor=request.user, now=now, **file_form.cleaned_data
                ),
            )
        ):
            messages.success(request, _("KMar departure file saved."))
            return redirect("departures:file", pk=case.pk)
        if (
            part == "medical"
            and medical_form is not None
            and medical_form.is_valid()
            and run_service(
                medical_form,
                lambda: services.medical_particulars_update(
                    case=case, actor=request.user, now=now, **medical_form.cleaned_data
                ),
            )
        ):
            messages.success(request, _("Medical particulars saved."))
            return redirect("departures:file", pk=case.pk)
        if part not in ("file", "medical") or (part == "medical" and medical_form is None):
            raise PermissionDenied
    from laissezpasser.selectors import valid_travel_document

    completeness = departure_file_completeness(found, medical, valid_travel_document(case, on=timezone.localdate(now)))
    log_read(request, activity=DEPARTURES, case=case)
    if may_read_medical:
        # Health data: its own row, under its own purpose (AVG art. 9; the Inspectie: only who needs to know).
        log_read(request, activity=MEDICAL, case=case)
    return render(
        request,
        "departures/departure_file.html",
        {
            "case": case,
            "person": case.foreign_national,
            "file": found,
            "file_form": file_form if access.can_edit else None,
            "medical": medical if may_read_medical else None,
            "medical_form": medical_form,
            "may_read_medical": may_read_medical,
            "completeness": completeness,
            "kmar_pdf": kmar_pdf_context(request.user, removal),
        },
    )


# --- this week -------------------------------------------------------------------------------------------------


@permission_required(_VIEW, raise_exception=True)
def this_week(request):
    today = timezone.localdate()
    user = request.user
    mine = Q(case_officer=user) if not user.has_perm("cases.view_team_caseload") else Q(team_id=user.team_id)
    # Only what a row shows, as named rows (no model instances), and the notices as rows of their own (no prefetch).
    removals = list(
        departures_this_week(cases=cases_visible_to(user, within=mine), today=today)
        .prefetch_related(None)
        .values_list(*WEEK_VALUES, named=True)
    )
    notices = {}
    for notice in RemovalNotice.objects.filter(removal_id__in=[r.id for r in removals]).values_list(
        *WEEK_NOTICE_VALUES, named=True
    ):
        notices.setdefault(notice.removal_id, []).append(notice)
    log_list_read(request, [r.case__foreign_national_id for r in removals], activity=DEPARTURES)
    start, end = week_bounds(today)
    return render(
        request,
        "departures/this_week.html",
        {
            "removals": removals,
            "rows_html": rows_html(week_rows(removals, notices)),
            "week_start": start,
            "week_end": end - dt.timedelta(days=1),
        },
    )
