import pytest
import time_machine

from .support import NOW


@pytest.fixture
def clock():
    """The frozen moment; `clock.shift(seconds)` moves it on."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
