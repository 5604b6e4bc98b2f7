"""Deadlines in the browser: the card, the timeline and the lists read in the reader's language, with one date
format, and marking a deadline met asks first (with a reason for a statutory term)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.constants import DeadlineStatus, Responsible
from cases.deadlines import events as deadline_events
from cases.deadlines import registry
from cases.deadlines.engine import deadline_open
from cases.deadlines.rules import DeadlineKind, calendar_term
from cases.deadlines.sweep import deadlines_sweep
from cases.models import CaseEvent, Deadline, WorkItem
from cases.services import departure_term_record
from departures.deadlines import DepartureDeadlineKind
from detention.deadlines import DetentionDeadlineKind
from tests.factories.accounts import CaseOfficerFactory, EnforcementOfficerFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DUE_AT, OPENED_AT, DeadlineFactory, amsterdam

pytestmark = pytest.mark.django_db

NOW = amsterdam(2026, 3, 10, 9, 30)
WHAT_WAS_DONE = "Aantoonbaar vertrokken op 9-3-2026 (bevestiging IOM)"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def case(case_officer):
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=OPENED_AT)
    return case


def case_file(client, case, language=None):
    if language:
        client.cookies["django_language"] = language
    return client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text


def section(page, anchor):
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


class TestTheCaseFileInTheReadersLanguage:
    def test_a_user_who_chose_english_reads_the_explanation_in_english(self, client, case, case_officer):
        client.force_login(case_officer)

        card = section(case_file(client, case, "en"), "termijnen")

        assert (
            "28 days after 2 March 2026 = 30 March 2026. "
            "That is a Monday and not a public holiday: the Algemene termijnenwet moves nothing."
        ) in card
        assert "dagen na" not in card

    def test_dutch_stays_the_default(self, client, case, case_officer):
        client.force_login(case_officer)
        assert "28 dagen na 2 maart 2026 = 30 maart 2026." in section(case_file(client, case), "termijnen")

    def test_the_timeline_reads_in_english_with_the_explanation_of_that_revision(self, client, case, case_officer):
        client.force_login(case_officer)

        timeline = section(case_file(client, case, "en"), "tijdlijn")

        assert "Deadline opened" in timeline
        assert (
            "Departure term (art. 62 Vw 2000), due 30 March 2026. 28 days after 2 March 2026 = 30 March 2026."
        ) in timeline


class TestOneDateForADeadline:
    def test_the_timeline_shows_the_last_day_of_a_day_term_as_the_card_does_not_the_midnight_after_it(
        self, client, case, case_officer
    ):
        client.force_login(case_officer)
        page = case_file(client, case)

        assert "Vertrektermijn — maandag 30 maart 2026" in section(page, "termijnen")
        timeline = section(page, "tijdlijn")
        assert "Vertrektermijn (art. 62 Vw 2000), uiterlijk 30 maart 2026" in timeline
        assert "31 maart 2026 00:00" not in timeline

    def test_an_hour_term_shows_its_moment_in_both(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        deadline_open(
            case=case,
            kind=DepartureDeadlineKind.FLIGHT_NOTICE,
            start=amsterdam(2026, 3, 16, 9, 30),
            actor=case_officer,
            now=NOW,
        )
        client.force_login(case_officer)
        page = case_file(client, case)

        assert "Aankondiging vlucht — zaterdag 14 maart 2026 09:30" in section(page, "termijnen")
        assert "uiterlijk 14 maart 2026 09:30" in section(page, "tijdlijn")

    def test_an_event_written_before_the_last_day_was_stored_is_read_back_as_the_last_day(self, case):
        opened = CaseEvent.objects.get(case=case, kind=deadline_events.DEADLINE_OPENED.code)
        legacy = {"kind": "departure_term", "due_at": "2026-03-30T22:00:00+00:00", "legal_basis": "art. 62 Vw 2000"}
        assert (
            deadline_events.DEADLINE_OPENED.describe(legacy)
            == "Vertrektermijn (art. 62 Vw 2000), uiterlijk 30 maart 2026"
        )
        assert opened.data["due_date"] == "2026-03-30"

    def test_the_court_notice_card_shows_the_internal_target_and_the_legal_last_day_art_94_vw_2000(
        self, client, case_officer
    ):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            start=dt.date(2026, 3, 6),
            actor=case_officer,
            now=NOW,
        )
        client.force_login(case_officer)
        page = case_file(client, case)

        card = section(page, "termijnen")
        assert "Kennisgeving van de bewaring aan de rechtbank — dinsdag 7 april 2026" in card
        assert (
            "Interne streefdatum: vrijdag 3 april 2026</strong> · Wettelijke laatste dag: dinsdag 7 april 2026" in card
        )
        assert "ECLI:NL:RBSGR:2001:AD5467" in card
        assert "uiterlijk 7 april 2026 (interne streefdatum 3 april 2026)" in section(page, "tijdlijn")


class TestMarkDeadlineMet:
    def url(self, deadline):
        return reverse("cases:deadline_met", kwargs={"pk": deadline.pk})

    def test_the_card_links_to_a_confirmation_page_instead_of_acting_at_once(self, client, case, case_officer):
        deadline = Deadline.objects.get(case=case)
        client.force_login(case_officer)
        assert f'href="{self.url(deadline)}"' in section(case_file(client, case), "termijnen")

        page = client.get(self.url(deadline))

        assert page.status_code == 200
        text = page.text
        assert "Markeren als voldaan: Vertrektermijn" in text
        assert "Er volgen geen herinneringen of escalatie meer" in text
        assert "Dit is een wettelijke termijn: vermeld hieronder wat er is gedaan" in text
        assert "(niet verplicht)" not in text
        assert Deadline.objects.get(pk=deadline.pk).status == DeadlineStatus.OPEN

    def test_posting_a_statutory_term_without_a_reason_shows_the_error_and_writes_nothing(
        self, client, case, case_officer
    ):
        deadline = Deadline.objects.get(case=case)
        events_before = CaseEvent.objects.count()
        client.force_login(case_officer)

        response = client.post(self.url(deadline), {"reason": ""})

        assert response.status_code == 200
        assert "utrecht-form-field--invalid" in response.text
        assert Deadline.objects.get(pk=deadline.pk).status == DeadlineStatus.OPEN
        assert CaseEvent.objects.count() == events_before

    def test_posting_what_was_done_meets_the_term_and_returns_to_the_case_file(self, client, case, case_officer):
        deadline = Deadline.objects.get(case=case)
        client.force_login(case_officer)

        response = client.post(self.url(deadline), {"reason": WHAT_WAS_DONE})

        assert response.status_code == 302
        assert response["Location"].endswith("#termijnen")
        deadline.refresh_from_db()
        assert (deadline.status, deadline.status_reason, deadline.closed_by) == ("met", WHAT_WAS_DONE, case_officer)

    def test_an_agreed_action_asks_for_confirmation_but_the_reason_is_optional(self, client, case_officer):
        action = DeadlineFactory(
            case=CaseFactory(in_progress=True, case_officer=case_officer),
            kind=DeadlineKind.AGREED_ACTION,
            start=dt.date(2026, 3, 20),
        )
        client.force_login(case_officer)
        assert "(niet verplicht)" in client.get(self.url(action)).text

        assert "Grondslag: Afspraak uit vertrekgesprek" in section(case_file(client, action.case), "termijnen")
        assert client.post(self.url(action), {"reason": ""}).status_code == 302
        assert Deadline.objects.get(pk=action.pk).status == DeadlineStatus.MET

    def test_a_deadline_outside_the_scope_is_a_404_and_a_reader_without_the_right_to_change_gets_a_403(
        self, client, case, case_officer
    ):
        deadline = Deadline.objects.get(case=case)
        client.force_login(CaseOfficerFactory())
        assert client.get(self.url(deadline)).status_code == 404
        client.force_login(CaseOfficerFactory(team=case_officer.team))
        assert client.post(self.url(deadline), {"reason": WHAT_WAS_DONE}).status_code == 403
        assert Deadline.objects.get(pk=deadline.pk).status == DeadlineStatus.OPEN

    def test_a_met_deadline_is_not_offered_again(self, client, case, case_officer):
        deadline = Deadline.objects.get(case=case)
        client.force_login(case_officer)
        client.post(self.url(deadline), {"reason": WHAT_WAS_DONE})

        response = client.get(self.url(deadline))

        assert response.status_code == 302
        assert Deadline.objects.get(pk=deadline.pk).closed_at == NOW


class TestWorkItemsGoThroughTheSameConfirmation:
    @pytest.fixture
    def overdue(self, case_officer):
        with time_machine.travel(DUE_AT, tick=False):
            return DeadlineFactory(case=CaseFactory(in_progress=True, case_officer=case_officer), overdue=True)

    def test_the_work_item_links_to_the_confirmation_of_its_deadline(self, client, overdue, case_officer):
        client.force_login(case_officer)
        tasks = section(case_file(client, overdue.case), "taken")
        assert f'href="{reverse("cases:deadline_met", kwargs={"pk": overdue.pk})}"' in tasks
        assert "Markeren als voldaan" in tasks

    def test_a_stale_done_button_is_sent_to_the_confirmation_and_changes_nothing(self, client, overdue, case_officer):
        item = WorkItem.objects.get(deadline=overdue)
        client.force_login(case_officer)

        response = client.post(reverse("cases:work_item_done", kwargs={"pk": item.pk}))

        assert response["Location"] == reverse("cases:deadline_met", kwargs={"pk": overdue.pk})
        assert WorkItem.objects.get(pk=item.pk).done_at is None


class TestUrgencyInTheLists:
    def test_the_overdue_list_says_verstreken_with_the_days_and_keeps_dates_on_one_line(self, client, team_lead):
        case = CaseFactory(in_progress=True, team=team_lead.team)
        DeadlineFactory(case=case, due_now=True)
        deadlines_sweep(now=DUE_AT)

        with time_machine.travel(amsterdam(2026, 4, 9, 9, 0), tick=False):
            client.force_login(team_lead)
            page = client.get(reverse("cases:overdue")).text

        assert '<h1 class="utrecht-heading-1">Verstreken termijnen in mijn team</h1>' in page
        assert '<td class="utrecht-table__cell regie-nowrap">30-3-2026</td>' in page
        assert "10 dagen verstreken" in page
        assert "Verlopen" not in page

    def test_notifications_say_how_near_the_legal_last_day_is(self, client, case_officer):
        case = CaseFactory(in_progress=True, case_officer=case_officer)
        DeadlineFactory(case=case)  # due 30 March: its reminder came on 24 March
        deadlines_sweep(now=amsterdam(2026, 3, 24, 0, 0))

        with time_machine.travel(amsterdam(2026, 3, 25, 9, 0), tick=False):
            client.force_login(case_officer)
            page = client.get(reverse("cases:notifications")).text

        assert "Herinnering" in page
        assert "nog 5 dagen" in page

    def test_the_enforcement_officer_is_told_of_the_internal_target_in_english(self, client, case_officer):
        enforcer = EnforcementOfficerFactory(team=case_officer.team)
        case = CaseFactory(in_progress=True, case_officer=case_officer)
        deadline_open(
            case=case,
            kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE,
            start=dt.date(2026, 3, 6),
            actor=enforcer,
            now=NOW,
        )
        deadlines_sweep(now=amsterdam(2026, 4, 4, 0, 0))

        with time_machine.travel(amsterdam(2026, 4, 4, 9, 0), tick=False):
            client.force_login(enforcer)
            client.cookies["django_language"] = "en"
            page = client.get(reverse("cases:notifications")).text

        assert "Internal target reached" in page
        assert 'due <span class="regie-nowrap">7 April 2026</span>' in page
        assert 'internal target <span class="regie-nowrap">3 April 2026</span>' in page
        assert "3 days left" in page


class TestAKindAnotherAppRegisters:
    """An app above cases registers a rule from its AppConfig.ready(): cases answers for it without a line changed."""

    @pytest.fixture
    def curfew(self):
        registry.register(
            registry.RuleVersion(
                kind="testapp_curfew",
                version="v1",
                label="Meldplicht (testapp)",
                in_force_from=dt.date(2020, 1, 1),
                in_force_until=None,
                legal_basis="art. 57 Vw 2000 (testapp)",
                legal_text="Melden",
                statutory=True,
                atw_applies=False,
                atw_note="geen Atw",
                counting="days",
                params={"days": 7},
                params_from_settings={"days": "TESTAPP_REPORTING_DAYS"},
                responsible=Responsible.CASE_OFFICER,
                remind_before=None,
                task_text="Meldplicht controleren",
                compute=calendar_term("days", param="days", note="working_agreement"),
            )
        )
        yield
        registry.unregister("testapp_curfew")

    def test_its_label_shows_on_the_card_the_timeline_and_in_the_api_and_its_setting_is_read(
        self, client, case_officer, curfew, settings
    ):
        settings.TESTAPP_REPORTING_DAYS = 14
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        deadline = deadline_open(
            case=case, kind="testapp_curfew", start=dt.date(2026, 3, 2), actor=case_officer, now=NOW
        )
        assert (deadline.due_date, deadline.params) == (dt.date(2026, 3, 16), {"days": 14})
        client.force_login(case_officer)

        page = case_file(client, case)

        assert "Meldplicht (testapp) — maandag 16 maart 2026" in section(page, "termijnen")
        assert "Meldplicht (testapp) (art. 57 Vw 2000 (testapp)), uiterlijk 16 maart 2026" in section(page, "tijdlijn")
        rows = client.get(f"/api/v1/cases/{case.pk}/deadlines/").json()
        assert [(row["kind"], row["kind_label"]) for row in rows] == [("testapp_curfew", "Meldplicht (testapp)")]
