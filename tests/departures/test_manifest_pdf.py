"""The manifest PDF for KMar: every person with seat and V-number, escaped, stored once per version with its hash."""

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader

from departures import documents, operations, services
from departures.models import Operation
from tests.factories.accounts import TeamLeadFactory
from tests.factories.departures import BOOKED, DEPARTS, approved_forced_plan, notify
from tests.factories.laissezpasser import issued_request, moroccan_case
from tests.factories.operations import charter, on_board

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def operation():
    found = charter()
    first = on_board(found, seat="1A")
    notify(first.removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=50))
    second = on_board(found, seat="2B")
    person = second.removal.case.foreign_national
    person.surname = "<script>alert(1)</script>"
    person.save()
    case = second.removal.case
    services.medical_particulars_update(
        case=case, actor=case.case_officer, now=BOOKED, particulars="Hartklachten-geheim", bma_escort="Arts mee"
    )
    return found


@pytest.fixture
def rendered(operation):
    return documents.manifest_pdf_render(operation_id=operation.pk, now=BOOKED)


class TestTheManifestPdf:
    def test_states_every_persons_v_number_and_seat_and_the_flight(self, operation, rendered):
        text = text_of(documents.manifest_pdf_bytes(rendered))
        for passenger in operation.passengers.select_related("removal__case__foreign_national"):
            assert passenger.removal.case.foreign_national.v_number in text
        assert "1A" in text and "2B" in text
        assert "PVG4301" in text and "26-10-2026 10:00" in text

    def test_names_each_failed_check_with_its_reason_and_the_files_missing_items_once(self):
        found = charter()
        case = moroccan_case()  # a valid LP and the forced track approved, but nothing in the KMar file yet
        issued_request(case, issued_on=dt.date(2026, 10, 1), valid_until=dt.date(2026, 12, 31), now=BOOKED)
        approved_forced_plan(case, now=BOOKED)
        on_board(found, case, seat="4D")
        text = text_of(documents.manifest_pdf_bytes(documents.manifest_pdf_render(operation_id=found.pk, now=BOOKED)))
        assert "5 van 6 voldaan Niet voldaan: Vertrekdossier KMar compleet — zie hieronder" in text
        assert text.count("Niet voldaan") == 1
        # The missing items once, on the file's own line (the failed check points to it).
        assert text.count("Gedrag en risico met de feiten") == 1
        assert "Vertrekdossier KMar: 17% — ontbreekt: Gedrag en risico met de feiten, Signalement" in text

    def test_a_script_in_a_name_is_printed_as_text(self, rendered):
        # The narrow column may wrap the name, which the text extraction reads as a space.
        assert "<script>alert(1)</script>" in text_of(documents.manifest_pdf_bytes(rendered)).replace(" ", "")

    def test_holds_no_medical_particulars(self, rendered):
        text = text_of(documents.manifest_pdf_bytes(rendered))
        assert "Hartklachten-geheim" not in text and "Arts mee" not in text

    def test_is_stored_with_its_hash_and_the_version_it_shows(self, rendered, settings):
        content = (settings.MEDIA_ROOT / rendered.pdf_path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == rendered.pdf_sha256
        assert content.startswith(b"%PDF-")
        assert (rendered.pdf_version, rendered.render_state, rendered.pdf_current) == (2, "done", True)

    def test_a_second_run_finds_it_and_renders_nothing(self, rendered):
        again = documents.manifest_pdf_render(operation_id=rendered.pk, now=BOOKED)
        assert (again.pdf_path, again.pdf_sha256) == (rendered.pdf_path, rendered.pdf_sha256)

    def test_someone_joining_outdates_it_and_the_next_run_renders_the_new_version(self, operation, rendered):
        on_board(operation, seat="3C")
        assert not Operation.objects.get(pk=operation.pk).pdf_current
        again = documents.manifest_pdf_render(operation_id=operation.pk, now=BOOKED)
        assert again.pdf_version == 3 and again.pdf_path != rendered.pdf_path
        assert "3C" in text_of(documents.manifest_pdf_bytes(again))

    def test_a_changed_file_is_never_handed_out(self, rendered, settings):
        (settings.MEDIA_ROOT / rendered.pdf_path).write_bytes(b"%PDF-1.7 tampered")
        with pytest.raises(ValueError):
            documents.manifest_pdf_bytes(rendered)


class TestRequestingIt:
    def test_the_organising_lead_queues_it_once_and_the_task_runs_after_the_commit(
        self, operation, django_capture_on_commit_callbacks
    ):
        lead = TeamLeadFactory(team=operation.team)
        with django_capture_on_commit_callbacks() as callbacks:
            operations.operation_manifest_request(operation=operation, actor=lead, now=BOOKED)
            operations.operation_manifest_request(operation=operation, actor=lead, now=BOOKED)
        assert len(callbacks) == 1
        assert Operation.objects.get(pk=operation.pk).render_state == "queued"

    def test_a_lead_of_another_team_may_not(self, operation):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            operations.operation_manifest_request(operation=operation, actor=TeamLeadFactory(), now=BOOKED)
        assert Operation.objects.get(pk=operation.pk).render_state == ""
