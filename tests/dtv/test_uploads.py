"""Review 1, finding 12: PNG+HTML, a PDF with HTML in a comment and JPEG+ZIP were accepted as documents."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from dtv.core.uploads import JPEG, PDF, PNG, check_content, check_polyglot

POLYGLOT = (
    "Dit bestand is ook te lezen als een ander soort bestand (een webpagina of een archief) en wordt daarom "
    "geweigerd. Sla het opnieuw op of druk het af als gewone PDF, PNG of JPEG en voeg dat bestand toe."
)


def image(fmt):
    buffer = io.BytesIO()
    Image.effect_noise((64, 48), 50).convert("RGB").save(buffer, format=fmt)
    return buffer.getvalue()


def pdf(extra=b""):
    body = b"%PDF-1.7\n" + extra + b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    body += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    return body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("index.html", "<html><body>hi</body></html>")
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    import zlib

    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def with_text_chunk(png: bytes, text: bytes) -> bytes:
    # After IHDR (8-byte signature + 25-byte chunk): a tEXt chunk is a legal place for metadata.
    return png[:33] + png_chunk(b"tEXt", b"Comment\x00" + text) + png[33:]


def refusal(content):
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        check_content(content)
    return caught.value.message_dict["upload"]


class TestPolyglotsAreRefused:
    def test_a_png_with_html_after_its_end(self):
        assert refusal(image("PNG") + b"<html><script>alert(1)</script></html>") == [POLYGLOT]

    def test_a_png_with_a_script_in_a_text_chunk(self):
        assert refusal(with_text_chunk(image("PNG"), b"<script>alert(document.cookie)</script>")) == [POLYGLOT]

    def test_a_pdf_with_html_in_a_comment(self):
        assert refusal(pdf(b"%<html><body><script>alert(1)</script></body></html>\n")) == [POLYGLOT]

    def test_a_pdf_with_an_svg_in_a_comment(self):
        assert refusal(pdf(b"%<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\n")) == [POLYGLOT]

    def test_a_jpeg_with_a_zip_appended(self):
        assert refusal(image("JPEG") + archive()) == [POLYGLOT]

    def test_a_pdf_with_a_zip_appended(self):
        assert refusal(pdf() + archive()) == [POLYGLOT]

    def test_capitals_do_not_hide_the_markup(self):
        assert refusal(image("PNG") + b"<HtMl>") == [POLYGLOT]

    def test_the_check_names_the_upload_field_and_a_code(self):
        with pytest.raises(ValidationError) as caught:
            check_polyglot(image("JPEG") + b"<iframe src=x>", JPEG)
        assert caught.value.error_dict["upload"][0].code == "polyglot"


class TestOrdinaryFilesPass:
    @pytest.mark.parametrize("fmt, file_type", [("PNG", PNG), ("JPEG", JPEG)])
    def test_an_image_from_a_camera_or_scanner(self, fmt, file_type):
        assert check_content(image(fmt)) is file_type

    def test_a_pdf(self):
        assert check_content(pdf()) is PDF

    def test_a_motion_photo_keeps_its_video_trailer(self):
        assert check_content(image("JPEG") + b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200) is JPEG

    def test_a_png_with_padding_after_its_end(self):
        assert check_content(image("PNG") + b"\x00\x00\n") is PNG

    def test_words_that_merely_start_like_a_tag_are_no_markup(self):
        assert check_content(pdf(b"% <htmlish> <scripted> <bodywork>\n")) is PDF
