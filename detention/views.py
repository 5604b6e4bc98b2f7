"""Pages of supervision and detention: measures and their steps, the order wizard, the order and its PDF,
the enforcement officer's own queue and the legality list. Views parse input, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.accesslog import log_list_read, log_read
from cases.permissions import OutsideScope, case_for_reading, cases_visible_to, scoped
from cases.selectors import case_with_person
from departures.selectors import departure_prospect
from dtv.core.forms import run_service
from dtv.core.pagination import keyset_page
from dtv.core.pdf import PDF_HEADERS

from . import court, forms, orders, permissions, services
from ._legality_rows import rows_html
from .constants import MeasureKind, OrderState, RenderState
from .documents import order_pdf_bytes
from .models import DetentionOrder, Measure
from .processing import SUPERVISION_AND_DETENTION
from .selectors import holding_clock_of, legality_facts, legality_list_rows, my_queue

_VIEW_MEASURE = "detention.view_measure"
_VIEW_ORDER = "detention.view_detentionorder"


def _case(request, pk, *, change=False):
    """The case if it lies in the reader's scope (404 otherwise); to change it the reader must may impose (403)."""
    if not request.user.has_perm("detention.impose_measure" if change else _VIEW_MEASURE):
        raise PermissionDenied
    try:
        access = case_for_reading(
            user=request.user, case_id=pk, now=timezone.now(), queryset=case_with_person(), break_glass=False
        )
    except OutsideScope:
        raise Http404 from None
    if change and not permissions.can_impose(request.user, access.case):
        raise PermissionDenied
    return access.case


def _measure(request, pk) -> Measure:
    if not request.user.has_perm(_VIEW_MEASURE) or request.user.chain_partner:
        raise PermissionDenied
    return get_object_or_404(
        scoped(Measure.objects.select_related("case__foreign_national", "order", "imposed_by"), request.user), pk=pk
    )


def _order(request, pk) -> DetentionOrder:
    if not request.user.has_perm(_VIEW_ORDER) or request.user.chain_partner:
        raise PermissionDenied
    return get_object_or_404(
        scoped(DetentionOrder.objects.select_related("case__foreign_national", "drafted_by"), request.user), pk=pk
    )


# --- measures ---------------------------------------------------------------------------------------------


def measure_add(request, pk):
    case = _case(request, pk, change=True)
    now = timezone.now()
    form = forms.MeasureForm(request.POST or None)
    created = []
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: created.append(
                services.measure_impose(case=case, actor=request.user, now=now, **_filled(form.cleaned_data))
            ),
        )
    ):
        messages.success(request, _("Measure imposed."))
        return redirect("detention:measure_detail", pk=created[0].pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=case)
    return render(request, "detention/measure_add.html", {"case": case, "person": case.foreign_national, "form": form})


def _filled(data):
    return {key: ("" if value is None and key in ("place", "location") else value) for key, value in data.items()}


# step → (label, form, who may take it, the service call)
def _end(m, u, n, d):
    services.measure_end(measure=m, actor=u, now=n, **d)


def _extend(m, u, n, d):
    if m.kind == MeasureKind.HOLDING:
        services.holding_extend(measure=m, actor=u, now=n, **d)
    else:
        services.restricted_location_extend(measure=m, actor=u, now=n, **d)


def _report(m, u, n, d):
    services.report_record(measure=m, on=d["on"], attended=d["attended"] == "yes", actor=u, now=n)


def _settle(m, u, n, d):
    services.deposit_settle(measure=m, actor=u, now=n, **d)


def _court(m, u, n, d):
    checklist = None
    if d["kind"] == "review":
        checklist = {
            "prospect_of_removal": {"yes": True, "no": False}.get(d["prospect_of_removal"]),
            "lighter_measure_suffices": {"yes": True, "no": False}.get(d["lighter_measure_suffices"]),
            "removal_acts": d["removal_acts"],
        }
    court.court_step_record(
        measure=m, kind=d["kind"], on=d["on"], ruling=d["ruling"], grounds=d["grounds"],
        compensation=d["compensation"], text=d["text"], checklist=checklist, actor=u, now=n,
    )  # fmt: skip


def _steps_for(measure, user):
    """The steps this user may take on this measure (the services decide; this keeps the page short)."""
    case = measure.case
    steps = {}
    if measure.running and permissions.can_impose(user, case):
        steps["end"] = (_("End the measure"), forms.EndForm, _end)
        if measure.kind == MeasureKind.RESTRICTED_LOCATION:
            steps["extend"] = (_("Extend beyond 12 weeks"), forms.ExtendVblForm, _extend)
        if measure.kind == MeasureKind.DEPOSIT:
            steps["settle"] = (_("Settle the deposit"), forms.SettleForm, _settle)
    if measure.running and measure.kind == MeasureKind.HOLDING and permissions.can_extend_holding(user, case):
        steps["extend"] = (_("Extend the holding (art. 50 lid 4 Vw 2000)"), forms.ExtendHoldingForm, _extend)
    if measure.running and measure.kind == MeasureKind.REPORTING_DUTY and permissions.can_record_progress(user, case):
        steps["report"] = (_("Record a report"), forms.ReportForm, _report)
    if measure.kind == MeasureKind.DETENTION and permissions.can_record_progress(user, case):
        steps["court"] = (_("Record a step of the court or a review"), forms.CourtStepForm, _court)
    return steps


def _measure_context(request, measure, *, failed=None):
    steps = []
    for key, (label, form_class, _call) in _steps_for(measure, request.user).items():
        form = failed[1] if failed and failed[0] == key else form_class(prefix=key, auto_id=f"{key}_%s")
        steps.append({"key": key, "label": label, "form": form})
    context = {
        "measure": measure,
        "case": measure.case,
        "person": measure.case.foreign_national,
        "reports": measure.reports.order_by("-on")[:50],
        "court_steps": measure.court.order_by("on", "id"),
        "steps": steps,
        "form": failed[1] if failed else None,
    }
    today = timezone.localdate()
    if measure.kind == MeasureKind.DETENTION:
        context["legality"] = legality_facts([measure], on=today)[measure.pk]
    if measure.kind == MeasureKind.HOLDING and measure.running:
        context["holding_clock"] = holding_clock_of(measure, now=timezone.now())
    return context


def measure_detail(request, pk):
    measure = _measure(request, pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=measure.case)
    return render(request, "detention/measure_detail.html", _measure_context(request, measure))


@require_GET
def holding_clock(request, pk):
    """The live clock of a holding (art. 50 Vw 2000): the fragment the pages show, fetched again every minute.

    Read-only; the measure is looked up inside the reader's scope (404 outside it, naming nothing) and the
    read is access-logged, as the measure page is. Anything but a holding is not found.
    """
    measure = _measure(request, pk)
    if measure.kind != MeasureKind.HOLDING:
        raise Http404
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=measure.case)
    clock = holding_clock_of(measure, now=timezone.now()) if measure.running else None
    return render(request, "detention/_holding_clock.html", {"m": measure, "clock": clock})


@require_POST
def measure_step(request, pk, step):
    measure = _measure(request, pk)
    steps = _steps_for(measure, request.user)
    if step not in steps:
        if step in ("end", "extend", "settle", "report", "court"):
            raise PermissionDenied
        raise Http404
    _label, form_class, call = steps[step]
    form = form_class(request.POST, prefix=step, auto_id=f"{step}_%s")
    now = timezone.now()
    if form.is_valid() and run_service(form, lambda: call(measure, request.user, now, form.cleaned_data)):
        messages.success(request, _("Recorded."))
        return redirect("detention:measure_detail", pk=measure.pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=measure.case)
    return render(request, "detention/measure_detail.html", _measure_context(request, measure, failed=(step, form)))


# --- the order ---------------------------------------------------------------------------------------------


def order_add(request, pk):
    case = _case(request, pk, change=True)
    if request.method == "POST":
        order = orders.order_draft(case=case, actor=request.user, now=timezone.now())
        messages.success(request, _("Draft started: complete every section, then issue the order."))
        return redirect("detention:order_edit", pk=order.pk)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=case)
    return render(
        request,
        "detention/order_add.html",
        {"case": case, "person": case.foreign_national, "form": forms.ConfirmForm()},
    )


def _missing(order):
    return orders.order_missing_parts(order, minor=orders.is_minor(order.case.foreign_national.vulnerabilities))


def _edit_page(request, order, form, *, refused=None):
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=order.case)
    return render(
        request,
        "detention/order_edit.html",
        {
            "order": order,
            "case": order.case,
            "person": order.case.foreign_national,
            "form": form,
            "missing": refused if refused is not None else _missing(order),
            "refused": refused is not None,
            "can_approve": permissions.can_approve(request.user, order.case) and order.drafted_by_id != request.user.pk,
            "departure": departure_prospect(case=order.case, today=timezone.localdate()),
        },
    )


def _for_change(request, pk):
    order = _order(request, pk)
    if not permissions.can_impose(request.user, order.case):
        raise PermissionDenied
    return order


def order_edit(request, pk):
    order = _order(request, pk)
    if order.state != OrderState.DRAFT:
        return redirect("detention:order_detail", pk=order.pk)
    may_change = permissions.can_impose(request.user, order.case)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = forms.OrderForm(request.POST)
        saved = []
        if form.is_valid() and run_service(
            form,
            lambda: saved.append(
                orders.order_update(order=order, actor=request.user, now=timezone.now(), **form.to_fields())
            ),
        ):
            messages.success(request, _("Draft saved."))
            return redirect("detention:order_edit", pk=order.pk)
        return _edit_page(request, order, form)
    return _edit_page(request, order, forms.OrderForm(initial=forms.OrderForm.initial_from(order)))


@require_POST
def order_issue(request, pk):
    order = _for_change(request, pk)
    form = forms.OrderForm(initial=forms.OrderForm.initial_from(order))
    try:
        orders.order_issue(order=order, actor=request.user, now=timezone.now())
    except orders.OrderIncomplete as incomplete:
        return _edit_page(request, order, form, refused=incomplete.missing)
    except orders.DomainError as error:
        messages.error(request, error.message)
        return redirect("detention:order_detail", pk=order.pk)
    messages.success(request, _("Detention order issued. The PDF is being prepared."))
    return redirect("detention:order_detail", pk=order.pk)


@require_POST
def order_approve(request, pk):
    order = _order(request, pk)
    if not permissions.can_approve(request.user, order.case):
        raise PermissionDenied
    try:
        orders.order_approve(order=order, actor=request.user, now=timezone.now())
    except orders.DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved."))
    return redirect("detention:order_edit", pk=order.pk)


@require_POST
def order_correct(request, pk):
    order = _for_change(request, pk)
    form = forms.CorrectForm(request.POST)
    created = []
    if form.is_valid() and run_service(
        form,
        lambda: created.append(
            orders.order_correct(
                order=order, changes=form.cleaned_data["changes"], actor=request.user, now=timezone.now()
            )
        ),
    ):
        return redirect("detention:order_edit", pk=created[0].pk)
    return _detail_page(request, order, correct_form=form)


def _detail_page(request, order, *, correct_form=None):
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=order.case)
    may_correct = order.state == OrderState.ISSUED and permissions.can_impose(request.user, order.case)
    return render(
        request,
        "detention/order_detail.html",
        {
            "order": order,
            "case": order.case,
            "person": order.case.foreign_national,
            "versions": DetentionOrder.objects.filter(case_id=order.case_id).order_by("version", "id"),
            "form": correct_form,
            "correct_form": correct_form or (forms.CorrectForm() if may_correct else None),
            "rendering": order.render_state in (RenderState.QUEUED, RenderState.RENDERING),
        },
    )


def order_detail(request, pk):
    return _detail_page(request, _order(request, pk))


def order_status(request, pk):
    """The PDF's progress (htmx polls it while the task runs; the whole page works without)."""
    order = _order(request, pk)
    return render(
        request,
        "detention/_order_status.html",
        {"order": order, "rendering": order.render_state in (RenderState.QUEUED, RenderState.RENDERING)},
    )


def order_pdf(request, pk):
    order = _order(request, pk)
    if order.render_state != RenderState.DONE or not order.pdf_path:
        raise Http404
    content = order_pdf_bytes(order)
    log_read(request, activity=SUPERVISION_AND_DETENTION, case=order.case)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bewaring-{order.pk}-v{order.version}.pdf"'
    for header, value in PDF_HEADERS.items():
        response[header] = value
    return response


# --- queues and lists ----------------------------------------------------------------------------------------


@permission_required("detention.impose_measure", raise_exception=True)
def queue(request):
    today = timezone.localdate()
    work = my_queue(request.user, on=today)
    people = {o.case.foreign_national_id for o in work["drafts"]}
    people |= {m.case.foreign_national_id for m in work["holdings"]}
    people |= {s.measure.case.foreign_national_id for s in work["hearings"]}
    people |= {f.measure.case.foreign_national_id for f in work["reviews"]}
    now = timezone.now()
    for holding in work["holdings"]:
        holding.holding_clock = holding_clock_of(holding, now=now)
    log_list_read(request, sorted(people), activity=SUPERVISION_AND_DETENTION)
    return render(request, "detention/queue.html", {**work, "today": today})


@permission_required("detention.view_legality", raise_exception=True)
def legality_list(request):
    today = timezone.localdate()
    page = keyset_page(legality_list_rows(cases_visible_to(request.user)), cursor=request.GET.get("pagina"), size=50)
    facts = legality_facts(page.rows, on=today)
    rows = [facts[m.pk] for m in page.rows]
    log_list_read(request, [m.case.foreign_national_id for m in page.rows], activity=SUPERVISION_AND_DETENTION)
    return render(
        request,
        "detention/legality_list.html",
        {"rows": rows, "rows_html": rows_html(rows, today=today), "page": page, "today": today},
    )
