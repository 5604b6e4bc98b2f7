import pytest

from cases.deadlines import atw


@pytest.fixture(scope="session")
def holidays():
    """The Atw calendar as the engine seeds it: date → Dutch name."""
    return atw.holiday_names(atw.calendar_rows(2000, 2040))


@pytest.fixture
def swapped():
    """Replace a kind's registered versions for one test, and put the originals back afterwards."""
    from cases.deadlines import registry

    saved = {}

    def swap(kind, *versions):
        saved.setdefault(kind, registry.versions(kind))
        registry.unregister(kind)
        registry.register(*versions)

    yield swap
    for kind, versions in saved.items():
        registry.unregister(kind)
        registry.register(*versions)
