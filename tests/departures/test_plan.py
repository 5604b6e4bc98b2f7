"""The departure plan: versions with author and reason, the current one, the forced track's four eyes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.constants import DestinationType
from cases.models import CaseEvent
from departures import services
from departures.constants import ApprovalState, DepartureTrack
from departures.models import DeparturePlan
from departures.selectors import current_plan, plan_versions
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.departures import BOOKED, plan
from tests.factories.laissezpasser import moroccan_case

pytestmark = pytest.mark.django_db


class TestPlanRecord:
    def test_each_change_is_a_new_version_with_author_and_reason_and_the_highest_is_current(self):
        case = moroccan_case()
        first = plan(case)
        second = plan(case, track=DepartureTrack.SUPPORTED, programme="IOM AVRR", reason="Wil zelfstandig terug")
        assert (first.version, second.version) == (1, 2)
        assert current_plan(case=case) == second
        assert [p.version for p in plan_versions(case=case)] == [2, 1]
        assert (second.author, second.reason) == (case.case_officer, "Wil zelfstandig terug")
        assert CaseEvent.objects.filter(case=case, kind="departures.plan_recorded").count() == 2

    def test_a_dublin_destination_must_be_bound_by_the_regulation(self):
        with pytest.raises(ValidationError) as error:
            plan(moroccan_case(), destination_type=DestinationType.DUBLIN_STATE, destination_country="MAR")
        assert "destination_country" in error.value.message_dict

    def test_a_third_country_needs_the_access_and_its_basis(self):
        case = moroccan_case()
        with pytest.raises(ValidationError) as error:
            plan(case, destination_type=DestinationType.OTHER_COUNTRY, destination_country="TUN")
        assert "third_country_access" in error.value.message_dict
        assert not DeparturePlan.objects.filter(case=case).exists()

    def test_the_supported_track_names_its_programme(self):
        with pytest.raises(ValidationError) as error:
            plan(moroccan_case(), track=DepartureTrack.SUPPORTED)
        assert "programme" in error.value.message_dict

    def test_a_colleague_who_does_not_hold_the_case_may_not_change_the_plan(self):
        case = moroccan_case()
        colleague = CaseOfficerFactory(team=case.team)
        with pytest.raises(PermissionDenied):
            plan(case, actor=colleague)
        assert not DeparturePlan.objects.exists()


class TestForcedTrackFourEyes:
    def test_the_forced_track_awaits_a_team_lead(self):
        forced = plan(moroccan_case(), track=DepartureTrack.FORCED)
        assert forced.approval == ApprovalState.PENDING
        assert not forced.forced_and_approved

    def test_a_team_lead_of_the_team_approves_it(self):
        case = moroccan_case()
        forced = plan(case, track=DepartureTrack.FORCED)
        approved = services.plan_approve(plan=forced, actor=TeamLeadFactory(team=case.team), now=BOOKED)
        assert approved.forced_and_approved
        assert CaseEvent.objects.filter(case=case, kind="departures.plan_approved").count() == 1

    def test_nobody_approves_their_own_plan(self):
        case = moroccan_case()
        lead = TeamLeadFactory(team=case.team)
        forced = plan(case, track=DepartureTrack.FORCED, actor=lead)
        with pytest.raises(Exception) as error:
            services.plan_approve(plan=forced, actor=lead, now=BOOKED)
        assert getattr(error.value, "code", "") == "self_approval"
        forced.refresh_from_db()
        assert forced.approval == ApprovalState.PENDING

    def test_a_case_officer_may_not_approve(self):
        case = moroccan_case()
        forced = plan(case, track=DepartureTrack.FORCED)
        with pytest.raises(PermissionDenied):
            services.plan_approve(plan=forced, actor=case.case_officer, now=BOOKED)

    def test_a_team_lead_of_another_team_may_not_approve(self):
        forced = plan(moroccan_case(), track=DepartureTrack.FORCED)
        with pytest.raises(PermissionDenied):
            services.plan_approve(plan=forced, actor=TeamLeadFactory(), now=BOOKED)

    def test_an_older_version_is_not_approved_once_a_newer_one_exists(self):
        case = moroccan_case()
        forced = plan(case, track=DepartureTrack.FORCED)
        plan(case, track=DepartureTrack.FORCED, reason="Vlucht via Parijs")
        with pytest.raises(Exception) as error:
            services.plan_approve(plan=forced, actor=TeamLeadFactory(team=case.team), now=BOOKED)
        assert error.value.code == "plan_not_current"
