"""The forms of the case work: assignment, phase, confidentiality, notes, person, interviews, procedures, term."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dtv.core.exceptions import DomainError
from dtv.core.forms import run_service

from .. import services
from ..dates import format_partial_date
from ..forms import (
    AgreedActionCompleteForm,
    AgreedActionFormSet,
    AssignForm,
    CloseForm,
    ConfidentialForm,
    ConfirmForm,
    DepartureTermCorrectionForm,
    DepartureTermForm,
    DuplicateReviewForm,
    FamilyLinkForm,
    InterviewForm,
    NoteForm,
    PersonForm,
    ProcedureDecisionForm,
    ProcedureForm,
    ReopenForm,
)
from ..models import AgreedAction, DepartureTerm, LegalProcedure
from ..selectors import (
    team_case_officers,
)
from ..workflow import TRANSITIONS
from ._common import case_url, editable, form_flow, form_page, readable
from ._common import now as _now


@permission_required("cases.change_case", raise_exception=True)
def case_assign(request, pk):
    now = _now()
    access = readable(request, pk, now=now)
    case = access.case
    if not access.can_assign:
        raise PermissionDenied
    return form_flow(
        request,
        case=case,
        form=AssignForm(request.POST or None, officers=team_case_officers(team_id=request.user.team_id)),
        action=lambda data: services.case_assign(
            case=case, officer=data["case_officer"], reason=data["reason"], actor=request.user, now=now
        ),
        success=_("The case was assigned."),
        target=case_url(pk),
        template="cases/assign.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def case_transition(request, pk, transition):
    """A phase change: GET asks for confirmation (what it means), POST takes it."""
    now = _now()
    step = TRANSITIONS.get(transition)
    if step is None or step.own_service:
        raise Http404
    case = editable(request, pk, now=now)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        try:
            services.case_transition(case=case, transition=transition, actor=request.user, now=now)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Phase changed."))
        return redirect("cases:case_detail", pk=pk)
    return form_page(request, "cases/transition_confirm.html", case, form, transition=step)


@permission_required("cases.change_case", raise_exception=True)
def case_close(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    return form_flow(
        request,
        case=case,
        form=CloseForm(request.POST or None, documents=case.documents.order_by("-uploaded_at", "-id")),
        action=lambda data: services.case_close(case=case, actor=request.user, now=now, **data),
        success=_("The case was closed."),
        target=case_url(pk),
        template="cases/close.html",
        transition=TRANSITIONS["close"],
    )


@permission_required("cases.reopen_case", raise_exception=True)
def case_reopen(request, pk):
    now = _now()
    access = readable(request, pk, now=now)
    if not access.can_reopen:
        raise PermissionDenied
    case = access.case
    return form_flow(
        request,
        case=case,
        form=ReopenForm(request.POST or None),
        action=lambda data: services.case_reopen(case=case, actor=request.user, now=now, **data),
        success=_("The case was reopened."),
        target=case_url(pk),
        template="cases/reopen.html",
        transition=TRANSITIONS["reopen"],
    )


@permission_required("cases.mark_confidential", raise_exception=True)
def case_confidential(request, pk):
    now = _now()
    access = readable(request, pk, now=now)
    case = access.case
    if not access.can_mark_confidential:
        raise PermissionDenied
    return form_flow(
        request,
        case=case,
        form=ConfidentialForm(request.POST or None, initial={"confidential": not case.confidential}),
        action=lambda data: services.case_set_confidential(case=case, actor=request.user, now=now, **data),
        success=_("Confidentiality updated."),
        target=case_url(pk),
        template="cases/confidential.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def case_duplicate_review(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    return form_flow(
        request,
        case=case,
        form=DuplicateReviewForm(request.POST or None),
        action=lambda data: services.case_review_duplicate(case=case, actor=request.user, now=now, **data),
        success=_("Review recorded."),
        target=case_url(pk),
        template="cases/duplicate_review.html",
    )


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def note_add(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    form = NoteForm(request.POST, auto_id="note_%s")
    if form.is_valid() and run_service(
        form, lambda: services.note_add(case=case, text=form.cleaned_data["text"], actor=request.user, now=now)
    ):
        messages.success(request, _("Note added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(case_url(pk, "notities"))


@permission_required("cases.change_case", raise_exception=True)
def person_edit(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    person = case.foreign_national
    initial = {name: getattr(person, name) for name in PersonForm.base_fields if name != "date_of_birth"}
    initial["date_of_birth"] = format_partial_date(person.date_of_birth, person.date_of_birth_precision)
    initial["languages"] = person.languages or []
    initial["version"] = person.version

    def update(data):
        data = dict(data)
        data["date_of_birth"], data["date_of_birth_precision"] = data.pop("date_of_birth")
        services.foreign_national_update(case=case, actor=request.user, now=now, **data)

    return form_flow(
        request,
        case=case,
        form=PersonForm(request.POST or None, initial=initial, today=timezone.localdate(now)),
        action=update,
        success=_("Personal data saved."),
        target=case_url(pk, "persoon"),
        template="cases/person_edit.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def family_link_add(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    form = FamilyLinkForm(request.POST or None)
    outcome = []

    def link():
        outcome.append(services.family_link_add(case=case, actor=request.user, now=now, **form.cleaned_data))

    if request.method == "POST" and form.is_valid() and run_service(form, link):
        if outcome[0] == services.FamilyLinkOutcome.LINKED:
            messages.success(request, _("Family link recorded."))
        else:
            # The same words whether or not the V-number exists: the form is no register to search.
            messages.success(
                request,
                _("Family link requested. It is shown once whoever holds the case of that V-number confirms it."),
            )
        return redirect(case_url(pk, "persoon"))
    return form_page(request, "cases/family_link.html", case, form)


@require_POST
@permission_required("cases.change_case", raise_exception=True)
def family_link_confirm(request, pk, request_pk):
    now = _now()
    case = editable(request, pk, now=now)
    try:
        services.family_link_confirm(request_id=request_pk, case=case, actor=request.user, now=now)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Family link confirmed."))
    return redirect(case_url(pk, "persoon"))


# --- Interviews, procedures, departure term -----------------------------------------------------------------


@permission_required("cases.change_case", raise_exception=True)
def interview_add(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    form = InterviewForm(
        request.POST or None, initial={"held_at": timezone.localtime(now).replace(second=0, microsecond=0)}
    )
    actions = AgreedActionFormSet(request.POST or None, prefix="actie")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        data = form.cleaned_data
        agreed = [
            (a["description"], a["party"], a["due_date"])
            for a in actions.cleaned_data
            if a.get("description")
        ]
        if run_service(
            form,
            lambda: services.interview_record(case=case, actor=request.user, now=now, actions=agreed, **data),
        ):
            messages.success(request, _("Departure interview recorded."))
            return redirect(case_url(pk, "gesprekken"))
    return form_page(request, "cases/interview_form.html", case, form, actions=actions)


@permission_required("cases.change_case", raise_exception=True)
def agreed_action_complete(request, pk):
    """Completing an agreed action: GET asks for confirmation, POST completes it (its deadline is met)."""
    now = _now()
    action = get_object_or_404(AgreedAction, pk=pk)
    case = editable(request, action.case_id, now=now)
    return form_flow(
        request,
        case=case,
        form=AgreedActionCompleteForm(request.POST or None),
        action=lambda data: services.agreed_action_complete(action=action, actor=request.user, now=now, **data),
        success=_("Agreed action completed."),
        target=case_url(case.pk, "gesprekken"),
        template="cases/agreed_action_complete.html",
        agreed_action=action,
    )


@permission_required("cases.change_case", raise_exception=True)
def procedure_add(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    return form_flow(
        request,
        case=case,
        form=ProcedureForm(request.POST or None),
        action=lambda data: services.procedure_record(case=case, actor=request.user, now=now, **data),
        success=_("Legal procedure recorded."),
        target=case_url(pk, "procedures"),
        template="cases/procedure_form.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def procedure_decide(request, pk):
    now = _now()
    procedure = get_object_or_404(LegalProcedure, pk=pk)
    case = editable(request, procedure.case_id, now=now)
    return form_flow(
        request,
        case=case,
        form=ProcedureDecisionForm(request.POST or None),
        action=lambda data: services.procedure_decide(procedure=procedure, actor=request.user, now=now, **data),
        success=_("Decision recorded."),
        target=case_url(case.pk, "procedures"),
        template="cases/procedure_decide.html",
        procedure=procedure,
    )


@permission_required("cases.change_case", raise_exception=True)
def departure_term_add(request, pk):
    now = _now()
    case = editable(request, pk, now=now)
    return form_flow(
        request,
        case=case,
        form=DepartureTermForm(request.POST or None),
        action=lambda data: services.departure_term_record(case=case, actor=request.user, now=now, **data),
        success=_("Departure term recorded."),
        target=case_url(pk, "termijnen"),
        template="cases/departure_term_form.html",
    )


@permission_required("cases.change_case", raise_exception=True)
def departure_term_correct(request, pk):
    now = _now()
    term = get_object_or_404(DepartureTerm, pk=pk)
    case = editable(request, term.case_id, now=now)
    initial = {
        "effective_on": term.effective_on,
        "days": term.days,
        "reason": term.reason,
        "version": services.departure_term_version(term),
    }
    return form_flow(
        request,
        case=case,
        form=DepartureTermCorrectionForm(request.POST or None, initial=initial),
        action=lambda data: services.departure_term_correct(term=term, actor=request.user, now=now, **data),
        success=_("Departure term corrected; the deadline was recomputed."),
        target=case_url(case.pk, "termijnen"),
        template="cases/departure_term_correct.html",
        term=term,
    )


# --- Deadlines, work items, notifications --------------------------------------------------------------------
