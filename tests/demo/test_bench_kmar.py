"""The bench's KMar file PDF figure: rendered over demo removals KMar escorts, judged against p50 ≤ 150 ms."""

import pytest

from dtv.demo.bench_kmar import NAME, kmar_file_pdf_bench
from tests.factories.departures import planned_removal, ready_forced_case

pytestmark = pytest.mark.django_db


def test_renders_the_file_of_removals_kmar_escorts_and_says_whether_the_p50_target_is_met():
    planned_removal(ready_forced_case(), kmar_escorts=2)
    [measured] = kmar_file_pdf_bench(samples=2, warmup=0)
    assert (measured.name, measured.samples, measured.statuses) == (NAME, 2, {"200": 2})
    assert "p50 ≤ 150 ms: " in measured.note


def test_without_such_a_removal_the_figure_is_unavailable():
    planned_removal(ready_forced_case(), kmar_escorts=0)
    [measured] = kmar_file_pdf_bench(samples=2, warmup=0)
    assert not measured.available and measured.samples == 0
