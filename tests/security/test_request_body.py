"""Review 1, finding 10: a 200 MB multipart body was spooled to disk before the 20 MB check, also anonymously."""

import io

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory

from cases.models import CaseDocument
from dtv.core.uploadhandlers import LimitedUploadHandler, upload_cut_off
from tests.factories.cases import CaseFactory

BOUNDARY = "regie-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
TWO_HUNDRED_MB = str(200 * 1024 * 1024)


class UnreadableBody:
    """A request body that fails the test as soon as anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_unread(client, path, length, content_type=MULTIPART):
    return client.generic(
        "POST", path, b"", content_type=content_type, CONTENT_LENGTH=length, **{"wsgi.input": UnreadableBody()}
    )


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


@pytest.fixture
def spool(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


class TestRefusedBeforeReading:
    def test_an_anonymous_upload_goes_to_the_login_unread(self, db, case, spool):
        client = Client(enforce_csrf_checks=True)
        client.get("/inloggen/")  # a CSRF cookie, as in the review
        response = post_unread(client, f"/zaken/{case.pk}/documenten/nieuw/", TWO_HUNDRED_MB)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
        assert list(spool.iterdir()) == [] and CaseDocument.objects.count() == 0

    def test_an_oversized_upload_of_a_logged_in_officer_is_a_413_unread(self, client, case_officer, case, spool):
        client.force_login(case_officer)
        response = post_unread(client, f"/zaken/{case.pk}/documenten/nieuw/", TWO_HUNDRED_MB)
        assert response.status_code == 413
        assert "Het verzoek is groter dan de 20,2 MB die deze pagina aanneemt." in response.text
        assert response["Connection"] == "close"
        assert list(spool.iterdir()) == [] and CaseDocument.objects.count() == 0

    @pytest.mark.parametrize("path", ["/inloggen/", "/werkvoorraad/toewijzen/", "/i18n/setlang/", "/nergens/"])
    def test_any_other_page_takes_at_most_one_megabyte_anonymous_or_not(self, client, db, path, spool):
        assert post_unread(client, path, str(1024 * 1024 + 1)).status_code == 413
        assert list(spool.iterdir()) == []

    def test_the_api_refuses_a_body_over_64_kb_unread_with_its_own_error(self, client, db):
        response = post_unread(client, "/api/v1/handovers/", str(65 * 1024), content_type="application/json")
        assert response.status_code == 400
        assert response.json()["code"] == "payload_too_large"

    @pytest.mark.parametrize("length", ["abc", "-1", "1e9", "²", "9" * 30])
    def test_a_content_length_that_is_no_number_is_a_400(self, client, db, length):
        assert post_unread(client, "/inloggen/", length).status_code == 400


class TestLimitedUploadHandler:
    def body(self, size):
        return (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="scan.pdf"\r\n'
                f"Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + b"%" * size
            + f"\r\n--{BOUNDARY}--\r\n".encode()
        )

    def parse(self, body, settings):
        request = RequestFactory().post("/", body, content_type=MULTIPART)
        handlers = [
            LimitedUploadHandler(request),
            MemoryFileUploadHandler(request),
            TemporaryFileUploadHandler(request),
        ]
        meta = {"CONTENT_TYPE": MULTIPART, "CONTENT_LENGTH": str(len(body))}
        _post, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
        return request, files

    def test_stops_the_file_at_the_limit_and_leaves_no_temporary_file(self, settings, spool):
        settings.DOCUMENT_MAX_BYTES = 100_000
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # would spool to disk without the handler
        request, files = self.parse(self.body(300_000), settings)
        assert "upload" not in files
        assert upload_cut_off(request) is True
        assert list(spool.iterdir()) == []

    def test_lets_a_file_within_the_limit_through(self, settings, spool):
        settings.DOCUMENT_MAX_BYTES = 100_000
        request, files = self.parse(self.body(100_000), settings)
        assert files["upload"].size == 100_000 and upload_cut_off(request) is False


def test_the_upload_settings_keep_an_accepted_document_in_memory(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.UPLOAD_REQUEST_MAX_BYTES
    assert settings.UPLOAD_REQUEST_MAX_BYTES == settings.DOCUMENT_MAX_BYTES + 256 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings.FILE_UPLOAD_HANDLERS[0] == "dtv.core.uploadhandlers.LimitedUploadHandler"
