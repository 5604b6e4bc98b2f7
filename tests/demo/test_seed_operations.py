"""Demo operations: a charter and two Frontex operations with forced removals on board, on their flight, once."""

import pytest

from departures.manifest import manifest_rows
from departures.models import Operation, OperationPassenger
from dtv.demo.departures import seed_departures, seed_operations
from tests.demo.seeding import NOW, seed

pytestmark = pytest.mark.django_db


def test_operations_take_open_forced_removals_onto_their_flight_and_a_second_run_adds_nothing():
    seed(300)
    seed_departures(now=NOW, limit=200)
    assert seed_operations(now=NOW, people=4) == 3
    assert set(Operation.objects.values_list("kind", flat=True)) == {"charter", "frontex_jro", "frontex_nro"}
    for passenger in OperationPassenger.objects.select_related("operation", "removal"):
        operation, removal = passenger.operation, passenger.removal
        assert (removal.departs_at, removal.flight_number, removal.kind) == (
            operation.departs_at,
            operation.flight_number,
            operation.kind,
        )
        assert removal.is_open and removal.kmar_escorted
    charter = Operation.objects.get(kind="charter")
    passengers = list(charter.passengers.select_related("removal__case__foreign_national"))
    assert len(manifest_rows(charter, passengers)) == len(passengers) > 0
    assert seed_operations(now=NOW) == 0
