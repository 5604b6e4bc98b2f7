import pytest

from cases.deadlines import atw


@pytest.fixture(scope="session")
def holidays():
    """The Atw calendar as the engine seeds it: date → Dutch name."""
    return atw.holiday_names(atw.calendar_rows(2000, 2040))
