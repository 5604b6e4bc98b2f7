"""The absconding signal (art. 57 Vw 2000): N reports missed in a row under a reporting duty give the case officer a
work item with a due date: a deadline of the engine, ABSCONDING_SIGNAL_FOLLOW_UP_DAYS after the day of the signal (a
DT&V working agreement), shown with its task, article and date in the case file and the work queue."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.constants import DeadlineStatus, SweepStage
from cases.deadlines.registry import rule_version
from cases.deadlines.sweep import deadlines_sweep
from cases.models import Deadline, Notification, WorkItem
from detention import services
from detention.constants import EndReason
from detention.deadlines import DetentionDeadlineKind
from tests.factories.detention import NOW, reporting_duty

pytestmark = pytest.mark.django_db

KIND = DetentionDeadlineKind.ABSCONDING_SIGNAL


def miss_three_in_a_row(case, enforcer, *, now=NOW):
    """A weekly reporting duty whose last three reports were missed (the signal is raised by the third, at `now`)."""
    measure = reporting_duty(case, enforcer, now=now - dt.timedelta(days=40), starts_at=now - dt.timedelta(days=40))
    officer = case.case_officer
    days = [now.date() - dt.timedelta(days=7 * n) for n in (3, 2, 1)]
    services.report_record(measure=measure, on=days[0] - dt.timedelta(days=7), attended=True, actor=officer, now=now)
    for day in days:
        services.report_record(measure=measure, on=day, attended=False, actor=officer, now=now)
    return measure


class TestTheDueDate:
    def test_three_missed_reports_give_the_case_officer_a_work_item_due_in_three_days_art_57(
        self, case, enforcer, settings
    ):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        settings.ABSCONDING_SIGNAL_FOLLOW_UP_DAYS = 3
        measure = miss_three_in_a_row(case, enforcer)
        deadline = Deadline.objects.get(case=case, kind=KIND)
        # Signalled on Monday 23 November 2026: to be followed up by Thursday 26 November.
        assert deadline.due_date == dt.date(2026, 11, 26)
        assert (deadline.source_type, deadline.source_id) == ("detention.measure", measure.pk)
        assert deadline.legal_basis == "art. 57 Vw 2000 (termijn: werkafspraak DT&V)"
        assert (deadline.statutory, deadline.atw_applied, deadline.responsible) == (False, False, "case_officer")
        item = WorkItem.objects.get(case=case)
        assert (item.assignee, item.deadline, item.due_at) == (case.case_officer, deadline, deadline.target_at)
        assert item.due_at > NOW

    def test_the_days_are_a_setting(self, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        settings.ABSCONDING_SIGNAL_FOLLOW_UP_DAYS = 7
        miss_three_in_a_row(case, enforcer)
        assert Deadline.objects.get(case=case, kind=KIND).due_date == dt.date(2026, 11, 30)
        assert WorkItem.objects.get(case=case).deadline.params == {"days": 7}

    def test_the_rule_is_a_working_agreement_on_the_reporting_duty(self):
        rule = rule_version(KIND, on=NOW.date())
        assert "art. 57 Vw 2000" in rule.legal_basis
        assert not rule.statutory and not rule.atw_applies and rule.responsible == "case_officer"

    def test_one_more_missed_report_raises_no_second_signal(self, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        measure = miss_three_in_a_row(case, enforcer)
        services.report_record(
            measure=measure, on=NOW.date(), attended=False, actor=case.case_officer, now=NOW + dt.timedelta(hours=1)
        )
        assert Deadline.objects.filter(case=case, kind=KIND).count() == WorkItem.objects.filter(case=case).count() == 1


class TestShown:
    def test_in_the_case_file_with_its_task_article_and_due_date(self, client, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        miss_three_in_a_row(case, enforcer)
        client.force_login(case.case_officer)
        with time_machine.travel(NOW, tick=False):
            page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        start = page.index('id="taken"')
        panel = page[start : page.index("</section>", start)]
        assert "Meldingen achter elkaar gemist (art. 57 Vw 2000)" in panel
        assert "art. 57 Vw 2000 (termijn: werkafspraak DT&amp;V)" in panel
        assert "uiterlijk 26-11-2026" in panel

    def test_in_the_work_queue_as_the_case_s_next_deadline(self, client, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        miss_three_in_a_row(case, enforcer)
        case.refresh_from_db()
        assert case.next_deadline.kind == KIND
        client.force_login(case.case_officer)
        with time_machine.travel(NOW, tick=False):
            page = client.get(reverse("cases:workqueue")).text
        row = page[page.index(case.foreign_national.v_number) :]
        row = row[: row.index("</tr>")]
        assert "Signaal risico op onttrekken: opvolgen" in row and "26-11-2026" in row


class TestTheSweep:
    def test_at_the_due_date_it_tells_the_officer_and_writes_no_second_work_item(self, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        miss_three_in_a_row(case, enforcer)
        deadline = Deadline.objects.get(case=case, kind=KIND)
        deadlines_sweep(now=deadline.due_at)
        deadline.refresh_from_db()
        assert deadline.status == DeadlineStatus.OVERDUE
        assert WorkItem.objects.filter(case=case).count() == 1
        assert WorkItem.objects.get(case=case).stage == SweepStage.DUE
        assert Notification.objects.filter(deadline=deadline, recipient=case.case_officer, stage="due").exists()

    def test_marking_the_work_item_done_meets_the_follow_up(self, client, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        miss_three_in_a_row(case, enforcer)
        from cases.deadlines.notifications import work_item_complete

        item = WorkItem.objects.get(case=case)
        work_item_complete(work_item=item, actor=case.case_officer, now=NOW + dt.timedelta(days=1))
        assert Deadline.objects.get(case=case, kind=KIND).status == DeadlineStatus.MET

    def test_ending_the_reporting_duty_cancels_the_follow_up_and_closes_its_work_item(self, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        measure = miss_three_in_a_row(case, enforcer)
        services.measure_end(
            measure=measure, reason=EndReason.ABSCONDED, actor=enforcer, now=NOW + dt.timedelta(days=1)
        )
        assert Deadline.objects.get(case=case, kind=KIND).status == DeadlineStatus.CANCELLED
        assert WorkItem.objects.get(case=case).done_at == NOW + dt.timedelta(days=1)
