"""The order's PDF: everything the order states, as text, escaped; stored once with its hash and template version."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from detention import documents
from detention.constants import ORDER_TEMPLATE_VERSION
from detention.models import DetentionOrder
from tests.factories.detention import COMPLETE, NOW, issued_order

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def rendered(case, enforcer, settings):
    case.foreign_national.surname = "<script>alert(1)</script>"
    case.foreign_national.save()
    order = issued_order(case, actor=enforcer)
    documents.order_pdf_render(order_id=order.pk, now=NOW)
    return DetentionOrder.objects.get(pk=order.pk)


class TestOrderPdf:
    def test_states_the_v_number_article_grounds_with_facts_lighter_measures_and_non_refoulement(self, rendered, case):
        text = text_of(documents.order_pdf_bytes(rendered))
        assert case.foreign_national.v_number in text
        assert "art. 59 Vw 2000" in text
        for ground in COMPLETE["grounds"]:
            assert " ".join(ground["facts"].split()) in text
        assert "(3b)" in text and "(4c)" in text
        for reason in COMPLETE["lighter_measures"].values():
            assert reason in text
        assert COMPLETE["non_refoulement"] in text

    def test_a_script_in_a_name_is_printed_as_text(self, rendered):
        assert "<script>alert(1)</script>" in text_of(documents.order_pdf_bytes(rendered))

    def test_is_stored_with_its_hash_and_template_version(self, rendered, settings):
        content = (settings.MEDIA_ROOT / rendered.pdf_path).read_bytes()
        assert hashlib.sha256(content).hexdigest() == rendered.pdf_sha256
        assert (rendered.template_version, rendered.render_state) == (ORDER_TEMPLATE_VERSION, "done")
        assert content.startswith(b"%PDF-")

    def test_a_second_run_finds_it_and_renders_nothing(self, rendered, settings):
        again = documents.order_pdf_render(order_id=rendered.pk, now=NOW)
        assert (again.pdf_path, again.pdf_sha256) == (rendered.pdf_path, rendered.pdf_sha256)
        assert len(list((settings.MEDIA_ROOT / "detention").rglob("*.pdf"))) == 1

    def test_a_changed_file_is_never_handed_out(self, rendered, settings):
        (settings.MEDIA_ROOT / rendered.pdf_path).write_bytes(b"%PDF-1.7 tampered")
        with pytest.raises(ValueError):
            documents.order_pdf_bytes(rendered)


class TestStaticOnlyFetcher:
    def test_refuses_every_url_but_the_projects_static_files(self):
        fetcher = documents._static_fetcher_class()()
        with pytest.raises(ValueError):
            fetcher.fetch("https://example.org/tracker.png")
        with pytest.raises(ValueError):
            fetcher.fetch("file:///etc/passwd")
        response = fetcher.fetch(documents.STATIC_PREFIX + "detention/order.css")
        assert b"@page" in response.read()
