"""The annual "Stand van de uitvoering": asked for by a team lead, rendered once with progress, stored with its hash."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cases.models import AccessLogEntry
from reports import documents
from reports.models import AnnualReport
from reports.tasks import render_annual_report

from .streams import at, closed, counted, opened

NOW = at(2027, 1, 15, 9)


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year_2026(team_lead):
    """2026: seven cases opened by the police, three of them departed forced; one case of 2025."""
    for _i in range(7):
        case = opened(source="police", when=at(2026, 3, 2), by=team_lead)
        if _i < 3:
            closed(case, "departed_forced", by=team_lead, when=at(2026, 9, 1))
    opened(source="ind", when=at(2025, 6, 1), by=team_lead)
    counted(at(2027, 1, 2))


@pytest.fixture
def rendered(year_2026, team_lead):
    report = documents.annual_report_request(year=2026, actor=team_lead, now=NOW)
    render_annual_report(report_id=report.pk)  # what the worker runs after the commit
    return AnnualReport.objects.get(pk=report.pk)


class TestAskingForIt:
    def test_a_team_lead_asks_and_the_rendering_is_queued_after_the_commit(
        self, team_lead, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks() as callbacks:
            report = documents.annual_report_request(year=2026, actor=team_lead, now=NOW)
        assert (report.year, report.render_state, report.progress) == (2026, "queued", 0)
        assert len(callbacks) == 1

    def test_a_second_request_finds_the_one_under_way(self, team_lead):
        first = documents.annual_report_request(year=2026, actor=team_lead, now=NOW)
        assert documents.annual_report_request(year=2026, actor=team_lead, now=NOW) == first
        assert AnnualReport.objects.count() == 1

    def test_a_year_after_the_current_one_is_refused(self, team_lead):
        with pytest.raises(ValidationError) as error:
            documents.annual_report_request(year=2028, actor=team_lead, now=NOW)
        assert "year" in error.value.message_dict
        assert not AnnualReport.objects.exists()

    def test_a_case_officer_may_not_ask_and_nothing_is_written(self, case_officer):
        with pytest.raises(PermissionDenied):
            documents.annual_report_request(year=2026, actor=case_officer, now=NOW)
        assert not AnnualReport.objects.exists()


class TestThePdf:
    def test_states_the_years_figures_with_their_definitions_and_kpis(self, rendered):
        text = text_of(documents.annual_report_bytes(rendered))
        assert "Stand van de uitvoering 2026" in text
        assert "1 januari 2026 – 31 december 2026" in text
        assert "Instroom per bron" in text and "Politie 7" in text  # seven police handovers in 2026
        assert "Gedwongen vertrek 3" in text
        assert "Definitie:" in text
        assert "Aantoonbaar vertrek als aandeel van de uitstroom 100.0% (3 / 3) minimaal 50%" in text

    def test_scores_data_quality_as_it_stood_at_the_years_end_not_on_todays_cases(self, team_lead):
        from cases.models import Case, ForeignNational

        for _i in range(4):
            opened(source="police", when=at(2026, 3, 2), by=team_lead)
        first = Case.objects.order_by("id").first().foreign_national
        first.nationalities.update(status="established")
        ForeignNational.objects.filter(pk=first.pk).update(sex="female")
        counted(at(2026, 12, 31, 23))  # the year's last run: 1 of 4
        # In January every case is put right; the report of 2026 still scores the count of 31 December.
        for person in ForeignNational.objects.all():
            person.nationalities.update(status="established")
        ForeignNational.objects.update(sex="female")
        counted(at(2027, 1, 10))
        report = documents.annual_report_request(year=2026, actor=team_lead, now=NOW)
        render_annual_report(report_id=report.pk)
        text = text_of(documents.annual_report_bytes(AnnualReport.objects.get(pk=report.pk)))
        assert "Open zaken die aan de datakwaliteitsregels voldoen 25.0% (1 / 4) minimaal 95%" in text
        assert "31 december 2026 23:00" in text

    def test_is_stored_with_its_hash_and_done_with_full_progress(self, rendered, settings):
        content = (settings.MEDIA_ROOT / rendered.pdf_path).read_bytes()
        assert content.startswith(b"%PDF-")
        assert hashlib.sha256(content).hexdigest() == rendered.pdf_sha256
        assert (rendered.render_state, rendered.progress) == ("done", 100)

    def test_a_second_run_finds_it_and_renders_nothing(self, rendered, settings):
        render_annual_report(report_id=rendered.pk)
        again = AnnualReport.objects.get(pk=rendered.pk)
        assert (again.pdf_path, again.pdf_sha256, again.rendered_at) == (
            rendered.pdf_path,
            rendered.pdf_sha256,
            rendered.rendered_at,
        )
        assert len(list((settings.MEDIA_ROOT / "reports").rglob("*.pdf"))) == 1

    def test_a_changed_file_is_never_handed_out(self, rendered, settings):
        (settings.MEDIA_ROOT / rendered.pdf_path).write_bytes(b"%PDF-1.7 tampered")
        with pytest.raises(ValueError):
            documents.annual_report_bytes(rendered)


class TestThePages:
    def test_the_team_lead_asks_on_the_page_and_sees_its_progress(self, client, team_lead):
        client.force_login(team_lead)
        response = client.post(reverse("reports:annual_reports"), {"year": 2026})
        assert response.status_code == 302
        page = client.get(reverse("reports:annual_reports")).content.decode()
        assert '<progress id="progress-2026" max="100" value="0">' in page
        assert 'hx-get="/dashboard/jaarverslag/2026/status/"' in page

    def test_an_invalid_year_is_a_form_error(self, client, team_lead):
        client.force_login(team_lead)
        response = client.post(reverse("reports:annual_reports"), {"year": 2999})
        assert response.status_code == 200 and response.context["form"].errors
        assert not AnnualReport.objects.exists()

    def test_the_download_is_access_logged_and_sent_as_an_attachment(self, client, team_lead, rendered):
        client.force_login(team_lead)
        response = client.get(reverse("reports:annual_report_pdf", args=[2026]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="stand-van-de-uitvoering-2026.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        entry = AccessLogEntry.objects.get(user=team_lead)
        assert (entry.activity, entry.view_name) == ("reporting", "reports:annual_report_pdf")

    def test_a_case_officer_gets_no_annual_report(self, client, case_officer, rendered):
        client.force_login(case_officer)
        assert client.get(reverse("reports:annual_report_pdf", args=[2026])).status_code == 403
        assert client.get(reverse("reports:annual_reports")).status_code == 403
        assert not AccessLogEntry.objects.exists()

    def test_a_year_without_a_rendered_report_is_not_found(self, client, team_lead):
        client.force_login(team_lead)
        assert client.get(reverse("reports:annual_report_pdf", args=[2025])).status_code == 404
