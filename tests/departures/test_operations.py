"""Group and charter operations: who organises one, which removal may join (the same departure), the manifest."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import CaseEvent
from departures import operations, services
from departures.manifest import manifest
from departures.models import Operation, OperationPassenger, Removal
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory
from tests.factories.departures import BOOKED, DEPARTS, complete_file, notify, planned_removal, ready_forced_case
from tests.factories.operations import charter, on_board

pytestmark = pytest.mark.django_db


def _refused(operation, removal, code, *, actor=None, now=BOOKED):
    before = OperationPassenger.objects.count(), CaseEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        operations.operation_removal_join(
            operation=operation, removal=removal, actor=actor or removal.case.case_officer, now=now
        )
    assert refused.value.code == code
    assert (OperationPassenger.objects.count(), CaseEvent.objects.count()) == before


class TestOrganising:
    def test_a_team_lead_records_an_operation_for_their_team(self):
        lead = TeamLeadFactory()
        operation = charter(lead=lead)
        assert (operation.team_id, operation.manifest_version, operation.kmar_escorted) == (lead.team_id, 0, True)

    def test_a_case_officer_may_not_organise_one_and_nothing_is_written(self):
        with pytest.raises(PermissionDenied):
            charter(lead=CaseOfficerFactory())
        assert not Operation.objects.exists()

    def test_a_departure_in_the_past_a_reused_reference_and_no_seats_are_refused(self):
        charter()
        with pytest.raises(ValidationError) as refused:
            charter(departs_at=BOOKED - dt.timedelta(hours=1), seats=0)
        assert set(refused.value.message_dict) == {"departs_at", "reference", "seats"}
        assert Operation.objects.count() == 1


class TestJoiningIsOnlyForTheSameDeparture:
    def test_an_open_removal_on_the_same_flight_joins_with_its_seat_and_the_case_timeline_says_so(self):
        operation = charter()
        removal = planned_removal(
            ready_forced_case(), kind="charter", flight_number="PVG4301", kmar_escorts=2, destination_country="MAR"
        )
        passenger = operations.operation_removal_join(
            operation=operation, removal=removal, actor=removal.case.case_officer, now=BOOKED, seat="12a"
        )
        assert passenger.seat == "12A"
        assert Operation.objects.get(pk=operation.pk).manifest_version == 1
        assert CaseEvent.objects.filter(case=removal.case, kind="departures.operation_joined").exists()
        assert Removal.objects.get(pk=removal.pk).state == "planned"  # the removal keeps its own state

    def test_another_destination_is_refused(self):
        operation = charter()
        removal = planned_removal(kind="charter", flight_number="PVG4301", destination_country="DZA")
        _refused(operation, removal, "operation_other_destination")

    def test_another_departure_moment_is_refused_because_the_notice_named_its_own(self):
        operation = charter()
        removal = planned_removal(kind="charter", flight_number="PVG4301", departs_at=DEPARTS + dt.timedelta(hours=1))
        _refused(operation, removal, "operation_other_departure")

    def test_another_flight_number_is_refused(self):
        _refused(charter(), planned_removal(kind="charter", flight_number="AT851"), "operation_other_departure")

    def test_another_kind_of_flight_is_refused(self):
        _refused(charter(), planned_removal(kind="scheduled", flight_number="PVG4301"), "operation_other_kind")

    def test_a_cancelled_removal_is_refused(self):
        removal = planned_removal(kind="charter", flight_number="PVG4301")
        services.removal_cancel(removal=removal, reason="medical", actor=removal.case.case_officer, now=BOOKED)
        _refused(charter(), Removal.objects.get(pk=removal.pk), "removal_not_open")

    def test_an_operation_that_has_left_takes_nobody(self):
        operation = charter()
        removal = planned_removal(kind="charter", flight_number="PVG4301")
        _refused(operation, removal, "operation_departed", now=DEPARTS + dt.timedelta(minutes=1))

    def test_a_full_operation_takes_nobody_more(self):
        operation = charter(seats=1)
        on_board(operation)
        _refused(operation, planned_removal(kind="charter", flight_number="PVG4301"), "operation_full")

    def test_a_removal_is_on_one_operation_at_most(self):
        first, second = charter(), charter(reference="CHARTER-2026-44")
        passenger = on_board(first)
        _refused(second, passenger.removal, "already_on_operation")

    def test_a_taken_seat_is_refused_as_a_field_error(self):
        operation = charter()
        on_board(operation, seat="1A")
        removal = planned_removal(kind="charter", flight_number="PVG4301")
        with pytest.raises(ValidationError) as refused:
            operations.operation_removal_join(
                operation=operation, removal=removal, actor=removal.case.case_officer, now=BOOKED, seat="1a"
            )
        assert "seat" in refused.value.message_dict
        assert OperationPassenger.objects.count() == 1

    def test_only_who_may_change_the_case_puts_it_on_board(self):
        removal = planned_removal(kind="charter", flight_number="PVG4301")
        with pytest.raises(PermissionDenied):
            operations.operation_removal_join(
                operation=charter(), removal=removal, actor=CaseOfficerFactory(), now=BOOKED
            )
        assert not OperationPassenger.objects.exists()

    def test_a_case_without_an_open_removal_is_booked_on_the_operations_flight(self):
        operation = charter()
        passenger = on_board(operation, seat="3C")
        removal = passenger.removal
        assert (removal.kind, removal.flight_number, removal.departs_at, removal.destination_country) == (
            "charter",
            "PVG4301",
            DEPARTS,
            "MAR",
        )


    def test_a_booking_for_an_operation_that_refuses_the_removal_is_not_half_saved(self):
        operation = charter(seats=1)
        on_board(operation)
        case = ready_forced_case()
        with pytest.raises(DomainError):
            operations.operation_case_add(operation=operation, case=case, actor=case.case_officer, now=BOOKED)
        assert not Removal.objects.filter(case=case).exists()


class TestLeaving:
    def test_leaving_keeps_the_removal_booked_and_outdates_the_manifest(self):
        operation = charter()
        passenger = on_board(operation)
        removal = operations.operation_removal_leave(
            passenger=passenger, reason="Medische heroverweging", actor=passenger.removal.case.case_officer, now=BOOKED
        )
        assert removal.state == "planned" and not OperationPassenger.objects.exists()
        assert Operation.objects.get(pk=operation.pk).manifest_version == 2
        assert CaseEvent.objects.filter(case=removal.case, kind="departures.operation_left").exists()

    def test_leaving_needs_a_reason(self):
        passenger = on_board(charter())
        with pytest.raises(ValidationError):
            operations.operation_removal_leave(
                passenger=passenger, reason=" ", actor=passenger.removal.case.case_officer, now=BOOKED
            )
        assert OperationPassenger.objects.count() == 1


class TestTheManifest:
    def test_per_person_the_notices_checks_file_score_and_seat(self):
        operation = charter()
        passenger = on_board(operation, seat="7B")
        notify(passenger.removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=50))
        (row,) = manifest(operation, user=TeamLeadFactory(team=operation.team))
        assert row.passenger.seat == "7B" and row.notice.in_time
        assert row.completeness.score == 100 and not any(c.failed for c in row.checks) and row.ready

    def test_the_medical_check_says_it_is_not_met_but_never_why(self):
        operation = charter()
        passenger = on_board(operation)
        case = passenger.removal.case
        services.medical_particulars_update(
            case=case, actor=case.case_officer, now=BOOKED, bma_escort="Verpleegkundige mee", bma_conditions_met=False
        )
        (row,) = manifest(operation, user=TeamLeadFactory(team=operation.team))
        medical = next(c for c in row.checks if c.key == "medical")
        assert medical.failed and "Verpleegkundige" not in medical.reason

    def test_a_case_officer_sees_only_the_people_of_their_own_cases(self):
        operation = charter()
        mine = on_board(operation)
        on_board(operation)
        rows = manifest(operation, user=mine.removal.case.case_officer)
        assert [row.passenger.pk for row in rows] == [mine.pk]

    @pytest.mark.parametrize("people", [2, 9])
    def test_is_read_in_two_statements_however_many_people(self, people, django_assert_num_queries):
        operation = charter()
        for seat in range(people):
            passenger = on_board(operation, seat=f"{seat + 1}A")
            notify(passenger.removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=50))
        complete_file(CaseFactory(in_progress=True))  # another case's facts stay out
        lead = TeamLeadFactory(team=operation.team)
        lead.has_perm("departures.view_operation")  # the permissions are read once per request
        with django_assert_num_queries(2):
            rows = manifest(operation, user=lead)
        assert len(rows) == people and all(row.ready for row in rows)
