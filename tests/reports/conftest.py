import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """The figures' labels read in English in these tests (the Dutch catalogue is tested in test_translations)."""
    with translation.override("en"):
        yield
