"""The manifest of an operation as a PDF for KMar: context → template → `dtv.core.pdf`, rendered once per version.

Every fact reaches the template as text and is escaped there (a `<script>` in a name is printed as text). The file
is stored with its SHA-256 and the manifest version it shows; joining or leaving raises the version, so an older
PDF is shown as out of date and a new one is rendered on request. Medical particulars are never part of it.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from cases.countries import country_name
from dtv.core.pdf import STATIC_PREFIX, RenderState, html_to_pdf, pdf_read_checked, pdf_store

from .constants import CheckStatus
from .manifest import manifest_rows
from .models import Operation, OperationPassenger

TEMPLATE = "departures/pdf/manifest.html"  # one block per person (a table renders ~3x slower)


@dataclass(frozen=True)
class ManifestPerson:
    seat: str
    v_number: str
    name: str
    date_of_birth: str
    state: str
    notice_person: str
    notice_lawyer: str
    checks: tuple  # the failed ones: (label, reason)
    checks_met: str
    score: int
    missing: str


@dataclass(frozen=True)
class ManifestDocument:
    operation_id: int
    version: int
    reference: str
    kind: str
    flight: str
    airport: str
    departs_at: str
    destination: str
    seats: int | None
    kmar_escorts: int
    dtv_escorts: int
    medical_escort: str
    ready: str
    rendered_at: str
    people: tuple


def _moment(value):
    return formats.date_format(timezone.localtime(value), "d-m-Y H:i") if value else ""


def _notice(notice, status):
    if notice is None:
        return "niet aangekondigd"
    late = "" if notice.notified_at <= status.latest else " (te laat)"
    return f"{_moment(notice.notified_at)} ({notice.get_method_display()}){late}"


def _reason(check) -> str:
    # The KMar file's missing items are the person's next line (its score): said once, not twice.
    return "zie hieronder" if check.key == "departure_file" else str(check.reason)


def manifest_document(operation, rows, *, now) -> ManifestDocument:
    """The facts of the manifest as the PDF states them (in Dutch, for the Koninklijke Marechaussee)."""
    with translation.override("nl"):
        people = tuple(
            ManifestPerson(
                seat=row.passenger.seat or "-",
                v_number=row.person.v_number,
                name=f"{row.person.surname}, {row.person.given_names}".strip(", "),
                date_of_birth=row.person.date_of_birth.strftime("%d-%m-%Y") if row.person.date_of_birth else "",
                state=str(row.removal.get_state_display()),
                notice_person=_notice(row.notice.person, row.notice),
                notice_lawyer=_notice(row.notice.representative, row.notice),
                # The failed checks each with its reason, the others counted: a table of 40 people stays light.
                checks=tuple((str(c.label), _reason(c)) for c in row.checks if c.failed),
                checks_met=f"{sum(c.status != CheckStatus.FAILED for c in row.checks)} van {len(row.checks)} voldaan",
                score=row.completeness.score,
                missing=", ".join(str(m) for m in row.completeness.missing),
            )
            for row in rows
        )
        return ManifestDocument(
            operation_id=operation.pk,
            version=operation.manifest_version,
            reference=operation.reference,
            kind=str(operation.get_kind_display()),
            flight=f"{operation.carrier} {operation.flight_number}",
            airport=operation.departure_airport,
            departs_at=_moment(operation.departs_at),
            destination=str(country_name(operation.destination_country)),
            seats=operation.seats,
            kmar_escorts=operation.kmar_escorts,
            dtv_escorts=operation.dtv_escorts,
            medical_escort="ja" if operation.medical_escort else "nee",
            ready=f"{sum(row.ready for row in rows)} van {len(rows)}",
            rendered_at=_moment(now),
            people=people,
        )


def render_manifest_pdf(document: ManifestDocument) -> bytes:
    """The manifest as PDF/UA-1 bytes."""
    html = render_to_string(TEMPLATE, {"doc": document, "static": STATIC_PREFIX})
    return html_to_pdf(html, identifier=f"regie-manifest-{document.operation_id}-v{document.version}")


def _storage_name(operation, version, sha256):
    return f"departures/operations/{operation.pk}/manifest-v{version}-{sha256[:16]}.pdf"


def _all_passengers(operation):
    return list(
        OperationPassenger.objects.filter(operation_id=operation.pk)
        .select_related("removal__case__foreign_national")
        .order_by("seat", "removal__case__foreign_national__v_number", "id")
    )


def manifest_pdf_render(*, operation_id, now) -> Operation:
    """Render and store the manifest PDF of the operation's current version once; a re-run finds it and returns."""
    with transaction.atomic():
        operation = Operation.objects.select_for_update().get(pk=operation_id)
        if operation.pdf_current:
            return operation
        version = operation.manifest_version
        operation.render_state = RenderState.RENDERING
        operation.save(update_fields=["render_state"])
    try:
        with translation.override("nl"):  # the checks' reasons are written in the language of the manifest
            rows = manifest_rows(operation, _all_passengers(operation))
        content = render_manifest_pdf(manifest_document(operation, rows, now=now))
    except Exception:
        Operation.objects.filter(pk=operation_id).update(render_state=RenderState.FAILED)
        raise
    stored, sha256 = pdf_store(content, name=lambda sha256: _storage_name(operation, version, sha256))
    with transaction.atomic():
        operation = Operation.objects.select_for_update().get(pk=operation_id)
        if operation.pdf_current or (operation.pdf_version or 0) > version:
            # Another worker stored this version (or a newer one) meanwhile: keep theirs, drop ours.
            transaction.on_commit(lambda: default_storage.delete(stored))
            return operation
        operation.pdf_path, operation.pdf_sha256, operation.pdf_version = stored, sha256, version
        operation.render_state, operation.rendered_at = RenderState.DONE, now
        operation.save(update_fields=["pdf_path", "pdf_sha256", "pdf_version", "render_state", "rendered_at"])
    return operation


def manifest_pdf_bytes(operation) -> bytes:
    """The stored manifest PDF, checked against its hash."""
    return pdf_read_checked(operation.pdf_path, operation.pdf_sha256)
