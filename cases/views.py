"""The browser interface of cases: views parse input, call one service or selector, and render."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dtv.core.exceptions import DomainError
from dtv.core.forms import add_service_errors
from dtv.core.pagination import keyset_page

from . import services
from .accesslog import log_list_read, log_read
from .constants import LIVE_DEADLINE_STATUSES, Source
from .dates import format_partial_date
from .deadlines.engine import deadline_meet
from .filters import WorkqueueFilter
from .forms import (
    AgreedActionFormSet,
    AssignForm,
    BreakGlassForm,
    BulkAssignForm,
    CloseForm,
    ConfidentialForm,
    DepartureTermCorrectionForm,
    DepartureTermForm,
    DuplicateReviewForm,
    FamilyLinkForm,
    IntakeForm,
    InterviewForm,
    NoteForm,
    PersonForm,
    ProcedureDecisionForm,
    ProcedureForm,
    SearchForm,
)
from .intake import HandoverData, handover_receive
from .models import AgreedAction, Case, Deadline, DepartureTerm, LegalProcedure, WorkItem
from .notifications import notifications_mark_read, work_item_complete
from .permissions import OutsideScope, can_assign_case, can_edit_case, can_mark_confidential, case_access
from .selectors import (
    ACCESS_LOG_PAGE_SIZE,
    SEARCH_LIMIT,
    SearchCriteria,
    access_log_page,
    case_changes,
    case_file,
    case_search,
    case_with_person,
    cases_outside_scope,
    deadlines_overdue_in_team,
    notifications_of,
    team_case_officers,
    workqueue_intake,
    workqueue_mine,
    workqueue_team,
)
from .workflow import TRANSITIONS, transitions_from

QUEUE_PAGE_SIZE = 50
# Cases without a live deadline sort after every case with one.
_FAR_FUTURE = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)

# The work queue's sort orders; each is a key that keyset pagination continues from.
SORTS = {
    "termijn": (
        lambda: Coalesce(F("next_deadline__due_at"), Value(_FAR_FUTURE), output_field=DateTimeField()),
        gettext_lazy("Next deadline"),
    ),
    "geopend": (lambda: F("opened_at"), gettext_lazy("Opened")),
    "naam": (lambda: Lower("foreign_national__surname"), gettext_lazy("Name")),
    "v-nummer": (lambda: F("foreign_national__v_number"), gettext_lazy("V-number")),
}


def _now():
    return timezone.now()


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _access(request, pk, *, now):
    """The case with the user's access to it; 404 outside scope (the case file itself offers the glass)."""
    try:
        access = case_access(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    except OutsideScope:
        raise Http404 from None
    if access is None:
        raise Http404
    return access


def _editable_case(request, pk, *, now):
    access = _access(request, pk, now=now)
    if access.through_break_glass or not can_edit_case(request.user, access.case):
        raise PermissionDenied
    return access.case


# --- Work queue ---------------------------------------------------------------------------------------


@permission_required("cases.view_case", raise_exception=True)
def workqueue(request):
    now = _now()
    on = timezone.localdate(now)
    user = request.user
    view = request.GET.get("weergave", "mijn")
    is_lead = user.has_perm("cases.view_team_caseload")
    officers = team_case_officers(team=user.team) if is_lead and user.team_id else None
    if view == "team" and is_lead:
        base = workqueue_team(user=user, on=on)
    elif view == "intake" and is_lead:
        base = workqueue_intake(on=on)
    else:
        view, base = "mijn", workqueue_mine(user=user, on=on)
    filterset = WorkqueueFilter(
        request.GET or None, queryset=base, officers=officers if view == "team" else None, now=now
    )
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    sort = request.GET.get("sorteer") if request.GET.get("sorteer") in SORTS else "termijn"
    total = rows.count()
    page = keyset_page(rows.annotate(sort_key=SORTS[sort][0]()), cursor=request.GET.get("pagina"), size=QUEUE_PAGE_SIZE)
    if page.rows:
        log_list_read(request, [case.foreign_national for case in page.rows])
    bulk_form = None
    if view in ("team", "intake") and officers is not None:
        bulk_form = BulkAssignForm(officers=officers, case_ids=[c.pk for c in page.rows], auto_id="bulk_%s")
    return render(
        request,
        "cases/workqueue.html",
        {
            "view": view,
            "is_lead": is_lead,
            "filterset": filterset,
            "page": page,
            "cases": page.rows,
            "total": total,
            "sort": sort,
            "sorts": [(key, label) for key, (_expr, label) in SORTS.items()],
            "bulk_form": bulk_form,
            "now": now,
        },
    )


@require_POST
@permission_required("cases.assign_case", raise_exception=True)
def workqueue_assign(request):
    now = _now()
    officers = team_case_officers(team=request.user.team)
    ids = [int(i) for i in request.POST.getlist("cases") if i.isdigit()]
    form = BulkAssignForm(request.POST, officers=officers, case_ids=ids)
    fallback = reverse("cases:workqueue") + "?weergave=team"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, fallback)
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
        for case, error in refused.refusals.items():
            messages.error(request, f"{case.foreign_national.v_number}: {error.message}")
        return _back(request, fallback)
    messages.success(
        request,
        _("%(count)d cases assigned to %(officer)s.")
        % {"count": len(changed), "officer": form.cleaned_data["case_officer"]},
    )
    return _back(request, fallback)


# --- Intake ---------------------------------------------------------------------------------------------


@permission_required("cases.add_case", raise_exception=True)
def intake(request):
    now = _now()
    form = IntakeForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        date_of_birth, precision = data["date_of_birth"]
        handover, created = handover_receive(
            data=HandoverData(
                source=Source.SELF_REGISTRATION,
                reference=data["reference"],
                handover_date=data["handover_date"],
                v_number=data["v_number"],
                surname=data["surname"],
                given_names=data["given_names"],
                date_of_birth=date_of_birth,
                date_of_birth_precision=precision,
                sex=data["sex"],
                nationalities=[(data["nationality"], data["nationality_status"])],
                languages=data["languages"],
                vulnerabilities=data["vulnerabilities"],
                track=data["track"],
                payload={"form": "intake", "reference": data["reference"]},
            ),
            received_by=request.user,
            now=now,
        )
        messages.success(request, _outcome_message(handover, created))
        return redirect("cases:case_detail", pk=handover.case_id)
    return render(request, "cases/intake.html", {"form": form})


def _outcome_message(handover, created):
    if not created:
        return _("This registration had been received already; it is the same case.")
    return {
        "new_case": _("New case opened."),
        "added_to_open_case": _("This V-number already has an open case: the registration was added to it."),
        "new_case_after_closed": _("New case opened, linked to the earlier closed case of this V-number."),
    }.get(handover.outcome, "")


# --- The case file ----------------------------------------------------------------------------------------


@permission_required("cases.view_case", raise_exception=True)
def case_detail(request, pk):
    now = _now()
    try:
        access = case_access(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    except OutsideScope:
        return redirect("cases:break_glass", pk=pk)
    if access is None:
        raise Http404
    case = access.case
    before = request.GET.get("voor")
    file = case_file(
        case=case, on=timezone.localdate(now), before_event_id=int(before) if (before or "").isdigit() else None
    )
    log_read(request, case=case, reason=access.break_glass_reason)
    can_edit = not access.through_break_glass and can_edit_case(request.user, case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "file": file,
            "case": case,
            "person": case.foreign_national,
            "access": access,
            "can_edit": can_edit,
            "can_assign": not access.through_break_glass and can_assign_case(request.user, case),
            "can_mark_confidential": not access.through_break_glass and can_mark_confidential(request.user, case),
            "transitions": transitions_from(case.phase) if can_edit else [],
            "note_form": NoteForm(auto_id="note_%s") if can_edit else None,
            "now": now,
            "live_statuses": LIVE_DEADLINE_STATUSES,
        },
    )


@permission_required("cases.view_case", raise_exception=True)
def case_changes_view(request, pk):
    access = _access(request, pk, now=_now())
    log_read(request, case=access.case, reason=access.break_glass_reason)
    return render(request, "cases/case_changes.html", {"case": access.case, "changes": case_changes(case=access.case)})


@permission_required("cases.break_glass", raise_exception=True)
def break_glass(request, pk):
    now = _now()
    if not Case.objects.filter(pk=pk).exists():
        raise Http404
    try:
        if case_access(user=request.user, case_id=pk, now=now) is not None:
            return redirect("cases:case_detail", pk=pk)
    except OutsideScope:
        pass
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_open(case_id=pk, reason=form.cleaned_data["reason"], actor=request.user, now=now)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("cases:case_detail", pk=pk)
    return render(request, "cases/break_glass.html", {"form": form, "case_id": pk}, status=403)


def _form_page(request, template, case, form, **context):
    log_read(request, case=case)
    return render(request, template, {"case": case, "person": case.foreign_national, "form": form, **context})


def _form_flow(request, *, case, form, action, success, target, template, **context):
    """GET shows the form; a valid POST calls the service and redirects, or shows its errors on the form."""
    if request.method == "POST" and form.is_valid() and _run(form, lambda: action(form.cleaned_data)):
        messages.success(request, success)
        return redirect(target)
    return _form_page(request, template, case, form, **context)


def _case_url(case_id, anchor=""):
    return reverse("cases:case_detail", kwargs={"pk": case_id}) + (f"#{anchor}" if anchor else "")


def _run(form, action):
    """Call the service; a ValidationError lands on the form, a DomainError above it. True on success."""
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error)
    except DomainError as error:
        form.add_error(None, error.message)
    else:
        return True
    return False


@permission_required("cases.change_case", raise_exception=True)
def case_assign(request, pk):
    now = _now()
    access = _access(request, pk, now=now)
    case = access.case
    if access.through_break_glass or not can_assign_case(request.user, case):
        raise PermissionDenied
    return _form_flow(
        request,
        case=case,
        form=AssignForm(request.POST or None, officers=team_case_officers(team=request.user.team)),
        action=lambda data: services.case_assign(
            case=case, officer=data["case_officer"], reason=data["reason"], actor=request.user, now=now
        ),
        success=_("The case was assigned."),
        target=_case_url(pk),
        template="cases/assign.html",
    )


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def case_transition(request, pk, transition):
    now = _now()
    if transition not in TRANSITIONS or transition == "close":
        raise Http404
    case = _editable_case(request, pk, now=now)
    try:
        services.case_transition(case=case, transition=transition, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Phase changed."))
    return redirect("cases:case_detail", pk=pk)


@permission_required("cases.change_case", raise_exception=True)
def case_close(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    return _form_flow(
        request,
        case=case,
        form=CloseForm(request.POST or None),
        action=lambda data: services.case_transition(
            case=case, transition="close", closure_reason=data["closure_reason"], actor=request.user, now=now
        ),
        success=_("The case was closed."),
        target=_case_url(pk),
        template="cases/close.html",
    )


@permission_required("cases.mark_confidential", raise_exception=True)
def case_confidential(request, pk):
    now = _now()
    access = _access(request, pk, now=now)
    case = access.case
    if access.through_break_glass or not can_mark_confidential(request.user, case):
        raise PermissionDenied
    return _form_flow(
        request,
        case=case,
        form=ConfidentialForm(request.POST or None, initial={"confidential": not case.confidential}),
        action=lambda data: services.case_set_confidential(case=case, actor=request.user, now=now, **data),
        success=_("Confidentiality updated."),
        target=_case_url(pk),
        template="cases/confidential.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def case_duplicate_review(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    return _form_flow(
        request,
        case=case,
        form=DuplicateReviewForm(request.POST or None),
        action=lambda data: services.case_review_duplicate(case=case, actor=request.user, now=now, **data),
        success=_("Review recorded."),
        target=_case_url(pk),
        template="cases/duplicate_review.html",
    )


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def note_add(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    form = NoteForm(request.POST, auto_id="note_%s")
    if form.is_valid() and _run(
        form, lambda: services.note_add(case=case, text=form.cleaned_data["text"], actor=request.user, now=now)
    ):
        messages.success(request, _("Note added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_case_url(pk, "notities"))


@permission_required("cases.change_case", raise_exception=True)
def person_edit(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    person = case.foreign_national
    initial = {name: getattr(person, name) for name in PersonForm.base_fields if name != "date_of_birth"}
    initial["date_of_birth"] = format_partial_date(person.date_of_birth, person.date_of_birth_precision)
    initial["languages"] = person.languages or []

    def update(data):
        data = dict(data)
        data["date_of_birth"], data["date_of_birth_precision"] = data.pop("date_of_birth")
        services.foreign_national_update(case=case, actor=request.user, now=now, **data)

    return _form_flow(
        request,
        case=case,
        form=PersonForm(request.POST or None, initial=initial, today=timezone.localdate(now)),
        action=update,
        success=_("Personal data saved."),
        target=_case_url(pk, "persoon"),
        template="cases/person_edit.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def family_link_add(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    return _form_flow(
        request,
        case=case,
        form=FamilyLinkForm(request.POST or None),
        action=lambda data: services.family_link_add(case=case, actor=request.user, now=now, **data),
        success=_("Family link recorded."),
        target=_case_url(pk, "persoon"),
        template="cases/family_link.html",
    )


# --- Interviews, procedures, departure term -----------------------------------------------------------------


@permission_required("cases.change_case", raise_exception=True)
def interview_add(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    form = InterviewForm(
        request.POST or None, initial={"held_at": timezone.localtime(now).replace(second=0, microsecond=0)}
    )
    actions = AgreedActionFormSet(request.POST or None, prefix="actie")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        data = form.cleaned_data
        agreed = [
            (a["description"], a["party"] or AgreedAction.Party.FOREIGN_NATIONAL, a["due_date"])
            for a in actions.cleaned_data
            if a.get("description")
        ]
        if _run(
            form,
            lambda: services.interview_record(case=case, actor=request.user, now=now, actions=agreed, **data),
        ):
            messages.success(request, _("Departure interview recorded."))
            return redirect(_case_url(pk, "gesprekken"))
    return _form_page(request, "cases/interview_form.html", case, form, actions=actions)


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def agreed_action_complete(request, pk):
    now = _now()
    action = get_object_or_404(AgreedAction, pk=pk)
    case = _editable_case(request, action.case_id, now=now)
    try:
        services.agreed_action_complete(action=action, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Agreed action completed."))
    return redirect(_case_url(case.pk, "gesprekken"))


@permission_required("cases.change_case", raise_exception=True)
def procedure_add(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    return _form_flow(
        request,
        case=case,
        form=ProcedureForm(request.POST or None),
        action=lambda data: services.procedure_record(case=case, actor=request.user, now=now, **data),
        success=_("Legal procedure recorded."),
        target=_case_url(pk, "procedures"),
        template="cases/procedure_form.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def procedure_decide(request, pk):
    now = _now()
    procedure = get_object_or_404(LegalProcedure, pk=pk)
    case = _editable_case(request, procedure.case_id, now=now)
    return _form_flow(
        request,
        case=case,
        form=ProcedureDecisionForm(request.POST or None),
        action=lambda data: services.procedure_decide(procedure=procedure, actor=request.user, now=now, **data),
        success=_("Decision recorded."),
        target=_case_url(case.pk, "procedures"),
        template="cases/procedure_decide.html",
        procedure=procedure,
    )


@permission_required("cases.change_case", raise_exception=True)
def departure_term_add(request, pk):
    now = _now()
    case = _editable_case(request, pk, now=now)
    return _form_flow(
        request,
        case=case,
        form=DepartureTermForm(request.POST or None),
        action=lambda data: services.departure_term_record(case=case, actor=request.user, now=now, **data),
        success=_("Departure term recorded."),
        target=_case_url(pk, "termijnen"),
        template="cases/departure_term_form.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def departure_term_correct(request, pk):
    now = _now()
    term = get_object_or_404(DepartureTerm, pk=pk)
    case = _editable_case(request, term.case_id, now=now)
    initial = {"effective_on": term.effective_on, "days": term.days, "reason": term.reason}
    return _form_flow(
        request,
        case=case,
        form=DepartureTermCorrectionForm(request.POST or None, initial=initial),
        action=lambda data: services.departure_term_correct(term=term, actor=request.user, now=now, **data),
        success=_("Departure term corrected; the deadline was recomputed."),
        target=_case_url(case.pk, "termijnen"),
        template="cases/departure_term_correct.html",
        term=term,
    )


# --- Deadlines, work items, notifications --------------------------------------------------------------------


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def deadline_met(request, pk):
    now = _now()
    deadline = get_object_or_404(Deadline, pk=pk)
    case = _editable_case(request, deadline.case_id, now=now)
    try:
        deadline_meet(deadline=deadline, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deadline marked as met."))
    return redirect(_case_url(case.pk, "termijnen"))


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def work_item_done(request, pk):
    now = _now()
    item = get_object_or_404(WorkItem, pk=pk)
    _access(request, item.case_id, now=now)
    try:
        work_item_complete(work_item=item, actor=request.user, now=now)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Work item done."))
    return _back(request, _case_url(item.case_id, "taken"))


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
    return _back(request, reverse("cases:notifications"))


@permission_required("cases.view_team_caseload", raise_exception=True)
def overdue(request):
    """Overdue deadlines in the team lead's team (partial index on overdue deadlines)."""
    now = _now()
    page = keyset_page(deadlines_overdue_in_team(team=request.user.team), cursor=request.GET.get("pagina"), size=50)
    if page.rows:
        log_list_read(request, [d.case.foreign_national for d in page.rows])
    return render(request, "cases/overdue.html", {"page": page, "deadlines": page.rows, "now": now})


# --- Search and the access log ----------------------------------------------------------------------------


@permission_required("cases.view_case", raise_exception=True)
def search(request):
    form = SearchForm(request.GET or None)
    results, outside, more = None, [], False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        date_of_birth, precision = data["date_of_birth"] or (None, None)
        criteria = SearchCriteria(
            v_number=data["v_number"],
            name=data["name"],
            date_of_birth=date_of_birth,
            date_precision=precision or "full",
        )
        results = list(case_search(user=request.user, criteria=criteria))
        more = len(results) > SEARCH_LIMIT
        results = results[:SEARCH_LIMIT]
        if results:
            log_list_read(request, [case.foreign_national for case in results])
        outside = cases_outside_scope(user=request.user, v_number=data["v_number"])
    return render(
        request,
        "cases/search.html",
        {"form": form, "results": results, "more": more, "outside": outside, "limit": SEARCH_LIMIT},
    )


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log(request):
    before = request.GET.get("voor")
    before_id = int(before) if before and before.isdigit() else None
    entries = access_log_page(before_id=before_id)
    next_before = entries[-1].id if len(entries) == ACCESS_LOG_PAGE_SIZE else None
    return render(request, "cases/access_log.html", {"entries": entries, "next_before": next_before})
