"""Pages of travel documents: a request with its history and its steps (htmx, whole-page fallback), countries."""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from cases.accesslog import log_read
from cases.countries import country_name
from cases.models import Nationality
from cases.permissions import OutsideScope, case_for_change, case_for_reading, scoped
from cases.selectors import case_with_person
from dtv.core.forms import run_service
from dtv.core.http import htmx_target

from . import forms, services
from .constants import OPEN_STATES, TRANSITIONS, Readmission, State
from .models import Country, TravelDocumentRequest
from .processing import TRAVEL_DOCUMENTS
from .statistics import country_statistics, expectation, with_expectation

_PERM = "laissezpasser.view_traveldocumentrequest"

# step → (button label, form, service call with the form's data)
STEPS = {
    "approve": (gettext_lazy("Approve (four eyes)"), forms.ConfirmForm, lambda r, u, n, d: services.request_approve(
        request=r, actor=u, now=n)),
    "submit": (gettext_lazy("Submit"), forms.SubmitForm, lambda r, u, n, d: services.request_submit(
        request=r, actor=u, now=n, **d)),
    "schedule-presentation": (gettext_lazy("Schedule presentation"), forms.ScheduleForm,
                              lambda r, u, n, d: services.request_schedule_presentation(
                                  request=r, actor=u, now=n, **d)),
    "record-presentation": (gettext_lazy("Record presentation"), forms.PresentationForm,
                            lambda r, u, n, d: services.request_record_presentation(request=r, actor=u, now=n, **d)),
    "answer": (gettext_lazy("Record answer"), forms.AnswerForm, lambda r, u, n, d: services.request_record_answer(
        request=r, actor=u, now=n, **d)),
    "contact": (gettext_lazy("Record contact"), forms.ContactForm, lambda r, u, n, d: services.request_contact_record(
        request=r, actor=u, now=n, **d)),
    "escalate": (gettext_lazy("Escalate"), forms.EscalateForm, lambda r, u, n, d: services.request_escalate(
        request=r, actor=u, now=n, **d)),
    "use": (gettext_lazy("Record use"), forms.DatedForm, lambda r, u, n, d: services.request_record_use(
        request=r, actor=u, now=n, **d)),
    "expire": (gettext_lazy("Record expiry"), forms.ConfirmForm, lambda r, u, n, d: services.request_record_expiry(
        request=r, actor=u, now=n)),
    "withdraw": (gettext_lazy("Withdraw"), forms.WithdrawForm, lambda r, u, n, d: services.request_withdraw(
        request=r, actor=u, now=n, **d)),
}  # fmt: skip
# Which steps a request in a state offers (the services decide; this only keeps the page short).
_OFFERED_FROM = {
    "approve": TRANSITIONS["submit"][0],
    "submit": TRANSITIONS["submit"][0],
    "schedule-presentation": TRANSITIONS["schedule_presentation"][0],
    "record-presentation": TRANSITIONS["record_presentation"][0],
    "answer": TRANSITIONS["record_answer"][0],
    "contact": TRANSITIONS["record_answer"][0],
    "escalate": TRANSITIONS["escalate"][0],
    "use": TRANSITIONS["record_use"][0],
    "expire": TRANSITIONS["record_expiry"][0],
    "withdraw": TRANSITIONS["withdraw"][0],
}


def _form(step, request_obj, data=None):
    _label, form_class, _call = STEPS[step]
    kwargs = {"prefix": step, "auto_id": f"{step}_%s"}
    if form_class is forms.SubmitForm:
        kwargs["request"] = request_obj
    return form_class(data, **kwargs)


def _readable(request, pk):
    """The request if its case lies in the reader's scope (404 otherwise, the glass gives none here)."""
    if not request.user.has_perm(_PERM):
        raise PermissionDenied
    lp = get_object_or_404(
        scoped(TravelDocumentRequest.objects.select_related("country", "mission"), request.user), pk=pk
    )
    try:
        access = case_for_reading(
            user=request.user, case_id=lp.case_id, now=timezone.now(), queryset=case_with_person(), break_glass=False
        )
    except OutsideScope:
        raise Http404 from None
    lp.case = access.case
    return lp, access


def _page_context(request, lp, access, *, failed=None):
    today = timezone.localdate()
    annotated = with_expectation(TravelDocumentRequest.objects.filter(pk=lp.pk)).first()
    steps = []
    if access.can_edit:
        for step, (label, _form_class, _call) in STEPS.items():
            if lp.state in _OFFERED_FROM[step]:
                form = failed[1] if failed and failed[0] == step else _form(step, lp)
                steps.append({"key": step, "label": label, "form": form})
    return {
        "lp": lp,
        "case": lp.case,
        "person": lp.case.foreign_national,
        "transitions": lp.transitions.select_related("actor").order_by("id"),
        "contacts": lp.contacts.order_by("on", "id"),
        "expectation": expectation(annotated, today=today) if annotated else None,
        "steps": steps,
        "form": failed[1] if failed else None,
    }


@vary_on_headers("HX-Request", "HX-Target")
def request_detail(request, pk):
    lp, access = _readable(request, pk)
    log_read(request, activity=TRAVEL_DOCUMENTS, case=lp.case)
    return render(request, "laissezpasser/request_detail.html", _page_context(request, lp, access))


@require_POST
@vary_on_headers("HX-Request", "HX-Target")
def request_step(request, pk, step):
    if step not in STEPS:
        raise Http404
    lp, access = _readable(request, pk)
    if not access.can_edit:
        raise PermissionDenied
    form = _form(step, lp, request.POST)
    now = timezone.now()
    call = STEPS[step][2]
    recorded = False
    if form.is_valid() and run_service(form, lambda: call(lp, request.user, now, form.cleaned_data)):
        if htmx_target(request) is None:
            messages.success(request, _("Recorded."))
            return redirect("laissezpasser:request_detail", pk=lp.pk)
        # Said in the page's live region, not queued as a message: a queued one would only appear on the next
        # whole page (the case file, say), once per step taken here.
        recorded = True
        lp = TravelDocumentRequest.objects.select_related("country", "mission").get(pk=lp.pk)
        lp.case = access.case
        failed = None
    else:
        failed = (step, form)
    log_read(request, activity=TRAVEL_DOCUMENTS, case=lp.case)
    context = {**_page_context(request, lp, access, failed=failed), "recorded": recorded}
    template = (
        "laissezpasser/_request.html" if htmx_target(request) == "lp-request" else "laissezpasser/request_detail.html"
    )
    return render(request, template, context)


@permission_required("laissezpasser.add_traveldocumentrequest", raise_exception=True)
def request_add(request, pk):
    now = timezone.now()
    case = case_for_change(user=request.user, case_id=pk, now=now, queryset=case_with_person())
    nationalities = list(
        Nationality.objects.filter(foreign_national_id=case.foreign_national_id).values_list("country", flat=True)
    )
    form = forms.RequestCreateForm(request.POST or None, nationalities=nationalities)
    created = []
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: created.append(
                services.request_create(case=case, actor=request.user, now=now, **form.cleaned_data)
            ),
        )
    ):
        messages.success(request, _("Request drafted."))
        return redirect("laissezpasser:request_detail", pk=created[0].pk)
    log_read(request, activity=TRAVEL_DOCUMENTS, case=case)
    return render(
        request, "laissezpasser/request_add.html", {"case": case, "person": case.foreign_national, "form": form}
    )


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str  # "Marokko (MAR)", as str(country) says it in the reader's language
    readmission: str
    presentation_required: bool
    response_days: int
    open_requests: int


@lru_cache(maxsize=2048)
def _named(code, language):
    # ISO 3166 names per language do not change while the process runs (the list names 251 countries a view).
    return f"{country_name(code)} ({code})"


def country_rows() -> list[CountryRow]:
    """Every country with its open requests (from the country tallies), sorted by its name in the reader's language."""
    language = get_language()
    readmission = {value: str(label) for value, label in Readmission.choices}
    countries = Country.objects.annotate(
        open_requests=Sum("request_counts__requests", filter=Q(request_counts__state__in=OPEN_STATES), default=0)
    ).values_list("code", "readmission", "presentation_required", "response_days", "open_requests")
    rows = [
        CountryRow(code, _named(code, language), readmission[agreement], presentation, days, n)
        for code, agreement, presentation, days, n in countries
    ]
    return sorted(rows, key=lambda row: row.name)


# reverse() once with a code no country has, then each row's code is put in its place.
_CODE = "---code---"


def country_rows_html(rows) -> SafeString:
    """The table rows of the country list, written once here: 251 rows of template tags cost ~40 ms a page.

    Every value is escaped with `html.escape`; the country's URL comes from one `reverse()`.
    """
    before, after = escape(reverse("laissezpasser:country_detail", kwargs={"code": _CODE})).split(_CODE)
    yes, no = escape(_("yes")), escape(_("no"))
    td = '<td class="utrecht-table__cell">'
    html = [
        f'<tr class="utrecht-table__row">{td}<a class="utrecht-link" href="{before}{escape(row.code)}{after}">'
        f"{escape(row.name)}</a></td>{td}{escape(row.readmission)}</td>{td}{yes if row.presentation_required else no}"
        f"</td>{td}{row.response_days}</td>{td}{row.open_requests}</td></tr>"
        for row in rows
    ]
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308 B703 (every value above is escaped)


@permission_required("laissezpasser.view_country", raise_exception=True)
def country_list(request):
    rows = country_rows()
    return render(request, "laissezpasser/country_list.html", {"countries": rows, "rows_html": country_rows_html(rows)})


@permission_required("laissezpasser.view_country", raise_exception=True)
def country_detail(request, code):
    country = get_object_or_404(Country, code=code.upper())
    stats = country_statistics(country)
    labels = dict(State.choices)
    return render(
        request,
        "laissezpasser/country_detail.html",
        {
            "country": country,
            "missions": list(country.missions.all()),
            "stats": stats,
            "open_by_state": [(labels[state], n) for state, n in stats.open_by_state.items()],
            "lp_url": reverse("laissezpasser:country_list"),
        },
    )
