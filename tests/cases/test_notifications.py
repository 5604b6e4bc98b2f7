"""What the sweep leaves for people: notifications to read, a daily digest by e-mail, work items to finish."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.constants import DeadlineStatus
from cases.deadlines import events as deadline_events
from cases.deadlines.engine import deadline_open
from cases.deadlines.notifications import (
    deadline_mark_met,
    notifications_mark_read,
    notifications_send_digests,
    work_item_complete,
)
from cases.deadlines.selectors import unread_count
from cases.deadlines.sweep import deadlines_sweep
from cases.models import Case, CaseEvent, Deadline, Notification, WorkItem
from detention.deadlines import DetentionDeadlineKind
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory, EnforcementOfficerFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DUE_AT, DeadlineFactory, amsterdam

pytestmark = pytest.mark.django_db

DIGEST_AT = amsterdam(2026, 3, 31, 7, 0)
DONE_AT = amsterdam(2026, 3, 31, 9, 30)


def case_link(case):
    return f"{settings.SITE_URL}{reverse('cases:case_detail', args=[case.pk])}#termijnen"


def due_case(officer, **kwargs):
    """A case of `officer` whose departure term the sweep has found due at DUE_AT."""
    case = CaseFactory(in_progress=True, case_officer=officer, **kwargs)
    DeadlineFactory(case=case, due_now=True)
    return case


class TestNotificationsSendDigests:
    def test_sends_each_user_one_mail_listing_every_notification_with_v_number_and_link(self, case_officer, team_lead):
        first, second = due_case(case_officer), due_case(case_officer)
        unassigned = due_case(None, team=case_officer.team)
        deadlines_sweep(now=DUE_AT)

        sent = notifications_send_digests(now=DIGEST_AT)

        assert sent == 2
        by_recipient = {tuple(message.to): message for message in mail.outbox}
        assert set(by_recipient) == {(case_officer.email,), (team_lead.email,)}
        officer_mail = by_recipient[(case_officer.email,)].body
        for case in (first, second):
            assert f"- {case.foreign_national.v_number} {case.foreign_national.surname}: " in officer_mail
            assert case_link(case) in officer_mail
        assert unassigned.foreign_national.v_number not in officer_mail
        assert "(art. 62 Vw 2000)" in officer_mail
        # The due moment in Amsterdam time (22:00 UTC the evening before), months named in Dutch.
        assert officer_mail.count("uiterlijk 30 maart 2026") == 2
        lead_mail = by_recipient[(team_lead.email,)].body
        assert case_link(unassigned) in lead_mail
        assert first.foreign_national.v_number not in lead_mail
        assert set(Notification.objects.values_list("digested_at", flat=True)) == {DIGEST_AT}

    def test_the_mail_is_dutch_and_names_each_case_its_deadline_and_a_link(self, case_officer):
        first, second = due_case(case_officer), due_case(case_officer)
        deadlines_sweep(now=DUE_AT)

        notifications_send_digests(now=DIGEST_AT)

        (message,) = mail.outbox
        assert message.subject == "Regie: 2 meldingen over termijnen"
        lines = [
            f"- {case.foreign_national.v_number} {case.foreign_national.surname}: Vertrektermijn (art. 62 Vw 2000)"
            " — Termijn verstreken, uiterlijk 30 maart 2026 (1 dag verstreken)\n"
            "  28 dagen na 2 maart 2026 = 30 maart 2026. "
            "Dat is een maandag en geen feestdag: de Algemene termijnenwet verschuift niets.\n"
            f"  {case_link(case)}\n"
            for case in (first, second)
        ]
        assert message.body == (
            "Beste Sanne de Vries,\n\nDeze termijnen vragen uw aandacht:\n\n"
            + "\n".join(lines)
            + "\nDit bericht is verstuurd door Regie. Beantwoord dit bericht niet.\n\n"
        )

    def test_a_user_who_chose_english_gets_the_whole_mail_in_english_explanations_included(self):
        officer = CaseOfficerFactory(language="en")
        case = due_case(officer)
        deadlines_sweep(now=DUE_AT)

        notifications_send_digests(now=DIGEST_AT)

        (message,) = mail.outbox
        assert message.subject == "Regie: 1 notification about deadlines"
        assert message.body == (
            f"Dear {officer.get_full_name()},\n\nThese deadlines need your attention:\n\n"
            f"- {case.foreign_national.v_number} {case.foreign_national.surname}: Departure term (art. 62 Vw 2000)"
            " — Deadline passed, due 30 March 2026 (1 day overdue)\n"
            "  28 days after 2 March 2026 = 30 March 2026. "
            "That is a Monday and not a public holiday: the Algemene termijnenwet moves nothing.\n"
            f"  {case_link(case)}\n"
            "\nThis message was sent by Regie. Do not reply to it.\n\n"
        )

    def test_each_recipient_reads_their_own_language_in_one_run(self, case_officer):
        english = CaseOfficerFactory(language="en", team=case_officer.team)
        due_case(case_officer)
        due_case(english)
        deadlines_sweep(now=DUE_AT)

        notifications_send_digests(now=DIGEST_AT)

        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert by_recipient[english.email].subject == "Regie: 1 notification about deadlines"
        assert by_recipient[case_officer.email].subject == "Regie: 1 melding over termijnen"

    def test_the_internal_target_is_named_beside_the_legal_last_day_art_94_vw_2000(self, case_officer):
        enforcer = EnforcementOfficerFactory(team=case_officer.team)
        case = CaseFactory(in_progress=True, case_officer=case_officer)
        deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            start=dt.date(2026, 1, 31),
            actor=enforcer,
            now=amsterdam(2026, 2, 27, 9, 0),
        )
        deadlines_sweep(now=amsterdam(2026, 3, 1, 0, 0))

        notifications_send_digests(now=amsterdam(2026, 3, 1, 7, 0))

        body = mail.outbox[0].body
        assert (
            "Kennisgeving van de bewaring aan de rechtbank (art. 94 lid 1 Vw 2000) — Interne streefdatum bereikt, "
            "uiterlijk 2 maart 2026, interne streefdatum 28 februari 2026 (nog 1 dag)"
        ) in body

    def test_the_subject_of_a_single_notification_is_singular(self, case_officer):
        due_case(case_officer)
        deadlines_sweep(now=DUE_AT)

        notifications_send_digests(now=DIGEST_AT)

        assert mail.outbox[0].subject == "Regie: 1 melding over termijnen"

    def test_a_second_run_sends_nothing(self, case_officer):
        due_case(case_officer)
        deadlines_sweep(now=DUE_AT)
        notifications_send_digests(now=DIGEST_AT)

        assert notifications_send_digests(now=DIGEST_AT + dt.timedelta(days=1)) == 0
        assert len(mail.outbox) == 1

    def test_notifications_made_after_its_moment_wait_for_the_next_digest(self, case_officer):
        due_case(case_officer)
        deadlines_sweep(now=DUE_AT)
        action = DeadlineFactory(
            case=CaseFactory(in_progress=True, case_officer=case_officer),
            kind="agreed_action",
            start=dt.date(2026, 4, 2),
        )
        deadlines_sweep(now=amsterdam(2026, 4, 1, 0, 0))  # the agreed action's reminder

        assert notifications_send_digests(now=DIGEST_AT) == 1
        assert Notification.objects.get(deadline=action).digested_at is None
        next_day = DIGEST_AT + dt.timedelta(days=1)
        assert notifications_send_digests(now=next_day) == 1
        assert Notification.objects.get(deadline=action).digested_at == next_day

    def test_a_user_without_an_email_address_gets_no_mail_but_their_notifications_count_as_digested(self):
        officer = CaseOfficerFactory(email="")
        due_case(officer)
        deadlines_sweep(now=DUE_AT)

        assert notifications_send_digests(now=DIGEST_AT) == 0

        assert mail.outbox == []
        assert Notification.objects.get(recipient=officer).digested_at == DIGEST_AT
        assert notifications_send_digests(now=DIGEST_AT + dt.timedelta(days=1)) == 0


class TestUnreadNotifications:
    @pytest.fixture
    def notified(self, case_officer, team_lead):
        """Three notifications of the case officer (reminder, due, due) and one of the team lead."""
        DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer))
        due_case(case_officer)
        due_case(None, team=case_officer.team)
        deadlines_sweep(now=DUE_AT)
        return list(Notification.objects.filter(recipient=case_officer).order_by("id"))

    def test_unread_count_counts_only_the_users_own_unread_notifications(self, notified, case_officer, team_lead):
        assert (unread_count(case_officer), unread_count(team_lead)) == (3, 1)

    def test_marking_all_read_stamps_them_and_leaves_other_users_alone(self, notified, case_officer, team_lead):
        assert notifications_mark_read(user=case_officer, now=DIGEST_AT) == 3

        assert (unread_count(case_officer), unread_count(team_lead)) == (0, 1)
        assert set(Notification.objects.filter(recipient=case_officer).values_list("read_at", flat=True)) == {DIGEST_AT}
        assert notifications_mark_read(user=case_officer, now=DIGEST_AT + dt.timedelta(hours=1)) == 0

    def test_marking_some_read_touches_only_those_of_the_user(self, notified, case_officer, team_lead):
        leads = Notification.objects.get(recipient=team_lead)

        marked = notifications_mark_read(user=case_officer, now=DIGEST_AT, ids=[notified[0].pk, leads.pk])

        assert marked == 1
        assert (unread_count(case_officer), unread_count(team_lead)) == (2, 1)
        assert Notification.objects.get(pk=leads.pk).read_at is None


WHAT_WAS_DONE = "Aantoonbaar vertrokken op 30-3-2026 (bevestiging IOM)"


class TestDeadlineMarkMet:
    """Marking a deadline met: the user must be allowed to change the case, and a statutory term needs a reason."""

    @pytest.fixture
    def term(self, case_officer):
        return DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer))

    def test_a_statutory_term_is_met_with_what_was_done_on_record(self, term, case_officer):
        deadline_mark_met(deadline=term, actor=case_officer, now=DONE_AT, reason=f"  {WHAT_WAS_DONE} ")

        term.refresh_from_db()
        assert (term.status, term.status_reason, term.closed_by) == (DeadlineStatus.MET, WHAT_WAS_DONE, case_officer)
        met = CaseEvent.objects.get(kind=deadline_events.DEADLINE_MET.code)
        assert (met.data["reason"], met.data["late"]) == (WHAT_WAS_DONE, True)

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_a_statutory_term_without_a_reason_is_refused_and_nothing_is_written(self, term, case_officer, reason):
        events_before, history_before = CaseEvent.objects.count(), term.history.count()

        with pytest.raises(ValidationError) as refused:
            deadline_mark_met(deadline=term, actor=case_officer, now=DONE_AT, reason=reason)

        assert refused.value.error_dict["reason"][0].code == "reason_required"
        term.refresh_from_db()
        assert term.status == DeadlineStatus.OPEN
        assert (CaseEvent.objects.count(), term.history.count()) == (events_before, history_before)

    def test_an_agreed_action_is_met_without_a_reason(self, case_officer):
        action = DeadlineFactory(
            case=CaseFactory(in_progress=True, case_officer=case_officer),
            kind="agreed_action",
            start=dt.date(2026, 3, 20),
        )

        deadline_mark_met(deadline=action, actor=case_officer, now=DONE_AT)

        assert Deadline.objects.get(pk=action.pk).status == DeadlineStatus.MET

    @pytest.mark.parametrize("outsider", [CaseOfficerFactory, EnforcementOfficerFactory])
    def test_a_user_who_may_not_change_the_case_is_refused_and_nothing_changes(self, term, case_officer, outsider):
        events_before = CaseEvent.objects.count()

        with pytest.raises(PermissionDenied):
            deadline_mark_met(deadline=term, actor=outsider(team=case_officer.team), now=DONE_AT, reason=WHAT_WAS_DONE)

        assert Deadline.objects.get(pk=term.pk).status == DeadlineStatus.OPEN
        assert CaseEvent.objects.count() == events_before

    def test_a_deadline_met_already_is_refused_as_no_longer_live(self, term, case_officer):
        deadline_mark_met(deadline=term, actor=case_officer, now=DONE_AT, reason=WHAT_WAS_DONE)

        with pytest.raises(DomainError) as refused:
            deadline_mark_met(deadline=term, actor=case_officer, now=DONE_AT, reason=WHAT_WAS_DONE)

        assert refused.value.code == "deadline_not_live"


class TestWorkItemComplete:
    @pytest.fixture
    def overdue(self, case_officer):
        return DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer), overdue=True)

    def test_marks_the_work_item_done_and_meets_its_deadline(self, overdue, case_officer):
        item = WorkItem.objects.get(deadline=overdue)

        work_item_complete(work_item=item, actor=case_officer, now=DONE_AT, reason=WHAT_WAS_DONE)

        item.refresh_from_db()
        assert (item.done_at, item.done_by) == (DONE_AT, case_officer)
        overdue.refresh_from_db()
        assert (overdue.status, overdue.closed_at, overdue.closed_by) == (DeadlineStatus.MET, DONE_AT, case_officer)
        assert [(e.kind, e.actor) for e in CaseEvent.objects.filter(occurred_at=DONE_AT).order_by("id")] == [
            ("work_item.done", case_officer),
            ("deadline.met", case_officer),
        ]
        assert CaseEvent.objects.get(kind=deadline_events.DEADLINE_MET.code).data["late"] is True
        assert Case.objects.get(pk=overdue.case_id).next_deadline is None

    def test_the_team_lead_may_finish_a_work_item_of_the_team(self, overdue, team_lead):
        work_item_complete(
            work_item=WorkItem.objects.get(deadline=overdue), actor=team_lead, now=DONE_AT, reason=WHAT_WAS_DONE
        )

        assert Deadline.objects.get(pk=overdue.pk).closed_by == team_lead

    @pytest.mark.parametrize("outsider", [CaseOfficerFactory, EnforcementOfficerFactory])
    def test_a_user_who_may_not_edit_the_case_is_refused_and_nothing_changes(self, overdue, case_officer, outsider):
        item = WorkItem.objects.get(deadline=overdue)
        events_before = CaseEvent.objects.count()
        history_before = overdue.history.count()

        with pytest.raises(PermissionDenied):
            work_item_complete(work_item=item, actor=outsider(team=case_officer.team), now=DONE_AT)

        item.refresh_from_db()
        assert (item.done_at, item.done_by) == (None, None)
        assert Deadline.objects.get(pk=overdue.pk).status == DeadlineStatus.OVERDUE
        assert CaseEvent.objects.count() == events_before
        assert overdue.history.count() == history_before

    def test_finishing_the_work_item_of_a_statutory_term_needs_the_same_reason_and_undoes_nothing_half(
        self, overdue, case_officer
    ):
        item = WorkItem.objects.get(deadline=overdue)
        events_before = CaseEvent.objects.count()

        with pytest.raises(ValidationError):
            work_item_complete(work_item=item, actor=case_officer, now=DONE_AT)

        item.refresh_from_db()
        assert item.done_at is None
        assert Deadline.objects.get(pk=overdue.pk).status == DeadlineStatus.OVERDUE
        assert CaseEvent.objects.count() == events_before

    def test_a_work_item_done_already_is_refused(self, overdue, case_officer):
        item = WorkItem.objects.get(deadline=overdue)
        work_item_complete(work_item=item, actor=case_officer, now=DONE_AT, reason=WHAT_WAS_DONE)

        with pytest.raises(DomainError) as refused:
            work_item_complete(work_item=item, actor=case_officer, now=DONE_AT + dt.timedelta(hours=1))

        assert refused.value.code == "already_done"
        assert WorkItem.objects.get(pk=item.pk).done_at == DONE_AT
