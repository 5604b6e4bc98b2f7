"""Demo departures: removals in every state, the 2017 cancellation reasons, files of varying completeness, once."""

import pytest

from departures.constants import RemovalState
from departures.models import DepartureFile, DeparturePlan, Removal
from departures.selectors import departure_file_completeness
from dtv.demo.departures import CANCELLATION_WEIGHTS, seed_departures
from tests.demo.seeding import NOW, seed

pytestmark = pytest.mark.django_db


def test_plans_removals_in_every_state_and_files_and_a_second_run_adds_nothing():
    seed(150)
    made = seed_departures(now=NOW)
    assert made > 0 and DeparturePlan.objects.count() == made
    assert set(Removal.objects.values_list("state", flat=True)) == set(RemovalState.values)
    reasons = set(Removal.objects.filter(state="cancelled").values_list("cancellation_reason", flat=True))
    assert "absconded" in reasons and reasons <= set(CANCELLATION_WEIGHTS)
    scores = {
        departure_file_completeness(f, getattr(f, "medical", None), None).score for f in DepartureFile.objects.all()
    }
    assert len(scores) > 2
    assert seed_departures(now=NOW) == 0
    assert DeparturePlan.objects.count() == made


def test_absconding_is_the_most_common_cancellation_reason_as_in_2017():
    weights = sorted(CANCELLATION_WEIGHTS.items(), key=lambda pair: -pair[1])
    assert weights[0][0] == "absconded" and sum(CANCELLATION_WEIGHTS.values()) == 3000
