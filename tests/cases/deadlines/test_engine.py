"""The deadline engine as the case services drive it: opened, recomputed, met, cancelled, suspended, resumed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases import services
from cases.constants import ClosureReason, DeadlineStatus, InterpreterMode, InterviewKind, Stance, SweepStage
from cases.deadlines.engine import (
    case_next_deadline_refresh,
    deadline_meet,
    deadline_open,
    deadline_recompute,
    deadline_resume,
    deadline_suspend,
    first_sweep_stage,
)
from cases.deadlines.explain import explain
from cases.deadlines.rules import DeadlineKind
from cases.deadlines.sweep import deadlines_sweep
from cases.models import AgreedAction, Case, CaseEvent, Deadline, Notification, WorkItem
from departures.deadlines import DepartureDeadlineKind
from detention.deadlines import DetentionDeadlineKind
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DECISION_DATE, DUE_AT, MET_AT, OPENED_AT, REMIND_AT, DeadlineFactory, amsterdam

pytestmark = pytest.mark.django_db

D = dt.date
INTERVIEW_RECORDED_AT = amsterdam(2026, 3, 3, 14, 0)


@pytest.fixture
def case(case_officer):
    return CaseFactory(in_progress=True, case_officer=case_officer)


def record_term(case, effective_on=DECISION_DATE, now=OPENED_AT, **kwargs):
    return services.departure_term_record(
        case=case, effective_on=effective_on, actor=case.case_officer, now=now, **kwargs
    )


def term_deadline(term):
    return Deadline.objects.get(source_type="cases.departureterm", source_id=term.pk)


def events(case, kind):
    return list(CaseEvent.objects.filter(case=case, kind=kind).order_by("id"))


def record_interview(case, actions, now=INTERVIEW_RECORDED_AT):
    return services.interview_record(
        case=case,
        kind=InterviewKind.FIRST,
        held_at=now - dt.timedelta(hours=2),
        interpreter_mode=InterpreterMode.IN_PERSON,
        interpreter_language="ar",
        stance=Stance.COOPERATING,
        summary="Betrokkene werkt mee aan vertrek.",
        actor=case.case_officer,
        now=now,
        actions=actions,
    )


class TestDepartureTermRecord:
    def test_opens_the_art_62_vw_2000_deadline_on_the_28th_day_due_at_midnight_after_it(self, case):
        deadline = term_deadline(record_term(case))

        assert deadline.kind == DeadlineKind.DEPARTURE_TERM
        assert deadline.legal_basis == "art. 62 Vw 2000"
        assert deadline.start_date == D(2026, 3, 2)
        assert deadline.due_date == D(2026, 3, 30)
        assert deadline.due_at == amsterdam(2026, 3, 31, 0, 0)
        assert (deadline.atw_applies, deadline.atw_applied) == (True, True)
        assert deadline.params == {"days": 28}
        assert (deadline.status, deadline.revision, deadline.responsible) == ("open", 0, "case_officer")
        assert (deadline.opened_at, deadline.opened_by) == (OPENED_AT, case.case_officer)

    def test_explains_the_computation_in_dutch_in_the_deadline_and_the_timeline(self, case):
        deadline = term_deadline(record_term(case))

        expected = (
            "28 dagen na 2 maart 2026 = 30 maart 2026. "
            "Dat is een maandag en geen feestdag: de Algemene termijnenwet verschuift niets."
        )
        assert explain(deadline.explanation) == expected
        (opened,) = events(case, "deadline.opened")
        assert explain(opened.data["steps"]) == expected
        assert opened.data["legal_basis"] == "art. 62 Vw 2000"

    def test_the_timeline_event_stores_steps_and_dates_never_rendered_text(self, case):
        deadline = term_deadline(record_term(case))

        (opened,) = events(case, "deadline.opened")
        assert opened.data == {
            "deadline": deadline.pk,
            "kind": "departure_term",
            "due_date": "2026-03-30",
            "due_at": "2026-03-31T00:00:00+02:00",
            "legal_basis": "art. 62 Vw 2000",
            "steps": deadline.explanation,
        }

    def test_reminds_seven_days_ahead_at_midnight_amsterdam_time_across_the_clocks_going_forward(self, case):
        deadline = term_deadline(record_term(case))

        # 24 March 00:00 CET to 31 March 00:00 CEST: seven days on the wall clock, 167 real hours.
        assert deadline.remind_at == REMIND_AT
        assert deadline.due_at - deadline.remind_at == dt.timedelta(hours=167)
        assert (deadline.sweep_stage, deadline.sweep_at) == (SweepStage.REMINDER, REMIND_AT)

    def test_a_term_ending_on_a_saturday_runs_to_monday_atw_art_1(self, case):
        deadline = term_deadline(record_term(case, effective_on=D(2026, 5, 2)))

        assert deadline.due_date == D(2026, 6, 1)
        assert deadline.due_at == amsterdam(2026, 6, 2, 0, 0)
        assert explain(deadline.explanation) == (
            "28 dagen na 2 mei 2026 = 30 mei 2026. "
            "Valt op zaterdag → verschoven naar maandag 1 juni 2026 (Algemene termijnenwet art. 1)."
        )

    def test_a_new_term_cancels_the_deadline_of_the_earlier_one(self, case):
        first = term_deadline(record_term(case))
        second = term_deadline(record_term(case, effective_on=D(2026, 3, 4), now=amsterdam(2026, 3, 4, 9, 0)))

        first.refresh_from_db()
        assert (first.status, first.status_reason) == (
            DeadlineStatus.CANCELLED,
            "Vervangen door een nieuwe vertrektermijn",
        )
        assert second.status == DeadlineStatus.OPEN
        assert Case.objects.get(pk=case.pk).next_deadline == second

    def test_a_user_who_may_not_edit_the_case_opens_no_deadline(self, case):
        other = CaseOfficerFactory(team=case.team)

        with pytest.raises(PermissionDenied):
            services.departure_term_record(case=case, effective_on=D(2026, 3, 2), actor=other, now=OPENED_AT)

        assert Deadline.objects.count() == 0
        assert CaseEvent.objects.filter(case=case).count() == 0


class TestCaseNextDeadline:
    def test_points_at_the_nearest_live_deadline_and_moves_on_when_that_one_is_met(self, case):
        term = term_deadline(record_term(case))
        record_interview(case, [("Paspoort ophalen bij familie", AgreedAction.Party.FOREIGN_NATIONAL, D(2026, 3, 10))])
        action = AgreedAction.objects.get(case=case)
        action_deadline = Deadline.objects.get(kind=DeadlineKind.AGREED_ACTION)

        assert Case.objects.get(pk=case.pk).next_deadline == action_deadline

        services.agreed_action_complete(action=action, actor=case.case_officer, now=amsterdam(2026, 3, 9, 16, 0))

        assert Case.objects.get(pk=case.pk).next_deadline == term

    def test_is_empty_when_no_deadline_is_live(self, case):
        DeadlineFactory(case=case, met=True)

        assert case_next_deadline_refresh(case) is None
        assert Case.objects.get(pk=case.pk).next_deadline is None


class TestDepartureTermCorrect:
    def correct(self, term, effective_on, now):
        return services.departure_term_correct(
            term=term,
            effective_on=effective_on,
            days=28,
            reason="",
            correction="Besluit is later in werking getreden",
            actor=term.case.case_officer,
            now=now,
        )

    def test_recomputes_the_art_62_deadline_and_keeps_the_old_due_moment_in_history(self, case):
        term = record_term(case)
        before = term_deadline(term)

        self.correct(term, D(2026, 3, 4), now=amsterdam(2026, 3, 5, 9, 0))

        deadline = term_deadline(term)
        assert deadline.pk == before.pk
        assert (deadline.due_date, deadline.due_at) == (D(2026, 4, 1), amsterdam(2026, 4, 2, 0, 0))
        assert deadline.revision == 1
        assert [h.due_at for h in deadline.history.order_by("history_id")] == [
            amsterdam(2026, 3, 31, 0, 0),
            amsterdam(2026, 4, 2, 0, 0),
        ]
        assert deadline.history.latest("history_id").history_change_reason == "Besluit is later in werking getreden"
        (recomputed,) = events(case, "deadline.recomputed")
        assert recomputed.data["old_due_at"] == "2026-03-30T22:00:00+00:00"
        assert recomputed.data["reason"] == "Besluit is later in werking getreden"
        assert recomputed.data["old_due_date"] == "2026-03-30"
        assert explain(recomputed.data["steps"]).startswith("28 dagen na 4 maart 2026 = 1 april 2026.")
        assert "explanation" not in recomputed.data

    def test_an_overdue_term_moved_later_is_open_again_and_warns_and_falls_due_again(self, case, team_lead):
        term = record_term(case)
        deadlines_sweep(now=REMIND_AT)
        deadlines_sweep(now=DUE_AT)
        assert term_deadline(term).status == DeadlineStatus.OVERDUE

        self.correct(term, D(2026, 3, 16), now=amsterdam(2026, 3, 31, 10, 0))

        deadline = term_deadline(term)
        assert (deadline.status, deadline.revision) == (DeadlineStatus.OPEN, 1)
        assert (deadline.due_date, deadline.due_at) == (D(2026, 4, 13), amsterdam(2026, 4, 14, 0, 0))
        assert (deadline.sweep_stage, deadline.sweep_at) == (SweepStage.REMINDER, amsterdam(2026, 4, 7, 0, 0))

        assert deadlines_sweep(now=amsterdam(2026, 4, 6, 23, 59)).deadlines == set()
        deadlines_sweep(now=amsterdam(2026, 4, 7, 0, 0))
        deadlines_sweep(now=amsterdam(2026, 4, 14, 0, 0))

        notifications = Notification.objects.filter(deadline=deadline).order_by("id")
        assert [(n.revision, n.stage, n.recipient) for n in notifications] == [
            (0, "reminder", case.case_officer),
            (0, "due", case.case_officer),
            (1, "reminder", case.case_officer),
            (1, "due", case.case_officer),
        ]
        work_items = WorkItem.objects.filter(deadline=deadline).order_by("id")
        assert [(w.revision, w.stage, w.due_at) for w in work_items] == [
            (0, "due", amsterdam(2026, 3, 31, 0, 0)),
            (1, "due", amsterdam(2026, 4, 14, 0, 0)),
        ]
        assert term_deadline(term).status == DeadlineStatus.OVERDUE

    def test_closes_the_work_item_of_the_earlier_revision_when_the_term_moves_later(self, case):
        term = record_term(case)
        deadlines_sweep(now=DUE_AT)

        self.correct(term, D(2026, 3, 16), now=amsterdam(2026, 3, 31, 10, 0))

        stale = WorkItem.objects.get(deadline=term_deadline(term), revision=0)
        assert stale.done_at == amsterdam(2026, 3, 31, 10, 0)

    def test_a_met_deadline_is_not_recomputed(self, case):
        deadline = DeadlineFactory(case=case, met=True)

        with pytest.raises(DomainError) as refused:
            deadline_recompute(
                deadline=deadline, start=D(2026, 3, 9), actor=case.case_officer, now=MET_AT, reason="Te laat"
            )

        assert refused.value.code == "deadline_closed"
        deadline.refresh_from_db()
        assert (deadline.revision, deadline.due_at) == (0, DUE_AT)


class TestCaseTransitionClose:
    def test_cancels_every_live_and_suspended_deadline_and_clears_next_deadline(self, case):
        open_one = DeadlineFactory(case=case)
        overdue = DeadlineFactory(case=case, overdue=True)
        suspended = DeadlineFactory(case=case, suspended=True)
        met = DeadlineFactory(case=case, met=True)
        closed_at = amsterdam(2026, 4, 2, 15, 0)

        services.case_close(
            case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=closed_at
        )

        statuses = dict(Deadline.objects.values_list("pk", "status"))
        assert statuses == {
            open_one.pk: DeadlineStatus.CANCELLED,
            overdue.pk: DeadlineStatus.CANCELLED,
            suspended.pk: DeadlineStatus.CANCELLED,
            met.pk: DeadlineStatus.MET,
        }
        assert set(Deadline.objects.filter(status="cancelled").values_list("sweep_stage", "sweep_at")) == {("", None)}
        assert set(Deadline.objects.filter(status="cancelled").values_list("closed_at", "status_reason")) == {
            (closed_at, "Zaak afgesloten")
        }
        assert Case.objects.get(pk=case.pk).next_deadline is None
        assert len(events(case, "deadline.cancelled")) == 3
        # The work item of the overdue deadline is done: nobody is left chasing a closed case.
        assert WorkItem.objects.get(deadline=overdue).done_at == closed_at

    def test_the_work_item_has_its_creation_and_its_finishing_with_the_case_in_its_history(self, case):
        overdue = DeadlineFactory(case=case, overdue=True)
        closed_at = amsterdam(2026, 4, 2, 15, 0)

        services.case_close(
            case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=closed_at
        )

        history = WorkItem.objects.get(deadline=overdue).history.order_by("history_id")
        assert [(h.history_type, h.done_at, h.done_by) for h in history] == [
            ("+", None, None),
            ("~", closed_at, case.case_officer),
        ]


class TestDeadlineSuspendAndResume:
    def test_suspending_stops_the_sweep(self, case):
        deadline = DeadlineFactory(case=case)

        deadline_suspend(deadline=deadline, actor=case.case_officer, now=MET_AT, reason="Voorlopige voorziening")

        deadline.refresh_from_db()
        assert (deadline.status, deadline.sweep_stage, deadline.sweep_at) == (DeadlineStatus.SUSPENDED, "", None)
        assert Case.objects.get(pk=case.pk).next_deadline is None
        assert deadlines_sweep(now=amsterdam(2026, 6, 1, 0, 0)).deadlines == set()
        assert Notification.objects.count() == 0

    def test_suspending_needs_a_reason_and_changes_nothing_without_one(self, case):
        deadline = DeadlineFactory(case=case)

        with pytest.raises(DomainError) as refused:
            deadline_suspend(deadline=deadline, actor=case.case_officer, now=MET_AT, reason="  ")

        assert refused.value.code == "reason_required"
        deadline.refresh_from_db()
        assert (deadline.status, deadline.sweep_at) == (DeadlineStatus.OPEN, REMIND_AT)
        assert events(case, "deadline.suspended") == []

    def test_resuming_restarts_the_term_from_the_new_start(self, case):
        deadline = DeadlineFactory(case=case, suspended=True)

        deadline_resume(
            deadline=deadline,
            start=D(2026, 4, 20),
            actor=case.case_officer,
            now=amsterdam(2026, 4, 20, 9, 0),
            reason="Voorlopige voorziening afgewezen",
        )

        deadline.refresh_from_db()
        assert (deadline.status, deadline.revision) == (DeadlineStatus.OPEN, 1)
        assert (deadline.due_date, deadline.due_at) == (D(2026, 5, 18), amsterdam(2026, 5, 19, 0, 0))
        assert (deadline.sweep_stage, deadline.sweep_at) == (SweepStage.REMINDER, amsterdam(2026, 5, 12, 0, 0))
        assert Case.objects.get(pk=case.pk).next_deadline == deadline
        (recomputed,) = events(case, "deadline.resumed")
        assert recomputed.data["reason"] == "Voorlopige voorziening afgewezen"

    def test_only_a_suspended_deadline_is_resumed(self, case):
        deadline = DeadlineFactory(case=case)

        with pytest.raises(DomainError) as refused:
            deadline_resume(deadline=deadline, start=D(2026, 4, 20), actor=None, now=MET_AT, reason="Hervat")

        assert refused.value.code == "deadline_not_suspended"


class TestDeadlineMeet:
    def test_closes_the_deadline_and_records_that_it_was_on_time(self, case):
        deadline = DeadlineFactory(case=case)

        deadline_meet(deadline=deadline, actor=case.case_officer, now=MET_AT)

        deadline.refresh_from_db()
        assert (deadline.status, deadline.closed_at, deadline.closed_by) == ("met", MET_AT, case.case_officer)
        assert (deadline.sweep_stage, deadline.sweep_at) == ("", None)
        assert events(case, "deadline.met")[0].data["late"] is False

    def test_an_overdue_deadline_met_late_says_so_and_its_work_item_is_done(self, case):
        deadline = DeadlineFactory(case=case, overdue=True)
        late = amsterdam(2026, 4, 1, 8, 30)

        deadline_meet(deadline=deadline, actor=case.case_officer, now=late)

        assert events(case, "deadline.met")[0].data["late"] is True
        assert WorkItem.objects.get(deadline=deadline).done_at == late

    def test_meeting_a_met_deadline_is_refused_as_deadline_not_live(self, case):
        deadline = DeadlineFactory(case=case, met=True)

        with pytest.raises(DomainError) as refused:
            deadline_meet(deadline=deadline, actor=case.case_officer, now=amsterdam(2026, 3, 21, 9, 0))

        assert refused.value.code == "deadline_not_live"
        deadline.refresh_from_db()
        assert deadline.closed_at == MET_AT
        assert len(events(case, "deadline.met")) == 1


class TestAgreedActions:
    def test_actions_of_a_departure_interview_open_agreed_action_deadlines(self, case):
        record_interview(
            case,
            [
                ("Paspoort ophalen bij familie", AgreedAction.Party.FOREIGN_NATIONAL, D(2026, 3, 10)),
                ("IOM benaderen", AgreedAction.Party.CASE_OFFICER, D(2026, 3, 14)),
            ],
        )

        rows = Deadline.objects.filter(kind=DeadlineKind.AGREED_ACTION).order_by("due_at")
        actions = list(AgreedAction.objects.order_by("due_date"))
        assert [(d.source_type, d.source_id, d.trigger, d.legal_basis) for d in rows] == [
            ("cases.agreedaction", actions[0].pk, "Paspoort ophalen bij familie", "Afspraak uit vertrekgesprek"),
            ("cases.agreedaction", actions[1].pk, "IOM benaderen", "Afspraak uit vertrekgesprek"),
        ]
        # A Saturday stays a Saturday: an agreed date is not a statutory term.
        assert [(d.due_date, d.due_at, d.atw_applied) for d in rows] == [
            (D(2026, 3, 10), amsterdam(2026, 3, 11, 0, 0), False),
            (D(2026, 3, 14), amsterdam(2026, 3, 15, 0, 0), False),
        ]
        assert [d.remind_at for d in rows] == [amsterdam(2026, 3, 9, 0, 0), amsterdam(2026, 3, 13, 0, 0)]

    def test_completing_the_action_meets_its_deadline(self, case):
        record_interview(case, [("IOM benaderen", AgreedAction.Party.CASE_OFFICER, D(2026, 3, 14))])
        action = AgreedAction.objects.get()
        done_at = amsterdam(2026, 3, 12, 10, 0)

        services.agreed_action_complete(action=action, actor=case.case_officer, now=done_at)

        deadline = Deadline.objects.get(kind=DeadlineKind.AGREED_ACTION)
        assert (deadline.status, deadline.closed_at) == (DeadlineStatus.MET, done_at)
        assert events(case, "deadline.met")[0].data["late"] is False


class TestFirstSweepStage:
    def test_is_the_reminder_while_the_due_moment_lies_ahead(self):
        assert first_sweep_stage(due_at=DUE_AT, remind_at=REMIND_AT, now=OPENED_AT) == ("reminder", REMIND_AT)

    def test_is_the_due_moment_once_it_has_come(self):
        assert first_sweep_stage(due_at=DUE_AT, remind_at=REMIND_AT, now=DUE_AT) == ("due", DUE_AT)

    def test_is_the_due_moment_for_a_rule_without_reminder(self):
        assert first_sweep_stage(due_at=DUE_AT, remind_at=None, now=OPENED_AT) == ("due", DUE_AT)

    def test_the_reminder_counts_back_from_an_internal_target_before_the_legal_last_day(self):
        target = DUE_AT - dt.timedelta(days=2)
        assert first_sweep_stage(due_at=DUE_AT, target_at=target, remind_at=REMIND_AT, now=OPENED_AT) == (
            "reminder",
            REMIND_AT,
        )

    def test_is_the_target_stage_once_the_reminder_has_passed_and_the_target_lies_before_the_legal_day(self):
        target = DUE_AT - dt.timedelta(days=2)
        assert first_sweep_stage(due_at=DUE_AT, target_at=target, remind_at=REMIND_AT, now=target) == (
            "target",
            target,
        )
        assert first_sweep_stage(due_at=DUE_AT, target_at=target, remind_at=None, now=OPENED_AT) == (
            "target",
            target,
        )


class TestTwoDatesArt94Vw2000:
    """The court notice: legal last day extended by the Atw, the unshifted day 28 the internal target."""

    @pytest.fixture
    def notice(self, case):
        # 31 January 2026 + 28 = Saturday 28 February (target); the Atw extends to Monday 2 March (legal).
        return deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            start=D(2026, 1, 31),
            actor=case.case_officer,
            now=amsterdam(2026, 1, 31, 15, 0),
            trigger="Maatregel van bewaring opgelegd",
        )

    def test_both_dates_are_stored_and_the_reminder_counts_back_from_the_target(self, notice):
        assert (notice.due_date, notice.due_at) == (D(2026, 3, 2), amsterdam(2026, 3, 3, 0, 0))
        assert (notice.target_date, notice.target_at) == (D(2026, 2, 28), amsterdam(2026, 3, 1, 0, 0))
        assert notice.has_internal_target
        assert notice.remind_at == amsterdam(2026, 2, 22, 0, 0)
        assert (notice.atw_applies, notice.atw_applied, notice.rule_version) == (True, True, "vw2000-atw")

    def test_the_opened_event_records_the_target_beside_the_legal_last_day(self, notice):
        (opened,) = events(notice.case, "deadline.opened")
        assert (opened.data["due_date"], opened.data["target_date"]) == ("2026-03-02", "2026-02-28")

    def test_met_after_the_target_but_on_the_legal_last_day_is_not_late(self, notice):
        deadline_meet(deadline=notice, actor=notice.case.case_officer, now=amsterdam(2026, 3, 2, 16, 0))
        assert events(notice.case, "deadline.met")[0].data["late"] is False

    def test_met_after_the_legal_last_day_is_late(self, notice):
        deadline_meet(deadline=notice, actor=notice.case.case_officer, now=amsterdam(2026, 3, 3, 9, 0))
        assert events(notice.case, "deadline.met")[0].data["late"] is True

    def test_a_rule_without_a_shift_keeps_the_target_on_the_legal_day(self, case):
        deadline = term_deadline(record_term(case))
        assert (deadline.target_date, deadline.target_at) == (deadline.due_date, deadline.due_at)
        assert not deadline.has_internal_target


class TestSettingsReadByTheRules:
    def test_the_flight_notice_hours_come_from_flight_notice_hours(self, case, settings):
        settings.FLIGHT_NOTICE_HOURS = 36
        deadline = deadline_open(
            case=case,
            kind=DepartureDeadlineKind.FLIGHT_NOTICE,
            start=amsterdam(2026, 3, 2, 10, 0),
            actor=case.case_officer,
            now=OPENED_AT - dt.timedelta(days=1),
        )
        assert (deadline.due_at, deadline.params) == (amsterdam(2026, 2, 28, 22, 0), {"hours": 36})

    def test_the_review_interval_comes_from_detention_review_days(self, case, settings):
        settings.DETENTION_REVIEW_DAYS = 14
        deadline = deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_REVIEW,
            start=D(2026, 3, 2),
            actor=case.case_officer,
            now=OPENED_AT,
        )
        assert (deadline.due_date, deadline.params) == (D(2026, 3, 16), {"days": 14})


class TestDeadlineFactoryStates:
    @pytest.mark.parametrize(
        ("trait", "status", "stage", "sweep_at"),
        [
            ({}, "open", "reminder", REMIND_AT),
            ({"due_now": True}, "open", "due", DUE_AT),
            ({"overdue": True}, "overdue", "escalation", DUE_AT + dt.timedelta(hours=24)),
            ({"met": True}, "met", "", None),
            ({"cancelled": True}, "cancelled", "", None),
            ({"suspended": True}, "suspended", "", None),
        ],
    )
    def test_each_trait_is_the_state_the_engine_leaves(self, case, trait, status, stage, sweep_at):
        deadline = DeadlineFactory(case=case, **trait)

        assert (deadline.status, deadline.sweep_stage, deadline.sweep_at) == (status, stage, sweep_at)
