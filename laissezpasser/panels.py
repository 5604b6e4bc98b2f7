"""The case-file panel "Reisdocumenten": requests with state and next step, the LP, the country's expectation."""

from django.utils.translation import gettext_lazy

from cases.panels import Panel, register_panel

from .selectors import case_requests, travel_document_rows, travel_documents_from_rows
from .statistics import expectation, with_expectation


def _rows(case, *, on, user, params):
    return {
        "requests": with_expectation(case_requests(case=case)).order_by("-created_at", "-id"),
        **{f"document_{name}": qs for name, qs in travel_document_rows([case.pk], on=on).items()},
    }


def _context(case, rows, *, on, user, params):
    documents = {name.removeprefix("document_"): value for name, value in rows.items() if name.startswith("document_")}
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
        permission="laissezpasser.view_traveldocumentrequest",
    )
)
