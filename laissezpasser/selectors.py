"""What other modules read of travel documents: the RvS phase, the valid travel document, a case's requests."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.constants import DocumentKind, ProcedureKind, ProcedureOutcome
from cases.selectors import case_procedures
from dtv.core.batch import fetch_together, matching, prepared_for

from .constants import AWAITING_STATES, OPEN_STATES, State
from .models import IdentityDocumentDetails, TravelDocumentRequest

# The procedures that are an appeal against the asylum decision (beroep, hoger beroep, and the interim
# relief that goes with them). Regie does not record whether an appeal concerns an asylum or a regular
# application, so every pending appeal the person may await here counts: the safe reading of the ruling.
ASYLUM_APPEAL_KINDS = (ProcedureKind.APPEAL, ProcedureKind.FURTHER_APPEAL, ProcedureKind.INTERIM_RELIEF)


def asylum_appeal_pending(*, case) -> bool:
    """Whether the person may await an asylum appeal in the Netherlands now (RvS 19 November 2025)."""
    return (
        case_procedures(case=case)
        .filter(kind__in=ASYLUM_APPEAL_KINDS, outcome=ProcedureOutcome.PENDING, may_await_in_nl=True)
        .exists()
    )


def case_requests(*, case=None, case_id=None):
    """The case's travel-document requests, newest first, with country and mission (unevaluated)."""
    case_id = case.pk if case is not None else case_id
    return TravelDocumentRequest.objects.filter(case_id=case_id).select_related("country", "mission")


def open_request_exists(*, case, country) -> bool:
    return TravelDocumentRequest.objects.filter(case_id=case.pk, country=country, state__in=OPEN_STATES).exists()


@dataclass(frozen=True)
class TravelDocument:
    """A document the person can travel on, on a given day, or the reason there is none."""

    kind: str  # "laissez_passer" | DocumentKind.PASSPORT | DocumentKind.ID_CARD | "" (none)
    number: str = ""
    country: str = ""
    valid_until: dt.date | None = None
    reason: str = ""
    source_id: int | None = None

    def __bool__(self):
        return bool(self.kind)


LAISSEZ_PASSER = "laissez_passer"
_IDENTITY_KINDS = (DocumentKind.PASSPORT, DocumentKind.ID_CARD)


def travel_document_querysets(*, ids):
    """The querysets themselves (`ids`: one case id or several), for a prepared build of another app."""
    return {
        "lps": TravelDocumentRequest.objects.filter(matching("case_id", ids), state=State.ISSUED)
        .select_related("country")
        .order_by("case_id", "-lp_valid_until", "id"),
        "documents": IdentityDocumentDetails.objects.filter(
            matching("case_id", ids), document__kind__in=_IDENTITY_KINDS
        )
        .select_related("document")
        .order_by("case_id", "-valid_until", "id"),
    }


def travel_document_rows(case_ids, *, on):
    """The unevaluated querysets that decide the valid travel document of many cases on `on`."""
    return prepared_for(travel_document_querysets, case_ids)


def travel_documents_from_rows(case_ids, rows, *, on) -> dict:
    """case id → TravelDocument valid on `on` (or the reason there is none), from `travel_document_rows`."""
    found = {}
    expired = {}
    for lp in rows["lps"]:
        if lp.lp_issued_on and lp.lp_issued_on <= on <= lp.lp_valid_until:
            found.setdefault(
                lp.case_id,
                TravelDocument(LAISSEZ_PASSER, lp.lp_number, lp.country.code, lp.lp_valid_until, source_id=lp.pk),
            )
        elif lp.lp_valid_until and lp.lp_valid_until < on:
            expired.setdefault(lp.case_id, lp.lp_valid_until)
    for details in rows["documents"]:
        if details.case_id in found:
            continue
        if details.valid_until >= on:
            found[details.case_id] = TravelDocument(
                details.document.kind, details.number, details.country, details.valid_until, source_id=details.pk
            )
        else:
            expired.setdefault(details.case_id, details.valid_until)
    result = {}
    for case_id in case_ids:
        if case_id in found:
            result[case_id] = found[case_id]
        elif case_id in expired:
            result[case_id] = TravelDocument(
                "",
                reason=_("No valid travel document: the last one expired on %(date)s.")
                % {"date": expired[case_id].strftime("%d-%m-%Y")},
            )
        else:
            result[case_id] = TravelDocument(
                "", reason=_("No valid travel document: no passport, identity card or laissez-passer recorded.")
            )
    return result


def valid_travel_document(case, *, on: dt.date) -> TravelDocument:
    """The document valid on `on` (an issued LP, or a passport/ID card with its expiry), or the reason there is none."""

    rows = fetch_together(travel_document_rows([case.pk], on=on))
    return travel_documents_from_rows([case.pk], rows, on=on)[case.pk]


@dataclass(frozen=True)
class RemovalProspect:
    """What the travel-document requests say of the prospect of removal (for the detention order and its review)."""

    request_id: int | None = None
    country: str = ""
    stage: str = ""
    stage_label: str = ""
    expected_on: dt.date | None = None
    last_transition_on: dt.date | None = None

    def __bool__(self):
        return self.request_id is not None


def removal_prospect(*, case, today: dt.date) -> RemovalProspect:
    """The case's most recent open request: its stage and the country's expected answer date (median response)."""
    from .statistics import expectation, with_expectation

    request = with_expectation(case_requests(case=case).filter(state__in=OPEN_STATES)).order_by("-created_at").first()
    if request is None:
        return RemovalProspect()
    expected = expectation(request, today=today)
    last = request.transitions.order_by("-on").values_list("on", flat=True).first()
    return RemovalProspect(
        request_id=request.pk,
        country=request.country.code,
        stage=request.state,
        stage_label=request.get_state_display(),
        expected_on=expected.around if expected else None,
        last_transition_on=last,
    )


def last_transition_rows(case_ids):
    """Per case the date of its latest travel-document transition (an act towards removal), unevaluated."""
    from django.db.models import Max

    from .models import RequestTransition

    return (
        RequestTransition.objects.filter(request__case_id__in=case_ids)
        .values("request__case_id")
        .annotate(last=Max("on"))
        .order_by()
    )


def requests_waiting_longest(*, team_id, limit=10):
    """The team's open cases' requests awaiting the mission longest (oldest submission first), with country."""
    return (
        TravelDocumentRequest.objects.filter(
            case__team_id=team_id, state__in=AWAITING_STATES, submitted_on__isnull=False
        )
        .exclude(case__phase="closed")
        .select_related("country")
        .order_by("submitted_on", "id")[:limit]
    )


def latest_transition(case_id):
    """The case's latest travel-document transition (unevaluated; for a panel's one statement)."""
    from .models import RequestTransition

    return RequestTransition.objects.filter(request__case_id=case_id).order_by("-on", "-id")[:1]


def latest_transition_on(case_ref):
    """The date of the case's latest travel-document transition, as a subquery on `case_ref` (an OuterRef)."""
    from django.db.models import Subquery

    from .models import RequestTransition

    return Subquery(RequestTransition.objects.filter(request__case_id=case_ref).order_by("-on", "-id").values("on")[:1])


def open_request_rows(case_ids):
    """The open travel-document requests of the given cases (one id or several), newest first (unevaluated)."""
    return (
        TravelDocumentRequest.objects.filter(matching("case_id", case_ids), state__in=OPEN_STATES)
        .select_related("country")
        .order_by("-created_at", "-id")
    )
