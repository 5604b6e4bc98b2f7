"""The detention order as a PDF: context → template → renderer, rendered once by an idempotent task.

The renderer, its static-only URL fetcher and the hashed storage are `dtv.core.pdf`'s (shared with departures);
every fact reaches the template as text and is escaped there (a `<script>` in a name is printed as text).
The file is stored once, with its SHA-256 and the template version it was rendered with.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dtv.core.pdf import STATIC_PREFIX, html_to_pdf, pdf_read_checked, pdf_store, static_fetcher_class

from .constants import ABSCONDING_GROUNDS, LIGHTER_RUNGS, ORDER_TEMPLATE_VERSION, MeasureKind, OrderState, RenderState
from .models import DetentionOrder

TEMPLATE = "detention/pdf/order.html"


@dataclass(frozen=True)
class OrderDocument:
    """Everything the order states, as text."""

    order_id: int
    version: int
    changes: str
    v_number: str
    name: str
    date_of_birth: str
    article: str
    article_label: str
    location: str
    grounds: tuple  # (label, facts)
    lighter: tuple  # (measure, reason)
    prospect_evidence: str
    lp_stage: str
    lp_expected_on: str
    flight_booked_on: str
    dublin_claim: bool
    non_refoulement: str
    hearing_at: str
    interpreter: str
    lawyer: str
    vulnerability: str
    last_resort: str
    approved_by: str
    issued_by: str
    issued_at: str


def _moment(value):
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def order_document(order) -> OrderDocument:
    """The facts of an order as the PDF states them (in Dutch, the language of the decision)."""
    person = order.case.foreign_national
    with translation.override("nl"):
        return OrderDocument(
            order_id=order.pk,
            version=order.version,
            changes=order.changes,
            v_number=person.v_number,
            name=f"{person.surname}, {person.given_names}".strip(", "),
            date_of_birth=str(person.date_of_birth or ""),
            article=f"art. {order.article} Vw 2000",
            article_label=str(order.get_article_display()),
            location=str(order.get_detention_location_display()),
            grounds=tuple(
                (str(ABSCONDING_GROUNDS[g["code"]][1]), g["facts"])
                for g in order.grounds
                if g.get("code") in ABSCONDING_GROUNDS
            ),
            lighter=tuple(
                (str(MeasureKind(rung).label), order.lighter_measures.get(rung, "")) for rung in LIGHTER_RUNGS
            ),
            prospect_evidence=order.prospect_evidence,
            lp_stage=order.lp_stage,
            lp_expected_on=order.lp_expected_on.strftime("%d-%m-%Y") if order.lp_expected_on else "",
            flight_booked_on=order.flight_booked_on.strftime("%d-%m-%Y") if order.flight_booked_on else "",
            dublin_claim=order.dublin_claim,
            non_refoulement=order.non_refoulement,
            hearing_at=_moment(order.hearing_at),
            interpreter=order.interpreter or "geen tolk nodig",
            lawyer="aanwezig" if order.lawyer_present else "afstand gedaan door betrokkene",
            vulnerability=order.vulnerability,
            last_resort=order.last_resort,
            approved_by=order.approved_by.get_full_name() if order.approved_by_id else "",
            issued_by=order.issued_by.get_full_name() if order.issued_by_id else "",
            issued_at=_moment(order.issued_at),
        )


def render_order_pdf(document: OrderDocument) -> bytes:
    """The order as PDF/UA-1 bytes."""
    html = render_to_string(TEMPLATE, {"doc": document, "static": STATIC_PREFIX})
    return html_to_pdf(html, identifier=f"regie-order-{document.order_id}-v{document.version}")


def _storage_name(order, sha256):
    return f"detention/{order.case_id}/order-{order.pk}-v{order.version}-{sha256[:16]}.pdf"


def order_pdf_render(*, order_id, now) -> DetentionOrder:
    """Render and store an issued order's PDF once; a second run (or a second worker) finds it and returns."""
    with transaction.atomic():
        order = DetentionOrder.objects.select_for_update().get(pk=order_id)
        if order.state == OrderState.DRAFT or order.render_state == RenderState.DONE:
            return order
        order.render_state = RenderState.RENDERING
        order.save(update_fields=["render_state"])
    order = DetentionOrder.objects.select_related("case__foreign_national", "approved_by", "issued_by").get(pk=order_id)
    try:
        content = render_order_pdf(order_document(order))
    except Exception:
        DetentionOrder.objects.filter(pk=order_id).update(render_state=RenderState.FAILED)
        raise
    stored, sha256 = pdf_store(content, name=lambda sha256: _storage_name(order, sha256))
    with transaction.atomic():
        order = DetentionOrder.objects.select_for_update().get(pk=order_id)
        if order.render_state == RenderState.DONE:
            # Another worker stored it meanwhile: keep theirs, drop ours.
            transaction.on_commit(lambda: default_storage.delete(stored))
            return order
        order.pdf_path, order.pdf_sha256, order.template_version = stored, sha256, ORDER_TEMPLATE_VERSION
        order.render_state, order.rendered_at = RenderState.DONE, now
        order.save(update_fields=["pdf_path", "pdf_sha256", "template_version", "render_state", "rendered_at"])
    return order


def order_pdf_bytes(order) -> bytes:
    """The stored PDF, checked against its hash (a changed file is never handed out)."""
    return pdf_read_checked(order.pdf_path, order.pdf_sha256)


# The tests reach the fetcher by its old name.
_static_fetcher_class = static_fetcher_class
