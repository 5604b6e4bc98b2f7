"""Case documents: what may be uploaded (judged by content), where it is kept, and who may download it."""

import datetime as dt
import hashlib
import io
import logging
import re
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image, ImageFile

from cases import events
from cases.constants import DocumentKind
from cases.documents import services as documents
from cases.documents.selectors import case_documents
from cases.documents.services import document_upload
from cases.models import AccessLogEntry, CaseDocument, CaseEvent
from cases.services import break_glass_open
from dtv.core.uploads import PDF, PNG, safe_filename
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory

# The night the clocks go forward in Amsterdam: 01:30 UTC is 03:30 local time.
NOW = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


# --- Files as they arrive ------------------------------------------------------------------------


def make_pdf(catalog_extra=b"", extra_objects=()):
    """A small, well-formed PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def object_stream(content: bytes) -> bytes:
    """A compressed object stream (PDF 1.5): dictionaries hidden from a plain byte search."""
    packed = __import__("zlib").compress(content)
    return b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(packed),
        packed,
    )


def make_image(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def make_progressive_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((120, 80), 60).convert("RGB").save(buffer, format="JPEG", progressive=True)
    return buffer.getvalue()


def make_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("passport.exe", b"MZ")
    return buffer.getvalue()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Fixtures and checks -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


def files_of(media_root, case):
    folder = media_root / "documents" / str(case.pk)
    return sorted(p for p in folder.iterdir()) if folder.exists() else []


def assert_nothing_written(media_root, case):
    assert CaseDocument.objects.filter(case=case).count() == 0
    assert CaseEvent.objects.filter(case=case, kind=events.DOCUMENT_UPLOADED.code).count() == 0
    assert files_of(media_root, case) == []


def upload_as(actor, case, file, *, kind=DocumentKind.PASSPORT, description=""):
    return document_upload(case=case, upload=file, kind=kind, description=description, actor=actor, now=NOW)


def refusal(actor, case, file):
    """The Dutch message the upload field gets."""
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        upload_as(actor, case, file)
    return caught.value.message_dict["upload"]


# --- The upload service --------------------------------------------------------------------------


class TestDocumentUpload:
    def test_stores_a_pdf_under_a_random_name_outside_the_original_name(self, case, case_officer, media_root):
        content = make_pdf()
        document = upload_as(case_officer, case, upload("paspoort scan.pdf", content), description=" Voorzijde ")

        document.refresh_from_db()
        assert (document.filename, document.content_type, document.size, document.description) == (
            "paspoort_scan.pdf",
            "application/pdf",
            len(content),
            "Voorzijde",
        )
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert (document.uploaded_at, document.uploaded_by, document.kind) == (NOW, case_officer, "passport")
        assert re.fullmatch(rf"documents/{case.pk}/[0-9a-f]{{32}}", document.storage_name)
        [stored] = files_of(media_root, case)
        assert stored.name == document.storage_name.rsplit("/", 1)[1]
        assert stored.read_bytes() == content

    def test_stores_the_file_readable_by_the_owner_only(self, case, case_officer, media_root):
        upload_as(case_officer, case, upload("besluit.pdf", make_pdf()))
        [stored] = files_of(media_root, case)
        assert stored.stat().st_mode & 0o777 == 0o600

    def test_writes_a_history_row_and_a_timeline_event(self, case, case_officer):
        document = upload_as(case_officer, case, upload("besluit.pdf", make_pdf()), kind=DocumentKind.DECISION)
        [record] = document.history.all()
        assert (record.history_type, record.history_user) == ("+", case_officer)
        [event] = CaseEvent.objects.filter(case=case, kind=events.DOCUMENT_UPLOADED.code)
        assert (event.actor, event.occurred_at, event.data) == (
            case_officer,
            NOW,
            {"document": document.pk, "kind": "decision", "filename": "besluit.pdf"},
        )

    @pytest.mark.parametrize(
        ("fmt", "name", "filename", "content_type"),
        [
            ("PNG", "foto.png", "foto.png", "image/png"),
            ("JPEG", "foto.JPEG", "foto.jpg", "image/jpeg"),
        ],
    )
    def test_accepts_an_image_made_with_pillow(self, case, case_officer, media_root, fmt, name, filename, content_type):
        content = make_image(fmt)
        document = upload_as(case_officer, case, upload(name, content, "application/octet-stream"))
        assert (document.filename, document.content_type, document.sha256) == (
            filename,
            content_type,
            hashlib.sha256(content).hexdigest(),
        )
        assert [p.read_bytes() for p in files_of(media_root, case)] == [content]

    def test_accepts_a_pdf_rendered_by_weasyprint_with_compressed_object_streams(self, case, case_officer):
        from weasyprint import HTML

        content = HTML(string="<h1>Vertrekplan</h1><p>Zaak 12</p>").write_pdf()
        assert b"/ObjStm" in content
        assert upload_as(case_officer, case, upload("plan.pdf", content)).content_type == "application/pdf"

    def test_a_png_named_pdf_is_accepted_as_the_png_it_is(self, case, case_officer):
        document = upload_as(case_officer, case, upload("paspoort.pdf", make_image("PNG"), "application/pdf"))
        assert (document.filename, document.content_type) == ("paspoort.png", "image/png")

    def test_a_path_in_the_name_is_dropped(self, case, case_officer):
        crafted = upload("x.pdf", make_pdf())
        # Django's uploaded-file objects drop the path already; the service does not rely on that.
        crafted._name = "../../etc/passwd.pdf"
        assert upload_as(case_officer, case, crafted).filename == "passwd.pdf"

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("paspoort.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
            ("paspoort.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
            ("paspoort.pdf", make_zip()),
        ],
        ids=["executable", "html", "zip"],
    )
    def test_refuses_a_file_that_is_no_pdf_png_or_jpeg_whatever_its_name(
        self, case, case_officer, media_root, name, content
    ):
        assert refusal(case_officer, case, upload(name, content)) == [
            "Alleen PDF-, PNG- en JPEG-bestanden kunnen worden toegevoegd. Dit bestand is geen van deze."
        ]
        assert_nothing_written(media_root, case)

    def test_refuses_an_empty_file(self, case, case_officer, media_root):
        assert refusal(case_officer, case, upload("leeg.pdf", b"")) == ["Het bestand is leeg."]
        assert_nothing_written(media_root, case)

    def test_refuses_a_file_over_the_limit_and_names_the_limit(self, case, case_officer, media_root, settings):
        settings.DOCUMENT_MAX_BYTES = 1024 * 1024
        content = make_pdf() + b"%" * (1024 * 1024)
        assert refusal(case_officer, case, upload("groot.pdf", content)) == [
            "Het bestand is groter dan het maximum van 1 MB."
        ]
        assert_nothing_written(media_root, case)

    def test_accepts_a_file_of_exactly_the_limit(self, case, case_officer, settings):
        content = make_pdf()
        settings.DOCUMENT_MAX_BYTES = len(content)
        assert upload_as(case_officer, case, upload("precies.pdf", content)).size == len(content)

    @pytest.mark.parametrize("pillow_lenient", [False, True], ids=["pillow-strict", "pillow-lenient"])
    @pytest.mark.parametrize(
        ("name", "content", "kind"),
        [
            ("foto.png", make_image("PNG")[:-30], "PNG"),
            ("foto.png", make_image("PNG", size=(400, 300))[:200], "PNG"),
            ("foto.jpg", make_image("JPEG", size=(400, 300))[:-200], "JPEG"),
            ("foto.jpg", make_image("JPEG", size=(400, 300))[:-2], "JPEG"),
        ],
        ids=["png-end", "png-middle", "jpeg-end", "jpeg-eoi"],
    )
    def test_refuses_a_truncated_image(
        self, case, case_officer, media_root, monkeypatch, name, content, kind, pillow_lenient
    ):
        # Importing WeasyPrint makes Pillow accept truncated images process-wide; the check must not depend on it.
        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", pillow_lenient)
        assert refusal(case_officer, case, upload(name, content)) == [
            f"Dit bestand is beschadigd of geen echt {kind}-bestand."
        ]
        assert_nothing_written(media_root, case)

    def test_refuses_a_png_with_a_damaged_chunk(self, case, case_officer, media_root):
        content = bytearray(make_image("PNG"))
        content[40] ^= 0xFF
        assert refusal(case_officer, case, upload("foto.png", bytes(content))) == [
            "Dit bestand is beschadigd of geen echt PNG-bestand."
        ]
        assert_nothing_written(media_root, case)

    @pytest.mark.parametrize(
        "content",
        [
            make_image("JPEG") + b"ftypmp42" + b"\x00" * 100,
            make_progressive_jpeg(),
        ],
        ids=["motion-photo-trailer", "progressive"],
    )
    def test_accepts_a_jpeg_as_phones_and_scanners_write_them(self, case, case_officer, content):
        assert upload_as(case_officer, case, upload("foto.jpg", content)).content_type == "image/jpeg"

    def test_refuses_an_image_with_more_pixels_than_may_be_decoded(self, case, case_officer, media_root, monkeypatch):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
        message = [
            "Deze afbeelding heeft te veel pixels om veilig te openen. Scan het document met een lagere resolutie."
        ]
        # Over twice the limit Pillow itself refuses (DecompressionBombError) ...
        assert refusal(case_officer, case, upload("bom.png", make_image("PNG", size=(20, 20)))) == message
        # ... between once and twice it only warns: the service refuses anyway.
        with pytest.warns(Image.DecompressionBombWarning):
            assert refusal(case_officer, case, upload("bom.png", make_image("PNG", size=(15, 10)))) == message
        assert_nothing_written(media_root, case)

    def test_refuses_a_pdf_without_an_end(self, case, case_officer, media_root):
        content = make_pdf()[:-200]
        assert refusal(case_officer, case, upload("kapot.pdf", content)) == [
            "Deze PDF is onvolledig of beschadigd: een goed begin of einde ontbreekt."
        ]
        assert_nothing_written(media_root, case)

    @pytest.mark.parametrize(
        ("catalog_extra", "extra_objects", "what"),
        [
            (b" /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", (), "JavaScript"),
            (b" /OpenAction 4 0 R", (b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",), "JavaScript"),
            (b" /OpenAction 5 0 R", (object_stream(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>"),), "JavaScript"),
            (b" /OpenAction << /S /Launch /F (cmd.exe) >>", (), "een opdracht die een ander programma start"),
            (b" /Names << /EmbeddedFiles 4 0 R >>", (b"<< /Names [(a.exe) 5 0 R] >>",), "een ingesloten bestand"),
        ],
        ids=["javascript", "escaped-name", "in-object-stream", "launch", "embedded-file"],
    )
    def test_refuses_a_pdf_with_active_content(
        self, case, case_officer, media_root, catalog_extra, extra_objects, what
    ):
        content = make_pdf(catalog_extra, extra_objects)
        assert refusal(case_officer, case, upload("besluit.pdf", content)) == [
            f"Deze PDF bevat actieve inhoud ({what}), die niet in een dossier is toegestaan. "
            "Druk het document af naar een nieuwe PDF zonder scripts of bijlagen en voeg die toe."
        ]
        assert_nothing_written(media_root, case)

    def test_accepts_a_pdf_that_opens_on_a_page(self, case, case_officer):
        content = make_pdf(b" /OpenAction [3 0 R /Fit]")
        assert upload_as(case_officer, case, upload("besluit.pdf", content)).filename == "besluit.pdf"

    def test_refuses_an_encrypted_pdf_whose_object_streams_cannot_be_read(self, case, case_officer, media_root):
        content = make_pdf(extra_objects=(b"<< /Filter /Standard /V 4 >>", object_stream(b"\x8f\x13garbage")))
        content = content.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 4 0 R")
        assert refusal(case_officer, case, upload("beveiligd.pdf", content)) == [
            "Deze PDF is versleuteld en kan daardoor niet op actieve inhoud worden gecontroleerd. "
            "Verwijder de beveiliging (of druk het document af naar een nieuwe PDF) en voeg het opnieuw toe."
        ]
        assert_nothing_written(media_root, case)

    def test_a_team_colleague_who_is_not_the_case_officer_may_not_upload(self, case, media_root):
        colleague = CaseOfficerFactory(team=case.team)
        with pytest.raises(PermissionDenied):
            upload_as(colleague, case, upload("besluit.pdf", make_pdf()))
        assert_nothing_written(media_root, case)

    def test_nobody_uploads_to_a_closed_case(self, case_officer, media_root):
        closed = CaseFactory(case_officer=case_officer, closed=True)
        with pytest.raises(PermissionDenied):
            upload_as(case_officer, closed, upload("besluit.pdf", make_pdf()))
        assert_nothing_written(media_root, closed)

    def test_the_team_lead_may_upload_to_a_case_of_the_team(self, case, team_lead):
        assert upload_as(team_lead, case, upload("besluit.pdf", make_pdf())).uploaded_by == team_lead

    def test_removes_the_written_file_when_the_database_part_fails(self, case, case_officer, media_root, monkeypatch):
        def broken_event(**kwargs):
            raise RuntimeError("database went away")

        monkeypatch.setattr(documents.events, "case_event_record", broken_event)
        with pytest.raises(RuntimeError):
            upload_as(case_officer, case, upload("besluit.pdf", make_pdf()))
        assert_nothing_written(media_root, case)


class TestSafeFilename:
    @pytest.mark.parametrize(
        ("original", "file_type", "expected"),
        [
            ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
            ("C:\\Users\\sanne\\Paspoort Öztürk.PDF", PDF, "Paspoort_Öztürk.pdf"),
            ("passport.exe", PDF, "passport.pdf"),
            ("scan.png.exe", PNG, "scan.png.png"),
            ("ver\x00trek\u202eplan.pdf", PDF, "vertrekplan.pdf"),
            (".htaccess", PDF, "htaccess.pdf"),
            ("..", PDF, "document.pdf"),
            ("", PNG, "document.png"),
            ("<script>.pdf", PDF, "script.pdf"),
        ],
    )
    def test_keeps_the_base_name_in_safe_characters_with_the_detected_extension(self, original, file_type, expected):
        with translation.override("en"):
            assert safe_filename(original, file_type) == expected

    def test_shortens_a_long_name_to_150_characters_keeping_the_extension(self):
        name = safe_filename("a" * 300 + ".pdf", PDF)
        assert (len(name), name[-8:]) == (150, "aaaa.pdf")


# --- The upload page -------------------------------------------------------------------------------


class TestDocumentUploadPage:
    def url(self, case):
        return reverse("cases:document_upload", kwargs={"pk": case.pk})

    def test_shows_a_labelled_form_for_a_file_and_logs_the_read(self, client, case, case_officer):
        client.force_login(case_officer)
        response = client.get(self.url(case))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in html
        assert '<label class="utrecht-form-label" for="id_upload">Bestand</label>' in html
        assert 'accept=".pdf,.png,.jpg,.jpeg"' in html
        assert "PDF, PNG of JPEG, hoogstens 20 MB." in html
        assert '<h1 class="utrecht-heading-1">Document toevoegen</h1>' in html
        assert f'href="{reverse("cases:case_detail", kwargs={"pk": case.pk})}#documenten"' in html
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids))
        assert AccessLogEntry.objects.filter(user=case_officer, case=case).count() == 1

    def test_adds_the_document_and_returns_to_the_documents_of_the_case_file(self, client, case, case_officer):
        client.force_login(case_officer)
        response = client.post(
            self.url(case),
            {"kind": "decision", "description": "Afwijzing", "upload": upload("besluit.pdf", make_pdf())},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("cases:case_detail", kwargs={"pk": case.pk}) + "#documenten"
        document = CaseDocument.objects.get(case=case)
        assert (document.kind, document.description, document.filename) == ("decision", "Afwijzing", "besluit.pdf")
        assert [str(m) for m in response.wsgi_request._messages] == ["besluit.pdf is toegevoegd aan het dossier."]

    def test_shows_the_refusal_under_the_file_field_and_writes_nothing(self, client, case, case_officer, media_root):
        client.force_login(case_officer)
        response = client.post(
            self.url(case),
            {"kind": "passport", "upload": upload("paspoort.pdf", b"<html><script>alert(1)</script></html>")},
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert (
            '<div class="utrecht-form-field-error-message" id="id_upload_error"><p class="utrecht-paragraph">'
            '<span class="rhc-visually-hidden">Fout: </span>Alleen PDF-, PNG- en '
            "JPEG-bestanden kunnen worden toegevoegd. Dit bestand is geen van deze.</p></div>" in html
        )
        assert re.search(
            r'<input type="file" name="upload"[^>]*aria-describedby="id_upload_helptext id_upload_error"', html
        )
        assert_nothing_written(media_root, case)

    def test_asks_for_the_kind_and_the_file(self, client, case, case_officer, media_root):
        client.force_login(case_officer)
        response = client.post(self.url(case), {"kind": "", "description": ""})
        html = response.content.decode()
        assert "Kies het soort document." in html
        assert "Kies een bestand." in html
        assert_nothing_written(media_root, case)

    def test_a_team_colleague_who_is_not_the_case_officer_is_forbidden(self, client, case, media_root):
        client.force_login(CaseOfficerFactory(team=case.team))
        response = client.post(self.url(case), {"kind": "passport", "upload": upload("besluit.pdf", make_pdf())})
        assert response.status_code == 403
        assert_nothing_written(media_root, case)
        assert client.get(self.url(case)).status_code == 403

    def test_a_case_of_another_team_does_not_exist(self, client, case, media_root):
        client.force_login(CaseOfficerFactory())
        response = client.post(self.url(case), {"kind": "passport", "upload": upload("besluit.pdf", make_pdf())})
        assert response.status_code == 404
        assert_nothing_written(media_root, case)
        assert AccessLogEntry.objects.count() == 0


# --- Download ---------------------------------------------------------------------------------------


@pytest.fixture
def stored_pdf(case, case_officer):
    content = make_pdf()
    return upload_as(case_officer, case, upload("Besluit Öztürk.pdf", content)), content


class TestDocumentDownload:
    def url(self, document):
        return reverse("cases:document_download", kwargs={"pk": document.pk})

    def test_streams_the_file_as_an_attachment_with_locked_down_headers(self, client, case_officer, stored_pdf):
        document, content = stored_pdf
        client.force_login(case_officer)
        response = client.get(self.url(document))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == ("attachment; filename*=utf-8''Besluit_%C3%96zt%C3%BCrk.pdf")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "no-store, private"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

    def test_writes_exactly_one_access_log_row(self, client, case, case_officer, stored_pdf):
        document, _ = stored_pdf
        client.force_login(case_officer)
        b"".join(client.get(self.url(document)).streaming_content)
        [entry] = AccessLogEntry.objects.all()
        assert (entry.user, entry.case, entry.foreign_national, entry.view_name, entry.reason) == (
            case_officer,
            case,
            case.foreign_national,
            "cases:document_download",
            "",
        )

    def test_the_team_lead_of_the_team_may_download(self, client, case, stored_pdf):
        client.force_login(TeamLeadFactory(team=case.team))
        assert client.get(self.url(stored_pdf[0])).status_code == 200

    def test_a_document_of_another_teams_case_does_not_exist(self, client, stored_pdf):
        client.force_login(CaseOfficerFactory())
        response = client.get(self.url(stored_pdf[0]))
        assert response.status_code == 404
        assert AccessLogEntry.objects.count() == 0

    def test_an_unknown_document_does_not_exist(self, client, case_officer):
        client.force_login(case_officer)
        assert client.get(reverse("cases:document_download", kwargs={"pk": 987654})).status_code == 404
        assert AccessLogEntry.objects.count() == 0

    def test_with_break_the_glass_the_access_log_carries_the_reason(self, client, case, stored_pdf):
        outsider = CaseOfficerFactory()
        reason = "Vraag van de KMar over het paspoort bij de grens"
        break_glass_open(case_id=case.pk, reason=reason, actor=outsider, now=timezone.now())
        client.force_login(outsider)
        response = client.get(self.url(stored_pdf[0]))
        assert response.status_code == 200
        [entry] = AccessLogEntry.objects.all()
        assert (entry.user, entry.case, entry.reason) == (outsider, case, reason)

    def test_a_missing_file_is_a_404_with_a_dutch_message_and_a_logged_error_not_a_500(
        self, client, case_officer, stored_pdf, media_root, caplog
    ):
        document, _ = stored_pdf
        (media_root / document.storage_name).unlink()
        client.force_login(case_officer)
        with caplog.at_level(logging.ERROR, logger="cases.documents.views"):
            response = client.get(self.url(document))
        assert response.status_code == 404
        assert "Het bestand van dit document is niet gevonden in de documentopslag." in response.content.decode()
        assert [r.levelname for r in caplog.records if r.name == "cases.documents.views"] == ["ERROR"]
        assert AccessLogEntry.objects.count() == 1


# --- The documents section of the case file ---------------------------------------------------------


class TestDocumentsSection:
    def render(self, case, can_edit):
        panel = {"documents": case_documents(case=case)}
        with translation.override("nl"):
            return render_to_string("cases/panels/documents.html", {"panel": panel, "case": case, "can_edit": can_edit})

    def document(self, case, user, *, filename, size, kind=DocumentKind.PASSPORT, description="", at=NOW):
        return CaseDocument.objects.create(
            case=case,
            kind=kind,
            description=description,
            filename=filename,
            storage_name=f"documents/{case.pk}/{filename}",
            content_type="application/pdf",
            size=size,
            sha256="0" * 64,
            uploaded_at=at,
            uploaded_by=user,
        )

    def rows(self, html):
        return [
            re.findall(r'<td class="utrecht-table__cell">(.*?)</td>', row, re.S)
            for row in re.findall(r'<tr class="utrecht-table__row">(.*?)</tr>', html, re.S)[1:]
        ]

    def test_lists_each_document_newest_first_with_a_download_link_named_after_the_file(self, case, case_officer):
        scan = self.document(case, case_officer, filename="paspoort.pdf", size=1_234, description="Voorzijde")
        decision = self.document(
            case,
            case_officer,
            filename="besluit.pdf",
            size=5_347_738,
            kind=DocumentKind.DECISION,
            at=NOW + dt.timedelta(days=1),
        )
        html = self.render(case, can_edit=False)
        assert '<section id="documenten" aria-labelledby="documenten-titel" class="regie-section">' in html
        assert '<h2 class="utrecht-heading-2" id="documenten-titel">Documenten</h2>' in html

        def link(document):
            url = reverse("cases:document_download", kwargs={"pk": document.pk})
            return f'<a class="utrecht-link" href="{url}" download>{document.filename}</a>'

        assert self.rows(html) == [
            ["Besluit", link(decision), "–", "5,1\xa0MB", "Sanne de Vries", "30-3-2026 03:30"],
            ["Paspoort", link(scan), "Voorzijde", "1,2\xa0KB", "Sanne de Vries", "29-3-2026 03:30"],
        ]

    def test_offers_the_upload_to_who_may_edit(self, case):
        html = self.render(case, can_edit=True)
        assert f'href="{reverse("cases:document_upload", kwargs={"pk": case.pk})}">Document toevoegen</a>' in html

    def test_says_so_when_there_are_no_documents_and_offers_no_upload_to_readers(self, case):
        html = self.render(case, can_edit=False)
        assert "Er zijn nog geen documenten aan deze zaak toegevoegd." in html
        assert "Document toevoegen" not in html
        assert "<table" not in html

    @pytest.mark.parametrize("count", [1, 6])
    def test_loads_the_documents_in_one_query_and_renders_without_more(
        self, case, case_officer, count, django_assert_num_queries
    ):
        for number in range(count):
            upload_as(case_officer, case, upload(f"besluit-{number}.pdf", make_pdf()))
        with django_assert_num_queries(1):
            panel = {"documents": case_documents(case=case)}
        with django_assert_num_queries(0):
            html = render_to_string("cases/panels/documents.html", {"panel": panel, "case": case, "can_edit": True})
        assert html.count("<tr") == count + 1
