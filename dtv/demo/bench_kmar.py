"""`manage.py bench`'s part for the KMar departure file PDF (issue 11: p50 ≤ 150 ms per file).

Measured is what the render task does for one removal apart from writing the file: the file's facts read
(`kmar_file_document`) and WeasyPrint's rendering (`render_kmar_file_pdf`), over demo removals KMar escorts.
"""

from types import SimpleNamespace

from departures.kmar_pdf import kmar_file_document, render_kmar_file_pdf
from departures.models import Removal
from dtv.demo import bench

KMAR_FILE_PDF_P50_MS = 150
NAME = "KMar file PDF: one removal's file rendered (p50 target)"


def kmar_file_pdf_bench(*, samples=30, warmup=3) -> list:
    """The KMar file PDF's render time over up to 20 demo removals with a departure file (one Measurement)."""
    removals = list(
        Removal.objects.filter(kmar_escorts__gt=0, case__departure_file__isnull=False)
        .select_related("case__foreign_national")
        .order_by("id")[:20]
    )
    if not removals:
        return [bench.unavailable(NAME)]  # no demo removal with KMar escorts and a departure file

    def render(i):
        content = render_kmar_file_pdf(kmar_file_document(removals[i % len(removals)]))
        return SimpleNamespace(status_code=200 if content.startswith(b"%PDF-") else 500)

    measured = bench.measure(NAME, render, url="departures.kmar_pdf.kmar_pdf_render", samples=samples, warmup=warmup)
    verdict = "met" if measured.median_ms is not None and measured.median_ms <= KMAR_FILE_PDF_P50_MS else "not met"
    measured.note = "; ".join(n for n in (measured.note, f"p50 ≤ {KMAR_FILE_PDF_P50_MS} ms: {verdict}") if n)
    return [measured]
