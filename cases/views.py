from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from .accesslog import log_list_read
from .forms import SearchForm
from .selectors import ACCESS_LOG_PAGE_SIZE, access_log_page, cases_for_workqueue, foreign_nationals_search


@permission_required("cases.view_case", raise_exception=True)
def workqueue(request):
    cases = list(cases_for_workqueue(user=request.user))
    return render(request, "cases/workqueue.html", {"cases": cases})


@permission_required("cases.view_case", raise_exception=True)
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = list(foreign_nationals_search(user=request.user, **form.cleaned_data))
        if results:
            log_list_read(request, results)
    return render(request, "cases/search.html", {"form": form, "results": results})


@permission_required("cases.view_accesslogentry", raise_exception=True)
def access_log(request):
    before = request.GET.get("voor")
    before_id = int(before) if before and before.isdigit() else None
    entries = access_log_page(before_id=before_id)
    next_before = entries[-1].id if len(entries) == ACCESS_LOG_PAGE_SIZE else None
    return render(request, "cases/access_log.html", {"entries": entries, "next_before": next_before})
