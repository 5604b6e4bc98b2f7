"""The shared predicates, each written once: in SQL (the querysets) and in Python (the model properties) alike."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cases import events
from cases.constants import DEPARTURE_TERM_DAYS, ClosureReason, Phase
from cases.deadlines import registry
from cases.deadlines.rules import DeadlineKind
from cases.forms import DepartureTermForm
from cases.models import Case, CaseEvent, Deadline, DepartureTerm
from tests.factories.cases import CaseFactory, ForeignNationalFactory
from tests.factories.deadlines import DeadlineFactory

pytestmark = pytest.mark.django_db


class TestCaseQuerySet:
    def test_open_and_closed_split_the_cases_as_is_open_does(self, case_officer):
        intake = CaseFactory(case_officer=case_officer)
        working = CaseFactory(case_officer=case_officer, in_progress=True)
        closed = CaseFactory(case_officer=case_officer, closed=True)
        assert set(Case.objects.open()) == {intake, working}
        assert list(Case.objects.closed()) == [closed]
        assert [case.is_open for case in (intake, working, closed)] == [True, True, False]

    def test_the_national_intake_is_the_cases_no_team_holds(self, case_officer):
        unheld = CaseFactory(intake_queue=True)
        CaseFactory(case_officer=case_officer)
        CaseFactory(case_officer=None, team=case_officer.team)  # the team holds it without an officer
        assert list(Case.objects.national_intake()) == [unheld]
        assert [case.in_national_intake for case in Case.objects.order_by("pk")] == [True, False, False]

    def test_a_flagged_case_awaits_review_until_someone_judges_it(self, case_officer):
        twin = ForeignNationalFactory()
        flagged = CaseFactory(case_officer=case_officer, possible_duplicate_of=twin)
        judged = CaseFactory(case_officer=case_officer, possible_duplicate_of=twin, duplicate_review="different")
        CaseFactory(case_officer=case_officer)
        assert list(Case.objects.awaiting_duplicate_review()) == [flagged]
        assert (flagged.awaits_duplicate_review, judged.awaits_duplicate_review) == (True, False)


class TestDeadlineQuerySet:
    def test_live_running_and_overdue_follow_the_status(self):
        open_ = DeadlineFactory()
        overdue = DeadlineFactory(overdue=True)
        suspended = DeadlineFactory(suspended=True)
        DeadlineFactory(met=True)
        DeadlineFactory(cancelled=True)
        assert set(Deadline.objects.live()) == {open_, overdue}
        assert set(Deadline.objects.running()) == {open_, overdue, suspended}
        assert list(Deadline.objects.overdue()) == [overdue]
        assert [d.is_overdue for d in (open_, overdue, suspended)] == [False, True, False]


class TestClosedCase:
    def test_the_factory_closes_a_case_as_the_service_does(self, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        assert (case.phase, case.closed_at, case.closure_reason) == (
            Phase.CLOSED,
            case.opened_at,
            ClosureReason.RESIDENCE_PERMIT,
        )
        assert CaseEvent.objects.get(case=case, kind=events.CASE_PHASE_CHANGED.code).data["to"] == Phase.CLOSED

    def test_a_closed_case_without_its_closing_moment_is_refused_by_the_database(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(phase=Phase.CLOSED)
        assert Case.objects.get(pk=case.pk).phase == Phase.INTAKE

    def test_an_open_case_with_a_closing_moment_is_refused_by_the_database(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(closed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


class TestDepartureTermDays:
    def test_the_model_the_form_and_the_rule_default_to_the_same_28_days_of_art_62_vw_2000(self):
        rule = registry.versions(DeadlineKind.DEPARTURE_TERM)[0]
        assert (
            DEPARTURE_TERM_DAYS,
            DepartureTerm._meta.get_field("days").default,
            DepartureTermForm().fields["days"].initial,
            rule.params["days"],
        ) == (28, 28, 28, 28)
