"""Search, and the privacy officer's access log."""

from html import escape

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dtv.core.http import bad_request
from dtv.core.ids import parse_id

from ..accesslog import ACCESS_LOG_PAGE_SIZE, AccessLogFilter, access_log_csv_lines, access_log_page, log_list_read
from ..constants import Phase
from ..dates import format_partial_date
from ..forms import (
    AccessLogFilterForm,
    SearchForm,
)
from ..permissions import break_glass_offer
from ..processing import SEARCH
from ..selectors import (
    SEARCH_LIMIT,
    SearchCriteria,
    case_search,
    cases_outside_scope,
)


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
            log_list_read(request, [case.foreign_national_id for case in results], activity=SEARCH)
        outside = cases_outside_scope(user=request.user, v_number=data["v_number"])
    # Only this search's offer opens the break-the-glass page of a case outside the scope.
    offers = [
        (case_id, reverse("cases:break_glass", kwargs={"pk": case_id}) + "?" + urlencode({"zoek": token}))
        for case_id in outside
        for token in [break_glass_offer(user=request.user, case_id=case_id)]
    ]
    return render(
        request,
        "cases/search.html",
        {
            "form": form,
            "results": results,
            "rows_html": result_rows_html(results, user=request.user) if results else "",
            "more": more,
            "outside": outside,
            "offers": offers,
            "limit": SEARCH_LIMIT,
        },
    )


# reverse() once with a pk that cannot be a real one, then each case's pk is put in its place.
_PK_PLACEHOLDER = 999999999999999999


def _nationality_codes(case):
    # On PostgreSQL read in the search's own statement (case_search), elsewhere prefetched.
    codes = getattr(case, "nationality_codes", None)
    return codes if codes is not None else [n.country for n in case.foreign_national.nationalities.all()]


def result_rows_html(results, *, user) -> SafeString:
    """The table rows of the results, written once here rather than through template tags per cell (a URL, a
    date filter, a loop over nationalities, a choice label and the officer per row cost ~8 ms for 50 rows).

    Every value is escaped with `html.escape`; the case URL comes from one `reverse()`.
    """
    before, after = escape(reverse("cases:case_detail", kwargs={"pk": _PK_PLACEHOLDER})).split(str(_PK_PLACEHOLDER))
    phases = {value: escape(str(label)) for value, label in Phase.choices}
    own = f'<strong class="regie-own-case">{escape(_("You (your case)"))}</strong>'
    unassigned, unknown = escape(_("unassigned")), escape(_("unknown"))
    td = '<td class="utrecht-table__cell">'
    html = []
    for case in results:
        person, officer = case.foreign_national, case.case_officer
        if case.case_officer_id == user.pk:
            officer_cell = own
        else:
            officer_cell = escape(str(officer)) if officer is not None else unassigned
        born = format_partial_date(person.date_of_birth, person.date_of_birth_precision)
        html.append(
            f'<tr class="utrecht-table__row">{td}<a class="utrecht-link" href="{before}{case.pk}{after}">'
            f"{escape(person.v_number)}</a></td>{td}{escape(person.surname)}, {escape(person.given_names)}</td>"
            f"{td}{escape(born) if born else unknown}</td>{td}{escape(', '.join(_nationality_codes(case))) or '–'}</td>"
            f"{td}{phases.get(case.phase, escape(case.phase))}</td>{td}{officer_cell}</td></tr>"
        )
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308 B703 (every value above is escaped)


def _access_log_criteria(request):
    """The filter form and the criteria it gives (None when the form is wrong: then nothing is listed)."""
    form = AccessLogFilterForm(request.GET or None)
    if not form.is_bound:
        return form, AccessLogFilter()
    if not form.is_valid():
        return form, None
    criteria = form.criteria()
    username = form.cleaned_data["username"].strip()
    if username:
        user = get_user_model().objects.filter(username__iexact=username).first()
        # An unknown name lists nothing rather than everything.
        criteria["user_id"] = user.pk if user else -1
    return form, AccessLogFilter(**criteria)


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log(request):
    form, criteria = _access_log_criteria(request)
    before = request.GET.get("voor")
    before_id = parse_id(before) if before else None
    if before and before_id is None:
        return bad_request(request, _("This page does not exist: its page parameter is not a number."))
    entries = [] if criteria is None else access_log_page(before_id=before_id, criteria=criteria)
    next_before = entries[-1].id if len(entries) == ACCESS_LOG_PAGE_SIZE else None
    query = request.GET.copy()
    query.pop("voor", None)
    return render(
        request,
        "cases/access_log.html",
        {
            "form": form,
            "entries": entries,
            "next_before": next_before,
            "filter_query": query.urlencode(),
        },
    )


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log_export(request):
    """The filtered access log as CSV, streamed (the privacy officer's own analysis or a data subject's request)."""
    form, criteria = _access_log_criteria(request)
    if criteria is None:
        return render(request, "cases/access_log.html", {"form": form, "entries": []}, status=400)
    response = StreamingHttpResponse(access_log_csv_lines(criteria), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
    return response
