"""The case-file panel "Reisdocumenten": requests with state and next step, the LP, the country's expectation."""

from django.utils.translation import gettext_lazy

from cases.panels import Panel, register_panel
from dtv.core.batch import prepared

from .removability import CHECK
from .selectors import case_requests, travel_documents_from_rows
from .statistics import expectation, with_expectation


def _build(*, case_id):
    return {"requests": with_expectation(case_requests(case_id=case_id)).order_by("-created_at", "-id")}


def _rows(case, *, on, user, params):
    # The travel document comes from the rows of the removability check (removability_checks below): the
    # header's obstacle and this panel read the same rows, fetched once.
    return prepared(_build, case_id=case.pk)


def _context(case, rows, *, on, user, params):
    documents = rows[f"removability:{CHECK.key}"]
    requests = rows["requests"]
    for request in requests:
        request.expectation = expectation(request, today=on)
    return {
        "requests": requests,
        "travel_document": travel_documents_from_rows([case.pk], documents, on=on)[case.pk],
    }


register = register_panel(
    Panel(
        key="reisdocumenten",
        title=gettext_lazy("Travel documents"),
        template="laissezpasser/panel.html",
        order=45,
        querysets=_rows,
        context=_context,
        removability_checks=(CHECK,),
        permission="laissezpasser.view_traveldocumentrequest",
    )
)
