import pytest
import time_machine

from tests.factories.accounts import CaseOfficerFactory

from .support import NOW


@pytest.fixture
def frozen_clock():
    """The API reads the clock itself (timezone.now()): hold it at NOW."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def colleague(case_officer):
    """Another case officer of the same team."""
    return CaseOfficerFactory(team=case_officer.team, first_name="Jeroen", last_name="Bakker")
