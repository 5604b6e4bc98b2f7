"""The KMar departure file of a removal as a PDF: the handover to KMar, rendered once per file version by a task.

The shared plumbing is `dtv.core.pdf` (lazy WeasyPrint, static-only fetcher, hashed storage), as for the detention
order. Every fact reaches the template as text and is escaped there (a `<script>` in a name is printed as text).

Medical particulars: the PDF carries them, because its reader is KMar's escort lead, who needs them on the flight;
so the PDF is downloadable only by need-to-know readers (`permissions.can_read_medical`: the case's officer, the
medical staff, KMar for a removal it escorts), each download logged under the medical purpose too. A second
rendering without them was left out on purpose: it would be one more stored copy of a person's file for readers who
read the page already (which leaves the medical part out for them).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from cases.countries import country_name
from dtv.core.pdf import RenderState, html_to_pdf, pdf_read_checked, pdf_store
from laissezpasser.selectors import travel_document_rows, travel_documents_from_rows

from .models import DepartureFile, KmarFilePdf, MedicalParticulars, Removal
from .selectors import departure_file_completeness

TEMPLATE = "departures/pdf/kmar_file.html"
# Raise it with every change to the template: a stored PDF names the version it was rendered with.
KMAR_FILE_TEMPLATE_VERSION = "kmar-file-1"
TASK = "departures.render_kmar_file_pdf"


@dataclass(frozen=True)
class KmarFileDocument:
    """Everything the KMar file states, as text (in Dutch, the language of the handover)."""

    removal_id: int
    stamp: str
    v_number: str
    name: str
    date_of_birth: str
    nationalities: str
    flight: str
    departs_at: str
    route: str
    escorts: str
    ticket_reference: str
    sections: tuple  # (heading, ((label, text), ...))
    score: int
    missing: tuple


def _moment(value):
    return formats.date_format(timezone.localtime(value), "l j F Y H:i") if value else ""


def source_stamp(departure_file, medical) -> str:
    """Which version of the departure file a PDF shows: the moments its two parts were last written."""
    parts = [departure_file.updated_at if departure_file else None, medical.updated_at if medical else None]
    return "|".join(part.astimezone(dt.UTC).isoformat() if part else "-" for part in parts)


def file_parts(case_id):
    departure_file = DepartureFile.objects.filter(case_id=case_id).first()
    medical = MedicalParticulars.objects.filter(departure_file__case_id=case_id).first() if departure_file else None
    return departure_file, medical


def kmar_file_document(removal) -> KmarFileDocument:
    """The facts of the removal's KMar file as the PDF states them (travel document as on the flight date)."""
    case = removal.case
    person = case.foreign_national
    f, medical = file_parts(case.pk)
    day = timezone.localdate(removal.departs_at)
    document = travel_documents_from_rows([case.pk], _fetch(travel_document_rows([case.pk], on=day)), on=day)[case.pk]

    def value(name):
        return str(getattr(f, name) or "") if f is not None else ""

    with translation.override("nl"):
        completeness = departure_file_completeness(f, medical, document)
        documents = value("travel_documents")
        if document:
            held = f"{document.number} ({country_name(document.country)}), geldig tot {document.valid_until:%d-%m-%Y}"
            documents = f"{held}. {documents}".strip() if document.valid_until else documents
        sections = [
            ("Reisdocumenten", (("Reisdocumenten", documents),)),
            ("Gedrag en risico", (("Inschatting", value("behaviour_risk")), ("Feiten", value("risk_facts")))),
            ("Fysieke kenmerken", (("Kenmerken", value("physical_features")),)),
            (
                "Medische bijzonderheden",
                (
                    ("Bijzonderheden", medical.particulars if medical else ""),
                    ("Medicatie", medical.medication if medical else ""),
                    ("Reisvaardig", ("ja" if medical.fit_to_travel else "nee") if medical else ""),
                    ("Voorwaarden BMA", "; ".join(medical.bma_conditions) if medical else ""),
                    ("Voorwaarden BMA geregeld", ("ja" if medical.bma_conditions_met else "nee") if medical else ""),
                ),
            ),
            (
                "Persoonlijke eigendommen",
                (
                    ("Bagage", f"{value('bags')} stuks, {value('baggage_kg')} kg" if value("bags") else ""),
                    ("Geld", value("money")),
                    ("Waardevolle spullen", value("valuables")),
                    ("Waar de eigendommen zijn", value("belongings_location")),
                ),
            ),
            ("Contacten op de bestemming", (("Contacten", value("destination_contacts")),)),
        ]
        escorts = [f"{removal.kmar_escorts} KMar"] if removal.kmar_escorts else []
        if removal.dtv_escort:
            escorts.append("DT&V")
        if removal.medical_escort:
            escorts.append(f"medische begeleiding ({removal.medical_escort_conditions})")
        return KmarFileDocument(
            removal_id=removal.pk,
            stamp=source_stamp(f, medical),
            v_number=person.v_number,
            name=f"{person.surname}, {person.given_names}".strip(", "),
            date_of_birth=str(person.date_of_birth or ""),
            nationalities=", ".join(country_name(n.country) for n in person.nationalities.all()),
            flight=f"{removal.carrier} {removal.flight_number}",
            departs_at=_moment(removal.departs_at),
            route=" → ".join(
                part
                for part in (
                    removal.departure_airport,
                    removal.transfer_points,
                    country_name(removal.destination_country),
                )
                if part
            ),  # fmt: skip
            escorts=", ".join(escorts) or "geen",
            ticket_reference=removal.ticket_reference,
            sections=tuple((heading, tuple(rows)) for heading, rows in sections),
            score=completeness.score,
            missing=tuple(str(item) for item in completeness.missing),
        )


def _fetch(querysets):
    from dtv.core.batch import fetch_together

    return fetch_together(querysets)


def render_kmar_file_pdf(document: KmarFileDocument) -> bytes:
    """The KMar file as PDF/UA-1 bytes (WeasyPrint is imported inside `dtv.core.pdf.html_to_pdf`)."""
    from dtv.core.pdf import STATIC_PREFIX

    html = render_to_string(TEMPLATE, {"doc": document, "static": STATIC_PREFIX})
    return html_to_pdf(html, identifier=f"regie-kmar-file-{document.removal_id}-{document.stamp}")


def _storage_name(removal, sha256):
    return f"departures/{removal.case_id}/kmar-file-{removal.pk}-{sha256[:16]}.pdf"


def kmar_pdf_render(*, removal_id, now) -> KmarFilePdf:
    """Render and store the file's PDF; a second run (or worker) on the same file version finds it and returns."""
    with transaction.atomic():
        pdf, _created = KmarFilePdf.objects.select_for_update().get_or_create(removal_id=removal_id)
        removal = Removal.objects.select_related("case__foreign_national").get(pk=removal_id)
        if pdf.render_state == RenderState.DONE and pdf.source_stamp == source_stamp(*file_parts(removal.case_id)):
            return pdf
        pdf.render_state = RenderState.RENDERING
        pdf.save(update_fields=["render_state"])
    try:
        document = kmar_file_document(removal)
        content = render_kmar_file_pdf(document)
    except Exception:
        KmarFilePdf.objects.filter(pk=pdf.pk).update(render_state=RenderState.FAILED)
        raise
    stored, sha256 = pdf_store(content, name=lambda sha: _storage_name(removal, sha))
    with transaction.atomic():
        pdf = KmarFilePdf.objects.select_for_update().get(pk=pdf.pk)
        if pdf.render_state == RenderState.DONE and pdf.source_stamp == document.stamp:
            # Another worker stored this version meanwhile: keep theirs, drop ours.
            transaction.on_commit(lambda: default_storage.delete(stored))
            return pdf
        previous = pdf.pdf_path
        pdf.pdf_path, pdf.pdf_sha256, pdf.template_version = stored, sha256, KMAR_FILE_TEMPLATE_VERSION
        pdf.source_stamp, pdf.render_state, pdf.rendered_at = document.stamp, RenderState.DONE, now
        pdf.save(
            update_fields=["pdf_path", "pdf_sha256", "template_version", "source_stamp", "render_state", "rendered_at"]
        )
        if previous and previous != stored:
            # An older version of a person's file (health data in it) is not kept once the new one is there.
            transaction.on_commit(lambda: default_storage.delete(previous))
    return pdf


def kmar_pdf_current(pdf) -> bool:
    """Whether the stored PDF still shows the departure file as it is."""
    if pdf is None or pdf.render_state != RenderState.DONE:
        return False
    return pdf.source_stamp == source_stamp(*file_parts(pdf.removal.case_id))


def kmar_pdf_bytes(pdf) -> bytes:
    """The stored PDF, checked against its hash (a changed file is never handed out)."""
    return pdf_read_checked(pdf.pdf_path, pdf.pdf_sha256)
