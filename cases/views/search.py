"""Search, and the privacy officer's access log."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from dtv.core.http import bad_request
from dtv.core.ids import parse_id

from ..accesslog import ACCESS_LOG_PAGE_SIZE, access_log_page, log_list_read
from ..forms import (
    SearchForm,
)
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
    before_id = parse_id(before) if before else None
    if before and before_id is None:
        return bad_request(request, _("This page does not exist: its page parameter is not a number."))
    entries = access_log_page(before_id=before_id)
    next_before = entries[-1].id if len(entries) == ACCESS_LOG_PAGE_SIZE else None
    return render(request, "cases/access_log.html", {"entries": entries, "next_before": next_before})
