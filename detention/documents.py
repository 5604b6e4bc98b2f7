"""The detention order as a PDF: context → template → renderer, rendered once by an idempotent task.

WeasyPrint is imported inside the renderer only (it is heavy and patches Pillow on import). Its URL fetcher
serves the project's static files and nothing else, so a stated fact can never make the renderer fetch a URL;
every fact reaches the template as text and is escaped there (a `<script>` in a name is printed as text).
The file is stored once, with its SHA-256 and the template version it was rendered with.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .constants import ABSCONDING_GROUNDS, LIGHTER_RUNGS, ORDER_TEMPLATE_VERSION, MeasureKind, OrderState, RenderState
from .models import DetentionOrder

STATIC_PREFIX = "https://static.regie.invalid/"
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


@functools.cache
def _static_fetcher():
    """One fetcher for every render: building one sets up an SSL context (tens of milliseconds) it never uses."""
    return _static_fetcher_class()()


@functools.cache
def _font_config():
    """One font configuration for every render of the process (the order declares no @font-face of its own)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _static_fetcher_class():
    from django.contrib.staticfiles import finders
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the project's static files under STATIC_PREFIX; refuses every other URL."""

        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_PREFIX):
                raise ValueError(f"Refused to fetch {url!r}: the order PDF uses static files only.")
            found = finders.find(url.removeprefix(STATIC_PREFIX).split("?")[0])
            if not found:
                raise ValueError(f"No static file {url!r}.")
            with open(found, "rb") as handle:
                body = handle.read()
            kind = "text/css" if url.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    return StaticOnlyFetcher


def render_order_pdf(document: OrderDocument) -> bytes:
    """The order as PDF/UA-1 bytes (WeasyPrint imported here, never at module level)."""
    from weasyprint import HTML

    html = render_to_string(TEMPLATE, {"doc": document, "static": STATIC_PREFIX})
    fetcher = _static_fetcher()
    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=f"regie-order-{document.order_id}-v{document.version}".encode(),
        font_config=_font_config(),
    )


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
    sha256 = hashlib.sha256(content).hexdigest()
    stored = default_storage.save(_storage_name(order, sha256), ContentFile(content))
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
    with default_storage.open(order.pdf_path, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != order.pdf_sha256:
        raise ValueError(f"The stored PDF of order {order.pk} does not match its hash.")
    return content
