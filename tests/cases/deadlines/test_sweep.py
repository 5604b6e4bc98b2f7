"""The sweep: every stage of every deadline acted on exactly once, whoever sweeps, whenever, however often."""

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

import cases
from cases.constants import DeadlineStatus, SweepStage
from cases.deadlines import events as deadline_events
from cases.deadlines import sweep
from cases.deadlines.engine import deadline_open
from cases.deadlines.rules import DeadlineKind
from cases.deadlines.sweep import SweepReport, deadlines_sweep, due_deadlines
from cases.models import CaseEvent, Deadline, Notification, WorkItem
from cases.tasks import sweep_deadlines
from detention.deadlines import DetentionDeadlineKind
from dtv.celery import app
from laissezpasser.deadlines import LpDeadlineKind
from tests.factories.accounts import EnforcementOfficerFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DUE_AT, REMIND_AT, DeadlineFactory, amsterdam

D = dt.date
SECOND = dt.timedelta(seconds=1)
ESCALATE_AT = DUE_AT + dt.timedelta(hours=24)  # DEADLINE_ESCALATION_GRACE_HOURS defaults to 24


@pytest.fixture
def case(case_officer):
    return CaseFactory(in_progress=True, case_officer=case_officer)


def rows(model, **filters):
    return list(model.objects.filter(**filters).order_by("id"))


def stages(deadline):
    return [(n.revision, n.stage, n.recipient_id) for n in rows(Notification, deadline=deadline)]


def copies(template, count, **varying):
    """`count` rows like the engine-opened `template`, inserted at once; `varying` maps a field to f(index)."""
    fields = [f.attname for f in Deadline._meta.concrete_fields if not f.primary_key]
    made = []
    for index in range(count):
        values = {name: getattr(template, name) for name in fields}
        values.update({name: make(index) for name, make in varying.items()})
        made.append(Deadline(**values))
    return Deadline.objects.bulk_create(made)


@pytest.mark.django_db
class TestDeadlinesSweepReminder:
    def test_tells_the_case_officer_at_the_reminder_moment_and_not_a_second_before(self, case):
        deadline = DeadlineFactory(case=case)

        assert deadlines_sweep(now=REMIND_AT - SECOND) == SweepReport()
        report = deadlines_sweep(now=REMIND_AT)

        assert (report.reminders, report.due, report.escalations, report.notifications) == (1, 0, 0, 1)
        assert stages(deadline) == [(0, "reminder", case.case_officer_id)]
        assert WorkItem.objects.count() == 0
        deadline.refresh_from_db()
        assert (deadline.status, deadline.sweep_stage, deadline.sweep_at) == ("open", SweepStage.DUE, DUE_AT)

    def test_reminds_at_midnight_amsterdam_time_a_week_ahead_when_the_clocks_go_back_in_between(self, case):
        # 28 September + 28 days = Monday 26 October 2026, the day after the clocks went back (25 October).
        deadline = DeadlineFactory(case=case, start=D(2026, 9, 28), opened_at=amsterdam(2026, 9, 28, 10, 0))
        remind_at = dt.datetime(2026, 10, 19, 22, 0, tzinfo=dt.UTC)  # 20 October 00:00 CEST

        assert deadline.due_at == dt.datetime(2026, 10, 26, 23, 0, tzinfo=dt.UTC)  # 27 October 00:00 CET
        assert deadline.remind_at == remind_at
        # Seven days on the wall clock, 169 real hours.
        assert deadline.due_at.astimezone(dt.UTC) - remind_at == dt.timedelta(hours=169)
        assert deadlines_sweep(now=remind_at - SECOND).reminders == 0
        assert deadlines_sweep(now=remind_at).reminders == 1
        assert stages(deadline) == [(0, "reminder", case.case_officer_id)]


@pytest.mark.django_db
class TestDeadlinesSweepDue:
    def test_marks_it_overdue_with_one_work_item_one_notification_and_the_timeline_event(self, case):
        deadline = DeadlineFactory(case=case, due_now=True)

        report = deadlines_sweep(now=DUE_AT)

        assert (report.reminders, report.due, report.notifications, report.work_items) == (0, 1, 1, 1)
        deadline.refresh_from_db()
        assert deadline.status == DeadlineStatus.OVERDUE
        assert (deadline.sweep_stage, deadline.sweep_at) == (SweepStage.ESCALATION, ESCALATE_AT)
        (item,) = rows(WorkItem)
        assert (item.deadline, item.stage, item.revision, item.assignee, item.team_id) == (
            deadline,
            "due",
            0,
            case.case_officer,
            case.team_id,
        )
        assert (item.created_at, item.due_at, item.done_at) == (DUE_AT, DUE_AT, None)
        assert stages(deadline) == [(0, "due", case.case_officer_id)]
        (event,) = rows(CaseEvent, case=case, kind=deadline_events.DEADLINE_OVERDUE.code)
        assert (event.actor, event.occurred_at) == (None, DUE_AT)
        assert event.data == {
            "deadline": deadline.pk,
            "kind": "departure_term",
            "due_date": "2026-03-30",
            "due_at": "2026-03-30T22:00:00+00:00",
            "legal_basis": "art. 62 Vw 2000",
        }

    def test_writes_the_status_change_to_the_deadline_history_as_the_sweep(self, case):
        deadline = DeadlineFactory(case=case, due_now=True)

        deadlines_sweep(now=DUE_AT)

        history = list(deadline.history.order_by("history_id"))
        assert [(h.status, h.sweep_stage, h.history_change_reason) for h in history] == [
            ("open", "due", None),
            ("overdue", "escalation", "sweep"),
        ]
        assert (history[-1].history_date, history[-1].history_user) == (DUE_AT, None)

    def test_running_twice_at_the_same_moment_acts_once_and_the_second_report_is_all_zeros(
        self, case, team_lead, case_officer
    ):
        other_lead = TeamLeadFactory(team=case_officer.team)
        unassigned = CaseFactory(in_progress=True, case_officer=None, team=case_officer.team)
        mine = [DeadlineFactory(case=case, due_now=True) for _ in range(2)]
        theirs = DeadlineFactory(case=unassigned, due_now=True)

        first = deadlines_sweep(now=DUE_AT)
        second = deadlines_sweep(now=DUE_AT)

        assert (first.due, first.notifications, first.work_items) == (3, 4, 3)
        assert first.deadlines == {d.pk for d in [*mine, theirs]}
        assert second == SweepReport()
        assert Notification.objects.count() == 4
        assert WorkItem.objects.count() == 3
        assert CaseEvent.objects.filter(kind=deadline_events.DEADLINE_OVERDUE.code).count() == 3
        assert stages(theirs) == [(0, "due", team_lead.pk), (0, "due", other_lead.pk)]

    def test_costs_the_same_queries_for_three_due_deadlines_as_for_thirty(self, case_officer, team_lead):
        def sweep_counting(count, now):
            for _ in range(count):
                DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer), due_now=True)
            with CaptureQueriesContext(connection) as queries:
                report = deadlines_sweep(now=now)
            assert report.due == count
            return len(queries)

        assert sweep_counting(3, DUE_AT) == sweep_counting(30, DUE_AT + SECOND)


@pytest.mark.django_db
class TestDeadlinesSweepRepeatedStage:
    """The last line of defence: a stage that is somehow run again for the same revision duplicates nothing."""

    def repeat_due_stage(self, deadline):
        # As if the stage had not advanced (a restored backup, a hand edit): the rows exist already.
        Deadline.objects.filter(pk=deadline.pk).update(status="open", sweep_stage="due", sweep_at=DUE_AT)

    def test_inserts_no_second_work_item_or_notification(self, case):
        deadline = DeadlineFactory(case=case, overdue=True)
        self.repeat_due_stage(deadline)

        report = deadlines_sweep(now=DUE_AT)

        assert report.deadlines == {deadline.pk}
        assert stages(deadline) == [(0, "due", case.case_officer_id)]
        assert WorkItem.objects.filter(deadline=deadline).count() == 1

    def test_reports_no_new_rows(self, case):
        deadline = DeadlineFactory(case=case, overdue=True)
        self.repeat_due_stage(deadline)

        report = deadlines_sweep(now=DUE_AT)

        assert (report.notifications, report.work_items) == (0, 0)


@pytest.mark.django_db
class TestDeadlinesSweepEscalation:
    @override_settings(DEADLINE_ESCALATION_GRACE_HOURS=48)
    def test_tells_the_team_lead_only_once_the_grace_period_has_passed(self, case, team_lead):
        deadline = DeadlineFactory(case=case, due_now=True)
        deadlines_sweep(now=DUE_AT)
        escalate_at = DUE_AT + dt.timedelta(hours=48)

        assert deadlines_sweep(now=escalate_at - SECOND) == SweepReport()
        report = deadlines_sweep(now=escalate_at)

        assert (report.escalations, report.notifications, report.work_items) == (1, 1, 0)
        assert stages(deadline) == [(0, "due", case.case_officer_id), (0, "escalation", team_lead.pk)]
        (event,) = rows(CaseEvent, case=case, kind=deadline_events.DEADLINE_ESCALATED.code)
        assert (event.occurred_at, event.data["team_leads"]) == (escalate_at, [team_lead.pk])
        deadline.refresh_from_db()
        assert (deadline.status, deadline.sweep_stage, deadline.sweep_at) == ("overdue", "", None)
        assert deadlines_sweep(now=escalate_at + dt.timedelta(days=30)) == SweepReport()

    def test_a_grace_passed_in_wins_over_the_setting(self, case, team_lead):
        deadline = DeadlineFactory(case=case, due_now=True)
        deadlines_sweep(now=DUE_AT, grace=dt.timedelta(hours=2))
        deadline.refresh_from_db()

        assert deadline.sweep_at == DUE_AT + dt.timedelta(hours=2)
        assert deadlines_sweep(now=DUE_AT + dt.timedelta(hours=2)).escalations == 1

    def test_the_grace_is_counted_in_real_hours_over_the_night_the_clocks_go_back(self, case, team_lead):
        # An agreed date is not moved: due at 25 October 00:00 CEST; that day lasts 25 hours in Amsterdam.
        deadline = DeadlineFactory(case=case, kind=DeadlineKind.AGREED_ACTION, start=D(2026, 10, 24), due_now=True)
        deadlines_sweep(now=amsterdam(2026, 10, 25, 0, 0))
        deadline.refresh_from_db()

        assert deadline.sweep_at == amsterdam(2026, 10, 25, 23, 0)
        assert deadlines_sweep(now=amsterdam(2026, 10, 25, 22, 59)).escalations == 0
        assert deadlines_sweep(now=amsterdam(2026, 10, 25, 23, 0)).escalations == 1


@pytest.mark.django_db
class TestDeadlinesSweepCatchUp:
    def test_after_downtime_one_sweep_walks_a_deadline_through_every_missed_stage_in_order(self, case, team_lead):
        deadline = DeadlineFactory(case=case)
        back_up = amsterdam(2026, 4, 2, 12, 0)  # reminder, due moment and escalation all passed

        report = deadlines_sweep(now=back_up)

        assert (report.reminders, report.due, report.escalations) == (1, 1, 1)
        assert (report.notifications, report.work_items, report.batches) == (3, 1, 3)
        assert stages(deadline) == [
            (0, "reminder", case.case_officer_id),
            (0, "due", case.case_officer_id),
            (0, "escalation", team_lead.pk),
        ]
        (item,) = rows(WorkItem, deadline=deadline)
        assert (item.assignee, item.due_at) == (case.case_officer, DUE_AT)
        assert [e.kind for e in rows(CaseEvent, case=case, kind__startswith="deadline.")] == [
            "deadline.opened",
            "deadline.overdue",
            "deadline.escalated",
        ]
        deadline.refresh_from_db()
        assert (deadline.status, deadline.sweep_stage, deadline.sweep_at) == ("overdue", "", None)
        assert [h.status for h in deadline.history.filter(history_change_reason="sweep").order_by("history_id")] == [
            "open",
            "overdue",
            "overdue",
        ]
        assert deadlines_sweep(now=back_up) == SweepReport()


@pytest.mark.django_db
class TestDeadlinesSweepInternalTargetArt94Vw2000:
    """Reminder and work item aim at the internal target; overdue only once the legal last day has passed."""

    # 31 January 2026 + 28 = Saturday 28 February (target); the Atw extends the legal last day to Monday 2 March.
    REMIND_AT = amsterdam(2026, 2, 22, 0, 0)
    TARGET_AT = amsterdam(2026, 3, 1, 0, 0)
    LEGAL_AT = amsterdam(2026, 3, 3, 0, 0)

    @pytest.fixture
    def notice(self, case):
        enforcer = EnforcementOfficerFactory(team=case.team)
        deadline = deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            start=D(2026, 1, 31),
            actor=enforcer,
            now=amsterdam(2026, 1, 31, 15, 0),
        )
        deadline.enforcer = enforcer
        return deadline

    def test_the_target_stage_makes_the_work_item_and_leaves_the_deadline_open(self, notice):
        deadlines_sweep(now=self.REMIND_AT)
        notice.refresh_from_db()
        assert (notice.sweep_stage, notice.sweep_at) == (SweepStage.TARGET, self.TARGET_AT)

        report = deadlines_sweep(now=self.TARGET_AT)

        assert (report.targets, report.due, report.work_items, report.notifications) == (1, 0, 1, 1)
        notice.refresh_from_db()
        assert notice.status == DeadlineStatus.OPEN
        assert (notice.sweep_stage, notice.sweep_at) == (SweepStage.DUE, self.LEGAL_AT)
        (item,) = rows(WorkItem, deadline=notice)
        assert (item.stage, item.due_at, item.assignee) == ("target", self.TARGET_AT, notice.enforcer)
        assert [e.kind for e in rows(CaseEvent, case=notice.case, kind__startswith="deadline.")] == [
            "deadline.opened",
            "deadline.target_reached",
        ]

    def test_nothing_happens_between_the_target_and_the_legal_last_day(self, notice):
        deadlines_sweep(now=self.TARGET_AT)
        assert deadlines_sweep(now=amsterdam(2026, 3, 2, 23, 59)) == SweepReport()
        notice.refresh_from_db()
        assert notice.status == DeadlineStatus.OPEN

    def test_overdue_only_after_the_legal_last_day_without_a_second_work_item(self, notice, team_lead):
        deadlines_sweep(now=self.TARGET_AT)

        report = deadlines_sweep(now=self.LEGAL_AT)

        assert (report.due, report.work_items, report.notifications) == (1, 0, 1)
        notice.refresh_from_db()
        assert notice.status == DeadlineStatus.OVERDUE
        assert (notice.sweep_stage, notice.sweep_at) == (SweepStage.ESCALATION, self.LEGAL_AT + dt.timedelta(hours=24))
        assert rows(WorkItem, deadline=notice)[0].stage == "target"
        assert stages(notice) == [
            (0, "reminder", notice.enforcer.pk),
            (0, "target", notice.enforcer.pk),
            (0, "due", notice.enforcer.pk),
        ]

    def test_after_downtime_one_sweep_walks_reminder_target_due_and_escalation_in_order(self, notice, team_lead):
        report = deadlines_sweep(now=amsterdam(2026, 3, 5, 12, 0))

        assert (report.reminders, report.targets, report.due, report.escalations) == (1, 1, 1, 1)
        assert [stage for _revision, stage, _user in stages(notice)] == ["reminder", "target", "due", "escalation"]
        assert [e.kind for e in rows(CaseEvent, case=notice.case, kind__startswith="deadline.")] == [
            "deadline.opened",
            "deadline.target_reached",
            "deadline.overdue",
            "deadline.escalated",
        ]
        assert WorkItem.objects.filter(deadline=notice).count() == 1


@pytest.mark.django_db
class TestDeadlinesSweepRecipients:
    def test_a_case_officer_deadline_goes_to_the_case_officer(self, case, team_lead):
        deadline = DeadlineFactory(case=case, due_now=True)

        deadlines_sweep(now=DUE_AT)

        assert stages(deadline) == [(0, "due", case.case_officer_id)]
        assert WorkItem.objects.get().assignee == case.case_officer

    def test_an_unassigned_case_goes_to_the_active_team_leads_of_its_team(self, case_officer, team_lead):
        second_lead = TeamLeadFactory(team=case_officer.team)
        TeamLeadFactory(team=case_officer.team, is_active=False)
        TeamLeadFactory()  # another team
        unassigned = CaseFactory(in_progress=True, case_officer=None, team=case_officer.team)
        deadline = DeadlineFactory(case=unassigned, due_now=True)

        deadlines_sweep(now=DUE_AT)

        assert stages(deadline) == [(0, "due", team_lead.pk), (0, "due", second_lead.pk)]
        item = WorkItem.objects.get()
        assert (item.assignee, item.team) == (team_lead, case_officer.team)

    def test_a_holding_goes_to_the_enforcement_officers_of_the_team_art_50_vw_2000(self, case, team_lead):
        enforcers = [EnforcementOfficerFactory(team=case.team) for _ in range(2)]
        EnforcementOfficerFactory()  # another team
        # Held at 22:00 on 28 March: 2 hours to midnight, 00:00-09:00 not counted, 4 hours after 09:00 CEST.
        started = amsterdam(2026, 3, 28, 22, 0)
        deadline = deadline_open(
            case=case, kind=DetentionDeadlineKind.HOLDING, start=started, actor=enforcers[0], now=started
        )
        assert (deadline.legal_basis, deadline.due_at) == ("art. 50 lid 4 Vw 2000", amsterdam(2026, 3, 29, 13, 0))

        deadlines_sweep(now=amsterdam(2026, 3, 29, 13, 0))

        assert stages(deadline) == [
            (0, "reminder", enforcers[0].pk),
            (0, "reminder", enforcers[1].pk),
            (0, "due", enforcers[0].pk),
            (0, "due", enforcers[1].pk),
        ]
        assert WorkItem.objects.get().assignee == enforcers[0]

    def test_an_enforcement_deadline_falls_back_to_the_case_officer_when_the_team_has_no_enforcer(self, case):
        EnforcementOfficerFactory()  # another team
        started = amsterdam(2026, 10, 24, 23, 0)
        deadline = deadline_open(case=case, kind=DetentionDeadlineKind.HOLDING, start=started, actor=None, now=started)
        # 1 hour to midnight, the night not counted (it has 10 real hours: the clocks go back), 5 hours from 09:00.
        assert deadline.due_at == amsterdam(2026, 10, 25, 14, 0)

        deadlines_sweep(now=deadline.due_at)

        assert {(stage, user) for _rev, stage, user in stages(deadline)} == {
            ("reminder", case.case_officer_id),
            ("due", case.case_officer_id),
        }

    def test_a_team_lead_deadline_goes_to_the_team_leads(self, case, team_lead):
        deadline = DeadlineFactory(
            case=case, kind=LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION, start=D(2025, 3, 31), opened_at=DUE_AT
        )

        deadlines_sweep(now=deadline.due_at)

        assert stages(deadline) == [(0, "due", team_lead.pk)]

    def test_a_deadline_of_an_inactive_case_officer_goes_to_the_team_leads(self, case, team_lead):
        # Regression: notifications went to officers who had left, and were never read or mailed.
        case.case_officer.is_active = False
        case.case_officer.save(update_fields=["is_active"])
        deadline = DeadlineFactory(case=case, due_now=True)

        deadlines_sweep(now=DUE_AT)

        assert stages(deadline) == [(0, "due", team_lead.pk)]

    def test_a_national_intake_case_tells_the_person_who_recorded_the_fact(self, team_lead):
        # Regression: deadlines of cases without a team notified nobody.
        intake = CaseFactory(intake_queue=True)
        deadline = DeadlineFactory(case=intake, due_now=True, actor=team_lead)

        deadlines_sweep(now=DUE_AT)

        assert stages(deadline) == [(0, "due", team_lead.pk)]

    def test_an_escalation_goes_to_the_team_leads_and_not_to_the_case_officer(self, case, team_lead):
        deadline = DeadlineFactory(case=case, overdue=True)

        deadlines_sweep(now=ESCALATE_AT)

        assert stages(deadline) == [(0, "due", case.case_officer_id), (0, "escalation", team_lead.pk)]


@pytest.mark.django_db
class TestDeadlinesSweepLeavesAlone:
    @pytest.mark.parametrize("state", ["met", "cancelled", "suspended"])
    def test_a_deadline_that_is_no_longer_live(self, case, team_lead, state):
        deadline = DeadlineFactory(case=case, **{state: True})

        assert deadlines_sweep(now=amsterdam(2027, 1, 1, 0, 0)) == SweepReport()
        assert stages(deadline) == []
        assert WorkItem.objects.count() == 0


@pytest.mark.django_db
def test_the_sweep_query_is_served_by_the_partial_index_deadline_sweep(case):
    template = DeadlineFactory(case=case)
    now = amsterdam(2026, 3, 20, 12, 0)
    # Mostly live deadlines with their next stage ahead, some closed ones, and a few whose stage has come.
    copies(template, 3000, sweep_at=lambda i: now + dt.timedelta(minutes=10 * i + 1))
    copies(template, 1000, status=lambda i: "met", sweep_stage=lambda i: "", sweep_at=lambda i: None)
    copies(template, 25, sweep_at=lambda i: now - dt.timedelta(minutes=i))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_deadline")

    with transaction.atomic():
        plan = due_deadlines(now).select_related("case")[:500].explain()
        assert len(list(due_deadlines(now).select_related("case")[:500])) == 25

    assert "deadline_sweep" in plan


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_act_on_every_deadline_exactly_once(case_officer, monkeypatch):
    cases = [CaseFactory(in_progress=True, case_officer=case_officer) for _ in range(10)]
    template = DeadlineFactory(case=cases[0], due_now=True)
    deadlines = [template, *copies(template, 299, case_id=lambda i: cases[i % 10].pk)]
    real_process = sweep._process

    def slow_process(batch, **kwargs):
        real_process(batch, **kwargs)
        # Hold the batch's locks a moment, so that the other sweep must skip them and take other rows.
        time.sleep(0.02)

    monkeypatch.setattr(sweep, "_process", slow_process)
    start = threading.Barrier(2)
    reports, errors = {}, []

    def run(name):
        try:
            start.wait(timeout=10)
            reports[name] = deadlines_sweep(now=DUE_AT, batch_size=20)
        except Exception as error:  # noqa: BLE001 - the assertion below reports any error, IntegrityError included
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    first, second = reports["a"], reports["b"]
    assert first.deadlines and second.deadlines
    assert first.deadlines.isdisjoint(second.deadlines)
    assert first.deadlines | second.deadlines == {d.pk for d in deadlines}
    assert (first.due + second.due, first.work_items + second.work_items) == (300, 300)
    assert Notification.objects.filter(stage="due", recipient=case_officer).count() == 300
    assert WorkItem.objects.filter(stage="due").count() == 300
    assert CaseEvent.objects.filter(kind=deadline_events.DEADLINE_OVERDUE.code).count() == 300
    assert set(Deadline.objects.values_list("status", "sweep_stage")) == {("overdue", "escalation")}


class WorkerKilled(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_nothing_of_that_batch_and_the_next_sweep_redoes_it(case_officer, monkeypatch):
    case = CaseFactory(in_progress=True, case_officer=case_officer)
    deadlines = [DeadlineFactory(case=case, due_now=True) for _ in range(5)]
    real_advance = sweep._advance
    batches = []

    def killed_on_the_second_batch(batch, *args, **kwargs):
        batches.append([d.pk for d in batch])
        if len(batches) == 2:
            # Notifications, work items and events of this batch are written; the worker dies before commit.
            assert Notification.objects.count() == 4
            raise WorkerKilled
        return real_advance(batch, *args, **kwargs)

    monkeypatch.setattr(sweep, "_advance", killed_on_the_second_batch)
    with pytest.raises(WorkerKilled):
        deadlines_sweep(now=DUE_AT, batch_size=2)

    first_batch, lost_batch = batches
    assert set(Notification.objects.values_list("deadline_id", flat=True)) == set(first_batch)
    assert set(WorkItem.objects.values_list("deadline_id", flat=True)) == set(first_batch)
    assert {e.data["deadline"] for e in CaseEvent.objects.filter(kind=deadline_events.DEADLINE_OVERDUE.code)} == set(
        first_batch
    )
    assert set(Deadline.objects.filter(pk__in=lost_batch).values_list("status", "sweep_stage")) == {("open", "due")}

    monkeypatch.setattr(sweep, "_advance", real_advance)
    report = deadlines_sweep(now=DUE_AT, batch_size=2)

    assert report.deadlines == {d.pk for d in deadlines} - set(first_batch)
    assert Notification.objects.count() == 5
    assert WorkItem.objects.count() == 5
    assert CaseEvent.objects.filter(kind=deadline_events.DEADLINE_OVERDUE.code).count() == 5
    assert sorted(Notification.objects.values_list("deadline_id", flat=True)) == sorted(d.pk for d in deadlines)


class TestSweepDeadlinesTask:
    @pytest.mark.django_db(transaction=True)
    def test_a_worker_on_redis_runs_the_sweep_at_the_time_it_reads_from_the_clock(self, case_officer, team_lead):
        deadline = DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer))
        back_up = amsterdam(2026, 4, 2, 12, 0)

        with (
            time_machine.travel(back_up, tick=False),
            start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"),
        ):
            result = sweep_deadlines.delay().get(timeout=20)

        assert result == {"reminders": 1, "targets": 0, "due": 1, "escalations": 1}
        assert [(n.stage, n.created_at) for n in rows(Notification, deadline=deadline)] == [
            ("reminder", back_up),
            ("due", back_up),
            ("escalation", back_up),
        ]

    def test_beat_sweeps_every_configured_interval(self):
        assert settings.CELERY_BEAT_SCHEDULE["deadline-sweep"] == {
            "task": "cases.tasks.sweep_deadlines",
            "schedule": float(settings.DEADLINE_SWEEP_SECONDS),
        }

    def test_no_deadline_is_ever_scheduled_as_a_delayed_task(self):
        # On Redis a task delayed beyond the visibility timeout is delivered twice: deadlines are swept instead.
        package = Path(cases.__file__).parent
        offending = [
            f"{path.relative_to(package)}: {needle}"
            for path in sorted(package.rglob("*.py"))
            for needle in ("countdown", "eta=", "apply_async")
            if needle in path.read_text(encoding="utf-8")
        ]
        assert offending == []
