"""The KMar departure file as a PDF: the file's sections as text, escaped, stored once per file version with its hash,
asked for by who may change the case, downloaded only by need-to-know readers (access-logged)."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from cases.models import AccessLogEntry, CaseEvent
from departures import events, kmar_pdf, services
from departures.constants import CancellationReason
from departures.models import KmarFilePdf
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.departures import BOOKED, planned_removal, ready_forced_case

pytestmark = pytest.mark.django_db

SECTIONS = (
    "Betrokkene",
    "Vlucht",
    "Reisdocumenten",
    "Gedrag en risico",
    "Fysieke kenmerken",
    "Medische bijzonderheden",
    "Persoonlijke eigendommen",
    "Contacten op de bestemming",
    "Volledigheid",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _removal():
    case = ready_forced_case()
    case.foreign_national.surname = "<script>alert(1)</script>"
    case.foreign_national.save()
    return planned_removal(case, kmar_escorts=2)


def _rendered(removal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.kmar_pdf_request(removal=removal, actor=removal.case.case_officer, now=BOOKED)
    return kmar_pdf.kmar_pdf_render(removal_id=removal.pk, now=BOOKED)


@pytest.fixture
def rendered(django_capture_on_commit_callbacks):
    return _rendered(_removal(), django_capture_on_commit_callbacks)


class TestTheKmarFilePdf:
    def test_states_the_v_number_the_flight_and_every_section_of_the_file(self, rendered):
        text = text_of(kmar_pdf.kmar_pdf_bytes(rendered))
        case = rendered.removal.case
        assert case.foreign_national.v_number in text
        assert "Royal Air Maroc AT851" in text and "2 KMar" in text
        for heading in SECTIONS:
            assert heading in text
        assert "1,80 m, litteken linkerwang" in text  # physical features
        assert "Depot DC Rotterdam" in text  # where the belongings are
        assert "Geen bijzonderheden" in text  # the medical part: the PDF is for need-to-know readers only
        assert "100% volledig" in text

    def test_a_script_in_a_name_is_printed_as_text(self, rendered):
        assert "<script>alert(1)</script>" in text_of(kmar_pdf.kmar_pdf_bytes(rendered))

    def test_is_stored_with_its_hash_and_template_version(self, rendered, settings):
        content = (settings.MEDIA_ROOT / rendered.pdf_path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == rendered.pdf_sha256
        assert (rendered.template_version, rendered.render_state) == (kmar_pdf.KMAR_FILE_TEMPLATE_VERSION, "done")
        assert content.startswith(b"%PDF-")

    def test_a_second_run_on_the_same_file_version_renders_nothing(self, rendered, settings):
        again = kmar_pdf.kmar_pdf_render(removal_id=rendered.removal_id, now=BOOKED)
        assert (again.pdf_path, again.pdf_sha256) == (rendered.pdf_path, rendered.pdf_sha256)
        assert len(list((settings.MEDIA_ROOT / "departures").rglob("*.pdf"))) == 1

    def test_a_changed_file_is_never_handed_out(self, rendered, settings):
        (settings.MEDIA_ROOT / rendered.pdf_path).write_bytes(b"%PDF-1.7 tampered")
        with pytest.raises(ValueError):
            kmar_pdf.kmar_pdf_bytes(rendered)

    def test_a_changed_departure_file_makes_it_out_of_date_and_a_new_rendering_replaces_it(
        self, rendered, settings, django_capture_on_commit_callbacks
    ):
        case = rendered.removal.case
        assert kmar_pdf.kmar_pdf_current(rendered)
        later = BOOKED + dt.timedelta(hours=1)
        services.departure_file_update(case=case, actor=case.case_officer, now=later, money="EUR 55")
        assert not kmar_pdf.kmar_pdf_current(KmarFilePdf.objects.get(pk=rendered.pk))
        with django_capture_on_commit_callbacks(execute=False):
            queued = services.kmar_pdf_request(removal=rendered.removal, actor=case.case_officer, now=later)
        assert queued.render_state == "queued"
        with django_capture_on_commit_callbacks(execute=True):
            new = kmar_pdf.kmar_pdf_render(removal_id=rendered.removal_id, now=later)
        assert "EUR 55" in text_of(kmar_pdf.kmar_pdf_bytes(new))
        assert [p.name for p in (settings.MEDIA_ROOT / "departures").rglob("*.pdf")] == [new.pdf_path.split("/")[-1]]


class TestAskingForThePdf:
    def test_is_queued_once_with_its_event_and_the_task_after_the_commit(self, django_capture_on_commit_callbacks):
        removal = _removal()
        officer = removal.case.case_officer
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.kmar_pdf_request(removal=removal, actor=officer, now=BOOKED)
            services.kmar_pdf_request(removal=removal, actor=officer, now=BOOKED)  # under way: nothing new
        assert KmarFilePdf.objects.get(removal=removal).render_state == "queued"
        assert CaseEvent.objects.filter(case=removal.case, kind=events.KMAR_PDF_REQUESTED).count() == 1
        assert len(callbacks) == 1

    def test_a_colleague_outside_the_case_may_not_and_nothing_is_written(self):
        removal = _removal()
        with pytest.raises(PermissionDenied):
            services.kmar_pdf_request(removal=removal, actor=CaseOfficerFactory(team=removal.case.team), now=BOOKED)
        assert not KmarFilePdf.objects.exists()
        assert not CaseEvent.objects.filter(kind=events.KMAR_PDF_REQUESTED).exists()

    def test_a_cancelled_removal_is_not_handed_over(self):
        removal = _removal()
        officer = removal.case.case_officer
        services.removal_cancel(removal=removal, reason=CancellationReason.MEDICAL, actor=officer, now=BOOKED)
        with pytest.raises(DomainError) as error:
            services.kmar_pdf_request(removal=removal, actor=officer, now=BOOKED)
        assert error.value.code == "removal_not_open"
        assert not KmarFilePdf.objects.exists()


class TestTheDownload:
    def test_the_case_officer_downloads_it_and_both_reads_are_logged(self, rendered, client):
        case = rendered.removal.case
        client.force_login(case.case_officer)
        response = client.get(reverse("departures:kmar_pdf", kwargs={"pk": rendered.removal_id}))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert hashlib.sha256(response.content).hexdigest() == rendered.pdf_sha256
        assert response["X-Content-Type-Options"] == "nosniff"
        activities = set(AccessLogEntry.objects.filter(case=case).values_list("activity", flat=True))
        assert {"departures", "departure_medical"} <= activities

    def test_the_team_lead_without_need_to_know_gets_403_and_no_log(self, rendered, client):
        client.force_login(TeamLeadFactory(team=rendered.removal.case.team))
        response = client.get(reverse("departures:kmar_pdf", kwargs={"pk": rendered.removal_id}))
        assert response.status_code == 403
        assert not AccessLogEntry.objects.filter(activity="departure_medical").exists()
